import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { Sandbox } from '../harness/sandbox';
import { byId, createAsset, mp, runMp } from './helpers';

describe('Media Pocket history (node operation)', () => {
	let sandbox: Sandbox;
	let assetId: string;
	beforeAll(async () => {
		sandbox = await Sandbox.start();
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	beforeEach(async () => {
		await sandbox.reset();
		await sandbox.sim('mediapocket', 'POST', '/config', { historyPageSize: 3 });
		assetId = await createAsset(sandbox, 'Busy');
		await sandbox.sim('mediapocket', 'POST', `/assets/${assetId}/events`, {
			count: 9,
			types: ['ASSET_EDITED_METADATA', 'ASSET_DOWNLOADED'],
		});
	});

	it('Return All follows next_cursor to the last page', async () => {
		const mark = await sandbox.mark();
		const events = await mp(sandbox, {
			resource: 'history',
			operation: 'getAll',
			assetId: byId(assetId),
			returnAll: true,
		});
		const all = (await sandbox.sim('mediapocket', 'GET', `/assets/${assetId}/history`))
			.events as Array<{ id: number }>;
		assert.equal(events.length, 10);
		assert.deepEqual(
			events.map((item) => item.json.id).sort((a, b) => Number(a) - Number(b)),
			all.map((event) => event.id),
		);
		assert.equal(new Set(events.map((item) => item.json.id)).size, 10, 'no event twice');
		assert.ok(events.every((item) => item.json.asset_id === assetId));
		assert.deepEqual(Object.keys(events[0].json).sort(), [
			'asset_id',
			'created_at',
			'event_targets',
			'event_type',
			'id',
			'updated_at',
			'user_id',
		]);
		const pages = (await sandbox.journal('mediapocket', mark)).map((entry) =>
			entry.path.split('/').pop(),
		);
		assert.equal(pages.length, 4);
		assert.equal(pages[0], '0');
		assert.ok(
			pages.slice(1).every((cursor) => /^\d+$/.test(cursor!) && cursor !== '0'),
			"later pages use the DAM's next_cursor",
		);
	});

	it('Limit stops paging as soon as it has enough', async () => {
		const mark = await sandbox.mark();
		const events = await mp(sandbox, {
			resource: 'history',
			operation: 'getAll',
			assetId: byId(assetId),
			returnAll: false,
			limit: 4,
		});
		assert.equal(events.length, 4);
		assert.equal((await sandbox.journal('mediapocket', mark)).length, 2);
	});

	it("an unknown asset is a 404 and a refused cursor is the DAM's 422, both with the DAM message", async () => {
		const missing = await runMp(sandbox, {
			resource: 'history',
			operation: 'getAll',
			assetId: byId('-1'),
			returnAll: true,
		});
		assert.equal(missing.error?.message, 'Media Pocket: asset not found (HTTP 404)');
		await sandbox.fault({
			target: 'mediapocket',
			path: `/history/[1-9]\\d*$`,
			status: 422,
			body: { error: 'Invalid parameter \'cursor\' value "7": Invalid cursor' },
		});
		const refused = await runMp(sandbox, {
			resource: 'history',
			operation: 'getAll',
			assetId: byId(assetId),
			returnAll: true,
		});
		assert.equal(refused.error?.httpCode, '422');
		assert.equal(
			refused.error?.message,
			'Media Pocket: Invalid parameter \'cursor\' value "7": Invalid cursor (HTTP 422)',
		);
	});

	it("the simulator itself refuses a cursor that is not a number with the seed's exact 422", async () => {
		const response = await fetch(
			`${sandbox.url('mediapocket')}/api/v2/assets/${assetId}/history/test`,
			{ headers: { 'X-API-KEY': 'mp-admin-key' } },
		);
		assert.equal(response.status, 422);
		// Parsed here: objects fetch parses belong to another realm under jest, which deepEqual tells apart.
		assert.deepEqual(JSON.parse(await response.text()), {
			error: 'Invalid parameter \'cursor\' value "test": Invalid cursor',
		});
	});
});
