import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';

import {
	MAX_RECENT,
	SETTLE_MS,
	advance,
	baseline,
	isAscending,
	newEvents,
	readState,
	writeState,
} from '../../nodes/MediaPocket/trigger/cursor';

// Pure logic of the trigger's cursor (the engine-level behaviour is in trigger.test.ts).
const NOW = Date.parse('2025-06-01T12:00:00Z');
const event = (id: number, ageMs = 0) => ({
	id,
	created_at: new Date(NOW - ageMs).toISOString(),
	event_type: 'X',
});

describe('Media Pocket trigger cursor', () => {
	it('writing the poll state keeps a webhook registration whose delete failed (for the next activation)', () => {
		const registration = { id: '7', secret: 's', url: 'http://n8n/webhook/x/webhook' };
		const data = { v: 1, assets: {}, stale: true, registration: { ...registration } };
		writeState(data, { v: 1, assets: { a: { w: 3, r: [] } }, gone: {} });
		assert.deepEqual(data, { v: 1, assets: { a: { w: 3, r: [] } }, registration });
	});

	it('is a fixed point: reading the same history again changes nothing', () => {
		const read = [event(12), event(11), event(10)];
		const once = advance({ w: 9, r: [] }, read, NOW);
		assert.deepEqual(once, { w: 9, r: [10, 11, 12], d: NOW, n: NOW });
		assert.deepEqual(advance(once, read, NOW), once);
		assert.deepEqual(newEvents(once, read), []);
	});

	it('new events are those above w and not yet handled, oldest first, each once', () => {
		const cursor = { w: 5, r: [7, 9] };
		const read = [event(10), event(9), event(8), event(8), event(7), event(6), event(5), event(4)];
		assert.deepEqual(
			newEvents(cursor, read).map((e) => e.id),
			[6, 8, 10],
		);
	});

	it("settles ids into w once they are SETTLE_MS older than the DAM's time: its newest event, plus what n8n saw pass since", () => {
		const byDamClock = advance(
			{ w: 1, r: [2, 3] },
			[event(4), event(3, SETTLE_MS + 1), event(2, SETTLE_MS + 5)],
			NOW,
		);
		assert.deepEqual(byDamClock, { w: 3, r: [4], d: NOW, n: NOW });
		// A quiet asset: nothing newer, but n8n has seen SETTLE_MS pass since it first saw the newest event.
		const seen = { w: 1, r: [2, 3], d: NOW - 5000, n: NOW - SETTLE_MS - 5000 };
		const quiet = advance(seen, [event(3, 5000), event(2, 6000)], NOW);
		assert.deepEqual(quiet, { w: 3, r: [] });
		const young = advance({ w: 1, r: [2, 3] }, [event(3, 1000), event(2, 2000)], NOW);
		assert.deepEqual(young, { w: 1, r: [2, 3], d: NOW - 1000, n: NOW });
	});

	it("never settles by n8n's clock alone: events the DAM stamped long before n8n's now stay recent until the DAM's time moves on", () => {
		// The DAM's clock is an hour behind n8n's: its events look an hour old to n8n.
		const behind = [event(3, 3_600_000), event(2, 3_600_000 + 1000)];
		const first = advance({ w: 1, r: [] }, behind, NOW);
		assert.deepEqual(first, { w: 1, r: [2, 3], d: NOW - 3_600_000, n: NOW });
		assert.deepEqual(
			advance(first, behind, NOW + 60_000),
			first,
			'one minute later: nothing settled',
		);
		assert.equal(
			advance(first, behind, NOW + SETTLE_MS + 1000).w,
			3,
			"after SETTLE_MS on n8n's clock they settle",
		);
		// The DAM's clock ahead of n8n's changes nothing either.
		const ahead = [event(3, -3_600_000), event(2, -3_600_000 + 1000)];
		assert.deepEqual(advance({ w: 1, r: [] }, ahead, NOW).r, [2, 3]);
	});

	it('caps the recent ids, raising w over the oldest ones', () => {
		const read = Array.from({ length: MAX_RECENT + 50 }, (_, i) => event(1000 + i));
		const cursor = advance({ w: 999, r: [] }, read, NOW);
		assert.equal(cursor.r.length, MAX_RECENT);
		assert.equal(cursor.w, 1000 + 49);
		assert.equal(cursor.r[0], 1000 + 50);
	});

	it('baseline takes the newest id; page order is detected from the ids', () => {
		assert.deepEqual(baseline([event(30), event(29)]), { w: 30, r: [] });
		assert.deepEqual(baseline([]), { w: 0, r: [] });
		assert.equal(isAscending([event(1), event(2)]), true);
		assert.equal(isAscending([event(2), event(1)]), false);
		assert.equal(isAscending([event(2)]), false);
	});

	it('reads stored state defensively: unknown versions and malformed cursors count as missing', () => {
		assert.deepEqual(readState({}), { v: 1, assets: {}, gone: {} });
		assert.deepEqual(readState({ v: 2, assets: { a: { w: 1, r: [] } } }), {
			v: 1,
			assets: {},
			gone: {},
		});
		assert.deepEqual(
			readState({
				v: 1,
				assets: { a: { w: 5, r: [9, 3, 7, 7, 'x'] }, b: { w: 'nope', r: [] }, c: null },
			}),
			{ v: 1, assets: { a: { w: 5, r: [7, 9] } }, gone: {} },
		);
		assert.deepEqual(
			readState({
				v: 1,
				assets: { a: { w: 5, r: [7], d: 10, n: 20 }, b: { w: 5, r: [], d: 10, n: 20 } },
				gone: { c: { at: 'x', message: 'm' }, d: 1 },
			}),
			{
				v: 1,
				assets: { a: { w: 5, r: [7], d: 10, n: 20 }, b: { w: 5, r: [] } },
				gone: { c: { at: 'x', message: 'm' } },
			},
		);
	});
});
