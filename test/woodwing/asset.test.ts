import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { BinaryDataService } from 'n8n-core';
import { Container } from '@n8n/di';
import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine';
import { Sandbox } from '../harness/sandbox';
import { byId, credentials, seedAsset, setConfig, simAsset, wwNode } from './helpers';

async function binaryBytes(binary: IBinaryData): Promise<Buffer> {
	const service = Container.get(BinaryDataService);
	if (binary.id) return await service.getAsBuffer(binary);
	return Buffer.from(binary.data, 'base64');
}

describe('WoodWing Assets: asset operations through the engine', () => {
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

	const run = async (
		operation: string,
		parameters: Record<string, unknown>,
		options: { continueOnFail?: boolean; session?: boolean } = {},
	) =>
		await runWorkflow(
			[wwNode(operation, parameters as never, { continueOnFail: options.continueOnFail })],
			{
				credentials: credentials(sandbox, options.session ? { loginStyle: 'sessionLogin' } : {}),
			},
		);

	describe('search', () => {
		beforeEach(async () => {
			await sandbox.sim('woodwing', 'POST', '/assets/bulk', {
				count: 230,
				folderPath: '/Demo Zone/Bulk',
				prefix: 'bulk',
				metadata: { status: 'Draft' },
			});
			await seedAsset(sandbox, {
				assetPath: '/Demo Zone/Images/beach.jpg',
				content: 'jpg',
				metadata: { status: 'Production', tags: 'beach,sun', description: 'A sunny beach' },
			});
			await seedAsset(sandbox, {
				assetPath: '/Other/forest.jpg',
				content: 'jpg',
				metadata: { status: 'Production', tags: 'forest' },
			});
		});

		it('finds assets by query with the metadata asked for', async () => {
			const result = await run('search', {
				query: 'status:Production tags:beach',
				options: { metadataToReturn: 'filename, status ,tags' },
			});
			assert.equal(result.error, undefined, result.error?.message);
			const items = result.output('WoodWing');
			assert.equal(items.length, 1);
			assert.deepEqual(items[0].json.metadata, {
				filename: 'beach.jpg',
				status: 'Production',
				tags: ['beach', 'sun'],
			});
			assert.match(String(items[0].json.id), /^[A-Za-z0-9_-]{22}$/);
			const [request] = await sandbox
				.journal('woodwing')
				.then((j) => j.filter((e) => e.path === '/services/search'));
			assert.equal(request.method, 'GET');
			assert.equal(request.query.metadataToReturn, 'filename,status,tags');
			assert.equal(request.query.num, '50');
		});

		it('pages with start/num up to the limit', async () => {
			const result = await run('search', {
				query: 'ancestorPaths:"/Demo Zone/Bulk"',
				limit: 150,
				options: { sort: 'filename-asc', metadataToReturn: 'filename' },
			});
			assert.equal(result.error, undefined, result.error?.message);
			const names = result
				.output('WoodWing')
				.map((item) => (item.json.metadata as IDataObject).filename);
			assert.equal(names.length, 150);
			assert.equal(names[0], 'bulk-00000.txt');
			assert.equal(names[149], 'bulk-00149.txt');
			const pages = (await sandbox.journal('woodwing')).filter(
				(e) => e.path === '/services/search',
			);
			assert.deepEqual(
				pages.map((p) => [p.query.start, p.query.num]),
				[
					['0', '100'],
					['100', '50'],
				],
			);
		});

		it('returns all results across pages', async () => {
			const result = await run('search', {
				query: '*:*',
				returnAll: true,
				options: { metadataToReturn: 'filename' },
			});
			assert.equal(result.error, undefined, result.error?.message);
			const items = result.output('WoodWing');
			assert.equal(items.length, 232);
			assert.equal(new Set(items.map((i) => i.json.id)).size, 232, 'no duplicates across pages');
			const pages = (await sandbox.journal('woodwing')).filter(
				(e) => e.path === '/services/search',
			);
			assert.deepEqual(
				pages.map((p) => p.query.start),
				['0', '100', '200'],
			);
		});
	});

	it('search: a query the server cannot parse is an error with its message, in both error styles', async () => {
		for (const okOnError of [false, true]) {
			await setConfig(sandbox, { okOnError });
			const result = await run('search', { query: 'status:"Draft' });
			assert.ok(result.error, `okOnError=${okOnError}`);
			assert.equal(result.error.httpCode, '400');
			assert.match(result.error.message, /Cannot parse query 'status:"Draft': unbalanced quotes/);
		}
		const statuses = (await sandbox.journal('woodwing'))
			.filter((e) => e.path === '/services/search')
			.map((e) => e.status);
		assert.deepEqual(statuses, [400, 200]);
	});

	it('search stops at the 10,000-result window and says so', async () => {
		await sandbox.sim('woodwing', 'POST', '/assets/bulk', {
			count: 10_050,
			folderPath: '/Demo Zone/Many',
			prefix: 'many',
		});
		const result = await run('search', {
			query: '*:*',
			returnAll: true,
			options: { metadataToReturn: 'filename' },
		});
		assert.equal(result.error, undefined, result.error?.message);
		assert.equal(result.output('WoodWing').length, 10_000);
		const pages = (await sandbox.journal('woodwing')).filter((e) => e.path === '/services/search');
		assert.equal(pages.length, 100);
		const last = pages[pages.length - 1];
		assert.equal(
			Number(last.query.start) + Number(last.query.num),
			10_000,
			'never asks past the window',
		);
		const hints =
			(result.run.data.resultData.runData.WoodWing[0] as { hints?: Array<{ message: string }> })
				.hints ?? [];
		assert.ok(
			hints.some((hint) => /matched 10050 assets/.test(hint.message)),
			JSON.stringify(hints),
		);
	});

	describe('get', () => {
		it('gets an asset by id, and by a WoodWing file URL', async () => {
			const asset = await seedAsset(sandbox, {
				assetPath: '/Demo Zone/Images/beach.jpg',
				content: 'jpg',
				metadata: { status: 'Draft' },
			});
			const byIdResult = await run('get', { assetId: byId(asset.id) });
			assert.equal(byIdResult.error, undefined, byIdResult.error?.message);
			const [item] = byIdResult.output('WoodWing');
			assert.equal(item.json.id, asset.id);
			assert.equal((item.json.metadata as IDataObject).assetPath, '/Demo Zone/Images/beach.jpg');
			assert.equal((item.json.metadata as IDataObject).status, 'Draft');

			const url = `${sandbox.url('woodwing')}/file/${asset.id}/*/beach.jpg?_=1`;
			const byUrl = await run('get', {
				assetId: { __rl: true, mode: 'url', value: url },
				options: { metadataToReturn: 'filename' },
			});
			assert.equal(byUrl.error, undefined, byUrl.error?.message);
			assert.deepEqual(byUrl.output('WoodWing')[0].json.metadata, { filename: 'beach.jpg' });
		});

		it('an unknown id is a 404 NodeApiError; under Continue On Fail an error item', async () => {
			const result = await run('get', { assetId: byId('NoSuchAssetIdAAAAAAAAA') });
			assert.ok(result.error);
			assert.equal(result.error.name, 'NodeApiError');
			assert.equal(result.error.httpCode, '404');
			assert.match(result.error.message, /Asset not found: NoSuchAssetIdAAAAAAAAA/);
			const tolerant = await run(
				'get',
				{ assetId: byId('NoSuchAssetIdAAAAAAAAA') },
				{ continueOnFail: true },
			);
			assert.equal(tolerant.error, undefined);
			assert.match(String(tolerant.output('WoodWing')[0].json.error), /Asset not found/);
		});

		it('an invalid id is refused before any request, naming the parameter', async () => {
			// A literal value is checked by n8n itself against the locator's validation...
			await assert.rejects(run('get', { assetId: byId('bad id!') }), /node has issues/);
			// ...a value from an expression by the node.
			const result = await run('get', { assetId: byId('={{ "bad id!" }}') });
			assert.ok(result.error);
			assert.equal(result.error.name, 'NodeOperationError');
			assert.match(
				result.error.message,
				/The "Asset" parameter must be a WoodWing Assets ID \(8 to 64 letters, digits, - and _\), got "bad id!"/,
			);
			assert.equal(
				(await sandbox.journal('woodwing')).filter((e) => e.path !== '/services/apilogin').length,
				0,
			);
		});
	});

	describe('update', () => {
		it('changes metadata from fields and JSON, and the change is in the history', async () => {
			for (const session of [false, true]) {
				const asset = await seedAsset(sandbox, {
					assetPath: `/Demo Zone/doc-${session}.txt`,
					content: 'x',
					metadata: { status: 'Draft' },
				});
				const result = await run(
					'update',
					{
						assetId: byId(asset.id),
						metadata: {
							field: [
								{ name: 'status', value: 'Review' },
								{ name: 'description', value: 'first' },
							],
						},
						options: {
							metadataJson: '{"description": "from JSON", "tags": ["a", "b"]}',
							metadataToReturn: 'status,description,tags',
						},
					},
					{ session },
				);
				assert.equal(result.error, undefined, result.error?.message);
				assert.deepEqual(result.output('WoodWing')[0].json.metadata, {
					status: 'Review',
					description: 'from JSON',
					tags: ['a', 'b'],
				});
				const state = await simAsset(sandbox, asset.id);
				assert.equal(state.metadata.status, 'Review');
				assert.equal(state.versions.length, 1, 'metadata only: no new version');
				assert.deepEqual(
					state.history.map((h) => h.action),
					['CREATE', 'METADATA_UPDATE'],
				);
				const request = (await sandbox.journal('woodwing'))
					.filter((e) => e.path === '/services/update')
					.pop()!;
				assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
				if (session)
					assert.ok(request.headers['x-csrf-token'], 'CSRF token sent on the session POST');
			}
		});

		it('reports a missing asset (HTTP status style and 200-with-errorcode style) and bad metadata JSON', async () => {
			const missing = await run('update', {
				assetId: byId('NoSuchAssetIdAAAAAAAAA'),
				metadata: { field: [{ name: 'status', value: 'x' }] },
			});
			assert.equal(missing.error?.httpCode, '404');
			assert.match(missing.error!.message, /Asset not found/);

			await setConfig(sandbox, { okOnError: true });
			const okStyle = await run('update', {
				assetId: byId('NoSuchAssetIdAAAAAAAAA'),
				metadata: { field: [{ name: 'status', value: 'x' }] },
			});
			assert.equal(okStyle.error?.httpCode, '404', 'errorcode in an HTTP 200 body is an error');
			const journal = await sandbox.journal('woodwing');
			assert.equal(
				journal.filter((e) => e.path === '/services/update').pop()!.status,
				200,
				'the server answered 200',
			);

			const badJson = await run('update', {
				assetId: byId('NoSuchAssetIdAAAAAAAAA'),
				options: { metadataJson: '{nope' },
			});
			assert.equal(badJson.error?.name, 'NodeOperationError');
			assert.match(badJson.error!.message, /Metadata \(JSON\)/);
		});
	});

	describe('delete', () => {
		it('deletes an asset', async () => {
			const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/gone.txt', content: 'x' });
			const result = await run('delete', { assetId: byId(asset.id) });
			assert.equal(result.error, undefined, result.error?.message);
			assert.deepEqual(result.output('WoodWing')[0].json, { id: asset.id, deleted: true });
			const list = await sandbox.sim<unknown[]>('woodwing', 'GET', '/assets');
			assert.equal(list.length, 0);
		});

		it('fails when the asset is checked out by someone else, and for an unknown asset', async () => {
			const asset = await seedAsset(sandbox, {
				assetPath: '/Demo Zone/locked.txt',
				content: 'x',
				checkedOutBy: 'jane',
			});
			const locked = await run('delete', { assetId: byId(asset.id) });
			assert.equal(locked.error?.httpCode, '409');
			assert.match(locked.error!.message, /could not be deleted/);
			assert.ok(await simAsset(sandbox, asset.id), 'still there');
			const unknown = await run('delete', { assetId: byId('NoSuchAssetIdAAAAAAAAA') });
			assert.equal(unknown.error?.httpCode, '404');
		});
	});

	describe('download', () => {
		it('streams the original into a binary property with name and type', async () => {
			const content = 'hello woodwing '.repeat(1000);
			const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/notes.txt', content });
			const result = await run('download', { assetId: byId(asset.id), binaryPropertyName: 'file' });
			assert.equal(result.error, undefined, result.error?.message);
			const [item] = result.output('WoodWing');
			assert.equal(item.json.id, asset.id);
			const binary = item.binary!.file;
			assert.equal(binary.fileName, 'notes.txt');
			assert.equal(binary.mimeType, 'text/plain');
			assert.ok(binary.id, 'stored in the binary data store, not inline');
			assert.equal((await binaryBytes(binary)).toString('utf8'), content);
			const request = (await sandbox.journal('woodwing')).find((e) => e.path.startsWith('/file/'))!;
			assert.equal(request.path, `/file/${asset.id}/*/notes.txt`);
			assert.equal(request.query.forceDownload, 'true');
		});

		it('downloads a JSON original intact, and reports a missing asset', async () => {
			const json = JSON.stringify({ errorcode: 'not really', big: 'x'.repeat(100_000) });
			const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/data.json', content: json });
			const result = await run('download', { assetId: byId(asset.id) });
			assert.equal(result.error, undefined, result.error?.message);
			const bytes = await binaryBytes(result.output('WoodWing')[0].binary!.data);
			assert.equal(
				createHash('md5').update(bytes).digest('hex'),
				createHash('md5').update(json).digest('hex'),
			);

			const missing = await run('download', { assetId: byId('NoSuchAssetIdAAAAAAAAA') });
			assert.equal(missing.error?.httpCode, '404');
		});
	});

	describe('get history', () => {
		it('returns versions by default and every action at detail level 5, paged', async () => {
			const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/h.txt', content: 'x' });
			for (let n = 0; n < 3; n++) {
				const update = await run('update', {
					assetId: byId(asset.id),
					metadata: { field: [{ name: 'status', value: `S${n}` }] },
				});
				assert.equal(update.error, undefined, update.error?.message);
			}
			const versions = await run('getHistory', { assetId: byId(asset.id), returnAll: true });
			assert.equal(versions.error, undefined, versions.error?.message);
			assert.deepEqual(
				versions.output('WoodWing').map((i) => (i.json.usageStatsRecord as IDataObject).action),
				['CREATE'],
			);

			const all = await run('getHistory', {
				assetId: byId(asset.id),
				limit: 3,
				options: { detailLevel: 5 },
			});
			const actions = all
				.output('WoodWing')
				.map((i) => (i.json.usageStatsRecord as IDataObject).action);
			assert.deepEqual(actions, ['METADATA_UPDATE', 'METADATA_UPDATE', 'METADATA_UPDATE']);
			const first = all.output('WoodWing')[0].json.usageStatsRecord as IDataObject;
			assert.deepEqual(first.changedMetadata, { status: { oldValue: 'S1', newValue: 'S2' } });

			const selected = await run('getHistory', {
				assetId: byId(asset.id),
				returnAll: true,
				options: { detailLevel: 0, actions: ['CREATE'] },
			});
			assert.equal(selected.output('WoodWing').length, 1);
			const request = (await sandbox.journal('woodwing'))
				.filter((e) => e.path === '/services/asset/history')
				.pop()!;
			assert.equal(request.query.actions, 'CREATE');
			assert.equal(request.query.detailLevel, '0');
		});

		it('with errors sent as HTTP 200, an unknown asset is still a 404 error', async () => {
			await setConfig(sandbox, { okOnError: true });
			const result = await run('getHistory', {
				assetId: byId('AAAAAAAAAAAAAAAAAAAAAA'),
				returnAll: true,
			});
			assert.ok(result.error);
			assert.equal(result.error.httpCode, '404');
			assert.match(result.error.message, /Asset not found: AAAAAAAAAAAAAAAAAAAAAA/);
		});
		it('refuses "Selected Actions" without actions and reports an unknown asset', async () => {
			const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/h.txt', content: 'x' });
			const noActions = await run('getHistory', {
				assetId: byId(asset.id),
				options: { detailLevel: 0 },
			});
			assert.equal(noActions.error?.name, 'NodeOperationError');
			assert.match(noActions.error!.message, /Actions/);
			const missing = await run('getHistory', { assetId: byId('NoSuchAssetIdAAAAAAAAA') });
			assert.equal(missing.error?.httpCode, '404');
		});
	});
});
