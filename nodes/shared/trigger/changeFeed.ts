import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { REGISTRATION_KEY } from './webhook';

/**
 * One change a DAM's search reveals: an asset created, or modified at a time. `key` is stable for
 * the change (an asset id for "created", the id and the modification time for "updated"), so the
 * same change read twice is recognised.
 */
export interface Change {
	key: string;
	/** When it happened, in ms on the DAM's clock (its own timestamps; n8n's clock is never used). */
	time: number;
	item: IDataObject;
}

/** What a DAM trigger provides for one event kind. */
export interface ChangeSource {
	/** Every change with time >= since, all pages, in any order. */
	since(since: number): Promise<Change[]>;
	/** The newest change (the starting point, and the sample for "Fetch Test Event"). */
	newest(): Promise<Change | undefined>;
}

/**
 * The feed's position, kept in the node's static data:
 *   w     the newest change time handled (DAM clock);
 *   seen  the keys of the changes handled with time >= w - lookback.
 * Each poll reads from w - lookback: a change whose timestamp is older than the newest one seen
 * but which became visible later (search indexes and replicas lag) is still found within the
 * lookback, and `seen` keeps everything in that window from being delivered twice. Changes that
 * share a timestamp are told apart by their keys.
 */
export interface FeedState {
	v: 1;
	w: number;
	seen: string[];
}

/** How far back each poll reads again, for changes that show up late in the DAM's search. */
export const LOOKBACK_MS = 5 * 60 * 1000;
/** Changes one poll delivers at most; the rest follow at the next polls, oldest first. */
export const MAX_CHANGES_PER_POLL = 500;

function readFeedState(data: IDataObject): FeedState | undefined {
	const w = Number(data.w);
	if (data.v !== 1 || !Number.isFinite(w) || !Array.isArray(data.seen)) return undefined;
	return { v: 1, w, seen: (data.seen as unknown[]).map(String) };
}

/** Replaces the node's feed state; a webhook registration kept beside it stays (see webhook.ts). */
function writeFeedState(data: IDataObject, state: FeedState): void {
	for (const key of Object.keys(data)) if (key !== REGISTRATION_KEY) delete data[key];
	Object.assign(data, { v: state.v, w: state.w, seen: [...state.seen] });
}

function sameFeedState(a: FeedState | undefined, b: FeedState): boolean {
	return !!a && a.w === b.w && a.seen.join('\n') === b.seen.join('\n');
}

const byTime = (a: Change, b: Change) => a.time - b.time || a.key.localeCompare(b.key);

/**
 * The state after handling `handled` (sorted by time) on top of `state`: w moves to the newest
 * handled change, `seen` keeps the keys still inside the lookback window.
 */
export function advanceFeed(
	state: FeedState,
	read: Change[],
	handled: Change[],
	lookbackMs = LOOKBACK_MS,
): FeedState {
	const w = handled.reduce((newest, change) => Math.max(newest, change.time), state.w);
	const known = new Set([...state.seen, ...handled.map((change) => change.key)]);
	const seen = read
		.filter((change) => known.has(change.key) && change.time >= w - lookbackMs)
		.map((change) => change.key);
	return { v: 1, w, seen: [...new Set(seen)].sort() };
}

export interface PollFeedOptions {
	/** Whether the first poll delivers what is already there (otherwise it only records a start). */
	emitExisting?: boolean;
	/** Which changes start the workflow (the others are passed over, once). */
	wanted?: (change: Change) => boolean;
	lookbackMs?: number;
	maxPerPoll?: number;
	/** What to say when "Fetch Test Event" finds nothing. */
	emptyHint?: string;
}

/**
 * A polling trigger's poll on a change feed, with n8n's guarantees: the first poll records a
 * starting point (nothing is emitted unless asked), each change is emitted once across pages,
 * restarts and faults (the state moves only after the whole read succeeded, and a poll that
 * emits nothing leaves it where n8n 1.x would find it), and "Fetch Test Event" (manual mode)
 * returns the newest matching change without touching the state.
 */
export async function pollFeed(
	this: IPollFunctions,
	source: ChangeSource,
	options: PollFeedOptions = {},
): Promise<INodeExecutionData[][] | null> {
	const wanted = options.wanted ?? (() => true);
	const lookbackMs = options.lookbackMs ?? LOOKBACK_MS;
	const maxPerPoll = options.maxPerPoll ?? MAX_CHANGES_PER_POLL;

	if (this.getMode() === 'manual') {
		const newest = await source.newest();
		let sample = newest && wanted(newest) ? newest : undefined;
		if (!sample && newest) {
			const recent = await source.since(newest.time - 7 * 24 * 3600 * 1000);
			sample = recent.filter(wanted).sort(byTime).pop();
		}
		if (!sample) {
			throw new NodeOperationError(this.getNode(), 'No matching change was found', {
				description:
					options.emptyHint ?? 'Make a change in the DAM that matches the trigger and fetch again',
			});
		}
		return [[{ json: sample.item }]];
	}

	const data = this.getWorkflowStaticData('node');
	const previous = readFeedState(data);
	let state = previous;
	if (!state) {
		if (!options.emitExisting) {
			const newest = await source.newest();
			const start: FeedState = { v: 1, w: newest?.time ?? 0, seen: [] };
			const recent = newest ? await source.since(start.w - lookbackMs) : [];
			writeFeedState(data, advanceFeed(start, recent, recent, lookbackMs));
			return null;
		}
		state = { v: 1, w: Number.NEGATIVE_INFINITY, seen: [] };
	}

	const from = Number.isFinite(state.w) ? state.w - lookbackMs : 0;
	const read = (await source.since(from)).filter((change) => change.time >= from).sort(byTime);
	const seen = new Set(state.seen);
	const fresh = read.filter((change) => !seen.has(change.key));
	// Oldest first, at most maxPerPoll: the rest are read again (and emitted) at the next poll.
	let handled = fresh.slice(0, maxPerPoll);
	// Never cut between changes that share a time: w would pass the ones left out.
	if (fresh.length > maxPerPoll) {
		const cut = handled[handled.length - 1].time;
		handled = handled.filter((change) => change.time < cut);
		if (handled.length === 0) handled = fresh.filter((change) => change.time === cut);
	}
	const base: FeedState = Number.isFinite(state.w) ? state : { v: 1, w: from, seen: [] };
	const next = advanceFeed(base, read, handled, lookbackMs);
	const items = handled.filter(wanted).map((change) => ({ json: change.item }));
	if (!sameFeedState(previous, next)) writeFeedState(data, next);
	return items.length > 0 ? [items] : null;
}
