import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import type { IDataObject, INodeExecutionData, WorkflowActivateMode } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine';
import { PollHarness } from '../harness/poll';
import { Sandbox } from '../harness/sandbox';
import { ReportingPollHarness } from '../mediapocket/reportingPoll';
import { byId, credentials, type SimAsset, seedAsset, setConfig, wwNode } from './helpers';
import { clone, prng } from '../harness/random';

const TRIGGER_TYPE = 'n8n-nodes-dam.woodWingAssetsTrigger';
const MINUTE = 60 * 1000;

const nodeState = (h: PollHarness | ReportingPollHarness) =>
	(h.staticData['node:Trigger'] ?? {}) as { v?: number; w?: number; seen?: string[] };

const ids = (items: INodeExecutionData[]) => items.map((item) => item.json.id as string);
const value = (field: unknown) => Number((field as { value?: unknown })?.value ?? field);
/** An updated asset's change key, as the trigger forms it. */
const modKey = (item: INodeExecutionData) =>
	`${item.json.id as string}@${value((item.json.metadata as IDataObject).assetModified)}`;

describe('WoodWing Assets Trigger (real PollContext, static data persisted as n8n does)', () => {
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

	const params = (
		event: string,
		extra: { folder?: string; query?: string; options?: IDataObject } = {},
	) => ({
		event,
		folderPath: { __rl: true, mode: 'path', value: extra.folder ?? '' },
		query: extra.query ?? '',
		options: (extra.options ?? {}) as never,
	});
	const harness = (event: string, extra: Parameters<typeof params>[1] = {}) =>
		new PollHarness(TRIGGER_TYPE, params(event, extra), credentials(sandbox));

	/** n8n's activation: one poll at once, then the static data is saved (ActiveWorkflowManager). */
	async function activate(
		h: PollHarness | ReportingPollHarness,
		mode: WorkflowActivateMode = 'activate',
	): Promise<INodeExecutionData[]> {
		const items = await h.poll('trigger', mode);
		h.persisted = clone(h.staticData);
		return items;
	}

	const seed = async (name: string, extra: IDataObject = {}) =>
		await seedAsset(sandbox, {
			assetPath: `${(extra.folder as string) ?? '/Demo Zone'}/${name}`,
			content: name,
			...extra,
		});
	const bulk = async (count: number, extra: IDataObject = {}) =>
		await sandbox.sim('woodwing', 'POST', '/assets/bulk', {
			count,
			folderPath: '/Demo Zone/Bulk',
			...extra,
		});
	const change = async (id: string, body: IDataObject = {}): Promise<SimAsset> =>
		await sandbox.sim<SimAsset>('woodwing', 'POST', `/assets/${id}/change`, {
			metadata: { description: `changed ${Math.random()}` },
			...body,
		});
	const advance = async (ms: number) =>
		await sandbox.sim('woodwing', 'POST', '/clock', { advanceMs: ms });
	const allAssets = async () => await sandbox.sim<SimAsset[]>('woodwing', 'GET', '/assets');
	const searches = async (since: number) =>
		(await sandbox.journal('woodwing', since)).filter((e) => e.path === '/services/search');

	it('starts from now, emits each new asset once with the Get output and the event; quiet polls change no state', async () => {
		await seed('old-1.txt');
		await seed('old-2.txt');
		const h = harness('newAsset');
		assert.deepEqual(await activate(h), [], 'existing assets are not emitted');
		assert.equal(nodeState(h).v, 1, 'a starting point was recorded');
		assert.equal(nodeState(h).seen?.length, 2, 'the recent ones are known');

		const quiet = clone(h.staticData);
		assert.deepEqual(await h.poll(), []);
		assert.deepEqual(h.staticData, quiet, 'nothing new: the static data is untouched');

		const made = await seed('new.jpg', { metadata: { status: 'Draft' } });
		const items = await h.poll();
		assert.deepEqual(ids(items), [made.id]);
		assert.equal(items[0].json.event, 'newAsset');
		const get = await runWorkflow([wwNode('get', { assetId: byId(made.id) })], {
			credentials: credentials(sandbox),
		});
		const { event, ...asset } = items[0].json;
		assert.equal(event, 'newAsset');
		assert.deepEqual(asset, get.output('WoodWing')[0].json, 'the asset as Get returns it');
		assert.deepEqual(h.persisted, clone(h.staticData), 'emitting persisted the state');

		for (let n = 0; n < 5; n++) assert.deepEqual(await h.poll(), [], `poll ${n} emits nothing`);
		// Modifying the new asset is no new asset.
		await change(made.id);
		assert.deepEqual(await h.poll(), []);
	});

	it('"Emit Existing" emits the existing assets once, oldest first, across pages', async () => {
		await bulk(250);
		await seed('single.txt');
		const h = harness('newAsset', { options: { emitExisting: true } });
		const mark = await sandbox.mark();
		const items = await activate(h);
		assert.equal(items.length, 251);
		assert.equal(new Set(ids(items)).size, 251);
		const created = items.map((item) => value((item.json.metadata as IDataObject).assetCreated));
		assert.deepEqual(
			created,
			[...created].sort((a, b) => a - b),
			'oldest first',
		);
		const pages = await searches(mark);
		assert.ok(pages.length >= 3, `${pages.length} search requests`);
		assert.match(pages[0].query.q, /^assetCreated:\[\* TO \*\]/);
		assert.deepEqual(await h.poll(), []);
	});

	it('an updated asset is emitted once per modification, keyed by id and time', async () => {
		const a = await seed('a.txt');
		const b = await seed('b.txt');
		const h = harness('updatedAsset');
		await activate(h);

		const first = await change(a.id);
		let items = await h.poll();
		assert.deepEqual(ids(items), [a.id]);
		assert.equal(modKey(items[0]), `${a.id}@${value(first.metadata.assetModified)}`);
		assert.equal(items[0].json.event, 'updatedAsset');
		assert.deepEqual(await h.poll(), []);

		await advance(1000);
		await change(a.id);
		await advance(1000);
		await change(b.id);
		items = await h.poll();
		assert.deepEqual(ids(items), [a.id, b.id], 'the second modification of a, then b');
		assert.deepEqual(await h.poll(), []);
		assert.ok(
			nodeState(h).seen!.some((key) => key.startsWith(`${a.id}@`)),
			'the keys carry the modification time',
		);
	});

	it('several changes with the same timestamp are all delivered, once', async () => {
		const h = harness('updatedAsset');
		const assets = [];
		for (let n = 0; n < 6; n++) assets.push(await seed(`same-${n}.txt`));
		await activate(h);
		const { at } = await sandbox.sim('woodwing', 'POST', '/changes', {
			ids: assets.slice(0, 4).map((a) => a.id),
			metadata: { status: 'Review' },
		});
		const items = await h.poll();
		assert.deepEqual(
			ids(items).sort(),
			assets
				.slice(0, 4)
				.map((a) => a.id)
				.sort(),
		);
		assert.ok(
			items.every((item) => value((item.json.metadata as IDataObject).assetModified) === at),
		);
		// Two more at that very timestamp, visible later: still delivered, once.
		await sandbox.sim('woodwing', 'POST', '/changes', {
			ids: assets.slice(4).map((a) => a.id),
			metadata: { status: 'Review' },
			at,
		});
		assert.deepEqual(
			ids(await h.poll()).sort(),
			assets
				.slice(4)
				.map((a) => a.id)
				.sort(),
		);
		assert.deepEqual(await h.poll(), []);

		const created = harness('newAsset');
		await activate(created);
		await bulk(7, { sameTime: true, prefix: 'tied' });
		assert.equal((await created.poll()).length, 7);
		assert.deepEqual(await created.poll(), []);
	});

	it('a fault mid-read (500 on a later page, a dropped connection) moves no state; the next poll delivers everything once', async () => {
		const h = harness('newAsset');
		await activate(h);
		await bulk(230);
		const before = clone(h.staticData);
		const persisted = clone(h.persisted);

		await sandbox.fault({
			target: 'woodwing',
			path: '^/services/search$',
			status: 500,
			body: { errorcode: 500, message: 'Internal Server Error' },
			skip: 1,
		});
		await assert.rejects(h.poll(), (error: Error & { httpCode?: string }) => {
			assert.equal(error.httpCode, '500');
			assert.match(error.message, /Internal Server Error/);
			return true;
		});
		assert.deepEqual(h.staticData, before, 'nothing moved in memory');
		assert.deepEqual(h.persisted, persisted, 'nothing persisted');

		// A dropped connection on a later page is read again (a search is safe to repeat).
		await sandbox.fault({ target: 'woodwing', path: '^/services/search$', drop: true, skip: 2 });
		const items = await h.poll();
		assert.equal(items.length, 230);
		assert.equal(new Set(ids(items)).size, 230);
		assert.deepEqual(await h.poll(), []);
	});

	it('a 500 reported as HTTP 200 with an errorcode (returnStatusOkOnErrorForServicesApi) also fails the poll without losing anything', async () => {
		await setConfig(sandbox, { okOnError: true });
		const h = harness('newAsset');
		await activate(h);
		const made = await seed('ok-on-error.txt');
		const before = clone(h.staticData);
		await sandbox.fault({
			target: 'woodwing',
			path: '^/services/search$',
			status: 200,
			body: { errorcode: 500, message: 'Search index unavailable' },
		});
		await assert.rejects(h.poll(), /Search index unavailable/);
		assert.deepEqual(h.staticData, before);
		assert.deepEqual(ids(await h.poll()), [made.id]);
	});

	it('survives restarts of n8n (1.x saves the state only when a poll emits): no duplicates, nothing lost', async () => {
		const h = harness('updatedAsset');
		const a = await seed('restart-a.txt');
		await activate(h);
		await change(a.id);
		assert.deepEqual(ids(await h.poll()), [a.id]);

		h.restart();
		assert.deepEqual(await activate(h, 'init'), [], 'the re-activation poll repeats nothing');
		assert.deepEqual(await h.poll(), []);

		// A quiet poll much later, then a restart back to the state of the last emit.
		await advance(6 * MINUTE);
		assert.deepEqual(await h.poll(), []);
		h.restart();
		assert.deepEqual(await h.poll(), [], 'the persisted (older) state still knows the change');

		const b = await seed('restart-b.txt');
		h.restart(); // before the change was ever polled
		assert.deepEqual(ids(await h.poll()), [b.id], 'created = first modification');
		h.restart();
		assert.deepEqual(await h.poll(), []);

		// 2.x keeps what a quiet poll wrote too: the same outcome.
		const two = new ReportingPollHarness(
			TRIGGER_TYPE,
			params('updatedAsset'),
			credentials(sandbox),
			'2.x',
		);
		await activate(two);
		await change(b.id);
		assert.deepEqual(ids(await two.poll()), [b.id]);
		two.restart();
		assert.deepEqual(await two.poll(), []);
		assert.equal(two.failedExecutions.length, 0);
	});

	it('a change that becomes visible late but within the lookback is delivered once; beyond the lookback it is not', async () => {
		const h = harness('newAsset');
		await activate(h);
		const late = await seed('late.txt', { hidden: true });
		await advance(2000);
		const newer = await seed('newer.txt');
		assert.deepEqual(ids(await h.poll()), [newer.id], 'the late one is not visible yet');
		await sandbox.sim('woodwing', 'POST', `/assets/${late.id}/reveal`);
		assert.deepEqual(ids(await h.poll()), [late.id], 'older than the newest seen, still delivered');
		assert.deepEqual(await h.poll(), []);

		// An update dated 2 minutes back that shows up now.
		const u = harness('updatedAsset');
		await activate(u);
		await change(newer.id);
		assert.deepEqual(ids(await u.poll()), [newer.id]);
		await change(late.id, { agoMs: 2 * MINUTE });
		assert.deepEqual(ids(await u.poll()), [late.id]);
		assert.deepEqual(await u.poll(), []);

		// Later than the 5-minute lookback: documented as not delivered.
		await seed('too-late.txt', { createdAgoMs: 10 * MINUTE });
		assert.deepEqual(await h.poll(), []);
	});

	it('manual "Fetch Test Event" returns the newest match and leaves the state alone', async () => {
		const h = harness('newAsset');
		await assert.rejects(h.poll('manual', 'manual'), /No matching change was found/);
		await seed('one.txt');
		await advance(1000);
		const two = await seed('two.txt');
		const [sample] = await h.poll('manual', 'manual');
		assert.equal(sample.json.id, two.id);
		assert.deepEqual(h.staticData, {}, 'no state created by a manual fetch');

		await activate(h);
		const state = clone(h.staticData);
		const persisted = clone(h.persisted);
		await advance(1000);
		const three = await seed('three.txt');
		const [newest] = await h.poll('manual', 'manual');
		assert.equal(newest.json.id, three.id);
		assert.deepEqual(h.staticData, state);
		assert.deepEqual(h.persisted, persisted);
		assert.deepEqual(ids(await h.poll()), [three.id], 'the manual fetch consumed nothing');

		// Metadata Changed: the newest modification is a check-in, the sample is the newest metadata change.
		const m = harness('metadataChanged');
		await change(two.id);
		await advance(1000);
		await change(three.id, { checkIn: true });
		const [meta] = await m.poll('manual', 'manual');
		assert.equal(meta.json.id, two.id);
		assert.equal(meta.json.event, 'metadataChanged');
	});

	it('respects the folder (with or without subfolders) and the query, ANDed', async () => {
		const inside = await seed('in.jpg', {
			folder: '/Demo Zone/Images',
			metadata: { status: 'Production' },
		});
		const deeper = await seed('deep.jpg', {
			folder: '/Demo Zone/Images/Beach',
			metadata: { status: 'Draft' },
		});
		const outside = await seed('out.jpg', { folder: '/Other', metadata: { status: 'Production' } });
		const run = async (extra: NonNullable<Parameters<typeof params>[1]>) =>
			ids(
				await activate(
					harness('newAsset', { ...extra, options: { emitExisting: true, ...extra.options } }),
				),
			).sort();

		assert.deepEqual(await run({ folder: '/Demo Zone/Images/' }), [inside.id, deeper.id].sort());
		assert.deepEqual(
			await run({ folder: '/Demo Zone/Images', options: { includeSubfolders: false } }),
			[inside.id],
		);
		assert.deepEqual(await run({ query: 'status:Production' }), [inside.id, outside.id].sort());
		// The query is grouped: its OR does not escape the folder.
		assert.deepEqual(await run({ folder: '/Other', query: 'status:Draft OR status:Production' }), [
			outside.id,
		]);
		assert.deepEqual(await run({ folder: '/Other', query: 'status:Draft' }), []);
		const mark = await sandbox.mark();
		await run({ folder: '/Demo Zone', query: 'status:Draft' });
		const [first] = await searches(mark);
		assert.equal(
			first.query.q,
			'assetCreated:[* TO *] AND ancestorPaths:"/Demo Zone" AND (status:Draft)',
		);
		await assert.rejects(
			harness('newAsset', { folder: 'Demo Zone' }).poll(),
			/The folder path "Demo Zone" must start with "\/"/,
		);
		// Scope applies to updates too.
		const u = harness('updatedAsset', { folder: '/Other' });
		await activate(u);
		await change(inside.id);
		await change(outside.id);
		assert.deepEqual(ids(await u.poll()), [outside.id]);
	});

	it('Checked In, Checked Out and Metadata Changed each see their own changes', async () => {
		const a = await seed('a.txt');
		const b = await seed('b.txt');
		const checkedIn = harness('checkedIn');
		const checkedOut = harness('checkedOut');
		const metadata = harness('metadataChanged');
		for (const h of [checkedIn, checkedOut, metadata]) assert.deepEqual(await activate(h), []);

		await advance(1000);
		await change(a.id); // metadata only
		await sandbox.sim('woodwing', 'POST', `/assets/${b.id}/checkout`, { user: 'jane' });
		assert.deepEqual(await checkedIn.poll(), []);
		const out = await checkedOut.poll();
		assert.deepEqual(ids(out), [b.id]);
		assert.equal(out[0].json.event, 'checkedOut');
		assert.equal((out[0].json.metadata as IDataObject).checkedOutBy, 'jane');
		assert.deepEqual(ids(await metadata.poll()), [a.id]);

		await advance(1000);
		const checkedInB = await change(b.id, { checkIn: true, metadata: {} });
		const ins = await checkedIn.poll();
		assert.deepEqual(ids(ins), [b.id]);
		assert.equal((ins[0].json.metadata as IDataObject).versionNumber, 2);
		assert.equal(
			value((ins[0].json.metadata as IDataObject).assetFileModified),
			value(checkedInB.metadata.assetFileModified),
		);
		assert.deepEqual(await metadata.poll(), [], 'a check-in is no metadata change');
		assert.deepEqual(await checkedOut.poll(), [], 'the check-in cleared the check-out');

		// A second check-out of the same asset is a new change.
		await advance(1000);
		await sandbox.sim('woodwing', 'POST', `/assets/${b.id}/checkout`, { user: 'admin' });
		assert.deepEqual(ids(await checkedOut.poll()), [b.id]);
		await advance(1000);
		await change(b.id, { checkIn: true });
		assert.deepEqual(ids(await checkedIn.poll()), [b.id], 'the second version');
		assert.deepEqual(await checkedIn.poll(), []);
		// New assets are no check-ins.
		await seed('c.txt');
		assert.deepEqual(await checkedIn.poll(), []);
	});

	it("a read larger than the server's result window goes on below the oldest time read; one it cannot split fails clearly", async () => {
		await setConfig(sandbox, { maxResultWindow: 30 });
		await bulk(100, { stepMs: 100 });
		const h = harness('newAsset', { options: { emitExisting: true } });
		const mark = await sandbox.mark();
		const items = await activate(h);
		assert.equal(items.length, 100);
		assert.equal(new Set(ids(items)).size, 100);
		const qs = (await searches(mark)).map((entry) => entry.query.q);
		assert.ok(qs.length >= 4, `${qs.length} searches`);
		assert.ok(
			qs.some((q) => /^assetCreated:\[\* TO \d{4}-\d\d-\d\dT[\d:]+Z\]/.test(q)),
			qs.join('\n'),
		);
		assert.deepEqual(await h.poll(), []);

		await sandbox.reset();
		await setConfig(sandbox, { maxResultWindow: 30 });
		const tied = harness('newAsset');
		await activate(tied);
		await bulk(40, { sameTime: true, prefix: 'tied' });
		const before = clone(tied.staticData);
		await assert.rejects(
			tied.poll(),
			/More assets than one search can return have the same assetCreated/,
		);
		assert.deepEqual(tied.staticData, before);
	});

	it('a modification during a read does not push an unread change out of reach (pages are read newest first)', async () => {
		const made = [];
		for (let n = 0; n < 150; n++) made.push(await seed(`old-${n}.txt`));
		const expected = new Set<string>();
		for (const [n, asset] of made.entries()) {
			const done = await change(asset.id, { agoMs: 60 * MINUTE - n * 1000 });
			expected.add(`${asset.id}@${value(done.metadata.assetModified)}`);
		}
		const h = harness('updatedAsset', { options: { emitExisting: true } });
		// The second page waits; meanwhile an asset of the first page is modified again.
		await sandbox.fault({ target: 'woodwing', path: '^/services/search$', delayMs: 400, skip: 1 });
		const polling = activate(h);
		await new Promise((resolve) => setTimeout(resolve, 150));
		const moved = await change(made[120].id);
		const delivered = (await polling).map(modKey);
		delivered.push(...(await h.poll()).map(modKey));
		assert.equal(new Set(delivered).size, delivered.length, 'no duplicates');
		for (const key of expected) assert.ok(delivered.includes(key), `${key} delivered`);
		assert.ok(delivered.includes(`${moved.id}@${value(moved.metadata.assetModified)}`));
		assert.equal(delivered.length, 151);
	});

	it('refuses an asset ID from the server that is not one', async () => {
		const h = harness('newAsset');
		await activate(h);
		await sandbox.fault({
			target: 'woodwing',
			path: '^/services/search$',
			status: 200,
			body: {
				firstResult: 0,
				totalHits: 1,
				hits: [{ id: '../../services/remove', metadata: { assetCreated: { value: Date.now() } } }],
			},
		});
		await assert.rejects(h.poll(), /The DAM returned an asset ID that is not a WoodWing Assets ID/);
	});

	it('the example workflow: its trigger finds the demo asset on the first poll, its update tags it', async () => {
		const example = JSON.parse(
			readFileSync(
				join(__dirname, '..', '..', '..', 'examples', 'workflows', 'woodwing-trigger.json'),
				'utf8',
			),
		) as { nodes: Array<{ type: string; parameters: IDataObject }> };
		const [trigger, tag] = example.nodes;
		assert.equal(trigger.type, TRIGGER_TYPE);
		// As examples/sandbox.js seeds it.
		const demo = await seedAsset(sandbox, {
			assetPath: '/Demo Zone/Images/beach.jpg',
			content: 'a photo of a beach',
			mimeType: 'image/jpeg',
			metadata: { status: 'Production', description: 'A sunny beach' },
		});
		const { pollTimes: _pollTimes, ...parameters } = trigger.parameters;
		const h = new PollHarness(TRIGGER_TYPE, parameters as never, credentials(sandbox));
		const items = await activate(h);
		assert.deepEqual(ids(items), [demo.id]);
		const tagParameters = JSON.parse(
			JSON.stringify(tag.parameters).replace('={{ $json.id }}', demo.id),
		) as IDataObject;
		const result = await runWorkflow([wwNode('update', tagParameters)], {
			credentials: credentials(sandbox),
		});
		assert.equal(result.error, undefined, result.error?.message);
		assert.deepEqual((result.output('WoodWing')[0].json.metadata as IDataObject).tags, [
			'seen-by-n8n',
		]);
	});

	it('soak: 30 rounds of creates, updates, faults, clock jumps and restarts deliver every change exactly once', async () => {
		const random = prng(20261202);
		await bulk(120, { prefix: 'base' });
		const h = harness('updatedAsset');
		await activate(h);
		const delivered: string[] = [];
		const collect = (items: INodeExecutionData[]) => delivered.push(...items.map(modKey));
		const expected = new Set<string>();
		/** Assets changed since the last successful poll: not changed again (search shows only the latest state). */
		const pending = new Set<string>();
		let known = (await allAssets()).map((asset) => asset.id);
		let failures = 0;
		let restarts = 0;
		const faultKinds = new Set<string>();

		for (let round = 0; round < 30; round++) {
			const creates = Math.floor(random() * 4);
			for (let n = 0; n < creates; n++) {
				const made = await seed(`soak-${round}-${n}.txt`);
				expected.add(`${made.id}@${value(made.metadata.assetModified)}`);
				pending.add(made.id);
			}
			known = [
				...known,
				...(await allAssets()).map((a) => a.id).filter((id) => !known.includes(id)),
			];
			const updates = Math.floor(random() * 5);
			for (let n = 0; n < updates; n++) {
				const id = known[Math.floor(random() * known.length)];
				if (pending.has(id)) continue;
				const done = await change(id, {
					checkIn: random() < 0.3,
					agoMs: random() < 0.2 ? Math.floor(random() * 60_000) : 0,
				});
				expected.add(`${id}@${value(done.metadata.assetModified)}`);
				pending.add(id);
			}
			const dice = random();
			if (dice < 0.2) {
				faultKinds.add('500-later-page');
				await sandbox.fault({
					target: 'woodwing',
					path: '^/services/search$',
					status: 500,
					body: { errorcode: 500, message: 'Internal Server Error' },
					skip: 1,
				});
			} else if (dice < 0.3) {
				faultKinds.add('500-first');
				await sandbox.fault({ target: 'woodwing', path: '^/services/search$', status: 500 });
			} else if (dice < 0.4) {
				faultKinds.add('drop');
				await sandbox.fault({ target: 'woodwing', path: '^/services/search$', drop: true });
			} else if (dice < 0.5) {
				faultKinds.add('503');
				await sandbox.fault({
					target: 'woodwing',
					path: '^/services/search$',
					status: 503,
					headers: { 'Retry-After': '0' },
					times: 2,
				});
			}
			if (random() < 0.2) await advance(Math.floor(random() * 4 * MINUTE));
			if (random() < 0.2) {
				restarts++;
				h.restart();
				for (;;) {
					try {
						collect(await activate(h, 'init'));
						break;
					} catch {
						failures++;
						await sandbox.clearFaults();
					}
				}
			}
			try {
				collect(await h.poll());
				pending.clear();
			} catch {
				failures++;
			}
			await sandbox.clearFaults();
		}
		for (let drain = 0; drain < 2; drain++) collect(await h.poll());

		assert.equal(new Set(delivered).size, delivered.length, 'no duplicates');
		assert.deepEqual(new Set(delivered), expected, 'every change, none made up');
		console.log(
			`woodwing trigger soak: ${delivered.length} changes, ${failures} failed polls, ${restarts} restarts, faults ${[...faultKinds].join('/')}`,
		);
		assert.ok(delivered.length > 40, `${delivered.length} changes`);
		assert.ok(failures >= 3, `${failures} failed polls`);
		assert.ok(restarts >= 3, `${restarts} restarts`);
	});
});
