import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import type { IDataObject, INodeExecutionData, WorkflowActivateMode } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine';
import { PollHarness } from '../harness/poll';
import type { Sandbox } from '../harness/sandbox';
import { ReportingPollHarness, type N8nLine } from '../mediapocket/reportingPoll';
import { CAMPAIGNS, MARKETING, PRODUCTS } from '../sandbox/mediavalet/seed';
import { byId, mv, mvCredentials, startSandbox, stopSandbox } from './helpers';
import { clone, prng } from '../harness/random';

const TRIGGER_TYPE = 'n8n-nodes-dam.mediaValetTrigger';
const MINUTE = 60 * 1000;

interface Seeded {
	id: string;
	createdAt: string;
}
interface Touched {
	id: string;
	createdAt: string;
	modifiedAt: string;
}

describe('MediaValet Trigger (real PollContext, static data persisted as n8n does)', () => {
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

	const params = (event: string, filters: IDataObject = {}, options: IDataObject = {}) => ({
		event,
		filters: filters as never,
		options: options as never,
	});
	const harness = (event: string, filters: IDataObject = {}, options: IDataObject = {}) =>
		new PollHarness(TRIGGER_TYPE, params(event, filters, options), mvCredentials(sandbox));
	const reporting = (event: string, line: N8nLine) =>
		new ReportingPollHarness(TRIGGER_TYPE, params(event), mvCredentials(sandbox), line);

	/** n8n's activation: one poll at once, then the static data is saved (see the Media Pocket trigger test). */
	async function activate(
		h: PollHarness | ReportingPollHarness,
		mode: WorkflowActivateMode = 'activate',
	): Promise<INodeExecutionData[]> {
		const items = await h.poll('trigger', mode);
		h.persisted = clone(h.staticData);
		return items;
	}

	const seed = async (count: number, extra: IDataObject = {}): Promise<Seeded[]> => {
		const made = await sandbox.sim('mediavalet', 'POST', '/assets', { count, ...extra });
		return (count > 1 ? made : [made]) as Seeded[];
	};
	const touch = async (id: string, body: IDataObject = {}): Promise<Touched> =>
		await sandbox.sim('mediavalet', 'POST', `/assets/${id}/touch`, body);
	const reveal = async (id: string) =>
		await sandbox.sim('mediavalet', 'POST', `/assets/${id}/reveal`);
	const config = async (values: IDataObject) =>
		await sandbox.sim('mediavalet', 'POST', '/config', values);
	const advance = async (advanceMs: number) =>
		await sandbox.sim('mediavalet', 'POST', '/clock', { advanceMs });
	/** The simulator's clock (tests move it): the DAM's own now. */
	const simNow = async () => Date.parse((await advance(0)).now as string);
	const ids = (items: INodeExecutionData[]) => items.map((item) => item.json.id as string);
	const keys = (items: INodeExecutionData[]) =>
		items.map(
			(item) =>
				`${item.json.id as string}@${new Date((item.json.record as IDataObject).modifiedAt as string).toISOString()}`,
		);
	const sorted = (list: string[]) => [...list].sort();
	const searches = async (since: number) =>
		(await sandbox.journal('mediavalet', since)).filter(
			(entry) => entry.method === 'GET' && entry.path.endsWith('/assets'),
		);

	it('starts from now, emits a new asset once (the asset as Get returns it, plus the event); quiet polls change nothing', async () => {
		await seed(3);
		const h = harness('newAsset');
		const mark = await sandbox.mark();
		assert.deepEqual(await activate(h), [], 'what is already there is not emitted');
		const [first] = await searches(mark);
		assert.equal(first.query.sort, 'record.createdAt D', 'the sort the trigger assumes (query.ts)');
		assert.equal(first.query.count, '1');

		const quiet = clone(h.staticData);
		assert.deepEqual(await h.poll(), []);
		assert.deepEqual(h.staticData, quiet, 'nothing new: the static data is untouched');

		const [made] = await seed(1, { title: 'Fresh', fileName: 'fresh.jpg' });
		const items = await h.poll();
		assert.deepEqual(ids(items), [made.id]);
		const got = await runWorkflow([mv('asset', 'get', { assetId: byId(made.id) })], {
			credentials: mvCredentials(sandbox),
		});
		const expected = got.output('MediaValet')[0].json;
		const { event, ...asset } = items[0].json;
		assert.equal(event, 'newAsset');
		// The signed URLs are issued per request (their expiry moves); the rest is the same object.
		delete (asset.media as IDataObject).sasExpiry;
		delete (asset.media as IDataObject).sasRenewal;
		delete (expected.media as IDataObject).sasExpiry;
		delete (expected.media as IDataObject).sasRenewal;
		assert.deepEqual(asset, expected);
		assert.equal((asset.media as IDataObject).original, undefined, 'no signed URLs by default');
		assert.deepEqual(h.persisted, clone(h.staticData), 'emitting persisted the state');

		for (let poll = 0; poll < 5; poll++) assert.deepEqual(await h.poll(), []);
		await touch(made.id, { title: 'Renamed' });
		assert.deepEqual(await h.poll(), [], 'a modification is not a new asset');
	});

	it('"Emit Existing" emits what is there once, across pages; signed URLs only when asked', async () => {
		await config({ maxPageSize: 3 });
		const made = await seed(10);
		const h = harness('newAsset', {}, { emitExisting: true, includeMediaUrls: true });
		const items = await activate(h);
		assert.deepEqual(sorted(ids(items)), sorted(made.map((asset) => asset.id)));
		assert.deepEqual(
			ids(items),
			made.map((asset) => asset.id),
			'oldest first',
		);
		assert.match(String((items[0].json.media as IDataObject).original), /sig=/);
		assert.deepEqual(await h.poll(), []);

		// Updated Asset: the existing assets' last modifications (not their creations).
		await touch(made[2].id, { title: 'Edited', ageMs: 1000 });
		const updated = await activate(harness('updatedAsset', {}, { emitExisting: true }));
		assert.deepEqual(ids(updated), [made[2].id]);
		assert.equal(updated[0].json.event, 'updatedAsset');
		assert.equal(updated[0].json.title, 'Edited');
	});

	it('updated asset: once per modification, by the node and by the DAM; creations are not updates', async () => {
		const [a, b] = await seed(2);
		const h = harness('updatedAsset');
		assert.deepEqual(await activate(h), []);
		await advance(1000);

		const patched = await runWorkflow(
			[mv('asset', 'update', { assetId: byId(a.id), updateFields: { title: 'First edit' } })],
			{ credentials: mvCredentials(sandbox) },
		);
		assert.equal(patched.error, undefined, patched.error?.message);
		const first = await h.poll();
		assert.deepEqual(ids(first), [a.id]);
		assert.equal(first[0].json.title, 'First edit');
		assert.deepEqual(await h.poll(), [], 'the same modification is not delivered again');

		await advance(1000);
		const second = await touch(a.id, { title: 'Second edit' });
		const third = await touch(b.id, { title: 'B edit' });
		const items = await h.poll();
		assert.deepEqual(keys(items), [`${a.id}@${second.modifiedAt}`, `${b.id}@${third.modifiedAt}`]);
		assert.deepEqual(await h.poll(), []);

		const [fresh] = await seed(1);
		assert.deepEqual(await h.poll(), [], 'a new asset is not an update');
		await advance(1000);
		await runWorkflow(
			[mv('category', 'addAsset', { assetId: byId(fresh.id), categoryIds: [MARKETING] })],
			{
				credentials: mvCredentials(sandbox),
			},
		);
		assert.deepEqual(ids(await h.poll()), [fresh.id], 'a category change is an update');
	});

	it('several changes with one timestamp, seen in different polls and across pages, are all delivered once', async () => {
		await config({ maxPageSize: 2 });
		const h = harness('newAsset');
		await activate(h);
		const burst = await seed(7, { sameTimestamp: true });
		assert.equal(new Set(burst.map((asset) => asset.createdAt)).size, 1);
		assert.deepEqual(sorted(ids(await h.poll())), sorted(burst.map((asset) => asset.id)));
		assert.deepEqual(await h.poll(), []);

		// Updated: two modifications at time T are seen, then three more with the same T appear.
		const u = harness('updatedAsset');
		await activate(u);
		const at = new Date((await simNow()) + 5 * 1000).toISOString();
		await advance(10 * 1000);
		for (const asset of burst.slice(0, 2)) await touch(asset.id, { modifiedAt: at });
		assert.deepEqual(sorted(ids(await u.poll())), sorted(burst.slice(0, 2).map((x) => x.id)));
		for (const asset of burst.slice(2, 5)) await touch(asset.id, { modifiedAt: at });
		assert.deepEqual(
			sorted(ids(await u.poll())),
			sorted(burst.slice(2, 5).map((x) => x.id)),
			'same timestamp as ones already delivered: told apart by their keys',
		);
		assert.deepEqual(await u.poll(), []);
	});

	it('reads every page of a large result; once the recent changes settle, a quiet poll reads one page', async () => {
		const h = harness('newAsset');
		await activate(h);
		const made = await seed(230);
		const mark = await sandbox.mark();
		const items = await h.poll();
		assert.equal(items.length, 230);
		assert.deepEqual(sorted(ids(items)), sorted(made.map((asset) => asset.id)));
		const pages = await searches(mark);
		assert.deepEqual(
			pages.map((entry) => entry.query.offset),
			['0', '100', '200'],
		);
		assert.ok(pages.every((entry) => entry.query.count === '100'));

		await advance(10 * MINUTE);
		const [late] = await seed(1);
		assert.deepEqual(ids(await h.poll()), [late.id]);
		const quiet = await sandbox.mark();
		assert.deepEqual(await h.poll(), []);
		assert.equal((await searches(quiet)).length, 1, 'older assets are not read again');
	});

	it('a library that ignores the sort or the offset: still every change once, and no endless paging', async () => {
		await config({ maxPageSize: 3, ignoreSort: true });
		const h = harness('updatedAsset');
		const made = await seed(8);
		await activate(h);
		await advance(10 * MINUTE);
		// Oldest-first pages: the trigger cannot stop early, and reads them all.
		const touched = [await touch(made[6].id), await touch(made[1].id)];
		const items = await h.poll();
		assert.deepEqual(sorted(keys(items)), sorted(touched.map((t) => `${t.id}@${t.modifiedAt}`)));
		assert.deepEqual(await h.poll(), []);

		await config({ ignoreOffset: true });
		const mark = await sandbox.mark();
		await h.poll();
		assert.ok((await searches(mark)).length <= 2, 'a page of nothing new ends the read');
	});

	it('a fault mid-read (500, dropped connection) fails the poll with no state change; the next poll delivers everything once', async () => {
		await config({ maxPageSize: 3 });
		const h = harness('newAsset');
		await activate(h);
		const made = await seed(10);
		const before = clone(h.staticData);
		const persisted = clone(h.persisted);

		await sandbox.fault({
			target: 'mediavalet',
			path: '/assets$',
			query: 'offset=[1-9]',
			status: 500,
			body: { message: 'Internal Server Error' },
			times: 0,
		});
		await assert.rejects(h.poll(), (error: Error & { httpCode?: string }) => {
			assert.equal(error.httpCode, '500');
			return true;
		});
		assert.deepEqual(h.staticData, before, 'no state moved in memory');
		assert.deepEqual(h.persisted, persisted, 'nothing persisted');
		await sandbox.clearFaults();

		await sandbox.fault({
			target: 'mediavalet',
			path: '/assets$',
			query: 'offset=6',
			drop: true,
			times: 0,
		});
		await assert.rejects(h.poll());
		assert.deepEqual(h.staticData, before);
		await sandbox.clearFaults();

		assert.deepEqual(sorted(ids(await h.poll())), sorted(made.map((asset) => asset.id)));
		assert.deepEqual(await h.poll(), []);
	});

	for (const line of ['1.x', '2.x'] as N8nLine[]) {
		it(`restarts of n8n ${line} between polls deliver nothing twice and lose nothing`, async () => {
			const h = reporting('updatedAsset', line);
			const made = await seed(3);
			await activate(h);
			await advance(1000);
			const a = await touch(made[0].id);
			assert.deepEqual(ids(await h.poll()), [made[0].id]);

			// Quiet polls after the window moved on change the state only in memory (1.x).
			await advance(6 * MINUTE);
			assert.deepEqual(await h.poll(), []);
			h.restart();
			assert.deepEqual(await activate(h, 'init'), [], 'the delivered modification stays delivered');
			const b = await touch(made[1].id);
			h.restart(); // before the poll that would see it
			const items = await h.poll();
			assert.deepEqual(keys(items), [`${made[1].id}@${b.modifiedAt}`]);
			h.restart();
			assert.deepEqual(await activate(h, 'init'), []);
			assert.deepEqual(await h.poll(), []);
			assert.notEqual(a.modifiedAt, b.modifiedAt);
			assert.equal(h.failedExecutions.length, 0);
		});
	}

	it('a change that becomes visible late, within the lookback, is delivered once; beyond it, it is not', async () => {
		const h = harness('newAsset');
		await activate(h);
		const [hidden] = await seed(1, { hidden: true });
		await advance(30 * 1000);
		const newer = await seed(2);
		assert.deepEqual(sorted(ids(await h.poll())), sorted(newer.map((asset) => asset.id)));
		await reveal(hidden.id);
		assert.deepEqual(
			ids(await h.poll()),
			[hidden.id],
			'older than what was delivered, still found',
		);
		assert.deepEqual(await h.poll(), []);

		const u = harness('updatedAsset');
		await activate(u);
		await advance(MINUTE);
		const recent = await touch(newer[0].id);
		assert.deepEqual(ids(await u.poll()), [newer[0].id]);
		const lagging = await touch(newer[1].id, { ageMs: 2 * MINUTE });
		assert.ok(lagging.modifiedAt < recent.modifiedAt);
		assert.deepEqual(keys(await u.poll()), [`${newer[1].id}@${lagging.modifiedAt}`]);
		assert.deepEqual(await u.poll(), []);

		// Older than the newest delivered change by more than the lookback (5 min): not delivered.
		await touch(hidden.id, { ageMs: 10 * MINUTE });
		assert.deepEqual(await u.poll(), []);
	});

	it('manual "Fetch Test Event" returns the newest match and leaves the state alone', async () => {
		const made = await seed(3);
		const fresh = harness('newAsset');
		const [sample] = await fresh.poll('manual', 'manual');
		assert.equal(sample.json.id, made[2].id);
		assert.equal(sample.json.event, 'newAsset');
		assert.deepEqual(fresh.staticData, {}, 'no state created by a manual fetch');

		const h = harness('newAsset');
		await activate(h);
		const state = clone(h.staticData);
		const persisted = clone(h.persisted);
		await seed(1);
		const [newest] = await h.poll('manual', 'manual');
		assert.deepEqual(h.staticData, state);
		assert.deepEqual(h.persisted, persisted);
		assert.deepEqual(ids(await h.poll()), [newest.json.id], 'the manual fetch did not consume it');

		const u = harness('updatedAsset');
		await assert.rejects(u.poll('manual', 'manual'), /No matching change was found/);
		await advance(1000);
		await touch(made[0].id, { title: 'Edited' });
		await advance(1000);
		await seed(1); // the newest by modification time is now a creation: passed over
		const [edited] = await u.poll('manual', 'manual');
		assert.equal(edited.json.id, made[0].id);
		assert.equal(edited.json.event, 'updatedAsset');
	});

	it('the scope filters: a category (with its subcategories) and search text', async () => {
		const inCategory = harness('newAsset', { categoryId: MARKETING });
		const bySearch = harness('newAsset', { searchText: 'sunset' });
		await activate(inCategory);
		await activate(bySearch);
		const [marketing] = await seed(1, { categories: [MARKETING], title: 'Launch' });
		const [campaign] = await seed(1, { categories: [CAMPAIGNS], title: 'Sunset campaign' });
		await seed(1, { categories: [PRODUCTS], title: 'Product shot' });
		const [sunset] = await seed(1, { title: 'Sunset over the bay' });
		assert.deepEqual(sorted(ids(await inCategory.poll())), sorted([marketing.id, campaign.id]));
		assert.deepEqual(sorted(ids(await bySearch.poll())), sorted([campaign.id, sunset.id]));

		const mark = await sandbox.mark();
		await inCategory.poll();
		const [search] = await searches(mark);
		assert.match(String(search.query.containerfilter), new RegExp(MARKETING));

		await assert.rejects(
			harness('newAsset', { categoryId: '../x' }).poll(),
			/"\.\.\/x" in "Filters → Category" is not a MediaValet category ID/,
		);
	});

	it('the example workflow (examples/workflows/mediavalet-trigger.json): its first poll emits the demo data', async () => {
		const file = join(
			__dirname,
			'..',
			'..',
			'..',
			'examples',
			'workflows',
			'mediavalet-trigger.json',
		);
		const workflow = JSON.parse(readFileSync(file, 'utf8')) as {
			nodes: Array<{ type: string; parameters: IDataObject }>;
		};
		const trigger = workflow.nodes.find((node) => node.type === TRIGGER_TYPE)!;
		// What examples/sandbox.js seeds.
		const [demo] = await seed(1, {
			title: 'Campaign hero',
			fileName: 'hero.tif',
			content: 'the original campaign hero image',
			categories: ['Marketing'],
		});
		const h = new PollHarness(TRIGGER_TYPE, trigger.parameters as never, mvCredentials(sandbox));
		const items = await activate(h);
		assert.deepEqual(ids(items), [demo.id]);
		// The comment node's expression reads these.
		assert.equal(items[0].json.title, 'Campaign hero');
		assert.equal((items[0].json.record as IDataObject).createdAt, demo.createdAt);
		assert.deepEqual(await h.poll(), []);
	});

	it('soak: 30 rounds of creates, updates, late changes, faults and restarts: 0 duplicates, 0 misses', async () => {
		await config({ maxPageSize: 4 });
		const random = prng(20251202);
		const existing = await seed(5);
		const created = harness('newAsset');
		const updated = harness('updatedAsset');
		await activate(created);
		await activate(updated);

		type Record = { createdAt: string; modifiedAt: string; visible: boolean };
		const assets = new Map<string, Record>(
			existing.map((asset) => [
				asset.id,
				{ createdAt: asset.createdAt, modifiedAt: asset.createdAt, visible: true },
			]),
		);
		const hidden: string[] = [];
		const newIds: string[] = [];
		const gotNew: string[] = [];
		const gotUpdated: string[] = [];
		/** The modifications each successful poll could see: what must be delivered. */
		const expectedUpdates = new Set<string>();
		const visibleModifications = () => {
			for (const [id, asset] of assets) {
				if (asset.visible && asset.modifiedAt !== asset.createdAt)
					expectedUpdates.add(`${id}@${asset.modifiedAt}`);
			}
		};
		let failures = 0;
		let restarts = 0;
		const faultKinds = new Set<string>();

		const pollBoth = async () => {
			for (const [h, sink] of [
				[created, gotNew],
				[updated, gotUpdated],
			] as const) {
				if (random() < 0.1) {
					restarts++;
					h.restart();
					for (;;) {
						try {
							const items = await activate(h, 'init');
							sink.push(...(sink === gotNew ? ids(items) : keys(items)));
							if (sink === gotUpdated) visibleModifications();
							break;
						} catch {
							failures++; // a failed activation: n8n retries it
							await sandbox.clearFaults();
						}
					}
				}
				try {
					const items = await h.poll();
					sink.push(...(sink === gotNew ? ids(items) : keys(items)));
					if (sink === gotUpdated) visibleModifications();
				} catch {
					failures++;
				}
			}
		};

		for (let round = 0; round < 30; round++) {
			// Late ones from the last round appear, older than what was delivered since.
			while (hidden.length) {
				const id = hidden.pop()!;
				await reveal(id);
				assets.get(id)!.visible = true;
			}
			const count = Math.floor(random() * 5);
			if (count) {
				const hide = random() < 0.25;
				for (const asset of await seed(count, { sameTimestamp: random() < 0.4, hidden: hide })) {
					assets.set(asset.id, {
						createdAt: asset.createdAt,
						modifiedAt: asset.createdAt,
						visible: !hide,
					});
					newIds.push(asset.id);
					if (hide) hidden.push(asset.id);
				}
				if (hide)
					await seed(1).then(([asset]) => {
						assets.set(asset.id, {
							createdAt: asset.createdAt,
							modifiedAt: asset.createdAt,
							visible: true,
						});
						newIds.push(asset.id);
					});
			}
			const all = [...assets.keys()];
			const edits = Math.floor(random() * 4);
			const sameTime = random() < 0.3 ? new Date((await simNow()) + 1).toISOString() : undefined;
			for (let edit = 0; edit < edits; edit++) {
				const id = all[Math.floor(random() * all.length)];
				const late = random() < 0.2 ? { ageMs: Math.floor(random() * 2 * MINUTE) } : {};
				const touched = await touch(id, sameTime ? { modifiedAt: sameTime } : late);
				assets.get(id)!.modifiedAt = touched.modifiedAt;
			}

			const dice = random();
			if (dice < 0.15) {
				faultKinds.add('500');
				await sandbox.fault({
					target: 'mediavalet',
					path: '/assets$',
					query: 'offset=[1-9]',
					status: 500,
					times: 0,
				});
			} else if (dice < 0.25) {
				faultKinds.add('drop');
				await sandbox.fault({ target: 'mediavalet', path: '/assets$', drop: true, times: 0 });
			} else if (dice < 0.35) {
				faultKinds.add('503');
				await sandbox.fault({
					target: 'mediavalet',
					path: '/assets$',
					status: 503,
					headers: { 'Retry-After': '0' },
					times: 2,
				});
			} else if (dice < 0.45) {
				faultKinds.add('second-page-500');
				await sandbox.fault({
					target: 'mediavalet',
					path: '/assets$',
					status: 500,
					skip: 1,
					times: 1,
				});
			}
			await pollBoth();
			await sandbox.clearFaults();
			// Sometimes the DAM's clock moves past the lookback (never while a late one is pending).
			if (hidden.length === 0 && random() < 0.2) await advance(6 * MINUTE);
			else await advance(Math.floor(random() * 20 * 1000));
		}
		while (hidden.length) {
			const id = hidden.pop()!;
			await reveal(id);
			assets.get(id)!.visible = true;
		}
		for (let drain = 0; drain < 2; drain++) await pollBoth();
		await sandbox.clearFaults();
		for (const h of [created, updated]) {
			const items = await h.poll();
			(h === created ? gotNew : gotUpdated).push(...(h === created ? ids(items) : keys(items)));
		}
		visibleModifications();

		assert.equal(new Set(gotNew).size, gotNew.length, 'no new asset twice');
		assert.deepEqual(sorted(gotNew), sorted(newIds), 'every new asset once');
		assert.equal(new Set(gotUpdated).size, gotUpdated.length, 'no modification twice');
		assert.deepEqual(
			sorted(gotUpdated),
			sorted([...expectedUpdates]),
			'every visible modification once',
		);
		console.log(
			`mediavalet trigger soak: ${gotNew.length} new, ${gotUpdated.length} updates, ${failures} failed polls, ${restarts} restarts, faults ${[...faultKinds].join('/')}`,
		);
		assert.ok(gotNew.length > 30, `${gotNew.length} new assets`);
		assert.ok(gotUpdated.length > 20, `${gotUpdated.length} updates`);
		assert.ok(failures >= 3, `the faults made ${failures} polls fail`);
		assert.ok(restarts >= 3, `${restarts} restarts`);
	});
});
