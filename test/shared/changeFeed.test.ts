import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import type { IDataObject, INode, IPollFunctions } from 'n8n-workflow';

import {
	type Change,
	type ChangeSource,
	LOOKBACK_MS,
	pollFeed,
} from '../../nodes/shared/trigger/changeFeed';

// The feed's bookkeeping alone (pure logic): the DAM side is a list of changes the test controls.
// The triggers built on it are tested through n8n's PollContext against the simulators.

class Feed implements ChangeSource {
	visible: Change[] = [];
	reads = 0;

	add(key: string, time: number) {
		this.visible.push({ key, time, item: { key, time } });
	}

	async since(since: number) {
		this.reads++;
		return this.visible.filter((change) => change.time >= since);
	}

	async newest() {
		return [...this.visible].sort((a, b) => b.time - a.time)[0];
	}
}

function context(data: IDataObject, mode: 'trigger' | 'manual' = 'trigger') {
	return {
		getMode: () => mode,
		getWorkflowStaticData: () => data,
		getNode: () => ({ name: 'Trigger' }) as INode,
	} as unknown as IPollFunctions;
}

async function poll(feed: Feed, data: IDataObject, options = {}) {
	const result = await pollFeed.call(context(data), feed, options);
	return (result?.[0] ?? []).map((item) => String(item.json.key));
}

const T = Date.parse('2026-12-01T10:00:00Z');

describe('change feed', () => {
	it('starts from the newest change: what exists is not emitted, what follows is, once', async () => {
		const feed = new Feed();
		feed.add('a', T);
		feed.add('b', T + 1000);
		const data: IDataObject = {};
		assert.deepEqual(await poll(feed, data), []);
		assert.equal(data.w, T + 1000);
		feed.add('c', T + 2000);
		assert.deepEqual(await poll(feed, data), ['c']);
		assert.deepEqual(await poll(feed, data), []);
	});

	it('with Emit Existing, the first poll delivers what is there, oldest first', async () => {
		const feed = new Feed();
		feed.add('b', T + 1000);
		feed.add('a', T);
		assert.deepEqual(await poll(feed, {}, { emitExisting: true }), ['a', 'b']);
	});

	it('delivers changes that share a timestamp, and one that shows up late within the lookback', async () => {
		const feed = new Feed();
		const data: IDataObject = {};
		await poll(feed, data);
		feed.add('x1', T);
		assert.deepEqual(await poll(feed, data), ['x1']);
		feed.add('x2', T); // same time, visible one poll later
		feed.add('late', T - LOOKBACK_MS + 1000); // older than the newest seen, inside the lookback
		assert.deepEqual((await poll(feed, data)).sort(), ['late', 'x2']);
		feed.add('too-late', T - LOOKBACK_MS - 1);
		assert.deepEqual(await poll(feed, data), [], 'beyond the lookback: documented as missed');
	});

	it('caps a poll without cutting between changes that share a time; the rest follow', async () => {
		const feed = new Feed();
		const data: IDataObject = {};
		await poll(feed, data);
		feed.add('a', T + 1);
		feed.add('b', T + 2);
		feed.add('c', T + 2);
		feed.add('d', T + 3);
		assert.deepEqual(await poll(feed, data, { maxPerPoll: 2 }), ['a']);
		assert.deepEqual(await poll(feed, data, { maxPerPoll: 2 }), ['b', 'c']);
		assert.deepEqual(await poll(feed, data, { maxPerPoll: 2 }), ['d']);
	});

	it('passes over unwanted changes once, and a poll that emits nothing leaves a state n8n 1.x can reuse', async () => {
		const feed = new Feed();
		const data: IDataObject = {};
		await poll(feed, data);
		// What n8n 1.x has saved: the state of before the poll that emitted nothing.
		const stale = JSON.parse(JSON.stringify(data)) as IDataObject;
		feed.add('skip', T + 1);
		const wanted = (change: Change) => change.key !== 'skip';
		assert.deepEqual(await poll(feed, data, { wanted }), []);
		feed.add('keep', T + 2);
		assert.deepEqual(await poll(feed, stale, { wanted }), ['keep']);
		assert.deepEqual(await poll(feed, data, { wanted }), ['keep']);
	});

	it('"Fetch Test Event" returns the newest match and leaves the state alone', async () => {
		const feed = new Feed();
		const data: IDataObject = {};
		await poll(feed, data);
		feed.add('a', T);
		feed.add('b', T + 5);
		const before = JSON.stringify(data);
		const sample = await pollFeed.call(context(data, 'manual'), feed, {});
		assert.equal(sample?.[0][0].json.key, 'b');
		assert.equal(JSON.stringify(data), before);
		await assert.rejects(
			pollFeed.call(context({}, 'manual'), new Feed(), {}),
			/No matching change was found/,
		);
	});
});
