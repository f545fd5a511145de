import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { LoadOptionsContext } from 'n8n-core';
import type { INode, INodeParameters, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { Tenovos } from '../../nodes/Tenovos/Tenovos.node';
import { generatedMd5 } from '../fixtures/nodes';
import { initBinaryStore, newCredentialsHelper, nodeTypes, runWorkflow } from '../harness/engine';
import { Sandbox } from '../harness/sandbox';
import { IDS, VOCABULARIES } from '../sandbox/tenovos/data';
import {
	DAM_HEADERS,
	NODE_TYPE,
	binaryFile,
	byId,
	createParameters,
	tenovos,
	tenovosCredentials,
} from './helpers';

interface SimVersion {
	objectId: string;
	fileId: string;
	filename: string;
	deleted: boolean;
	metadata: Array<{ metadataDefinitionId: string; metadataDefinitionValue?: unknown }>;
	securityTemplateIds: string[];
	content?: { size: number; md5: string };
}

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const vocab = (vocabularyId: string, name: string) =>
	VOCABULARIES[vocabularyId].values.find((v) => v.valueName === name)!.valueId;

describe('Tenovos asset operations through the engine', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await Sandbox.start();
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	beforeEach(async () => {
		await sandbox.reset();
	});

	const credentials = () => tenovosCredentials(sandbox);
	const state = async () =>
		(await sandbox.sim<{ versions: SimVersion[] }>('tenovos', 'GET', '/state')).versions;
	const seed = async (count: number, prefix = 'seed', title?: string) =>
		(
			await sandbox.sim<{ objectIds: string[] }>('tenovos', 'POST', '/seed', {
				count,
				prefix,
				title,
			})
		).objectIds;
	const run = async (
		node: ReturnType<typeof tenovos>,
		input?: Array<{ json: Record<string, string> }>,
	) => await runWorkflow([node], { credentials: credentials(), input });
	const damCalls = async (path?: RegExp) =>
		(await sandbox.journal('tenovos')).filter(
			(e) => e.path !== '/auth/token' && (!path || path.test(e.path)),
		);

	it('gets an asset by ID, by link and by file ID', async () => {
		const [objectId] = await seed(1, 'photo', 'Sunset');
		const byObject = await run(tenovos('get', { asset: byId(objectId) }));
		assert.equal(byObject.error, undefined, byObject.error?.message);
		const asset = byObject.output('Tenovos')[0].json;
		assert.equal(asset.objectId, objectId);
		assert.equal(asset.filename, 'photo-0001.jpg');
		assert.deepEqual(asset.metadata, [
			{ metadataDefinitionId: IDS.attrTitle, metadataDefinitionValue: 'Sunset 1' },
		]);

		const byLink = await run(
			tenovos('get', {
				asset: {
					__rl: true,
					mode: 'url',
					value: `https://acme.tenovos.io/#/asset/${objectId}?tab=details`,
				},
			}),
		);
		assert.equal(byLink.error, undefined, byLink.error?.message);
		assert.equal(byLink.output('Tenovos')[0].json.objectId, objectId);

		const byFile = await run(tenovos('get', { asset: byId(String(asset.fileId)) }));
		assert.equal(byFile.output('Tenovos')[0].json.objectId, objectId);
	});

	it('reports an unknown asset with the DAM message (Tenovos answers 403) and a malformed ID without calling it', async () => {
		const unknown = await run(tenovos('get', { asset: byId(UNKNOWN) }));
		assert.ok(unknown.error);
		assert.equal(unknown.error.name, 'NodeApiError');
		assert.equal(unknown.error.message, 'Tenovos: Asset not found (HTTP 403)');
		assert.equal(unknown.error.httpCode, '403');

		await sandbox.reset();
		// The editor refuses a malformed ID typed in; one that comes from an expression reaches the node.
		const malformed = await run(tenovos('get', { asset: byId('={{ $json.id }}') }), [
			{ json: { id: 'not-an-id' } },
		]);
		assert.ok(malformed.error);
		assert.equal(malformed.error.name, 'NodeOperationError');
		assert.equal(
			malformed.error.message,
			'The "Asset" parameter must be a Tenovos ID (a UUID such as 3b9d4cc3-b5be-481e-8ce1-d5ba00a1245b), got "not-an-id"',
		);
		assert.equal((await sandbox.journal('tenovos')).length, 0);
	});

	it('goes on with an error item under Continue On Fail', async () => {
		const [objectId] = await seed(1);
		const result = await runWorkflow(
			[tenovos('get', { asset: byId('={{ $json.id }}') }, { continueOnFail: true })],
			{
				credentials: credentials(),
				input: [{ json: { id: UNKNOWN } }, { json: { id: objectId } }],
			},
		);
		assert.equal(result.error, undefined);
		const [failed, found] = result.output('Tenovos');
		assert.equal(failed.json.error, 'Tenovos: Asset not found (HTTP 403)');
		assert.deepEqual(failed.pairedItem, { item: 0 });
		assert.equal(found.json.objectId, objectId);
		assert.deepEqual(found.pairedItem, { item: 1 });
	});

	it('searches with Return All across offset pages of 50 and with a Limit in one request', async () => {
		await seed(120);
		const all = await run(
			tenovos('search', { returnAll: true, options: { sortBy: 'filename', sortOrder: 'asc' } }),
		);
		assert.equal(all.error, undefined, all.error?.message);
		const items = all.output('Tenovos');
		assert.equal(items.length, 120);
		assert.equal(items[0].json.filename, 'seed-0001.jpg');
		assert.equal(items[119].json.filename, 'seed-0120.jpg');
		assert.equal(new Set(items.map((i) => i.json.objectId)).size, 120, 'no asset twice');
		const pages = (await damCalls(/^\/search\/keyword$/)).map(
			(e) => e.body as { from: number; limit: number; searchTerm: string[] },
		);
		assert.deepEqual(
			pages.map((p) => [p.from, p.limit]),
			[
				[0, 50],
				[50, 50],
				[100, 50],
			],
		);
		assert.deepEqual(pages[0].searchTerm, ['*']);

		await sandbox.reset();
		await seed(30);
		const limited = await run(tenovos('search', { returnAll: false, limit: 7 }));
		assert.equal(limited.output('Tenovos').length, 7);
		const limitedPages = (await damCalls(/^\/search\/keyword$/)).map(
			(e) => e.body as { from: number; limit: number },
		);
		assert.deepEqual(
			limitedPages.map((p) => [p.from, p.limit]),
			[[0, 7]],
		);
	});

	it('searches by file name, with filters, and leaves deleted assets out unless asked', async () => {
		await seed(25, 'beach', 'Summer');
		await seed(5, 'city', 'Winter');
		const byName = await run(
			tenovos('search', {
				searchTerm: 'beach-001*',
				returnAll: true,
				options: { searchIn: 'filename' },
			}),
		);
		assert.equal(byName.error, undefined, byName.error?.message);
		assert.deepEqual(
			byName
				.output('Tenovos')
				.map((i) => i.json.filename)
				.sort(),
			Array.from({ length: 10 }, (_, n) => `beach-00${10 + n}.jpg`),
		);
		const body = (await damCalls(/^\/search\/keyword$/)).pop()!.body as Record<string, unknown>;
		assert.equal(body.keywordSearchField, 'filename');

		const filtered = await run(
			tenovos('search', {
				returnAll: true,
				options: { filters: { filter: [{ attribute: 'Title', value: 'Winter 3' }] } },
			}),
		);
		assert.deepEqual(
			filtered.output('Tenovos').map((i) => i.json.filename),
			['city-0003.jpg'],
		);
		assert.deepEqual(
			((await damCalls(/^\/search\/keyword$/)).pop()!.body as { filters: string[] }).filters,
			['("Title":"Winter 3")'],
		);

		const [first] = (await state()).filter((v) => v.filename === 'city-0001.jpg');
		await run(tenovos('delete', { asset: byId(first.objectId) }));
		const withoutDeleted = await run(
			tenovos('search', {
				searchTerm: 'city*',
				returnAll: true,
				options: { searchIn: 'filename' },
			}),
		);
		assert.equal(withoutDeleted.output('Tenovos').length, 4);
		const withDeleted = await run(
			tenovos('search', {
				searchTerm: 'city*',
				returnAll: true,
				options: { searchIn: 'filename', includeDeleted: true },
			}),
		);
		assert.equal(withDeleted.output('Tenovos').length, 5);
	});

	it('reports an invalid search with the DAM message', async () => {
		const result = await run(
			tenovos('search', { returnAll: true, options: { sortBy: 'no_such_field' } }),
		);
		assert.ok(result.error);
		assert.equal(result.error.message, 'Tenovos: Invalid Search Query (HTTP 400)');
		assert.equal(result.error.httpCode, '400');
	});

	it('creates a metadata-only asset with fields in Tenovos value shapes', async () => {
		const result = await run(
			tenovos('createMetadataOnly', {
				fileName: 'placeholder.psd',
				metadataTemplateId: IDS.templateCorporate,
				securityTemplateIds: [IDS.securityPublic, IDS.securityInternal],
				metadataInput: 'fields',
				metadataFields: {
					field: [
						{ attributeId: IDS.attrTitle, value: 'Spring campaign' },
						{ attributeId: IDS.attrAssetType, value: 'illustration' },
						{ attributeId: IDS.attrKeywords, value: 'Nature, People' },
						{ attributeId: IDS.attrReleaseDate, value: '2025-03-21' },
					],
				},
			}),
		);
		assert.equal(result.error, undefined, result.error?.message);
		const [item] = result.output('Tenovos');
		assert.deepEqual(Object.keys(item.json).sort(), [
			'fileId',
			'filename',
			'objectId',
			'originalFileId',
		]);
		const [version] = await state();
		assert.equal(version.objectId, item.json.objectId);
		assert.equal(version.content, undefined, 'no content');
		assert.deepEqual(version.securityTemplateIds, [IDS.securityPublic, IDS.securityInternal]);
		assert.deepEqual(version.metadata, [
			{ metadataDefinitionId: IDS.attrTitle, metadataDefinitionValue: 'Spring campaign' },
			{
				metadataDefinitionId: IDS.attrAssetType,
				metadataDefinitionValue: { valueId: vocab(IDS.vocabAssetType, 'Illustration') },
			},
			{
				metadataDefinitionId: IDS.attrKeywords,
				metadataDefinitionValue: [
					{ valueId: vocab(IDS.vocabKeywords, 'Nature') },
					{ valueId: vocab(IDS.vocabKeywords, 'People') },
				],
			},
			{ metadataDefinitionId: IDS.attrReleaseDate, metadataDefinitionValue: '03/21/2025' },
		]);
		const templateReads = await damCalls(/^\/metadata\/(template|vocabulary)\//);
		assert.equal(templateReads.length, 3, 'the template and two vocabularies, each read once');
	});

	it('reports the DAM message (403) when a metadata-only asset lacks security templates or uses one not granted', async () => {
		// The editor requires a security template; an expression can still come out empty.
		const missing = await run(
			tenovos('createMetadataOnly', {
				fileName: 'a.jpg',
				metadataTemplateId: IDS.templateCorporate,
				securityTemplateIds: '={{ [] }}',
			}),
		);
		assert.ok(missing.error);
		assert.equal(
			missing.error.message,
			'Tenovos: Invalid Asset: Missing Security Template ID(s) (HTTP 403)',
		);
		const restricted = await run(
			tenovos('createMetadataOnly', {
				fileName: 'a.jpg',
				metadataTemplateId: IDS.templateCorporate,
				securityTemplateIds: [IDS.securityRestricted],
			}),
		);
		assert.equal(restricted.error?.message, 'Tenovos: Invalid security template ID(s) (HTTP 403)');
		const badName = await run(
			tenovos('createMetadataOnly', {
				fileName: 'no-extension',
				metadataTemplateId: IDS.templateCorporate,
				securityTemplateIds: [IDS.securityPublic],
			}),
		);
		assert.equal(badName.error?.message, 'Tenovos: Failed to parse Asset (HTTP 403)');
		assert.equal((await state()).length, 0);
	});

	it('updates metadata from fields, from JSON, and replaces security templates', async () => {
		const [objectId] = await seed(1, 'report', 'Q1');
		const fields = await run(
			tenovos('update', {
				asset: byId(objectId),
				metadataInput: 'fields',
				metadataFields: {
					field: [
						{ attributeId: IDS.attrTitle, value: 'Q1 final' },
						{ attributeId: IDS.attrKeywords, value: 'Product' },
					],
				},
				options: { securityTemplateIds: [IDS.securityInternal] },
			}),
		);
		assert.equal(fields.error, undefined, fields.error?.message);
		assert.deepEqual(fields.output('Tenovos')[0].json, {
			objectId,
			updated: true,
			message: 'Asset update was successful',
			updatedFields: 2,
		});
		let [version] = await state();
		assert.deepEqual(version.securityTemplateIds, [IDS.securityInternal]);
		assert.equal(
			version.metadata.find((m) => m.metadataDefinitionId === IDS.attrTitle)
				?.metadataDefinitionValue,
			'Q1 final',
		);
		const patch = (await damCalls(/^\/asset\//)).find((e) => e.method === 'PATCH');
		assert.deepEqual((patch?.body as { metadata: unknown[] }).metadata[1], {
			metadataDefinitionId: IDS.attrKeywords,
			metadataDefinitionValue: [{ valueId: vocab(IDS.vocabKeywords, 'Product') }],
		});

		const json = await run(
			tenovos('update', {
				asset: byId(objectId),
				metadataInput: 'json',
				metadataJson: JSON.stringify([
					{ metadataDefinitionId: IDS.attrReleaseDate, metadataDefinitionValue: '12/31/2025' },
				]),
			}),
		);
		assert.equal(json.error, undefined, json.error?.message);
		[version] = await state();
		assert.equal(
			version.metadata.find((m) => m.metadataDefinitionId === IDS.attrReleaseDate)
				?.metadataDefinitionValue,
			'12/31/2025',
		);
		assert.equal(version.metadata.length, 3, 'fields merged, not replaced');
	});

	it('fails an update with the DAM message, a bad vocabulary value, or nothing to update', async () => {
		const [objectId] = await seed(1);
		const dam = await run(
			tenovos('update', {
				asset: byId(objectId),
				metadataInput: 'json',
				metadataJson: JSON.stringify([
					{
						metadataDefinitionId: IDS.attrCampaign,
						metadataDefinitionValue: 'Not in this template',
					},
				]),
			}),
		);
		assert.ok(dam.error);
		assert.equal(dam.error.message, 'Tenovos: Invalid fields for metadata template (HTTP 403)');

		const badValue = await run(
			tenovos('update', {
				asset: byId(objectId),
				metadataFields: { field: [{ attributeId: IDS.attrAssetType, value: 'Sculpture' }] },
			}),
		);
		assert.equal(badValue.error?.name, 'NodeOperationError');
		assert.equal(
			badValue.error?.message,
			'"Sculpture" is not a value of metadata field "Asset Type"',
		);
		assert.match(String(badValue.error?.description), /Allowed values: Photo, Illustration, Video/);

		const badJson = await run(
			tenovos('update', {
				asset: byId(objectId),
				metadataInput: 'json',
				metadataJson: '{"oops": 1}',
			}),
		);
		assert.match(String(badJson.error?.message), /Metadata \(JSON\) must be an array/);

		const nothing = await run(tenovos('update', { asset: byId(objectId) }));
		assert.match(String(nothing.error?.message), /Nothing to update/);
		assert.equal(
			(await damCalls()).filter((e) => e.method === 'PATCH').length,
			1,
			'only the first update reached Tenovos',
		);
	});

	it('moves an asset to the recycle bin, and reports an unknown one', async () => {
		const [objectId] = await seed(1);
		const result = await run(tenovos('delete', { asset: byId(objectId) }));
		assert.equal(result.error, undefined, result.error?.message);
		assert.deepEqual(result.output('Tenovos')[0].json, {
			objectId,
			deleted: true,
			message: 'Master Object update was successful',
		});
		const deleteCall = (await damCalls(/\/delete$/))[0];
		assert.deepEqual(deleteCall.body, { action: 'delete', deleteType: 'full' });
		const got = await run(tenovos('get', { asset: byId(objectId) }));
		assert.equal(got.output('Tenovos')[0].json.fileState, 'recycle bin');

		const unknown = await run(tenovos('delete', { asset: byId(UNKNOWN) }));
		assert.equal(unknown.error?.message, 'Tenovos: Asset not found (HTTP 403)');
	});

	it('downloads the original file as a streamed binary, and reports an asset without content', async () => {
		const size = 2 * 1024 * 1024 + 5;
		const result = await runWorkflow(
			[
				binaryFile(size, 77, 'brochure.pdf', 'application/pdf'),
				tenovos('create', createParameters('Brochure'), { name: 'Create' }),
				tenovos(
					'download',
					{ asset: byId('={{ $json.objectId }}'), binaryPropertyName: 'original' },
					{ name: 'Download' },
				),
			],
			{ credentials: credentials() },
		);
		assert.equal(result.error, undefined, result.error?.message);
		const [item] = result.output('Download');
		assert.equal(item.json.filename, 'brochure.pdf');
		const binary = item.binary!.original;
		assert.equal(binary.fileName, 'brochure.pdf');
		assert.equal(binary.mimeType, 'application/pdf');
		assert.ok(binary.id, 'stored in n8n binary store, not inline');
		const path = join(await initBinaryStore(), String(binary.id).replace(/^[^:]+:/, ''));
		const hash = createHash('md5');
		for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
		assert.equal(hash.digest('hex'), await generatedMd5(size, 77));
		const gets = (await sandbox.journal('s3')).filter((e) => e.method === 'GET');
		assert.equal(gets.length, 1);
		for (const header of DAM_HEADERS)
			assert.equal(gets[0].headers[header], undefined, `${header} sent to s3`);

		const [metadataOnly] = await seed(1);
		const empty = await run(tenovos('download', { asset: byId(metadataOnly) }));
		assert.equal(empty.error?.message, 'Tenovos: Asset content not found (HTTP 403)');
	});

	describe("dropdowns and the asset list, through n8n-core's LoadOptionsContext", () => {
		const methods = new Tenovos().methods;
		const context = (parameters: INodeParameters, path = 'parameters.metadataFields') => {
			const helper = newCredentialsHelper(credentials());
			const node: INode = {
				id: 'tenovos',
				name: 'Tenovos',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { resource: 'asset', ...parameters },
				credentials: { tenovosApi: { id: 'tenovosApi', name: 'tenovosApi' } },
			};
			const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
			const additionalData = {
				credentialsHelper: helper,
				restApiUrl: 'http://localhost:5678/rest',
				instanceBaseUrl: 'http://localhost:5678',
				webhookBaseUrl: 'http://localhost:5678/webhook',
				webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
				webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
				formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
				variables: {},
				currentNodeExecutionIndex: 0,
				// What the editor sends along with a dropdown request: the node's current parameters.
				currentNodeParameters: node.parameters,
			} as unknown as IWorkflowExecuteAdditionalData;
			return new LoadOptionsContext(workflow, node, additionalData, path);
		};

		it('lists asset metadata templates (accepting both template shapes) and granted security templates', async () => {
			const wrapped = await methods.loadOptions.getMetadataTemplates.call(
				context({ operation: 'create' }),
			);
			assert.deepEqual(wrapped, [
				{ name: 'Corporate Images', value: IDS.templateCorporate },
				{ name: 'Marketing Video', value: IDS.templateVideo },
			]);
			await sandbox.sim('tenovos', 'POST', '/config', { wrappedTemplates: false });
			assert.deepEqual(
				await methods.loadOptions.getMetadataTemplates.call(context({ operation: 'create' })),
				wrapped,
			);
			const security = await methods.loadOptions.getSecurityTemplates.call(
				context({ operation: 'create' }),
			);
			assert.deepEqual(security, [
				{ name: 'Internal Only', value: IDS.securityInternal },
				{ name: 'Public', value: IDS.securityPublic },
			]);
		});

		it("lists the writable fields of the chosen template, or of the chosen asset's template", async () => {
			const chosen = await methods.loadOptions.getMetadataFields.call(
				context({ operation: 'create', metadataTemplateId: IDS.templateCorporate }),
			);
			assert.deepEqual(
				chosen.map((o) => o.name),
				['Asset Type', 'Keywords', 'Release Date', 'Title'],
				'read-only File Size left out',
			);
			assert.equal(
				chosen.find((o) => o.name === 'Keywords')?.description,
				'General · multi-select list',
			);
			const [objectId] = await seed(1);
			const fromAsset = await methods.loadOptions.getMetadataFields.call(
				context({ operation: 'update', asset: byId(objectId) }),
			);
			assert.deepEqual(fromAsset, chosen);
			const unknownTemplate = methods.loadOptions.getMetadataFields.call(
				context({ operation: 'create', metadataTemplateId: UNKNOWN }),
			);
			await assert.rejects(unknownTemplate, /Metadata Template not found/);
		});

		it('offers no fields, and calls nothing, while the asset or template is not a Tenovos ID', async () => {
			const mark = await sandbox.mark();
			assert.deepEqual(
				await methods.loadOptions.getMetadataFields.call(
					context({ operation: 'update', asset: byId('..') }),
				),
				[],
			);
			assert.deepEqual(
				await methods.loadOptions.getMetadataFields.call(
					context({ operation: 'create', metadataTemplateId: '..' }),
				),
				[],
			);
			assert.deepEqual(
				(await sandbox.journal('tenovos', mark)).filter((e) => e.path !== '/auth/token'),
				[],
				'".." would have read another route',
			);
		});

		it('searches assets by file name for the locator, page by page', async () => {
			await seed(60, 'shoe');
			await seed(3, 'hat');
			const first = await methods.listSearch.searchAssets.call(
				context({ operation: 'get' }, 'parameters.asset'),
				'shoe',
			);
			assert.equal(first.results.length, 50);
			assert.equal(first.paginationToken, '50');
			assert.ok(first.results.every((r) => String(r.name).startsWith('shoe-')));
			const second = await methods.listSearch.searchAssets.call(
				context({ operation: 'get' }, 'parameters.asset'),
				'shoe',
				first.paginationToken,
			);
			assert.equal(second.results.length, 10);
			assert.equal(second.paginationToken, undefined);
			const hats = await methods.listSearch.searchAssets.call(
				context({ operation: 'get' }, 'parameters.asset'),
				'hat',
			);
			assert.deepEqual(hats.results.map((r) => r.name).sort(), [
				'hat-0001.jpg',
				'hat-0002.jpg',
				'hat-0003.jpg',
			]);
		});
	});
});
