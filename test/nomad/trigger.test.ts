import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import type { IDataObject, INodeExecutionData, WorkflowActivateMode } from 'n8n-workflow';

import { PollHarness } from '../harness/poll';
import { Sandbox } from '../harness/sandbox';
import { ReportingPollHarness } from '../mediapocket/reportingPoll';
import { advance, byId, credentials, ok, seed, type Seed } from './helpers';
import { clone, prng } from '../harness/random';

const TRIGGER = 'n8n-nodes-dam.nomadMediaTrigger';

describe('Nomad Media Trigger (real PollContext, static data persisted as n8n 1.x does)', () => {
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
		// Seeded assets and the first poll are not at the same instant.
		await advance(sandbox, 60);
	});

	const harness = (parameters: IDataObject) =>
		new PollHarness(TRIGGER, parameters as never, credentials(sandbox));

	/** n8n's activation: a poll right away, then the static data is saved (see the Media Pocket tests). */
	async function activate(
		h: PollHarness | ReportingPollHarness,
		mode: WorkflowActivateMode = 'activate',
	): Promise<INodeExecutionData[]> {
		const items = await h.poll('trigger', mode);
		h.persisted = clone(h.staticData);
		return items;
	}

	const create = async (parentId: string, count = 1, extra: IDataObject = {}): Promise<string[]> =>
		(
			await sandbox.sim('nomad', 'POST', '/assets', {
				parentId,
				count,
				prefix: `f${Math.random().toString(36).slice(2, 7)}`,
				displayName: 'single.jpg',
				...extra,
			})
		).ids;
	const touch = async (
		id: string,
		body: IDataObject = {},
	): Promise<{ id: string; assetStatus: string; lastModifiedDate: string }> =>
		await sandbox.sim('nomad', 'POST', `/assets/${id}/touch`, {
			customProperties: { note: String(Math.random()) },
			...body,
		});
	const idsOf = (items: INodeExecutionData[]) => items.map((item) => item.json.id as string);
	const sorted = (list: string[]) => [...list].sort();
	const searches = async (since: number) =>
		(await sandbox.journal('nomad', since)).filter((entry) => entry.path === '/api/admin/search');
	const pageLimit = async (size: number) =>
		await sandbox.sim('nomad', 'POST', '/config', { searchPageLimit: size });
	const feedOf = (h: PollHarness) =>
		((h.staticData['node:Trigger'] ?? {}) as IDataObject).feed as
			{ w: number; seen: string[] } | undefined;

	it('first poll records a start and emits nothing; a new asset is emitted once, shaped as Search returns it', async () => {
		const h = harness({ event: 'newAsset' });
		const mark = await sandbox.mark();
		assert.deepEqual(await activate(h), [], 'what exists is not emitted');
		const [first] = await searches(mark);
		assert.deepEqual(first.body, {
			pageOffset: 0,
			pageSize: 1,
			filters: [],
			filterBinder: 0,
			excludeTotalRecordCount: false,
			// Descending (1): the search enums are integers in Nomad Media's OpenAPI document.
			sortFields: [{ fieldName: 'createdDate', sortType: 1 }],
		});
		const quiet = clone(h.staticData);
		assert.deepEqual(await h.poll(), []);
		assert.deepEqual(h.staticData, quiet, 'a quiet poll changes no state');

		await advance(sandbox, 5);
		const [made] = await create(ids.folders['Projects/Interviews'], 1, {
			displayName: 'clip.mp4',
		});
		const readMark = await sandbox.mark();
		const items = await h.poll();
		assert.deepEqual(idsOf(items), [made]);
		const json = items[0].json as IDataObject & { identifiers: IDataObject };
		assert.equal(json.event, 'newAsset');
		assert.equal(json.title, 'clip.mp4');
		assert.equal(json.identifiers.assetStatusName, 'Available');
		assert.equal(json.identifiers.assetTypeName, 'File');
		assert.match(String(json.createdDate), /^\d{4}-\d\d-\d\dT/);
		assert.doesNotMatch(JSON.stringify(json), /Signature=/, 'signed URLs are stripped');
		const read = (await searches(readMark))[0].body as IDataObject & { filters: IDataObject[] };
		assert.equal(read.filters[0].fieldName, 'createdDate');
		assert.equal(read.filters[0].operator, 9, 'GreaterThanEquals');
		assert.deepEqual(h.persisted, clone(h.staticData), 'the emit persisted the feed');

		for (let round = 0; round < 5; round++) {
			await advance(sandbox, 20);
			assert.deepEqual(await h.poll(), [], `round ${round}: not again`);
		}
	});

	it('"Emit Existing" emits every existing asset once (across pages), then only new ones', async () => {
		await pageLimit(4);
		const all = Object.values(ids.folders).concat(Object.values(ids.files), [ids.bucketId]);
		const h = harness({ event: 'newAsset', options: { emitExisting: true } });
		const items = await activate(h);
		assert.deepEqual(sorted(idsOf(items)), sorted(all));
		assert.deepEqual(await h.poll(), []);
		const made = await create(ids.incomingId, 2);
		assert.deepEqual(sorted(idsOf(await h.poll())), sorted(made));
		assert.deepEqual(await h.poll(), []);
	});

	it('many assets with one timestamp over several pages are all delivered once; a quiet poll is one search', async () => {
		await pageLimit(5);
		const h = harness({ event: 'newAsset' });
		await activate(h);
		const { ids: burst, at } = await sandbox.sim('nomad', 'POST', '/assets', {
			parentId: ids.incomingId,
			count: 23,
			prefix: 'burst',
		});
		const mark = await sandbox.mark();
		const items = await h.poll();
		assert.deepEqual(sorted(idsOf(items)), sorted(burst));
		assert.equal(new Set(items.map((item) => item.json.createdDate)).size, 1, 'one timestamp');
		assert.ok((await searches(mark)).length >= 5, 'paged by the token');
		assert.deepEqual(await h.poll(), [], 'the seen keys keep them from coming again');
		// More with the very same timestamp (shown a little later): only the new ones.
		await advance(sandbox, 1);
		const more = await create(ids.incomingId, 3, { at });
		assert.deepEqual(sorted(idsOf(await h.poll())), sorted(more));

		// Once the DAM's clock has moved on past the lookback, a quiet poll reads one page.
		await advance(sandbox, 10 * 60);
		const [last] = await create(ids.incomingId);
		assert.deepEqual(idsOf(await h.poll()), [last]);
		const quietMark = await sandbox.mark();
		assert.deepEqual(await h.poll(), []);
		assert.equal((await searches(quietMark)).length, 1);
		assert.deepEqual(feedOf(h)!.seen, [last], 'settled: only the newest is in the lookback window');
	});

	it('updated asset: once per modification; a creation is not an update', async () => {
		const file = ids.files['Projects/Interviews/notes.pdf'];
		const h = harness({ event: 'updatedAsset' });
		await activate(h);
		await create(ids.incomingId, 2);
		assert.deepEqual(await h.poll(), [], 'new assets are not updates');

		await advance(sandbox, 1);
		const first = await touch(file);
		const items = await h.poll();
		assert.deepEqual(idsOf(items), [file]);
		assert.equal(items[0].json.event, 'updatedAsset');
		assert.equal(items[0].json.lastModifiedDate, first.lastModifiedDate);
		assert.deepEqual(await h.poll(), []);

		await advance(sandbox, 1);
		const second = await touch(file);
		const again = await h.poll();
		assert.deepEqual(idsOf(again), [file]);
		assert.equal(again[0].json.lastModifiedDate, second.lastModifiedDate);
		assert.deepEqual(await h.poll(), []);

		// Through the action node: an update made there is delivered too.
		await advance(sandbox, 1);
		await ok(sandbox, {
			resource: 'asset',
			operation: 'update',
			assetId: byId(ids.files['Projects/logo.png']),
			updateFields: { displayName: 'logo-2.png' },
		});
		const viaNode = await h.poll();
		assert.deepEqual(idsOf(viaNode), [ids.files['Projects/logo.png']]);
		assert.equal(viaNode[0].json.title, 'logo-2.png');
	});

	it('a failed page fails the poll without moving any state; the next poll delivers everything once', async () => {
		await pageLimit(3);
		const h = harness({ event: 'newAsset' });
		await activate(h);
		const made = await create(ids.incomingId, 10);
		const before = clone(h.staticData);
		const persisted = clone(h.persisted);
		await sandbox.fault({
			target: 'nomad',
			path: '^/api/admin/search$',
			status: 500,
			body: { title: 'Internal Server Error', status: 500, detail: 'Search index unavailable' },
			skip: 2,
		});
		await assert.rejects(h.poll(), (error: Error & { httpCode?: string }) => {
			assert.equal(error.httpCode, '500');
			assert.match(error.message, /Search index unavailable/);
			return true;
		});
		assert.deepEqual(h.staticData, before, 'no state moved in memory');
		assert.deepEqual(h.persisted, persisted, 'nothing persisted');
		assert.deepEqual(sorted(idsOf(await h.poll())), sorted(made));
		assert.deepEqual(await h.poll(), []);

		// A dropped connection on a page is retried by the transport: the poll goes through.
		const later = await create(ids.incomingId, 4);
		await sandbox.fault({ target: 'nomad', path: '^/api/admin/search$', drop: true, skip: 1 });
		assert.deepEqual(sorted(idsOf(await h.poll())), sorted(later));
	});

	it('survives restarts (1.x keeps the state of the last emit): no duplicates, nothing lost', async () => {
		const h = harness({ event: 'newAsset' });
		await activate(h);
		const a = await create(ids.incomingId, 2);
		assert.deepEqual(sorted(idsOf(await h.poll())), sorted(a));

		h.restart();
		assert.deepEqual(await activate(h, 'init'), [], 'no duplicates after a restart');
		assert.deepEqual(await h.poll(), []);
		await advance(sandbox, 30);
		assert.deepEqual(await h.poll(), [], 'a quiet poll');
		h.restart(); // the in-memory state of quiet polls is lost: harmless
		const b = await create(ids.incomingId, 1);
		assert.deepEqual(
			idsOf(await activate(h, 'init')),
			b,
			'the activation poll emits what came meanwhile',
		);
		h.restart();
		assert.deepEqual(await activate(h, 'init'), []);
		assert.deepEqual(await h.poll(), []);
	});

	it('a change that shows up late (timestamp older than newer ones) is delivered once within the lookback; beyond it, not', async () => {
		const h = harness({ event: 'newAsset' });
		await activate(h);
		await advance(sandbox, 120);
		const [newer] = await create(ids.incomingId);
		assert.deepEqual(idsOf(await h.poll()), [newer]);
		// Appears now, stamped 90 s ago (before `newer`): inside the 5-minute lookback.
		const [late] = await create(ids.incomingId, 1, { ageMs: 90_000 });
		assert.deepEqual(idsOf(await h.poll()), [late]);
		assert.deepEqual(await h.poll(), []);

		await advance(sandbox, 60);
		const [lateUpdate] = [ids.files['Projects/Interviews/notes.pdf']];
		const u = harness({ event: 'updatedAsset' });
		await activate(u);
		await advance(sandbox, 1);
		const fresh = ids.files['Projects/logo.png'];
		await touch(fresh);
		assert.deepEqual(idsOf(await u.poll()), [fresh]);
		await touch(lateUpdate, { ageMs: 30_000 });
		assert.deepEqual(idsOf(await u.poll()), [lateUpdate], 'a late modification');
		assert.deepEqual(await u.poll(), []);

		// Stamped 10 minutes back: older than the lookback, so the trigger cannot see it (documented).
		const [tooLate] = await create(ids.incomingId, 1, { ageMs: 10 * 60_000 });
		assert.deepEqual(await h.poll(), []);
		assert.ok(tooLate);
	});

	it('manual "Fetch Test Event" returns the newest match and leaves the state alone', async () => {
		const fresh = harness({ event: 'newAsset' });
		const [sample] = await fresh.poll('manual', 'manual');
		const seeded = [...Object.values(ids.folders), ...Object.values(ids.files), ids.bucketId];
		assert.ok(seeded.includes(sample.json.id as string), 'a newest seeded asset');
		assert.equal(sample.json.event, 'newAsset');
		assert.deepEqual(fresh.staticData, {}, 'no state created');

		const h = harness({ event: 'newAsset' });
		await activate(h);
		const state = clone(h.staticData);
		const persisted = clone(h.persisted);
		await advance(sandbox, 1);
		const [made] = await create(ids.incomingId);
		const [manual] = await h.poll('manual', 'manual');
		assert.equal(manual.json.id, made);
		assert.deepEqual(h.staticData, state);
		assert.deepEqual(h.persisted, persisted);
		assert.deepEqual(idsOf(await h.poll()), [made], 'the manual fetch consumed nothing');

		const empty = harness({ event: 'newAsset', folderId: byId(ids.folders.Empty) });
		await assert.rejects(empty.poll('manual', 'manual'), /No matching change was found/);
		const updated = harness({ event: 'updatedAsset' });
		await touch(ids.files['Projects/Interviews/notes.pdf']);
		const [upd] = await updated.poll('manual', 'manual');
		assert.equal(upd.json.id, ids.files['Projects/Interviews/notes.pdf']);
	});

	it('the folder scope: below it (default) or only its direct children; asset type option; a bad folder ID is refused', async () => {
		const interviews = ids.folders['Projects/Interviews'];
		const raw = ids.folders['Projects/Interviews/Raw'];
		const deep = harness({ event: 'newAsset', folderId: byId(interviews) });
		const direct = harness({
			event: 'newAsset',
			folderId: byId(interviews),
			includeSubfolders: false,
		});
		const filesOnly = harness({
			event: 'newAsset',
			folderId: { __rl: true, mode: 'url', value: `https://admin.example/assets/${interviews}` },
			options: { assetType: 'File' },
		});
		for (const h of [deep, direct, filesOnly]) await activate(h);
		const [inside] = await create(interviews);
		const [below] = await create(raw);
		await create(ids.incomingId);
		const [folder] = await create(interviews, 1, { assetType: 'Folder', displayName: 'Sub' });
		assert.deepEqual(sorted(idsOf(await deep.poll())), sorted([inside, below, folder]));
		assert.deepEqual(sorted(idsOf(await direct.poll())), sorted([inside, folder]));
		assert.deepEqual(sorted(idsOf(await filesOnly.poll())), sorted([inside, below]));

		// A search answer with an ID that is no GUID is refused (it would go into request paths).
		await sandbox.fault({
			target: 'nomad',
			path: '^/api/admin/search$',
			status: 200,
			body: {
				items: [{ id: '../../account/logout', createdDate: new Date().toISOString() }],
				totalItemCount: 1,
				nextPageOffset: null,
			},
		});
		await assert.rejects(deep.poll(), /is not a Nomad Media ID/);
		await assert.rejects(
			harness({ event: 'newAsset', folderId: byId('../etc') }).poll(),
			/The "Folder" parameter must be a Nomad Media ID/,
		);
		await assert.rejects(
			harness({ event: 'statusChanged', statuses: [] }).poll(),
			/Choose at least one status/,
		);
		await assert.rejects(
			harness({ event: 'statusChanged', statuses: ['Gone'] }).poll(),
			/"Gone" is not a Nomad Media asset status/,
		);
	});

	it('status changed: archive and restore through the action node deliver Archived and Restored once each; edits in the same status do not', async () => {
		const file = ids.files['Projects/Interviews/interview-01.mp4'];
		const h = harness({ event: 'statusChanged', statuses: ['Archived', 'Available', 'Restored'] });
		const updates = harness({ event: 'updatedAsset' });
		await activate(h);
		await activate(updates);

		// The first poll noted the statuses of what it saw: an edit of one of those is no change.
		await advance(sandbox, 1);
		await touch(ids.files['Projects/Interviews/notes.pdf']);
		assert.deepEqual(await h.poll(), [], 'status remembered from the first poll');

		await ok(sandbox, { resource: 'asset', operation: 'archive', assetId: byId(file) });
		assert.deepEqual(await h.poll(), [], 'PendingArchive is not a chosen status');
		await advance(sandbox, 60);
		assert.deepEqual(await h.poll(), [], 'Archiving');
		await advance(sandbox, 60);
		const archived = await h.poll();
		assert.deepEqual(idsOf(archived), [file]);
		assert.equal(archived[0].json.event, 'statusChanged');
		assert.equal(archived[0].json.status, 'Archived');
		assert.equal(archived[0].json.previousStatus, 'Archiving');
		assert.deepEqual(await h.poll(), []);

		await advance(sandbox, 5);
		await touch(file);
		assert.deepEqual(
			await h.poll(),
			[],
			'a metadata edit of an archived asset is no status change',
		);
		assert.deepEqual(
			sorted(idsOf(await updates.poll())),
			sorted([file, ids.files['Projects/Interviews/notes.pdf']]),
			'but it is an update',
		);

		await ok(sandbox, { resource: 'asset', operation: 'restore', assetId: byId(file) });
		await advance(sandbox, 120);
		const restored = await h.poll();
		assert.deepEqual(
			restored.map((item) => [item.json.id, item.json.status]),
			[[file, 'Restored']],
		);
		await advance(sandbox, 5);
		await touch(file, { assetStatus: 'Available' });
		assert.deepEqual(
			(await h.poll()).map((item) => [item.json.status, item.json.previousStatus]),
			[['Available', 'Restored']],
		);

		// Back to a status after a round trip: delivered again.
		await advance(sandbox, 5);
		await touch(file, { assetStatus: 'Archived' });
		assert.equal((await h.poll())[0].json.status, 'Archived');
		await advance(sandbox, 5);
		await touch(file, { assetStatus: 'PendingRestore' });
		assert.deepEqual(await h.poll(), []);
		await advance(sandbox, 5);
		await touch(file, { assetStatus: 'Archived' });
		assert.deepEqual(
			(await h.poll()).map((item) => [item.json.status, item.json.previousStatus]),
			[['Archived', 'PendingRestore']],
		);

		const [sample] = await h.poll('manual', 'manual');
		assert.deepEqual([sample.json.id, sample.json.status], [file, 'Archived']);

		// An asset whose status the trigger never saw counts as reaching its status (documented).
		await advance(sandbox, 600);
		const later = harness({ event: 'statusChanged', statuses: ['Available'] });
		await activate(later);
		await advance(sandbox, 5);
		const other = ids.files['Projects/Interviews/Raw/raw-02.wav'];
		await touch(other);
		assert.deepEqual(
			(await later.poll()).map((item) => [
				item.json.id,
				item.json.status,
				item.json.previousStatus,
			]),
			[[other, 'Available', null]],
		);
		await advance(sandbox, 5);
		await touch(other);
		assert.deepEqual(await later.poll(), [], 'now it is remembered');
	});

	it('soak: 30 rounds of creates, updates, faults and restarts deliver every change once', async () => {
		await pageLimit(3);
		const random = prng(20260401);
		const created = harness({ event: 'newAsset' });
		const updated = harness({ event: 'updatedAsset' });
		await activate(created);
		await activate(updated);
		const files = Object.values(ids.files);
		const made: string[] = [];
		const gotNew: string[] = [];
		const gotUpdates: string[] = [];
		/** The modification of each asset at the last successful read: each must be delivered. */
		const mustUpdate = new Set<string>();
		const current = new Map<string, string>();
		const collect = (h: PollHarness, items: INodeExecutionData[]) => {
			for (const item of items) {
				if (h === created) gotNew.push(item.json.id as string);
				else gotUpdates.push(`${item.json.id as string}@${item.json.lastModifiedDate as string}`);
			}
		};
		let failures = 0;
		let restarts = 0;
		const pollOnce = async (h: PollHarness, activation = false) => {
			try {
				collect(h, activation ? await activate(h, 'init') : await h.poll());
				if (h === updated) for (const key of current.values()) mustUpdate.add(key);
				return true;
			} catch {
				failures++;
				return false;
			}
		};

		for (let round = 0; round < 30; round++) {
			const count = Math.floor(random() * 5);
			if (count) {
				const news = await create(ids.incomingId, count);
				made.push(...news);
				files.push(...news);
			}
			const touches = Math.floor(random() * 4);
			await advance(sandbox, 1); // a modification is not at its creation's instant
			for (let t = 0; t < touches; t++) {
				if (random() < 0.5) await advance(sandbox, Math.ceil(random() * 3));
				const id = files[Math.floor(random() * files.length)];
				const { lastModifiedDate } = await touch(id);
				current.set(id, `${id}@${lastModifiedDate}`);
			}
			const dice = random();
			if (dice < 0.2) {
				await sandbox.fault({
					target: 'nomad',
					path: '^/api/admin/search$',
					status: 500,
					skip: 1 + Math.floor(random() * 3),
				});
			} else if (dice < 0.4) {
				await sandbox.fault({
					target: 'nomad',
					path: '^/api/admin/search$',
					status: 503,
					headers: { 'Retry-After': '0' },
					times: 2,
				});
			} else if (dice < 0.45) {
				await sandbox.fault({ target: 'nomad', path: '^/api/admin/search$', drop: true });
			}
			const activation = random() < 0.15;
			if (activation) {
				restarts++;
				created.restart();
				updated.restart();
			}
			for (const h of [created, updated]) {
				while (!(await pollOnce(h, activation)) && activation) await sandbox.clearFaults();
			}
			await sandbox.clearFaults();
			await advance(sandbox, Math.floor(random() * 90));
			if (random() < 0.1) await advance(sandbox, 6 * 60);
		}
		for (let drain = 0; drain < 2; drain++) {
			await pollOnce(created);
			await pollOnce(updated);
		}

		assert.equal(new Set(gotNew).size, gotNew.length, 'no duplicate new assets');
		assert.deepEqual(sorted(gotNew), sorted(made), 'every new asset, once');
		assert.equal(new Set(gotUpdates).size, gotUpdates.length, 'no duplicate updates');
		const missed = [...mustUpdate].filter((key) => !gotUpdates.includes(key));
		assert.deepEqual(missed, [], 'no visible modification missed');
		const touched = new Set([...current.values()]);
		assert.ok(gotUpdates.every((key) => key.split('@')[0].length === 36));
		console.log(
			`nomad trigger soak: ${gotNew.length} new, ${gotUpdates.length} updates (${touched.size} assets' last), ${failures} failed polls, ${restarts} restarts`,
		);
		assert.ok(gotNew.length > 20 && gotUpdates.length > 20);
		assert.ok(failures >= 3, `${failures} failed polls`);
		assert.ok(restarts >= 2, `${restarts} restarts`);
	});
});
