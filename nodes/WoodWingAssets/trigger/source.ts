import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkDamId } from '../../shared/ids';
import type { Change, ChangeSource } from '../../shared/trigger/changeFeed';
import { ASSET_ID } from '../helpers/ids';
import { type Hit, MAX_RESULT_WINDOW, PAGE_SIZE, plainValue, quote, wwSearch } from '../transport';

export type WoodWingEvent =
	'newAsset' | 'updatedAsset' | 'checkedIn' | 'checkedOut' | 'metadataChanged';

interface EventSpec {
	/** The date field the change is read from (searched with a range, sorted on). */
	field: string;
	/** Whether the key carries the time: each modification is its own change. */
	perModification: boolean;
	/** Which of the changes read start the workflow (the others move the feed on, once). */
	wanted?: (hit: Hit) => boolean;
}

const timeOf = (hit: Hit, field: string): number => Number(plainValue(hit.metadata?.[field]));

/**
 * What each event reads. assetCreated, assetModified, assetFileModified ("Checked In": the
 * creation or the last check-in) and checkedOut are the server's own date fields (§2.6 A and the
 * "Special metadata fields" help page).
 */
export const EVENTS: Record<WoodWingEvent, EventSpec> = {
	newAsset: { field: 'assetCreated', perModification: false },
	updatedAsset: { field: 'assetModified', perModification: true },
	// A new version: assetFileModified moves, and the version number is past the first.
	checkedIn: {
		field: 'assetFileModified',
		perModification: true,
		wanted: (hit) => Number(plainValue(hit.metadata?.versionNumber)) > 1,
	},
	checkedOut: { field: 'checkedOut', perModification: true },
	// Modified later than its file was: a change of metadata (or a move, a rename) without a new version.
	metadataChanged: {
		field: 'assetModified',
		perModification: true,
		wanted: (hit) => {
			const modified = timeOf(hit, 'assetModified');
			const file = timeOf(hit, 'assetFileModified');
			const base = Number.isFinite(file) ? file : timeOf(hit, 'assetCreated');
			return Number.isFinite(base) && modified > base;
		},
	},
};

export interface Scope {
	/** A folder path (leading slash, no trailing one), or '' for every folder. */
	folder: string;
	includeSubfolders: boolean;
	/** The user's extra query, ANDed ('' for none). */
	query: string;
}

/** The scope as query clauses (each safe to AND). */
export function scopeClauses(scope: Scope): string[] {
	const clauses: string[] = [];
	if (scope.folder)
		clauses.push(
			`${scope.includeSubfolders ? 'ancestorPaths' : 'folderPath'}:${quote(scope.folder)}`,
		);
	if (scope.query.trim()) clauses.push(`(${scope.query.trim()})`);
	return clauses;
}

/**
 * A range bound in whole seconds: the lower one rounded down, the upper one up, so the query
 * reads a little more than asked whatever precision the server parses dates with (the feed keeps
 * only what it asked for, and tells changes apart by their keys).
 */
function bound(ms: number, up: boolean): string {
	const seconds = up ? Math.ceil(ms / 1000) : Math.floor(ms / 1000);
	return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export function rangeClause(field: string, since?: number, until?: number): string {
	const low = since === undefined || since <= 0 ? '*' : bound(since, false);
	const high = until === undefined ? '*' : bound(until, true);
	return `${field}:[${low} TO ${high}]`;
}

/** Read windows (each up to the server's 10,000 results) one poll may take before giving up. */
const MAX_WINDOWS = 1000;

/**
 * The change feed of one event over /services/search: the event's date field from `since` on, in
 * the scope, newest first, every page. WoodWing returns no result past 10,000 (start + num): when
 * a read reaches the end of the result window with more to come, it goes on with a new search
 * ending at the oldest time read so far. Every request goes through the node's transport.
 */
export function woodWingSource(
	this: IPollFunctions,
	event: WoodWingEvent,
	scope: Scope,
): ChangeSource {
	const spec = EVENTS[event];
	const scoped = scopeClauses(scope);
	const queryOf = (since?: number, until?: number) =>
		[rangeClause(spec.field, since, until), ...scoped].join(' AND ');
	const sort = `${spec.field}-desc`;

	const toChange = (hit: Hit): Change | undefined => {
		const id = checkDamId.call(this, hit?.id, 'an asset ID', ASSET_ID);
		const time = timeOf(hit, spec.field);
		if (!Number.isFinite(time)) return undefined;
		const key = spec.perModification ? `${id}@${time}` : id;
		return { key, time, item: { ...(hit as IDataObject), event } };
	};

	return {
		since: async (since: number): Promise<Change[]> => {
			const collected = new Map<string, Change>();
			let until: number | undefined;
			for (let windows = 0; ; windows++) {
				if (windows >= MAX_WINDOWS)
					throw new NodeOperationError(
						this.getNode(),
						`The changes did not end after ${MAX_WINDOWS} searches`,
					);
				const q = queryOf(since, until);
				let start = 0;
				let oldest = Number.POSITIVE_INFINITY;
				let complete = false;
				for (;;) {
					const num = Math.min(PAGE_SIZE, MAX_RESULT_WINDOW - start);
					if (num <= 0) break;
					const page = await wwSearch.call(this, { q, start, num, sort, metadataToReturn: 'all' });
					const hits = page.hits ?? [];
					for (const hit of hits) {
						const change = toChange(hit);
						if (!change) continue;
						collected.set(change.key, change);
						oldest = Math.min(oldest, change.time);
					}
					start += hits.length;
					if (start >= Number(page.totalHits ?? 0)) {
						complete = true;
						break;
					}
					// Fewer than asked before the total: the server's result window ends here.
					if (hits.length < num) break;
				}
				if (complete) break;
				// More than one window: search again below the oldest change read.
				if (!Number.isFinite(oldest) || (until !== undefined && oldest >= until)) {
					throw new NodeOperationError(
						this.getNode(),
						`More assets than one search can return have the same ${spec.field} (to the second)`,
						{
							description: `WoodWing Assets returns at most the first ${MAX_RESULT_WINDOW} results of a search, and the trigger cannot split these changes by time. Narrow the trigger with a folder or a query; nothing was marked as delivered.`,
						},
					);
				}
				until = oldest;
			}
			return [...collected.values()];
		},
		newest: async (): Promise<Change | undefined> => {
			const page = await wwSearch.call(this, {
				q: queryOf(),
				start: 0,
				num: 1,
				sort,
				metadataToReturn: 'all',
			});
			const [hit] = page.hits ?? [];
			return hit ? toChange(hit) : undefined;
		},
	};
}
