import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import type { IDataObject, INodeExecutionData, WorkflowActivateMode } from 'n8n-workflow';

import { PollHarness } from '../harness/poll';
import { Sandbox } from '../harness/sandbox';
import { TRIGGER_TYPE, byId, createAsset, credentials, mp } from './helpers';
import { ReportingPollHarness } from './reportingPoll';
import { clone, prng } from '../harness/random';

type Event = { id: number; event_type: string; created_at: string };

/** The trigger node's own static data (n8n keys it "node:<name>"). */
const nodeState = (h: PollHarness) =>
	(h.staticData['node:Trigger'] ?? {}) as {
		v?: number;
		assets?: Record<string, { w: number; r: number[] }>;
	};

describe('Media Pocket Trigger (real PollContext, static data persisted as n8n does)', () => {
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

	const harness = (assetIds: string[], eventTypes: string[] = [], options: IDataObject = {}) =>
		new PollHarness(
			TRIGGER_TYPE,
			{ assetIds: assetIds.join(', '), eventTypes, options: options as never },
			credentials(sandbox),
		);

	/**
	 * What n8n does when it activates the workflow (first activation and every start of n8n): it runs
	 * one poll right away and then saves the workflow's static data (ActiveWorkflowManager saves it
	 * after adding the pollers; PollTriggerExecutor runs the poll with testingTrigger = true). Later
	 * polls are saved only when they emit, which PollHarness models.
	 */
	async function activate(
		h: PollHarness | ReportingPollHarness,
		mode: WorkflowActivateMode = 'activate',
	): Promise<INodeExecutionData[]> {
		const items = await h.poll('trigger', mode);
		h.persisted = clone(h.staticData);
		return items;
	}

	const addEvents = async (
		assetId: string,
		count: number,
		extra: IDataObject = {},
	): Promise<Event[]> =>
		(await sandbox.sim('mediapocket', 'POST', `/assets/${assetId}/events`, { count, ...extra }))
			.events;
	const historyOf = async (assetId: string): Promise<Event[]> =>
		(await sandbox.sim('mediapocket', 'GET', `/assets/${assetId}/history`)).events;
	const ids = (items: INodeExecutionData[]) => items.map((item) => item.json.id as number);
	const historyCalls = async (since: number) =>
		(await sandbox.journal('mediapocket', since))
			.filter((entry) => entry.path.includes('/history/'))
			.map((entry) => entry.path.split('/').pop());
	const pageSize = async (size: number) =>
		await sandbox.sim('mediapocket', 'POST', '/config', { historyPageSize: size });

	it('starts from now, emits each new event once with its id, asset, type, time, user and targets; a quiet poll changes no state', async () => {
		const assetId = await createAsset(sandbox, 'Watched');
		await addEvents(assetId, 2);
		const h = harness([assetId]);
		assert.deepEqual(await activate(h), [], 'existing history is not emitted');

		const quiet = clone(h.staticData);
		assert.deepEqual(await h.poll(), []);
		assert.deepEqual(h.staticData, quiet, 'nothing new: the static data is untouched');

		const made = await addEvents(assetId, 2, { types: ['ASSET_APPROVED', 'ASSET_DOWNLOADED'] });
		const items = await h.poll();
		assert.deepEqual(
			ids(items),
			made.map((event) => event.id),
		);
		assert.deepEqual(items[0].json, {
			id: made[0].id,
			user_id: 1,
			event_type: 'ASSET_APPROVED',
			created_at: made[0].created_at,
			updated_at: made[0].created_at,
			event_targets: [
				{ target_type: 'Asset', target: { id: 1, elasticsearch_id: assetId, title: 'Watched' } },
			],
			asset_id: assetId,
		});
		assert.equal(items[0].binary, undefined);
		assert.deepEqual(h.persisted, clone(h.staticData), 'emitting persisted the cursor');

		const afterEmit = clone(h.staticData);
		assert.deepEqual(await h.poll(), []);
		assert.deepEqual(await h.poll(), []);
		assert.deepEqual(h.staticData, afterEmit);
	});

	it('"Emit Existing History" emits the whole history once, oldest first, across pages', async () => {
		await pageSize(3);
		const assetId = await createAsset(sandbox, 'Old news');
		await addEvents(assetId, 9);
		const h = harness([assetId], [], { emitExistingHistory: true });
		const items = await activate(h);
		assert.deepEqual(
			ids(items),
			(await historyOf(assetId)).map((event) => event.id),
		);
		assert.equal(items.length, 10);
		assert.deepEqual(await h.poll(), []);
	});

	it('a burst spanning pages, all with one timestamp, is delivered exactly once; a quiet poll reads one page', async () => {
		await pageSize(5);
		const assetId = await createAsset(sandbox, 'Bulk');
		const h = harness([assetId]);
		await activate(h);
		const burst = await addEvents(assetId, 23, { sameTimestamp: true });
		assert.equal(
			new Set(burst.map((event) => event.created_at)).size,
			1,
			'every event has the same created_at',
		);

		const mark = await sandbox.mark();
		const items = await h.poll();
		assert.deepEqual(
			ids(items),
			burst.map((event) => event.id),
		);
		const pages = await historyCalls(mark);
		assert.equal(pages.length, 5, `pages read: ${pages.join(',')}`);

		// Until they settle, the recent events are read again (that is what catches late commits).
		const quietMark = await sandbox.mark();
		assert.deepEqual(await h.poll(), []);
		assert.ok((await historyCalls(quietMark)).length <= 5);

		// Once the DAM's clock has moved on, a quiet poll reads one page.
		await sandbox.sim('mediapocket', 'POST', '/clock', { advanceMs: 10 * 60 * 1000 });
		const next = await addEvents(assetId, 1);
		assert.deepEqual(ids(await h.poll()), [next[0].id]);
		const settledMark = await sandbox.mark();
		assert.deepEqual(await h.poll(), []);
		assert.deepEqual(await historyCalls(settledMark), ['0']);
	});

	it('an error on a later page fails the poll without marking anything seen; the next poll delivers everything once', async () => {
		await pageSize(3);
		const assetId = await createAsset(sandbox, 'Flaky');
		const h = harness([assetId]);
		await activate(h);
		const made = await addEvents(assetId, 10);
		const before = clone(h.staticData);
		const persisted = clone(h.persisted);

		await sandbox.fault({
			target: 'mediapocket',
			path: '/history/[1-9]\\d*$',
			status: 500,
			body: { error: 'Internal Server Error' },
			skip: 1,
		});
		await assert.rejects(h.poll(), (error: Error & { httpCode?: string; description?: string }) => {
			assert.equal(error.httpCode, '500');
			assert.match(error.message, /Internal Server Error/);
			assert.equal(error.description, `While reading the history of asset ${assetId}`);
			return true;
		});
		assert.deepEqual(h.staticData, before, 'no cursor moved in memory');
		assert.deepEqual(h.persisted, persisted, 'nothing persisted');

		assert.deepEqual(
			ids(await h.poll()),
			made.map((event) => event.id),
		);
		assert.deepEqual(await h.poll(), []);
	});

	it('a 422 "Invalid cursor" mid-read starts the read over and still delivers each event once', async () => {
		await pageSize(3);
		const assetId = await createAsset(sandbox, 'Cursor');
		const h = harness([assetId]);
		await activate(h);
		const first = await addEvents(assetId, 10);
		const invalid = (cursor: string) => ({
			error: `Invalid parameter 'cursor' value "${cursor}": Invalid cursor`,
		});
		await sandbox.fault({
			target: 'mediapocket',
			path: '/history/[1-9]\\d*$',
			status: 422,
			body: invalid('x'),
			skip: 1,
		});
		const mark = await sandbox.mark();
		assert.deepEqual(
			ids(await h.poll()),
			first.map((event) => event.id),
		);
		const pages = await historyCalls(mark);
		assert.equal(
			pages.filter((page) => page === '0').length,
			2,
			`started over once: ${pages.join(',')}`,
		);

		// A DAM that refuses every later cursor: the poll fails after a few restarts, nothing is lost.
		const second = await addEvents(assetId, 7);
		const before = clone(h.staticData);
		await sandbox.fault({
			target: 'mediapocket',
			path: '/history/[1-9]\\d*$',
			status: 422,
			body: invalid('y'),
			times: 0,
		});
		await assert.rejects(h.poll(), /Invalid cursor/);
		assert.deepEqual(h.staticData, before);
		await sandbox.clearFaults();
		assert.deepEqual(
			ids(await h.poll()),
			second.map((event) => event.id),
		);
	});

	it('survives restarts of n8n: after an emit, after a quiet poll, and after polls that only saw filtered-out events', async () => {
		const assetId = await createAsset(sandbox, 'Restarted');
		const h = harness([assetId], ['ASSET_DOWNLOADED', 'ASSET_APPROVED']);
		await activate(h);
		const a = await addEvents(assetId, 3, { types: ['ASSET_DOWNLOADED'] });
		assert.deepEqual(
			ids(await h.poll()),
			a.map((event) => event.id),
		);

		h.restart();
		assert.deepEqual(await activate(h, 'init'), []);
		await addEvents(assetId, 5, { types: ['ASSET_EDITED_METADATA'] });
		assert.deepEqual(await h.poll(), [], 'filtered out');
		assert.deepEqual(await h.poll(), []);

		h.restart(); // the in-memory progress over the filtered events is lost: harmless
		assert.deepEqual(await activate(h, 'init'), []);
		const b = await addEvents(assetId, 2, { types: ['ASSET_EDITED_METADATA', 'ASSET_APPROVED'] });
		assert.deepEqual(ids(await h.poll()), [b[1].id]);
		h.restart();
		assert.deepEqual(await activate(h, 'init'), []);
		assert.deepEqual(await h.poll(), []);
	});

	it('manual "fetch test event" returns the newest matching event and leaves the cursor alone', async () => {
		const assetId = await createAsset(sandbox, 'Sampled');
		const made = await addEvents(assetId, 3, {
			types: ['ASSET_APPROVED', 'ASSET_DOWNLOADED', 'ASSET_EDITED_METADATA'],
		});

		const fresh = harness([assetId]);
		const [sample] = await fresh.poll('manual', 'manual');
		assert.equal(sample.json.id, made[2].id);
		assert.equal(sample.json.asset_id, assetId);
		assert.deepEqual(fresh.staticData, {}, 'no state created by a manual fetch');

		const h = harness([assetId], ['ASSET_APPROVED']);
		await activate(h);
		const state = clone(h.staticData);
		const persisted = clone(h.persisted);
		const [approved] = await h.poll('manual', 'manual');
		assert.equal(approved.json.id, made[0].id);
		assert.deepEqual(h.staticData, state);
		assert.deepEqual(h.persisted, persisted);
		const later = await addEvents(assetId, 1, { types: ['ASSET_APPROVED'] });
		assert.deepEqual(
			ids(await h.poll()),
			[later[0].id],
			'the manual fetch did not consume the event',
		);

		const none = harness([assetId], ['ASSET_PUBLISHED']);
		await assert.rejects(
			none.poll('manual', 'manual'),
			/No history event of the chosen types was found/,
		);
		const missing = harness(['not-found-id']);
		await assert.rejects(missing.poll('manual', 'manual'), /asset not found/);
		await assert.rejects(harness([]).poll(), /Enter at least one asset ID/);
		await assert.rejects(harness(['a/b']).poll(), /"a\/b" is not a valid Media Pocket asset ID/);
	});

	// Updated for issue 11: a failing asset used to fail the whole poll; now the others go on.
	it("watches several assets; a purged asset is reported once and no longer polled, the others' events go out", async () => {
		const one = await createAsset(sandbox, 'One');
		const two = await createAsset(sandbox, 'Two');
		const h = new ReportingPollHarness(
			TRIGGER_TYPE,
			{ assetIds: `${one}, ${two}`, eventTypes: [], options: {} },
			credentials(sandbox),
		);
		await activate(h);
		const e1 = await addEvents(one, 2);
		const e2 = await addEvents(two, 2);
		const e3 = await addEvents(one, 1);
		const items = await h.poll();
		assert.deepEqual(
			ids(items),
			[...e1, ...e2, ...e3].map((event) => event.id),
			'oldest first across assets',
		);
		assert.deepEqual(
			items.map((item) => item.json.asset_id),
			[one, one, two, two, one],
		);

		const pending = await addEvents(one, 2);
		await mp(sandbox, { resource: 'asset', operation: 'delete', assetId: byId(two) });
		assert.deepEqual(
			ids(await h.poll()),
			pending.map((event) => event.id),
			"the other asset's events are emitted",
		);
		assert.equal(h.reported.length, 1);
		const [report] = h.reported as Array<Error & { httpCode?: string; description?: string }>;
		assert.equal(report.httpCode, '404');
		assert.match(report.message, /asset not found/);
		assert.match(
			report.description ?? '',
			new RegExp(
				`^Asset ${two} was not found in Media Pocket \\(deleted or purged\\): the trigger no longer polls it`,
			),
		);
		assert.deepEqual(Object.keys((h.nodeState.gone ?? {}) as IDataObject), [two]);
		assert.deepEqual(Object.keys((h.nodeState.assets ?? {}) as IDataObject), [one]);

		const mark = await sandbox.mark();
		assert.deepEqual(await h.poll(), []);
		const polled = (await sandbox.journal('mediapocket', mark)).map((entry) => entry.path);
		assert.ok(
			polled.length > 0 && polled.every((path) => path.includes(one)),
			`only ${one} is polled: ${polled.join(', ')}`,
		);
		assert.equal(h.reported.length, 1, 'reported once');

		// The user removes the purged asset from the list: its entry goes with it.
		const edited = new ReportingPollHarness(
			TRIGGER_TYPE,
			{ assetIds: one, eventTypes: [], options: {} },
			credentials(sandbox),
		);
		edited.persisted = clone(h.persisted);
		edited.restart();
		const later = await addEvents(one, 1);
		assert.deepEqual(ids(await activate(edited, 'update')), [later[0].id]);
		assert.deepEqual(
			Object.keys((edited.nodeState.assets ?? {}) as IDataObject),
			[one],
			"the removed asset's cursor is dropped",
		);
		assert.equal(edited.nodeState.gone, undefined);
	});

	it('an event that becomes visible after newer ones (a slow transaction) is still delivered, once', async () => {
		const assetId = await createAsset(sandbox, 'Late');
		const h = harness([assetId]);
		await activate(h);
		const { id: lateId } = await sandbox.sim(
			'mediapocket',
			'POST',
			`/assets/${assetId}/events/reserve`,
			{ type: 'ASSET_APPROVED' },
		);
		const newer = await addEvents(assetId, 3);
		assert.deepEqual(
			ids(await h.poll()),
			newer.map((event) => event.id),
		);
		await sandbox.sim('mediapocket', 'POST', `/events/${lateId}/commit`);
		const late = await h.poll();
		assert.deepEqual(ids(late), [lateId]);
		assert.ok(lateId < newer[0].id);
		assert.deepEqual(await h.poll(), []);
	});

	it('keeps its state small however many events pass', async () => {
		await pageSize(50);
		const assetId = await createAsset(sandbox, 'Firehose');
		const h = harness([assetId]);
		await activate(h);
		const seen: number[] = [];
		for (let round = 0; round < 5; round++) {
			await addEvents(assetId, 150, { sameTimestamp: round % 2 === 0 });
			seen.push(...ids(await h.poll()));
		}
		assert.equal(seen.length, 750);
		assert.equal(new Set(seen).size, 750);
		const cursor = nodeState(h).assets![assetId];
		assert.ok(cursor.r.length <= 200, `${cursor.r.length} recent ids kept`);
		const size = JSON.stringify(h.staticData).length;
		assert.ok(size < 2000, `static data is ${size} bytes`);

		// Once the DAM's clock has moved on, the recent ids settle into the watermark.
		await sandbox.sim('mediapocket', 'POST', '/clock', { advanceMs: 10 * 60 * 1000 });
		const last = await addEvents(assetId, 1);
		assert.deepEqual(ids(await h.poll()), [last[0].id]);
		const settled = nodeState(h).assets![assetId];
		assert.deepEqual(settled.r, [last[0].id]);
		assert.equal(settled.w, seen[seen.length - 1]);
		console.log(
			`mediapocket trigger: 750 events, state ${size} bytes before settling, ${JSON.stringify(h.staticData).length} after`,
		);
	});

	it('works the same when the DAM lists history oldest first', async () => {
		await sandbox.sim('mediapocket', 'POST', '/config', {
			historyOrder: 'asc',
			historyPageSize: 4,
		});
		const assetId = await createAsset(sandbox, 'Ascending');
		await addEvents(assetId, 6);
		const h = harness([assetId]);
		assert.deepEqual(await activate(h), []);
		const made = await addEvents(assetId, 9);
		assert.deepEqual(
			ids(await h.poll()),
			made.map((event) => event.id),
		);
		assert.deepEqual(await h.poll(), []);
	});

	it('soak: 60 polls with writes, injected faults and restarts deliver every event exactly once, in order', async () => {
		await pageSize(4);
		const random = prng(20251127);
		const assets = [await createAsset(sandbox, 'Soak A'), await createAsset(sandbox, 'Soak B')];
		const h = harness(assets);
		await activate(h);
		const baseline = new Map<string, number>();
		for (const assetId of assets)
			baseline.set(assetId, Math.max(...(await historyOf(assetId)).map((event) => event.id)));

		const emitted = new Map<string, number[]>(assets.map((assetId) => [assetId, []]));
		const collect = (items: INodeExecutionData[]) => {
			for (const item of items)
				emitted.get(item.json.asset_id as string)!.push(item.json.id as number);
		};
		const invalidCursor = { error: 'Invalid parameter \'cursor\' value "1": Invalid cursor' };
		let failures = 0;
		let restarts = 0;
		const faultKinds = new Set<string>();

		for (let round = 0; round < 60; round++) {
			for (const assetId of assets) {
				const count = Math.floor(random() * 7);
				if (count)
					await addEvents(assetId, count, {
						sameTimestamp: random() < 0.4,
						types: ['ASSET_EDITED_METADATA', 'ASSET_DOWNLOADED'],
					});
			}
			if (random() < 0.2) {
				await mp(sandbox, {
					resource: 'comment',
					operation: 'create',
					assetId: byId(assets[round % 2]),
					comment: `Round ${round}`,
				});
			}
			const dice = random();
			const laterPage = '/history/[1-9]\\d*$';
			if (dice < 0.15) {
				faultKinds.add('500');
				await sandbox.fault({
					target: 'mediapocket',
					path: laterPage,
					status: 500,
					body: { error: 'Internal Server Error' },
				});
			} else if (dice < 0.3) {
				faultKinds.add('422');
				await sandbox.fault({
					target: 'mediapocket',
					path: laterPage,
					status: 422,
					body: invalidCursor,
				});
			} else if (dice < 0.38) {
				faultKinds.add('drop');
				await sandbox.fault({ target: 'mediapocket', path: '/history/', drop: true });
			} else if (dice < 0.46) {
				faultKinds.add('503');
				await sandbox.fault({
					target: 'mediapocket',
					path: '/history/',
					status: 503,
					headers: { 'Retry-After': '0' },
					times: 2,
				});
			} else if (dice < 0.52) {
				faultKinds.add('first-page-500');
				await sandbox.fault({ target: 'mediapocket', path: '/history/0$', status: 500, skip: 1 });
			} else if (dice < 0.62) {
				// The second asset fails after the first one has been read: nothing of the first may count as seen.
				faultKinds.add('second-asset-500');
				await sandbox.fault({
					target: 'mediapocket',
					path: `/assets/${assets[1]}/history/`,
					status: 500,
					body: { error: 'Internal Server Error' },
				});
			}
			if (random() < 0.12) {
				restarts++;
				h.restart();
				for (;;) {
					try {
						collect(await activate(h, 'init'));
						break;
					} catch {
						failures++; // a failed activation: n8n retries it
						await sandbox.clearFaults();
					}
				}
			}
			try {
				collect(await h.poll());
			} catch {
				failures++;
			}
			await sandbox.clearFaults();
		}
		for (let drain = 0; drain < 2; drain++) collect(await h.poll());

		let total = 0;
		for (const assetId of assets) {
			const got = emitted.get(assetId)!;
			const expected = (await historyOf(assetId))
				.map((event) => event.id)
				.filter((id) => id > baseline.get(assetId)!);
			assert.equal(new Set(got).size, got.length, `duplicates for ${assetId}`);
			assert.deepEqual(got, expected, `every event of ${assetId} exactly once, oldest first`);
			total += got.length;
		}
		console.log(
			`mediapocket trigger soak: ${total} events, ${failures} failed polls, ${restarts} restarts, faults ${[...faultKinds].join('/')}`,
		);
		assert.ok(total > 150, `${total} events`);
		assert.ok(failures >= 3, `the faults made ${failures} polls fail`);
		assert.ok(restarts >= 3, `${restarts} restarts`);
	});
});
