import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import type { IDataObject, INodeExecutionData, WorkflowActivateMode } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine';
import { PollHarness } from '../harness/poll';
import { Sandbox } from '../harness/sandbox';
import { ReportingPollHarness } from '../mediapocket/reportingPoll';
import { IDS } from '../sandbox/tenovos/data';
import { byId, tenovos, tenovosCredentials } from './helpers';
import { clone, prng } from '../harness/random';

const TRIGGER_TYPE = 'n8n-nodes-dam.tenovosTrigger';
const MINUTE = 60 * 1000;

const ids = (items: INodeExecutionData[]) => items.map((item) => String(item.json.objectId));
const keys = (items: INodeExecutionData[]) =>
	items.map((item) => `${String(item.json.objectId)}@${String(item.json.lastUpdatedEpoch)}`);
const sorted = (list: string[]) => [...list].sort();

interface SimVersion {
	objectId: string;
	filename: string;
	createdEpoch: number;
	lastUpdatedEpoch: number;
	deleted: boolean;
	currentVersion: string;
}

describe('Tenovos Trigger (real PollContext, static data persisted as n8n does)', () => {
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

	const parameters = (event: string, searchTerm = '', options: IDataObject = {}) => ({
		event,
		searchTerm,
		options: options as never,
	});
	const harness = (event: string, searchTerm = '', options: IDataObject = {}) =>
		new PollHarness(
			TRIGGER_TYPE,
			parameters(event, searchTerm, options),
			tenovosCredentials(sandbox),
		);

	/** n8n's activation: one poll at once, then the static data is saved (see the Media Pocket trigger test). */
	async function activate(
		h: PollHarness | ReportingPollHarness,
		mode: WorkflowActivateMode = 'activate',
	): Promise<INodeExecutionData[]> {
		const items = await h.poll('trigger', mode);
		h.persisted = clone(h.staticData);
		return items;
	}

	const seed = async (count: number, prefix = 'seed', extra: IDataObject = {}) =>
		(
			await sandbox.sim<{ objectIds: string[] }>('tenovos', 'POST', '/seed', {
				count,
				prefix,
				...extra,
			})
		).objectIds;
	const touch = async (objectIds: string[], extra: IDataObject = {}) =>
		(
			await sandbox.sim<{ touched: Array<{ objectId: string; lastUpdatedEpoch: number }> }>(
				'tenovos',
				'POST',
				'/touch',
				{ objectIds, ...extra },
			)
		).touched.map((t) => `${t.objectId}@${t.lastUpdatedEpoch}`);
	const advance = async (ms: number) =>
		await sandbox.sim<{ now: string }>('tenovos', 'POST', '/clock', { advanceMs: ms });
	/** Now on the simulator's clock (epoch ms). */
	const simNow = async () => Date.parse((await advance(0)).now);
	const versions = async () =>
		(await sandbox.sim<{ versions: SimVersion[] }>('tenovos', 'GET', '/state')).versions;
	const searches = async (since: number) =>
		(await sandbox.journal('tenovos', since)).filter((entry) => entry.path === '/search/keyword');

	it('starts from now, emits each new asset once as the search returns it; quiet polls change no state', async () => {
		await seed(3, 'before');
		const h = harness('newAsset');
		assert.deepEqual(await activate(h), [], 'existing assets are not emitted');
		const quiet = clone(h.staticData);
		assert.deepEqual(await h.poll(), []);
		assert.deepEqual(h.staticData, quiet, 'nothing new: the static data is untouched');

		const made = await seed(2, 'after', { title: 'Fresh' });
		const items = await h.poll();
		assert.deepEqual(sorted(ids(items)), sorted(made));
		const [first] = items;
		assert.equal(first.json.event, 'newAsset');
		assert.equal(first.json.objectType, 'Asset');
		assert.equal(first.json.currentVersion, 'Y');
		assert.equal(typeof first.json.createdEpoch, 'number');
		// The asset as the action node's Get returns it, plus the event.
		const got = await runWorkflow(
			[tenovos('get', { asset: byId(String(first.json.objectId)) }, { name: 'Get' })],
			{ credentials: tenovosCredentials(sandbox) },
		);
		assert.equal(got.error, undefined, got.error?.message);
		assert.deepEqual(first.json, { ...got.output('Get')[0].json, event: 'newAsset' });
		assert.deepEqual(h.persisted, clone(h.staticData), 'emitting persisted the state');

		for (let n = 0; n < 5; n++) assert.deepEqual(await h.poll(), [], `poll ${n}: nothing twice`);
		const later = await seed(1, 'later');
		assert.deepEqual(ids(await h.poll()), later);
	});

	it('"Emit Existing" emits the existing assets once, across pages', async () => {
		const existing = await seed(130, 'old');
		const h = harness('newAsset', '', { emitExisting: true });
		const mark = await sandbox.mark();
		const items = await activate(h);
		assert.deepEqual(sorted(ids(items)), sorted(existing));
		assert.ok((await searches(mark)).length >= 3, 'read more than one page');
		assert.deepEqual(await h.poll(), []);
		assert.deepEqual(await h.poll(), []);
	});

	it('many new assets with one timestamp, over several pages, are delivered exactly once', async () => {
		const h = harness('newAsset');
		await activate(h);
		await advance(5 * MINUTE);
		const when = await simNow();
		const burst = await seed(140, 'burst', { epoch: when });
		const mark = await sandbox.mark();
		const items = await h.poll();
		assert.equal(items.length, 140);
		assert.deepEqual(sorted(ids(items)), sorted(burst));
		assert.ok((await searches(mark)).length >= 3, 'read more than one page');
		assert.equal(new Set(items.map((item) => item.json.createdEpoch)).size, 1);
		assert.deepEqual(await h.poll(), []);
		const more = await seed(3, 'same-time', { epoch: when });
		assert.deepEqual(sorted(ids(await h.poll())), sorted(more), 'late ones with that time too');
		assert.deepEqual(await h.poll(), []);
	});

	it('an updated asset is emitted once per modification; creations and quiet polls are not updates', async () => {
		const [a, b, c] = await seed(3, 'upd', { title: 'Start' });
		const h = harness('updatedAsset');
		assert.deepEqual(await activate(h), []);
		assert.deepEqual(await h.poll(), []);
		await seed(2, 'new-only');
		assert.deepEqual(await h.poll(), [], 'a creation is not an update');

		const first = await touch([a]);
		const items = await h.poll();
		assert.deepEqual(keys(items), first);
		assert.equal(items[0].json.event, 'updatedAsset');
		assert.deepEqual(await h.poll(), []);

		// Two modifications between polls: the search shows the last one.
		await touch([b]);
		const second = await touch([b], { title: 'Twice' });
		assert.deepEqual(keys(await h.poll()), second);

		// Each later modification of the same asset is delivered again.
		const third = await touch([a]);
		assert.deepEqual(keys(await h.poll()), third);

		// Several assets modified at one instant: all of them.
		await advance(MINUTE);
		const when = await simNow();
		const same = await touch([a, b, c], { epoch: when });
		assert.deepEqual(sorted(keys(await h.poll())), sorted(same));
		assert.deepEqual(await h.poll(), []);

		// An update through the action node is an update too.
		const updated = await runWorkflow(
			[
				tenovos('update', {
					asset: byId(c),
					metadataInput: 'fields',
					metadataFields: { field: [{ attributeId: IDS.attrTitle, value: 'Edited in n8n' }] },
				}),
			],
			{ credentials: tenovosCredentials(sandbox) },
		);
		assert.equal(updated.error, undefined, updated.error?.message);
		const edited = await h.poll();
		assert.deepEqual(ids(edited), [c]);
		assert.deepEqual(await h.poll(), []);
	});

	it('an error on a later page (500 or a dropped connection) fails the poll without moving the state; the next poll delivers everything once', async () => {
		const h = harness('newAsset');
		await activate(h);
		const made = await seed(120, 'flaky');
		for (const fault of [
			{ status: 500, body: { message: 'Internal server error' } },
			{ drop: true },
		]) {
			const before = clone(h.staticData);
			const persisted = clone(h.persisted);
			await sandbox.fault({
				target: 'tenovos',
				path: '^/search/keyword$',
				skip: 1,
				times: 0,
				...fault,
			});
			await assert.rejects(h.poll());
			assert.deepEqual(h.staticData, before, 'no state moved in memory');
			assert.deepEqual(h.persisted, persisted, 'nothing persisted');
			await sandbox.clearFaults();
		}
		const items = await h.poll();
		assert.deepEqual(sorted(ids(items)), sorted(made));
		assert.deepEqual(await h.poll(), []);
	});

	it('assets leaving the results between two pages make the read start over: none is skipped', async () => {
		// Old assets (far outside the lookback) behind a few new ones: a skipped old one is never read again.
		const old = await seed(110, 'old');
		await advance(30 * MINUTE);
		const recent = await seed(10, 'recent');
		const h = harness('newAsset', '', { emitExisting: true });
		// Just before the second page, three assets of the first page go to the recycle bin.
		const gone = recent.slice(2, 5);
		await sandbox.sim('tenovos', 'POST', '/on-search', { searches: 2, delete: gone });
		const mark = await sandbox.mark();
		const items = await activate(h);
		const expected = [...old, ...recent].filter((id) => !gone.includes(id));
		const got = new Set(ids(items));
		const missing = expected.filter((id) => !got.has(id));
		assert.deepEqual(missing, [], 'no asset skipped');
		assert.equal(items.length, got.size, 'no duplicates');
		const pages = (await searches(mark)).map((entry) => (entry.body as IDataObject).from);
		assert.equal(pages.filter((from) => from === 0).length, 2, `started over: ${pages.join(',')}`);
		assert.deepEqual(await h.poll(), []);
	});

	it('survives restarts of n8n between polls (1.x: state saved only on emit) without duplicates', async () => {
		const h = harness('updatedAsset');
		const [a, b] = await seed(2, 'restart');
		await activate(h);
		const one = await touch([a]);
		assert.deepEqual(keys(await h.poll()), one);

		h.restart();
		assert.deepEqual(await activate(h, 'init'), []);
		assert.deepEqual(await h.poll(), []);
		await seed(3, 'not-an-update');
		assert.deepEqual(await h.poll(), []);
		h.restart(); // the quiet polls' progress is lost: harmless
		assert.deepEqual(await activate(h, 'init'), []);
		const two = await touch([b]);
		assert.deepEqual(keys(await h.poll()), two);
		h.restart();
		assert.deepEqual(await activate(h, 'init'), []);
		assert.deepEqual(await h.poll(), []);

		// A restart after a poll that emitted but before the state of a later quiet poll was saved.
		const three = await touch([a, b]);
		h.restart();
		assert.deepEqual(sorted(keys(await activate(h, 'init'))), sorted(three));
		h.restart();
		assert.deepEqual(await activate(h, 'init'), []);
	});

	it('a change that becomes visible late, with an older timestamp inside the lookback, is delivered once', async () => {
		const [a, b] = await seed(2, 'late');
		const hNew = harness('newAsset');
		const hUpd = harness('updatedAsset');
		await activate(hNew);
		await activate(hUpd);
		await advance(3 * MINUTE);
		const newer = await seed(3, 'newer');
		const touched = await touch([a]);
		assert.deepEqual(sorted(ids(await hNew.poll())), sorted(newer));
		assert.deepEqual(keys(await hUpd.poll()), touched);

		// Now an asset created 2 minutes ago, and a modification made 90 s ago, show up in the search.
		const late = await seed(1, 'indexed-late', { ageMs: 2 * MINUTE });
		const lateTouch = await touch([b], { ageMs: 90 * 1000 });
		assert.deepEqual(ids(await hNew.poll()), late);
		assert.deepEqual(keys(await hUpd.poll()), lateTouch);
		assert.deepEqual(await hNew.poll(), []);
		assert.deepEqual(await hUpd.poll(), []);

		// Beyond the lookback, a late change is not delivered (the documented limit).
		await seed(1, 'too-late', { ageMs: 20 * MINUTE });
		assert.deepEqual(await hNew.poll(), []);
	});

	it('manual "Fetch Test Event" returns the newest match and leaves the state alone', async () => {
		const [a, b] = await seed(2, 'sample');
		const fresh = harness('newAsset');
		const [sample] = await fresh.poll('manual', 'manual');
		assert.equal(sample.json.objectId, b);
		assert.deepEqual(fresh.staticData, {}, 'no state created by a manual fetch');

		const h = harness('updatedAsset');
		await assert.rejects(h.poll('manual', 'manual'), /No matching change was found/);
		await activate(h);
		const state = clone(h.staticData);
		const persisted = clone(h.persisted);
		const touched = await touch([a]);
		await seed(1, 'newest-but-not-updated');
		const [updated] = await h.poll('manual', 'manual');
		assert.deepEqual(keys([updated]), touched);
		assert.deepEqual(h.staticData, state);
		assert.deepEqual(h.persisted, persisted);
		assert.deepEqual(keys(await h.poll()), touched, 'the manual fetch did not consume it');
	});

	it('respects the scope: search term, search field and metadata filters', async () => {
		const byName = harness('newAsset', 'alpha*', { searchIn: 'filename' });
		const byTitle = harness('newAsset', '', {
			filters: { filter: [{ attribute: 'Title', value: 'Launch 1' }] },
		});
		const all = harness('newAsset');
		for (const h of [byName, byTitle, all]) await activate(h);
		const alpha = await seed(2, 'alpha');
		const beta = await seed(2, 'beta', { title: 'Launch' });
		assert.deepEqual(sorted(ids(await byName.poll())), sorted(alpha));
		assert.deepEqual(ids(await byTitle.poll()), [beta[0]]);
		assert.deepEqual(sorted(ids(await all.poll())), sorted([...alpha, ...beta]));
		const mark = await sandbox.mark();
		assert.deepEqual(await byName.poll(), []);
		const [request] = await searches(mark);
		assert.deepEqual((request.body as IDataObject).searchTerm, ['alpha*']);
		assert.equal((request.body as IDataObject).keywordSearchField, 'filename');
	});

	it('an unknown "Event" value fails with a NodeOperationError naming the parameter, before any search', async () => {
		await seed(1, 'present');
		for (const mode of ['trigger', 'manual'] as const) {
			const h = harness('deletedAsset');
			const mark = await sandbox.mark();
			await assert.rejects(
				h.poll(mode, mode === 'manual' ? 'manual' : 'activate'),
				(error: Error & { description?: string }) => {
					assert.equal(error.name, 'NodeOperationError');
					assert.match(error.message, /Unknown event "deletedAsset" \(parameter "Event"\)/);
					assert.match(String(error.description), /Choose one of the events under "Event"/);
					return true;
				},
			);
			assert.deepEqual(await searches(mark), [], `${mode}: no search was sent`);
			assert.deepEqual(h.staticData, {}, `${mode}: no state was created`);
		}
	});

	it('soak: 30 rounds of creates, updates, faults and restarts deliver every change exactly once', async () => {
		const random = prng(20260214);
		const hNew = harness('newAsset');
		const hUpd = harness('updatedAsset');
		const pool = await seed(5, 'soak-base');
		await activate(hNew);
		await activate(hUpd);
		const expectedNew: string[] = [];
		const expectedUpd: string[] = [];
		const gotNew: string[] = [];
		const gotUpd: string[] = [];
		let failures = 0;
		let restarts = 0;
		const kinds = new Set<string>();

		const pollBoth = async () => {
			for (const [h, got, read] of [
				[hNew, gotNew, ids],
				[hUpd, gotUpd, keys],
			] as const) {
				try {
					got.push(...read(await h.poll()));
				} catch {
					failures++;
				}
			}
		};

		for (let round = 0; round < 30; round++) {
			const creates = Math.floor(random() * 30);
			if (creates) {
				const sameTime = random() < 0.3;
				const made = await seed(
					creates,
					`soak-${round}`,
					sameTime ? { epoch: await simNow() } : {},
				);
				expectedNew.push(...made);
				pool.push(...made);
			}
			const updates = Math.floor(random() * 6);
			const picked = new Set<string>();
			for (let n = 0; n < updates; n++) picked.add(pool[Math.floor(random() * pool.length)]);
			if (picked.size) {
				const late = random() < 0.2 ? { ageMs: 30 * 1000 } : {};
				// Updated twice before a poll: only the last modification is a change the search shows.
				expectedUpd.push(...(await touch([...picked], late)));
			}
			const dice = random();
			if (dice < 0.15) {
				kinds.add('500');
				await sandbox.fault({
					target: 'tenovos',
					path: '^/search/keyword$',
					status: 500,
					body: { message: 'Internal server error' },
					skip: Math.floor(random() * 3),
					times: 0,
				});
			} else if (dice < 0.25) {
				kinds.add('drop');
				await sandbox.fault({ target: 'tenovos', path: '^/search/keyword$', drop: true, times: 0 });
			} else if (dice < 0.35) {
				kinds.add('503');
				await sandbox.fault({
					target: 'tenovos',
					path: '^/search/keyword$',
					status: 503,
					headers: { 'Retry-After': '0' },
					times: 2,
				});
			} else if (dice < 0.45 && pool.length > 3) {
				kinds.add('shift');
				const victim = pool.splice(Math.floor(random() * pool.length), 1);
				await sandbox.sim('tenovos', 'POST', '/on-search', { searches: 2, delete: victim });
			}
			if (random() < 0.2) {
				restarts++;
				for (const h of [hNew, hUpd]) {
					h.restart();
					try {
						(h === hNew ? gotNew : gotUpd).push(
							...(h === hNew ? ids : keys)(await activate(h, 'init')),
						);
					} catch {
						failures++;
					}
				}
			}
			await pollBoth();
			await sandbox.clearFaults();
			if (random() < 0.3) await advance(Math.floor(random() * 2 * MINUTE));
		}
		await sandbox.clearFaults();
		await pollBoth();
		await pollBoth();

		// Deleted assets leave the search: their last modification may not have been seen.
		const deleted = new Set((await versions()).filter((v) => v.deleted).map((v) => v.objectId));
		const visibleUpd = (list: string[]) => list.filter((key) => !deleted.has(key.split('@')[0]));
		const created = new Map((await versions()).map((v) => [v.objectId, v.createdEpoch]));
		const latestUpd = new Map<string, string>();
		for (const key of visibleUpd(expectedUpd)) latestUpd.set(key.split('@')[0], key);
		// A late modification stamped before the asset's creation is no update.
		for (const [id, key] of latestUpd)
			if (Number(key.split('@')[1]) <= created.get(id)!) latestUpd.delete(id);

		assert.equal(new Set(gotNew).size, gotNew.length, 'no duplicate new assets');
		assert.equal(new Set(gotUpd).size, gotUpd.length, 'no duplicate updates');
		const gotNewSet = new Set(gotNew);
		const missedNew = expectedNew.filter((id) => !gotNewSet.has(id) && !deleted.has(id));
		assert.deepEqual(missedNew, [], 'every new asset once (one deleted at once may go unseen)');
		assert.deepEqual(
			gotNew.filter((id) => !expectedNew.includes(id)),
			[],
			'only assets that were created',
		);
		const got = new Set(gotUpd);
		const missed = [...latestUpd.values()].filter((key) => !got.has(key));
		assert.deepEqual(missed, [], 'every last modification of every asset delivered');
		const unknown = gotUpd.filter((key) => !expectedUpd.includes(key));
		assert.deepEqual(unknown, [], 'only modifications that happened');
		console.log(
			`tenovos trigger soak: ${gotNew.length} new, ${gotUpd.length} updates, ${failures} failed polls, ${restarts} restarts, faults ${[...kinds].join('/')}`,
		);
		assert.ok(failures >= 3, `${failures} failed polls`);
		assert.ok(restarts >= 2, `${restarts} restarts`);
	});
});
