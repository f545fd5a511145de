import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import type { IDataObject } from 'n8n-workflow';

import { generatedMd5 } from '../fixtures/generated';
import { binaryBytes } from '../harness/engine';
import { Sandbox } from '../harness/sandbox';
import { runWorkflowFile } from '../harness/workflowFiles';
import { WoodWingAssets } from '../../nodes/WoodWingAssets/WoodWingAssets.node';
import { seedAsset, simAsset } from './helpers';

/**
 * The fast tier: every operation once, from the workflow a user would import
 * (test/workflows/woodwing/asset.<operation>.json), against the simulator. Small files, no faults.
 */
describe('WoodWing Assets: one workflow per operation', () => {
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

	/** Runs asset.<operation>.json and returns the WoodWing node's output. */
	const run = async (operation: string, tokens: Record<string, string> = {}) => {
		const result = await runWorkflowFile(sandbox, `woodwing/asset.${operation}.json`, tokens);
		assert.equal(result.error, undefined, result.error?.message);
		return result.output('WoodWing Assets');
	};
	const beach = async (extra: IDataObject = {}) =>
		await seedAsset(sandbox, {
			assetPath: '/Demo Zone/Images/beach.jpg',
			content: 'beach bytes',
			metadata: { status: 'Production', tags: 'beach,sun' },
			...extra,
		});
	const metadataOf = (json: IDataObject) => json.metadata as IDataObject;

	it('has a workflow for every operation of the node, and none for an operation it lacks', () => {
		const folder = join(__dirname, '..', '..', '..', 'test', 'workflows', 'woodwing');
		const operations = WoodWingAssets.resources.flatMap((resource) =>
			Object.keys(resource.operations).map((operation) => `${resource.value}.${operation}.json`),
		);
		// Compared as text: under jest the two arrays come from different realms.
		assert.equal(readdirSync(folder).sort().join(' '), operations.sort().join(' '));
	});

	it('search: the assets the query matches, with the metadata asked for', async () => {
		await beach();
		await seedAsset(sandbox, { assetPath: '/Other/forest.jpg', metadata: { tags: 'forest' } });
		const items = await run('search');
		assert.equal(items.length, 1);
		assert.deepEqual(metadataOf(items[0].json), {
			filename: 'beach.jpg',
			status: 'Production',
			tags: ['beach', 'sun'],
		});
	});

	it('get: one asset by ID', async () => {
		const asset = await beach();
		const [item] = await run('get', { ASSET_ID: asset.id });
		assert.equal(item.json.id, asset.id);
		assert.deepEqual(metadataOf(item.json), { filename: 'beach.jpg', status: 'Production' });
	});

	it('create: the file of the HTTP node as a new asset in the folder, with its upload summary', async () => {
		const [item] = await run('create');
		const metadata = metadataOf(item.json);
		assert.equal(metadata.assetPath, '/Demo Zone/Workflows/brochure.pdf');
		assert.equal(metadata.status, 'Draft');
		assert.deepEqual(metadata.tags, ['brochure', 'print']);
		const md5 = await generatedMd5(20_000, 3);
		assert.deepEqual(item.json.upload, {
			fileName: 'brochure.pdf',
			size: 20_000,
			md5,
			method: 'multipart',
			parts: 1,
			partSize: 20_000,
		});
		assert.equal((await simAsset(sandbox, String(item.json.id))).versions[0].md5, md5);
	});

	it('update: metadata from the fields and the JSON option', async () => {
		const asset = await beach({ metadata: { status: 'Draft' } });
		const [item] = await run('update', { ASSET_ID: asset.id });
		assert.deepEqual(metadataOf(item.json), { status: 'Approved', tags: ['beach', 'sun'] });
		assert.equal((await simAsset(sandbox, asset.id)).metadata.status, 'Approved');
	});

	it('delete: the asset is gone', async () => {
		const asset = await beach();
		const [item] = await run('delete', { ASSET_ID: asset.id });
		assert.deepEqual(item.json, { id: asset.id, deleted: true });
		assert.deepEqual(await sandbox.sim('woodwing', 'GET', '/assets'), []);
	});

	it('download: the original in the binary field named, with its name and type', async () => {
		const asset = await beach();
		const [item] = await run('download', { ASSET_ID: asset.id });
		assert.equal(item.json.id, asset.id);
		const file = item.binary!.file;
		assert.equal(file.fileName, 'beach.jpg');
		assert.equal(file.mimeType, 'image/jpeg');
		assert.equal((await binaryBytes(file)).toString(), 'beach bytes');
	});

	it('get history: every action, newest first', async () => {
		const asset = await beach({ checkedOutBy: 'jane' });
		const items = await run('getHistory', { ASSET_ID: asset.id });
		assert.deepEqual(
			items.map((entry) => (entry.json.usageStatsRecord as IDataObject).action),
			['CHECKOUT', 'CREATE'],
		);
	});

	it('check out: locked by the credential’s user', async () => {
		const asset = await beach();
		const [item] = await run('checkOut', { ASSET_ID: asset.id });
		assert.equal(item.json.id, asset.id);
		assert.equal(item.json.checkedOutBy, 'api_user');
		assert.equal(item.json.checkedOutOnClient, 'api');
		assert.ok(Number(item.json.checkedOut) > 0);
		assert.equal((await simAsset(sandbox, asset.id)).checkout?.by, 'api_user');
	});

	it('check in: a new version from the HTTP node, the check-out released', async () => {
		const asset = await beach({ checkedOutBy: 'api_user', checkedOutOnClient: 'api' });
		const [item] = await run('checkIn', { ASSET_ID: asset.id });
		const metadata = metadataOf(item.json);
		assert.equal(metadata.versionNumber, 2);
		assert.equal(metadata.status, 'Review');
		assert.equal(metadata.checkedOutBy, undefined);
		const md5 = await generatedMd5(30_000, 5);
		assert.equal((item.json.upload as IDataObject).md5, md5);
		const state = await simAsset(sandbox, asset.id);
		assert.equal(state.versions[1].md5, md5);
		assert.equal(state.checkout, null);
	});

	it('undo check-out: released without a new version', async () => {
		const asset = await beach({ checkedOutBy: 'api_user', checkedOutOnClient: 'api' });
		const [item] = await run('undoCheckOut', { ASSET_ID: asset.id });
		assert.deepEqual(item.json, { id: asset.id, success: true });
		const state = await simAsset(sandbox, asset.id);
		assert.equal(state.checkout, null);
		assert.equal(state.versions.length, 1);
	});
});
