import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { Sandbox } from '../harness/sandbox';
import { advance, byId, fails, ok, seed, simAsset, type Seed } from './helpers';

const UNKNOWN = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('Nomad Media batch actions through the engine', () => {
	let sandbox: Sandbox;
	let ids: Seed;
	beforeAll(async () => {
		sandbox = await Sandbox.start();
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	beforeEach(async () => {
		await sandbox.reset();
		ids = await seed(sandbox);
	});

	const batch = (
		batchAction: string,
		assetIds: string | string[],
		extra: Record<string, unknown> = {},
	) => ({
		resource: 'batchAction',
		operation: 'run',
		batchAction,
		assetIds,
		...extra,
	});
	const lastBatchRequest = async () =>
		(await sandbox.journal('nomad'))
			.filter((e) => e.path.startsWith('/api/admin/asset/') && e.method === 'POST')
			.pop()!;

	it('archives several assets and returns one item per asset with its status name and number', async () => {
		const a = ids.files['Projects/Interviews/interview-01.mp4'];
		const b = ids.files['Projects/Interviews/interview-02.mp4'];
		const items = await ok(sandbox, batch('Archive', `${a}, ${b}\n${UNKNOWN}`));
		assert.equal(items.length, 3);
		assert.deepEqual(
			items.map((i) => [i.id, i.isSuccess, i.assetStatusName, i.assetStatusValue]),
			[
				[a, true, 'PendingArchive', 9],
				[b, true, 'PendingArchive', 9],
				[UNKNOWN, false, undefined, undefined],
			],
		);
		assert.match(String(items[2].message), /was not found/);
		assert.equal(items[0].action, 'Archive');
		const request = await lastBatchRequest();
		assert.equal(request.path, '/api/admin/asset/Archive');
		assert.deepEqual((request.body as { targetIds: string[] }).targetIds, [a, b, UNKNOWN]);

		await advance(sandbox, 120);
		const restored = await ok(sandbox, batch('Restore', [a, b]));
		assert.deepEqual(
			restored.map((i) => i.assetStatusName),
			['PendingRestore', 'PendingRestore'],
		);
		assert.deepEqual(
			restored.map((i) => i.assetStatusValue),
			[11, 11],
		);
	});

	it('deletes a folder with everything in it', async () => {
		const items = await ok(sandbox, batch('Delete', ids.folders['Projects/Interviews/Raw']));
		assert.equal(items[0].isSuccess, true);
		assert.equal(items[0].assetStatusName, 'Deleting');
		assert.equal(items[0].assetStatusValue, 13);
		assert.equal(
			(await simAsset(sandbox, ids.files['Projects/Interviews/Raw/raw-01.mov'])).deleted,
			true,
		);
	});

	it('duplicates in place, moves and copies to a destination folder', async () => {
		const logo = ids.files['Projects/logo.png'];
		const [duplicate] = await ok(sandbox, batch('Duplicate', logo));
		assert.equal(
			(await simAsset(sandbox, String(duplicate.newAssetId))).displayName,
			'logo - Copy.png',
		);

		const [moved] = await ok(
			sandbox,
			batch('Move', logo, { destinationFolderId: byId(ids.folders['Empty']) }),
		);
		assert.equal(moved.isSuccess, true);
		assert.equal(moved.assetStatusName, 'Moving');
		assert.equal((await simAsset(sandbox, logo)).parentId, ids.folders['Empty']);
		assert.deepEqual((await lastBatchRequest()).body, {
			targetIds: [logo],
			actionArguments: { destinationFolderAssetId: ids.folders['Empty'] },
		});

		const [copied] = await ok(
			sandbox,
			batch('Copy', ids.folders['Projects/Interviews/Raw'], {
				destinationFolderId: byId(ids.folders['Empty']),
			}),
		);
		const listing = await ok(sandbox, {
			resource: 'asset',
			operation: 'listFolder',
			folderId: byId(String(copied.newAssetId)),
			returnAll: true,
		});
		assert.deepEqual(listing.map((i) => i.title).sort(), ['raw-01.mov', 'raw-02.wav']);
	});

	it('refuses to move a folder into itself (per-asset failure) and a destination that is not a folder (400)', async () => {
		const interviews = ids.folders['Projects/Interviews'];
		const [item] = await ok(
			sandbox,
			batch('Move', interviews, {
				destinationFolderId: byId(ids.folders['Projects/Interviews/Raw']),
			}),
		);
		assert.equal(item.isSuccess, false);
		assert.match(String(item.message), /cannot be moved into itself/);
		const error = await fails(
			sandbox,
			batch('Move', interviews, { destinationFolderId: byId(ids.files['Projects/logo.png']) }),
		);
		assert.match(error.message, /Destination folder '.*' was not found\. \(HTTP 400\)/);
	});

	it('re-indexes and reprocesses (status Creating, 21), with jobs in the history', async () => {
		const id = ids.files['Projects/Interviews/notes.pdf'];
		await ok(sandbox, batch('Index', id));
		const [reprocess] = await ok(sandbox, batch('Reprocess', id));
		assert.equal(reprocess.assetStatusName, 'Creating');
		assert.equal(reprocess.assetStatusValue, 21);
		const jobs = await ok(sandbox, {
			resource: 'asset',
			operation: 'getJobHistory',
			assetId: byId(id),
			returnAll: true,
		});
		assert.deepEqual(
			jobs.map((j) => j.jobType),
			['Index', 'MediaInfo', 'Transcode'],
		);
		await advance(sandbox, 60);
		assert.equal((await simAsset(sandbox, id)).assetStatus, 'Available');
	});

	it('adds and removes tags, sending extra action arguments as given', async () => {
		const id = ids.files['Projects/logo.png'];
		const [added] = await ok(
			sandbox,
			batch('AddTag', id, {
				tagName: 'approved',
				options: { actionArguments: '{"source": "n8n"}' },
			}),
		);
		assert.equal(added.isSuccess, true);
		assert.deepEqual((await lastBatchRequest()).body, {
			targetIds: [id],
			actionArguments: { tagName: 'approved', source: 'n8n' },
		});
		const [detail] = await ok(sandbox, {
			resource: 'asset',
			operation: 'getDetail',
			assetId: byId(id),
		});
		assert.deepEqual(
			(detail.tags as Array<{ description: string }>).map((t) => t.description),
			['approved'],
		);
		const [removed] = await ok(sandbox, batch('RemoveTag', id, { tagName: 'approved' }));
		assert.equal(removed.isSuccess, true);
		const [again] = await ok(sandbox, batch('RemoveTag', id, { tagName: 'approved' }));
		assert.equal(again.isSuccess, false);
		assert.match(String(again.message), /has no tag 'approved'/);
	});

	it('adds to a collection by name (creating it) and removes by ID', async () => {
		const id = ids.files['Projects/Interviews/notes.pdf'];
		await ok(sandbox, batch('AddCollection', id, { collection: 'Press Kit' }));
		const collections = await sandbox.sim<Array<{ id: string; name: string; assetIds: string[] }>>(
			'nomad',
			'GET',
			'/collections',
		);
		const press = collections.find((c) => c.name === 'Press Kit')!;
		assert.deepEqual(press.assetIds, [id]);
		const [removed] = await ok(sandbox, batch('RemoveCollection', id, { collection: press.id }));
		assert.equal(removed.isSuccess, true);
		assert.deepEqual((await lastBatchRequest()).body, {
			targetIds: [id],
			actionArguments: { collectionId: press.id },
		});
	});

	it('fails for an unknown collection ID (400) and an action name the DAM does not know (400)', async () => {
		const id = ids.files['Projects/logo.png'];
		const collection = await fails(sandbox, batch('RemoveCollection', id, { collection: UNKNOWN }));
		assert.match(collection.message, /Collection '.*' was not found\. \(HTTP 400\)/);
		const action = await fails(sandbox, batch('custom', id, { customAction: 'Explode' }));
		assert.match(action.message, /'Explode' is not a valid batch action\. \(HTTP 400\)/);
		const invalid = await fails(sandbox, batch('custom', id, { customAction: '../asset' }));
		assert.match(invalid.message, /"..\/asset" is not a batch action name/);
	});

	it('refuses asset IDs that are not IDs, and reports 403 for a user without write permission', async () => {
		const invalid = await fails(sandbox, batch('Delete', 'logo.png, 42'));
		assert.match(
			invalid.message,
			/"Asset IDs" contains values that are not a Nomad Media ID: logo\.png, 42/,
		);
		const forbidden = await fails(sandbox, batch('Delete', ids.files['Projects/logo.png']), {
			creds: { username: 'viewer@example.com', password: 'Viewer-Pass-1' },
		});
		assert.equal(forbidden.httpCode, '403');
	});

	it('takes the asset IDs as an array from an expression', async () => {
		const items = await ok(sandbox, batch('Index', '={{ $json.ids }}'), {
			input: [
				{
					json: {
						ids: [ids.files['Projects/logo.png'], ids.files['Projects/Interviews/notes.pdf']],
					},
				},
			],
		});
		assert.equal(items.length, 2);
		assert.ok(items.every((i) => i.isSuccess === true));
	});
});
