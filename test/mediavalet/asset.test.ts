import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine';
import type { Sandbox } from '../harness/sandbox';
import {
	CAMPAIGNS,
	MARKETING,
	MODEL_ATTRIBUTE,
	PHOTOGRAPHER_ATTRIBUTE,
	PRODUCTS,
	VIEWER,
} from '../sandbox/mediavalet/seed';
import {
	assetState,
	byId,
	mv,
	mvCredentials,
	seedAsset,
	seedAssets,
	startSandbox,
	stopSandbox,
} from './helpers';

async function binaryMd5(binary: IBinaryData): Promise<{ md5: string; size: number }> {
	const service = Container.get(BinaryDataService);
	const stream = await service.getAsStream(binary.id!);
	const hash = createHash('md5');
	let size = 0;
	for await (const chunk of stream) {
		hash.update(chunk as Buffer);
		size += (chunk as Buffer).length;
	}
	return { md5: hash.digest('hex'), size };
}

describe('MediaValet assets through the engine', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => {
		await stopSandbox(sandbox);
	});
	beforeEach(async () => {
		await sandbox.reset();
	});
	const credentials = () => mvCredentials(sandbox);

	it('get: returns the asset without signed media URLs unless asked, by ID or by URL', async () => {
		const asset = await seedAsset(sandbox, {
			title: 'Hero',
			fileName: 'hero.jpg',
			content: 'jpeg bytes',
		});
		const result = await runWorkflow([mv('asset', 'get', { assetId: byId(asset.id) })], {
			credentials: credentials(),
		});
		assert.equal(result.error, undefined, result.error?.message);
		const [item] = result.output('MediaValet');
		assert.equal(item.json.id, asset.id);
		assert.equal(item.json.title, 'Hero');
		assert.equal((item.json.file as { md5: string }).md5, asset.md5);
		const media = item.json.media as Record<string, unknown>;
		assert.equal(media.type, 'Image');
		assert.equal(media.original, undefined, 'signed URL left out');
		assert.doesNotMatch(JSON.stringify(item.json), /sig=/);

		const withUrls = await runWorkflow(
			[
				mv('asset', 'get', {
					assetId: {
						__rl: true,
						mode: 'url',
						value: `https://library.mediavalet.com/assets/${asset.id}?view=details`,
					},
					options: { includeMediaUrls: true },
				}),
			],
			{ credentials: credentials() },
		);
		assert.equal(withUrls.error, undefined, withUrls.error?.message);
		assert.match(
			String((withUrls.output('MediaValet')[0].json.media as Record<string, unknown>).original),
			/sig=/,
		);
	});

	it('get: an unknown asset is a 404 NodeApiError; a malformed ID names the parameter', async () => {
		const missing = await runWorkflow(
			[mv('asset', 'get', { assetId: byId('3b9d4cc3-b5be-481e-8ce1-d5ba00a1245b') })],
			{ credentials: credentials() },
		);
		assert.ok(missing.error);
		assert.equal(missing.error.name, 'NodeApiError');
		assert.equal(missing.error.httpCode, '404');
		assert.match(
			missing.error.message,
			/MediaValet: Asset 3b9d4cc3-b5be-481e-8ce1-d5ba00a1245b was not found/,
		);

		// The ID mode's validation stops the workflow before it runs (as the editor would)...
		await assert.rejects(
			runWorkflow([mv('asset', 'get', { assetId: byId('not-an-id') })], {
				credentials: credentials(),
			}),
			/Not a valid MediaValet asset ID/,
		);
		// ...and a value from the list mode (or an expression) is checked by the node.
		const malformed = await runWorkflow(
			[mv('asset', 'get', { assetId: { __rl: true, mode: 'list', value: 'not-an-id' } })],
			{
				credentials: credentials(),
			},
		);
		assert.ok(malformed.error);
		assert.equal(malformed.error.name, 'NodeOperationError');
		assert.match(malformed.error.message, /"Asset" parameter must be a MediaValet asset ID/);
		assert.equal(
			(await sandbox.journal('mediavalet')).filter((e) => e.path.startsWith('/assets')).length,
			1,
			'no request for the malformed ID',
		);
	});

	it('get many: pages with count/offset for Return All, stops at Limit, and filters', async () => {
		await seedAssets(sandbox, {
			count: 130,
			title: 'Sunset',
			fileName: 'sunset.jpg',
			categories: [CAMPAIGNS],
		});
		await seedAssets(sandbox, {
			count: 5,
			title: 'Brochure',
			fileName: 'brochure.pdf',
			categories: [PRODUCTS],
		});

		const all = await runWorkflow([mv('asset', 'getAll', { returnAll: true })], {
			credentials: credentials(),
		});
		assert.equal(all.error, undefined, all.error?.message);
		assert.equal(all.output('MediaValet').length, 135);
		assert.equal(
			new Set(all.output('MediaValet').map((i) => i.json.id)).size,
			135,
			'no duplicates across pages',
		);
		const pages = (await sandbox.journal('mediavalet')).filter((e) => e.path === '/assets');
		assert.deepEqual(
			pages.map((e) => [e.query.offset, e.query.count]),
			[
				['0', '100'],
				['100', '100'],
			],
		);

		await sandbox.call('DELETE', '/journal');
		const limited = await runWorkflow([mv('asset', 'getAll', { searchText: 'sunset', limit: 7 })], {
			credentials: credentials(),
		});
		assert.equal(limited.output('MediaValet').length, 7);
		const [request] = (await sandbox.journal('mediavalet')).filter((e) => e.path === '/assets');
		assert.equal(request.query.count, '7');
		assert.equal(request.query.search, 'sunset');

		const inMarketing = await runWorkflow(
			[
				mv('asset', 'getAll', {
					returnAll: true,
					filters: { categoryId: MARKETING, assetType: 'Image' },
				}),
			],
			{ credentials: credentials() },
		);
		assert.equal(
			inMarketing.output('MediaValet').length,
			130,
			'the Campaigns subcategory counts as Marketing',
		);
		const documents = await runWorkflow(
			[
				mv('asset', 'getAll', {
					returnAll: true,
					filters: { filterExpression: '(AssetType EQ Document)' },
					options: { sort: 'title A' },
				}),
			],
			{ credentials: credentials() },
		);
		assert.deepEqual(
			documents.output('MediaValet').map((i) => i.json.title),
			['Brochure 1', 'Brochure 2', 'Brochure 3', 'Brochure 4', 'Brochure 5'],
		);
	});

	it('get many: a filter MediaValet refuses comes back as its 400 message; Continue On Fail gives an error item', async () => {
		const result = await runWorkflow(
			[
				mv('asset', 'getAll', {
					returnAll: true,
					filters: { filterExpression: '(Colour EQ Red)' },
				}),
			],
			{
				credentials: credentials(),
			},
		);
		assert.ok(result.error);
		assert.equal(result.error.httpCode, '400');
		assert.match(result.error.message, /filter expression is not valid: unknown field 'Colour'/);

		const soft = await runWorkflow(
			[
				mv(
					'asset',
					'getAll',
					{ returnAll: true, filters: { filterExpression: '(Colour EQ Red)' } },
					{ continueOnFail: true },
				),
			],
			{ credentials: credentials() },
		);
		assert.equal(soft.error, undefined);
		assert.match(String(soft.output('MediaValet')[0].json.error), /unknown field 'Colour'/);
	});

	it('update: title, description, alt text and attributes go as one JSON Patch', async () => {
		const asset = await seedAsset(sandbox, { title: 'Old', fileName: 'photo.jpg' });
		const result = await runWorkflow(
			[
				mv('asset', 'update', {
					assetId: byId(asset.id),
					updateFields: {
						title: 'New title',
						description: 'New description',
						altText: 'A mountain',
					},
					attributes: {
						attribute: [
							{ attributeId: MODEL_ATTRIBUTE, value: 'Model X' },
							{ attributeId: PHOTOGRAPHER_ATTRIBUTE, value: 'Ansel' },
						],
					},
				}),
			],
			{ credentials: credentials() },
		);
		assert.equal(result.error, undefined, result.error?.message);
		const [item] = result.output('MediaValet');
		assert.equal(item.json.title, 'New title');
		assert.equal(item.json.altText, 'A mountain');
		assert.deepEqual(item.json.attributes, {
			[MODEL_ATTRIBUTE]: 'Model X',
			[PHOTOGRAPHER_ATTRIBUTE]: 'Ansel',
		});
		const [patch] = (await sandbox.journal('mediavalet')).filter((e) => e.method === 'PATCH');
		assert.deepEqual(patch.body, [
			{ op: 'replace', path: '/title', value: 'New title' },
			{ op: 'replace', path: '/description', value: 'New description' },
			{ op: 'replace', path: '/altText', value: 'A mountain' },
			{ op: 'replace', path: `/attributes/${MODEL_ATTRIBUTE}`, value: 'Model X' },
			{ op: 'replace', path: `/attributes/${PHOTOGRAPHER_ATTRIBUTE}`, value: 'Ansel' },
		]);
		const state = await assetState(sandbox, asset.id);
		assert.equal(state.description, 'New description');
	});

	it('update: a patch line MediaValet skips is reported; nothing to update is refused before any call', async () => {
		const asset = await seedAsset(sandbox, { title: 'Old' });
		const unknownAttribute = '99999999-9999-4999-8999-999999999999';
		const partial = await runWorkflow(
			[
				mv('asset', 'update', {
					assetId: byId(asset.id),
					updateFields: { title: 'Kept' },
					attributes: { attribute: [{ attributeId: unknownAttribute, value: 'x' }] },
				}),
			],
			{ credentials: credentials() },
		);
		assert.ok(partial.error);
		assert.match(
			partial.error.message,
			new RegExp(`only partly carried out: Attribute '${unknownAttribute}' does not exist`),
		);
		assert.equal((await assetState(sandbox, asset.id)).title, 'Kept', 'the valid line was applied');

		const empty = await runWorkflow([mv('asset', 'update', { assetId: byId(asset.id) })], {
			credentials: credentials(),
		});
		assert.ok(empty.error);
		assert.equal(empty.error.name, 'NodeOperationError');
		assert.match(empty.error.message, /Nothing to update/);
	});

	it('update: a user without the edit permission gets the 403', async () => {
		const asset = await seedAsset(sandbox, { title: 'Old' });
		const result = await runWorkflow(
			[mv('asset', 'update', { assetId: byId(asset.id), updateFields: { title: 'x' } })],
			{
				credentials: mvCredentials(sandbox, {
					username: VIEWER.username,
					password: VIEWER.password,
				}),
			},
		);
		assert.ok(result.error);
		assert.equal(result.error.httpCode, '403');
		assert.equal((await assetState(sandbox, asset.id)).title, 'Old');
	});

	it('delete: to the recycle bin by default, permanently on request; a second delete is a 404', async () => {
		const [soft, hard] = await seedAssets(sandbox, { count: 2, title: 'Doomed' });
		const first = await runWorkflow([mv('asset', 'delete', { assetId: byId(soft.id) })], {
			credentials: credentials(),
		});
		assert.equal(first.error, undefined, first.error?.message);
		assert.deepEqual(first.output('MediaValet')[0].json, {
			id: soft.id,
			deleted: true,
			permanent: false,
		});
		assert.ok((await assetState(sandbox, soft.id)).softDeletedAt);

		const permanent = await runWorkflow(
			[mv('asset', 'delete', { assetId: byId(hard.id), permanent: true })],
			{ credentials: credentials() },
		);
		assert.equal(permanent.error, undefined, permanent.error?.message);
		const [request] = (await sandbox.journal('mediavalet')).filter(
			(e) => e.method === 'DELETE' && e.path.endsWith(hard.id),
		);
		assert.equal(request.query.isHardDelete, 'true');
		await assert.rejects(assetState(sandbox, hard.id), /404/);

		const again = await runWorkflow([mv('asset', 'delete', { assetId: byId(soft.id) })], {
			credentials: credentials(),
		});
		assert.ok(again.error);
		assert.equal(again.error.httpCode, '404');
	});

	it('download: streams the original from its SAS URL into a binary, without DAM headers', async () => {
		const asset = await seedAsset(sandbox, {
			title: 'Spec',
			fileName: 'spec.pdf',
			size: 3 * 1024 * 1024 + 17,
		});
		const result = await runWorkflow(
			[mv('asset', 'download', { assetId: byId(asset.id), binaryPropertyName: 'original' })],
			{
				credentials: credentials(),
			},
		);
		assert.equal(result.error, undefined, result.error?.message);
		const [item] = result.output('MediaValet');
		const binary = item.binary!.original;
		assert.ok(binary.id?.startsWith('filesystem'), 'kept in the filesystem binary store');
		assert.equal(binary.fileName, 'spec.pdf');
		assert.equal(binary.mimeType, 'application/pdf');
		const { md5, size } = await binaryMd5(binary);
		assert.equal(size, asset.size);
		assert.equal(md5, asset.md5);
		const storage = await sandbox.journal('azure-blob');
		assert.equal(storage.length, 1);
		for (const header of ['authorization', 'ocp-apim-subscription-key'])
			assert.equal(storage[0].headers[header], undefined);
	});

	it('download: a storage failure names the step and keeps the SAS token out of the message', async () => {
		const asset = await seedAsset(sandbox, { fileName: 'gone.txt' });
		await sandbox.fault({
			target: 'azure-blob',
			method: 'GET',
			status: 403,
			body: '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Signature not valid in the specified time frame</Message></Error>',
		});
		const result = await runWorkflow([mv('asset', 'download', { assetId: byId(asset.id) })], {
			credentials: credentials(),
		});
		assert.ok(result.error);
		assert.match(
			result.error.message,
			/Download original failed: Signature not valid in the specified time frame \(HTTP 403\)/,
		);
		assert.doesNotMatch(JSON.stringify(result.error) + result.error.message, /sig=/);
	});
});
