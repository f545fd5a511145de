import type { IDataObject } from 'n8n-workflow';

import { REGISTRATION_KEY } from '../../shared/trigger/webhook';

/**
 * The trigger's per-asset cursor, kept in the node's static data:
 *
 *   w  every event of the asset with an id <= w has been handled (emitted, filtered out, or it
 *      predates the trigger);
 *   r  ids above w already handled (sorted). Usually a handful: the events of the last few minutes;
 *   d  the newest created_at (ms, the DAM's clock) among the events above w, and
 *   n  n8n's time (ms) when the trigger first saw it. Kept while r is not empty.
 *
 * History event ids are the DAM's integer primary keys, so they grow with time; the cursor never
 * relies on timestamps to order or compare events (several events may share one). Ids above w stay
 * listed in r until they are SETTLE_MS old: an event whose id was taken earlier but whose
 * transaction commits later still shows up in the read down to w and is delivered once. "Old" is
 * measured on the DAM's clock only: the DAM's time now is at least d + (n8n's now - n) (the
 * newest event existed when n8n saw it, and both clocks tick at the same rate), so a DAM clock
 * behind or ahead of n8n's never settles an event early. r is capped at MAX_RECENT ids per asset,
 * so the state stays small.
 *
 * Reading the same history twice with no new event gives the same cursor: a poll with nothing new
 * changes nothing, which matters because n8n 1.x saves static data only when a poll emits.
 */
export interface AssetCursor {
	w: number;
	r: number[];
	d?: number;
	n?: number;
}

/** An asset the DAM reported as not found (deleted or purged): no longer polled. */
export interface GoneAsset {
	/** When the trigger found out (ISO time). */
	at: string;
	message: string;
}

export interface TriggerState {
	v: 1;
	assets: Record<string, AssetCursor>;
	/** Watched assets the trigger stopped polling; an entry goes when the asset leaves "Asset IDs". */
	gone: Record<string, GoneAsset>;
}

export const SETTLE_MS = 2 * 60 * 1000;
export const MAX_RECENT = 200;

export function eventId(event: IDataObject): number | undefined {
	const id = Number(event.id);
	return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

function eventTime(event: IDataObject): number | undefined {
	const time = Date.parse(String(event.created_at ?? ''));
	return Number.isFinite(time) ? time : undefined;
}

function isRecord(value: unknown): value is IDataObject {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

function readCursor(value: unknown): AssetCursor | undefined {
	if (!isRecord(value)) return undefined;
	const w = Number(value.w);
	if (!Number.isSafeInteger(w) || w < 0 || !Array.isArray(value.r)) return undefined;
	const r = (value.r as unknown[]).map(Number).filter((id) => Number.isSafeInteger(id) && id > w);
	const cursor: AssetCursor = { w, r: [...new Set(r)].sort((a, b) => a - b) };
	const d = Number(value.d);
	const n = Number(value.n);
	if (cursor.r.length > 0 && Number.isFinite(d) && Number.isFinite(n))
		Object.assign(cursor, { d, n });
	return cursor;
}

/** Reads the stored state, dropping anything malformed (an unreadable cursor is treated as missing). */
export function readState(data: IDataObject): TriggerState {
	const state: TriggerState = { v: 1, assets: {}, gone: {} };
	if (data.v !== 1) return state;
	if (isRecord(data.assets)) {
		for (const [assetId, value] of Object.entries(data.assets)) {
			const cursor = readCursor(value);
			if (cursor) state.assets[assetId] = cursor;
		}
	}
	if (isRecord(data.gone)) {
		for (const [assetId, value] of Object.entries(data.gone)) {
			if (isRecord(value))
				state.gone[assetId] = { at: String(value.at ?? ''), message: String(value.message ?? '') };
		}
	}
	return state;
}

export function sameState(a: TriggerState, b: TriggerState): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Replaces the static data's content with `state`; `gone` is written only when it has entries. A
 * webhook registration kept beside it (one whose delete failed) stays, for the next activation.
 */
export function writeState(data: IDataObject, state: TriggerState): void {
	for (const key of Object.keys(data))
		if (key !== 'v' && key !== 'assets' && key !== REGISTRATION_KEY) delete data[key];
	data.v = state.v;
	data.assets = JSON.parse(JSON.stringify(state.assets)) as IDataObject;
	if (Object.keys(state.gone).length > 0)
		data.gone = JSON.parse(JSON.stringify(state.gone)) as IDataObject;
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
 * An event settles (w may pass it) once the DAM's time is SETTLE_MS past its created_at, the DAM's
 * time being the newest created_at it reported, or that plus the time n8n has seen pass since.
 */
export function advance(cursor: AssetCursor, read: IDataObject[], now = Date.now()): AssetCursor {
	const handled = new Set(cursor.r);
	let newest: number | undefined;
	for (const event of read) {
		const id = eventId(event);
		if (id === undefined || id <= cursor.w) continue;
		handled.add(id);
		const time = eventTime(event);
		if (time !== undefined && (newest === undefined || time > newest)) newest = time;
	}
	let anchor =
		cursor.d !== undefined && cursor.n !== undefined ? { d: cursor.d, n: cursor.n } : undefined;
	const estimate = anchor ? anchor.d + Math.max(0, now - anchor.n) : undefined;
	if (newest !== undefined && (estimate === undefined || newest > estimate))
		anchor = { d: newest, n: now };
	const damNow = anchor ? anchor.d + Math.max(0, now - anchor.n) : undefined;

	let w = cursor.w;
	if (damNow !== undefined) {
		for (const event of read) {
			const id = eventId(event);
			const time = eventTime(event);
			if (
				id !== undefined &&
				time !== undefined &&
				time <= damNow - SETTLE_MS &&
				id > w &&
				handled.has(id)
			)
				w = id;
		}
	}
	let r = [...handled].filter((id) => id > w).sort((a, b) => a - b);
	if (r.length > MAX_RECENT) {
		w = r[r.length - MAX_RECENT - 1];
		r = r.slice(r.length - MAX_RECENT);
	}
	return r.length > 0 && anchor ? { w, r, d: anchor.d, n: anchor.n } : { w, r };
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
