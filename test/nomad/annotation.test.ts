import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { Sandbox } from '../harness/sandbox';
import { byId, fails, ok, run, seed, simAsset, type Seed } from './helpers';

const UNKNOWN = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('Nomad Media annotations through the engine', () => {
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
		(await simAsset(sandbox, video())).annotations as unknown as IDataObject[];
	const create = async (extra: IDataObject = {}) =>
		await ok(sandbox, {
			resource: 'annotation',
			operation: 'create',
			assetId: byId(video()),
			startTimeCode: '00:00:05;00',
			...extra,
		});

	describe('create', () => {
		it("adds the annotation with its text in the title, summary and description properties, sent in the spec's field names", async () => {
			const mark = await sandbox.mark();
			const [annotation] = await create({
				additionalFields: {
					endTimeCode: '00:00:09;12',
					title: 'Intro',
					description: 'Logo on screen',
				},
				properties: { property: [{ name: 'keyword', value: 'brand' }] },
			});
			assert.match(String(annotation.id), /^[0-9a-f-]{36}$/);
			assert.equal(annotation.assetId, video());
			assert.equal(annotation.startTimeCode, '00:00:05;00');
			assert.equal(annotation.endTimeCode, '00:00:09;12');
			assert.deepEqual(annotation.properties, {
				title: 'Intro',
				description: 'Logo on screen',
				keyword: 'brand',
			});
			const [sent] = (await sandbox.journal('nomad', mark)).filter((e) =>
				e.path.endsWith('/annotation'),
			);
			assert.deepEqual(sent.body, {
				startTimeCode: '00:00:05;00',
				endTimeCode: '00:00:09;12',
				properties: { title: 'Intro', description: 'Logo on screen', keyword: 'brand' },
			});
			assert.deepEqual(
				(await stored()).map((a) => a.id),
				[annotation.id],
			);
		});

		it("fails with the DAM's message and 404 for an unknown asset", async () => {
			const error = await fails(sandbox, {
				resource: 'annotation',
				operation: 'create',
				assetId: byId(UNKNOWN),
				startTimeCode: '00:00:01',
			});
			assert.match(
				error.message,
				new RegExp(`Asset '${UNKNOWN}' was not found\\. \\(HTTP 404\\)$`),
			);
			assert.equal(error.httpCode, '404');
		});

		it('refuses a time code that is not one, naming the parameter, before any request', async () => {
			const mark = await sandbox.mark();
			const error = await fails(sandbox, {
				resource: 'annotation',
				operation: 'create',
				assetId: byId(video()),
				startTimeCode: '5 seconds',
			});
			assert.match(error.message, /^"Start Time Code" must be a time code \(hh:mm:ss/);
			assert.equal((await sandbox.journal('nomad', mark)).length, 0);
		});

		it('continues on fail: an error item for the bad time code, the annotation for the good one', async () => {
			const result = await run(
				sandbox,
				{
					resource: 'annotation',
					operation: 'create',
					assetId: byId(video()),
					startTimeCode: '={{ $json.at }}',
				},
				{ continueOnFail: true, input: [{ json: { at: '99:99' } }, { json: { at: '00:01:00' } }] },
			);
			assert.equal(result.error, undefined);
			const [bad, good] = result.output('Nomad');
			assert.match(String(bad.json.error), /"Start Time Code" must be a time code/);
			assert.deepEqual(bad.pairedItem, { item: 0 });
			assert.equal(good.json.startTimeCode, '00:01:00');
			assert.equal((await stored()).length, 1);
		});
	});

	describe('getMany', () => {
		it('lists every annotation with Return All, and stops at the Limit', async () => {
			for (const at of ['00:00:01', '00:00:02', '00:00:03']) await create({ startTimeCode: at });
			const all = await ok(sandbox, {
				resource: 'annotation',
				operation: 'getMany',
				assetId: byId(video()),
				returnAll: true,
			});
			assert.deepEqual(
				all.map((a) => a.startTimeCode),
				['00:00:01', '00:00:02', '00:00:03'],
			);
			assert.ok(all.every((a) => a.assetId === video()));
			const two = await ok(sandbox, {
				resource: 'annotation',
				operation: 'getMany',
				assetId: byId(video()),
				returnAll: false,
				limit: 2,
			});
			assert.equal(two.length, 2);
		});

		it('returns no items for an asset without annotations, and 404 for an unknown one', async () => {
			const none = await ok(sandbox, {
				resource: 'annotation',
				operation: 'getMany',
				assetId: byId(video()),
				returnAll: true,
			});
			assert.deepEqual(none, []);
			const error = await fails(sandbox, {
				resource: 'annotation',
				operation: 'getMany',
				assetId: byId(UNKNOWN),
				returnAll: true,
			});
			assert.equal(error.httpCode, '404');
		});
	});

	describe('update', () => {
		it('changes what is set and keeps the rest (properties are merged by name)', async () => {
			const [created] = await create({
				additionalFields: { endTimeCode: '00:00:09', title: 'Intro', summary: 'Logo' },
			});
			const [updated] = await ok(sandbox, {
				resource: 'annotation',
				operation: 'update',
				assetId: byId(video()),
				annotationId: created.id,
				updateFields: { description: 'Logo fades in', startTimeCode: '00:00:04' },
			});
			assert.equal(updated.id, created.id);
			assert.equal(updated.startTimeCode, '00:00:04');
			assert.equal(updated.endTimeCode, '00:00:09', 'kept');
			assert.deepEqual(updated.properties, {
				title: 'Intro',
				summary: 'Logo',
				description: 'Logo fades in',
			});
			const [kept] = await stored();
			assert.deepEqual(kept.properties, updated.properties);
		});

		it("reads the current annotation in the SDKs' spelling too, and sends the OpenAPI one", async () => {
			const [created] = await create({ additionalFields: { title: 'Intro' } });
			await sandbox.fault({
				target: 'nomad',
				method: 'GET',
				path: '/annotation$',
				status: 200,
				body: [{ id: created.id, startTimecode: '00:00:07', properties: { title: 'Intro' } }],
			});
			const mark = await sandbox.mark();
			await ok(sandbox, {
				resource: 'annotation',
				operation: 'update',
				assetId: byId(video()),
				annotationId: created.id,
				updateFields: { summary: 'Logo' },
			});
			const [put] = (await sandbox.journal('nomad', mark)).filter((e) => e.method === 'PUT');
			assert.deepEqual(put.body, {
				startTimeCode: '00:00:07',
				properties: { title: 'Intro', summary: 'Logo' },
			});
		});

		it("fails with the DAM's message for an unknown annotation, and refuses an empty update", async () => {
			const error = await fails(sandbox, {
				resource: 'annotation',
				operation: 'update',
				assetId: byId(video()),
				annotationId: UNKNOWN,
				updateFields: { title: 'x' },
			});
			assert.match(
				error.message,
				new RegExp(`Annotation '${UNKNOWN}' was not found\\. \\(HTTP 404\\)$`),
			);
			const empty = await fails(sandbox, {
				resource: 'annotation',
				operation: 'update',
				assetId: byId(video()),
				annotationId: UNKNOWN,
				updateFields: {},
			});
			assert.match(empty.message, /^Nothing to update/);
		});

		it('refuses an Annotation ID that is not a GUID, naming the parameter', async () => {
			const error = await fails(sandbox, {
				resource: 'annotation',
				operation: 'update',
				assetId: byId(video()),
				annotationId: '../../account/logout',
				updateFields: { title: 'x' },
			});
			assert.match(error.message, /"Annotation ID" parameter must be a Nomad Media ID/);
		});
	});

	describe('delete', () => {
		it("deletes the annotation; a second delete fails with the DAM's 404", async () => {
			const [created] = await create();
			const parameters = {
				resource: 'annotation',
				operation: 'delete',
				assetId: byId(video()),
				annotationId: created.id,
			};
			assert.deepEqual(await ok(sandbox, parameters), [
				{ id: created.id, assetId: video(), deleted: true },
			]);
			assert.deepEqual(await stored(), []);
			const error = await fails(sandbox, parameters);
			assert.equal(error.httpCode, '404');
			assert.match(error.message, /was not found/);
		});
	});

	describe('bulkImport', () => {
		it('imports every entry in one request, the SDK spelling of the time codes included, one item each', async () => {
			const mark = await sandbox.mark();
			const items = await ok(sandbox, {
				resource: 'annotation',
				operation: 'bulkImport',
				assetId: byId(video()),
				annotations: JSON.stringify([
					{ startTimeCode: '00:00:01', title: 'One' },
					{ startTimecode: '00:00:02;05', endTimecode: '00:00:03', properties: { speaker: 'Ada' } },
					{
						startTimeCode: '00:00:04',
						description: 'Three',
						imageUrl: 'https://example.com/a.jpg',
					},
				]),
			});
			assert.deepEqual(
				items.map((a) => a.startTimeCode),
				['00:00:01', '00:00:02;05', '00:00:04'],
			);
			assert.deepEqual(items[1].properties, { speaker: 'Ada' });
			assert.equal((await stored()).length, 3);
			const sent = (await sandbox.journal('nomad', mark)).filter((e) => e.path.endsWith('/import'));
			assert.equal(sent.length, 1);
			assert.deepEqual((sent[0].body as IDataObject[])[1], {
				startTimeCode: '00:00:02;05',
				endTimeCode: '00:00:03',
				properties: { speaker: 'Ada' },
			});
		});

		it('refuses an entry with an unknown field or no start, naming the parameter and the entry, before any request', async () => {
			const mark = await sandbox.mark();
			const unknown = await fails(sandbox, {
				resource: 'annotation',
				operation: 'bulkImport',
				assetId: byId(video()),
				annotations: '[{ "startTimeCode": "00:00:01" }, { "start": "00:00:02" }]',
			});
			assert.match(unknown.message, /^"Annotations" entry 2 has an unknown field "start"$/);
			const noStart = await fails(sandbox, {
				resource: 'annotation',
				operation: 'bulkImport',
				assetId: byId(video()),
				annotations: '[{ "title": "x" }]',
			});
			assert.match(noStart.message, /^"Annotations" entry 1 has no startTimeCode$/);
			const notJson = await fails(sandbox, {
				resource: 'annotation',
				operation: 'bulkImport',
				assetId: byId(video()),
				annotations: '[{ nope',
			});
			assert.match(notJson.message, /^"Annotations" is not valid JSON$/);
			assert.equal((await sandbox.journal('nomad', mark)).length, 0);
		});

		it('is sent once: an answer lost after Nomad Media imported is an error, not a second import', async () => {
			await sandbox.fault({
				target: 'nomad',
				method: 'POST',
				path: '/annotation/import$',
				after: true,
				status: 502,
			});
			const error = await fails(sandbox, {
				resource: 'annotation',
				operation: 'bulkImport',
				assetId: byId(video()),
				annotations: '[{ "startTimeCode": "00:00:01" }]',
			});
			assert.equal(error.httpCode, '502');
			assert.match(String(error.description), /imported the annotations/);
			assert.equal((await stored()).length, 1, 'imported once');
		});
	});
});
