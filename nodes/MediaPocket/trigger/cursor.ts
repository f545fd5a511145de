import type { IDataObject } from 'n8n-workflow';

/**
 * The trigger's per-asset cursor, kept in the node's static data:
 *
 *   w  every event of the asset with an id <= w has been handled (emitted, filtered out, or it
 *      predates the trigger);
 *   r  ids above w already handled (sorted). Usually a handful: the events of the last few minutes.
 *
 * History event ids are the DAM's integer primary keys, so they grow with time; the cursor never
 * relies on timestamps to order or compare events (several events may share one). Ids above w stay
 * listed in r until they are SETTLE_MS old: an event whose id was taken earlier but whose
 * transaction commits later still shows up in the read down to w and is delivered once. "Old" is
 * measured against the DAM's own newest created_at, or n8n's clock minus CLOCK_SKEW_MS when the
 * asset has gone quiet, whichever is later. r is capped at MAX_RECENT ids per asset, so the state
 * stays small.
 *
 * Reading the same history twice with no new event gives the same cursor: a poll with nothing new
 * changes nothing, which matters because n8n saves static data only when a poll emits.
 */
export interface AssetCursor {
	w: number;
	r: number[];
}

export interface TriggerState {
	v: 1;
	assets: Record<string, AssetCursor>;
}

export const SETTLE_MS = 2 * 60 * 1000;
/** How far the DAM's clock may be ahead of n8n's without events settling too early. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
export const MAX_RECENT = 200;

export function eventId(event: IDataObject): number | undefined {
	const id = Number(event.id);
	return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

function eventTime(event: IDataObject): number | undefined {
	const time = Date.parse(String(event.created_at ?? ''));
	return Number.isFinite(time) ? time : undefined;
}

/** Reads the stored state, dropping anything malformed (an unreadable cursor is treated as missing). */
export function readState(data: IDataObject): TriggerState {
	const assets: Record<string, AssetCursor> = {};
	const stored = data.assets;
	if (data.v === 1 && stored && typeof stored === 'object' && !Array.isArray(stored)) {
		for (const [assetId, value] of Object.entries(stored as IDataObject)) {
			const cursor = value as IDataObject | undefined;
			const w = Number(cursor?.w);
			if (!Number.isSafeInteger(w) || w < 0 || !Array.isArray(cursor?.r)) continue;
			const r = (cursor.r as unknown[]).map(Number).filter((id) => Number.isSafeInteger(id) && id > w);
			assets[assetId] = { w, r: [...new Set(r)].sort((a, b) => a - b) };
		}
	}
	return { v: 1, assets };
}

export function sameState(a: TriggerState, b: TriggerState): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/** Replaces the static data's content with `state` (touching it only when something changed). */
export function writeState(data: IDataObject, state: TriggerState): void {
	for (const key of Object.keys(data)) if (key !== 'v' && key !== 'assets') delete data[key];
	data.v = state.v;
	data.assets = JSON.parse(JSON.stringify(state.assets)) as IDataObject;
}

/** Whether a page lists events oldest first (then an old event on it says nothing about later pages). */
export function isAscending(events: IDataObject[]): boolean {
	const ids = events.map(eventId).filter((id): id is number => id !== undefined);
	return ids.length >= 2 && ids[0] < ids[ids.length - 1];
}

/** The cursor after a first look at the history: everything there now counts as handled. */
export function baseline(events: IDataObject[]): AssetCursor {
	const ids = events.map(eventId).filter((id): id is number => id !== undefined);
	return { w: ids.length ? Math.max(...ids) : 0, r: [] };
}

/**
 * The cursor after a complete read of the history down to `cursor.w`. `read` holds every event
 * with an id above w that the read saw; all of them are handled now (emitted or filtered out).
 */
export function advance(cursor: AssetCursor, read: IDataObject[], now = Date.now()): AssetCursor {
	const handled = new Set(cursor.r);
	let reference = now - CLOCK_SKEW_MS;
	for (const event of read) {
		const id = eventId(event);
		if (id === undefined || id <= cursor.w) continue;
		handled.add(id);
		const time = eventTime(event);
		if (time !== undefined && time > reference) reference = time;
	}
	let w = cursor.w;
	for (const event of read) {
		const id = eventId(event);
		const time = eventTime(event);
		if (id !== undefined && time !== undefined && time <= reference - SETTLE_MS && id > w && handled.has(id)) w = id;
	}
	let r = [...handled].filter((id) => id > w).sort((a, b) => a - b);
	if (r.length > MAX_RECENT) {
		w = r[r.length - MAX_RECENT - 1];
		r = r.slice(r.length - MAX_RECENT);
	}
	return { w, r };
}

/** The events of `read` that are new for `cursor` (above w and not handled yet), oldest first. */
export function newEvents(cursor: AssetCursor, read: IDataObject[]): IDataObject[] {
	const handled = new Set(cursor.r);
	const seen = new Set<number>();
	const fresh: Array<{ id: number; event: IDataObject }> = [];
	for (const event of read) {
		const id = eventId(event);
		if (id === undefined || id <= cursor.w || handled.has(id) || seen.has(id)) continue;
		seen.add(id);
		fresh.push({ id, event });
	}
	return fresh.sort((a, b) => a.id - b.id).map(({ event }) => event);
}
