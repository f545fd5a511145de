import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { Sandbox } from '../harness/sandbox';
import { byId, fails, ok, run, seed, simAsset, type Seed } from './helpers';

const UNKNOWN = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('Nomad Media ad breaks through the engine', () => {
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

	const video = () => ids.files['Projects/Interviews/interview-01.mp4'];
	const stored = async () =>
		(await simAsset(sandbox, video())).adBreaks as unknown as IDataObject[];
	const create = async (timeCode: string, extra: IDataObject = {}) =>
		await ok(sandbox, {
			resource: 'adBreak',
			operation: 'create',
			assetId: byId(video()),
			timeCode,
			...extra,
		});
	const names = (lookups: unknown) => (lookups as IDataObject[]).map((l) => l.description);

	it('creates ad breaks with tags and labels by name; Get Many lists them (Return All and Limit)', async () => {
		const mark = await sandbox.mark();
		const [preroll] = await create('00:00:00', { tags: 'sports, family', labels: 'opening' });
		assert.equal(preroll.adBreakType, 'Preroll');
		assert.equal(preroll.assetId, video());
		assert.deepEqual(names(preroll.tags), ['sports', 'family']);
		assert.match(String((preroll.tags as IDataObject[])[0].id), /^[0-9a-f-]{36}$/);
		const [sent] = (await sandbox.journal('nomad', mark)).filter(
			(e) => e.method === 'POST' && e.path.endsWith('/adbreak'),
		);
		assert.deepEqual(sent.body, {
			timeCode: '00:00:00',
			tags: [{ description: 'sports' }, { description: 'family' }],
			labels: [{ description: 'opening' }],
		});
		await create('00:05:00;00');
		const all = await ok(sandbox, {
			resource: 'adBreak',
			operation: 'getMany',
			assetId: byId(video()),
			returnAll: true,
		});
		assert.deepEqual(
			all.map((b) => `${String(b.timeCode)} ${String(b.adBreakType)}`),
			['00:00:00 Preroll', '00:05:00;00 Midroll'],
		);
		const one = await ok(sandbox, {
			resource: 'adBreak',
			operation: 'getMany',
			assetId: byId(video()),
			returnAll: false,
			limit: 1,
		});
		assert.equal(one.length, 1);
	});

	it('updates the time code and keeps the tags and labels it was not told to change', async () => {
		const [created] = await create('00:01:00', { tags: 'news', labels: 'break' });
		const [updated] = await ok(sandbox, {
			resource: 'adBreak',
			operation: 'update',
			assetId: byId(video()),
			adBreakId: created.id,
			updateFields: { timeCode: '00:02:00', labels: 'scene change' },
		});
		assert.equal(updated.id, created.id);
		assert.equal(updated.timeCode, '00:02:00');
		assert.deepEqual(names(updated.tags), ['news'], 'kept');
		assert.deepEqual(names(updated.labels), ['scene change']);
		const [kept] = await stored();
		assert.equal(kept.timeCode, '00:02:00');
	});

	it('deletes an ad break', async () => {
		const [created] = await create('00:01:00');
		assert.deepEqual(
			await ok(sandbox, {
				resource: 'adBreak',
				operation: 'delete',
				assetId: byId(video()),
				adBreakId: created.id,
			}),
			[{ id: created.id, assetId: video(), deleted: true }],
		);
		assert.deepEqual(await stored(), []);
	});

	it("fails with the DAM's message and status: an unknown asset (404), a folder (400), an unknown ad break (404)", async () => {
		const unknownAsset = await fails(sandbox, {
			resource: 'adBreak',
			operation: 'getMany',
			assetId: byId(UNKNOWN),
			returnAll: true,
		});
		assert.match(
			unknownAsset.message,
			new RegExp(`Asset '${UNKNOWN}' was not found\\. \\(HTTP 404\\)$`),
		);
		assert.equal(unknownAsset.httpCode, '404');
		const folder = await fails(sandbox, {
			resource: 'adBreak',
			operation: 'create',
			assetId: byId(ids.folders['Projects']),
			timeCode: '00:00:10',
		});
		assert.match(folder.message, /Ad breaks can only be set on file assets\. \(HTTP 400\)$/);
		assert.equal(folder.httpCode, '400');
		const unknownBreak = await fails(sandbox, {
			resource: 'adBreak',
			operation: 'delete',
			assetId: byId(video()),
			adBreakId: UNKNOWN,
		});
		assert.match(unknownBreak.message, new RegExp(`Ad break '${UNKNOWN}' was not found`));
	});

	it('refuses a bad time code and an empty update, naming the parameter, before any request', async () => {
		const mark = await sandbox.mark();
		const bad = await fails(sandbox, {
			resource: 'adBreak',
			operation: 'create',
			assetId: byId(video()),
			timeCode: '1:00',
		});
		assert.match(bad.message, /^"Time Code" must be a time code/);
		const empty = await fails(sandbox, {
			resource: 'adBreak',
			operation: 'update',
			assetId: byId(video()),
			adBreakId: UNKNOWN,
			updateFields: {},
		});
		assert.match(empty.message, /^Nothing to update/);
		assert.equal((await sandbox.journal('nomad', mark)).length, 0);
	});

	it('continues on fail with an error item for the unknown asset and the ad break for the video', async () => {
		const result = await run(
			sandbox,
			{
				resource: 'adBreak',
				operation: 'create',
				assetId: byId('={{ $json.id }}'),
				timeCode: '00:00:30',
			},
			{ continueOnFail: true, input: [{ json: { id: UNKNOWN } }, { json: { id: video() } }] },
		);
		assert.equal(result.error, undefined);
		const [bad, good] = result.output('Nomad');
		assert.match(String(bad.json.error), /was not found/);
		assert.equal(bad.json.httpCode, '404');
		assert.equal(good.json.timeCode, '00:00:30');
	});
});
