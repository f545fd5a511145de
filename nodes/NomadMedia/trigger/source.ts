import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkDamId } from '../../shared/ids';
import type { Change, ChangeSource } from '../../shared/trigger/changeFeed';
import { NOMAD_ID } from '../helpers/ids';
import { ASSET_STATUSES, describeEnum, toOutput } from '../helpers/output';
import { searchPage, type SearchFilter } from '../helpers/search';

/** Results asked for per search page (the API allows 1-999; a server may send fewer, then its token leads on). */
export const TRIGGER_PAGE_SIZE = 200;
/** Pages one read may take before the trigger gives up (a token that never ends). */
const MAX_PAGES = 1000;
/** Reads of one query when its total changed while it was paged (results moved between pages). */
const MAX_READS = 3;

export type DateField = 'createdDate' | 'lastModifiedDate';

/** The label of a change seen in none of the chosen statuses (when the result does not name its status). */
export const OTHER_STATUS = 'Other';

/** The time of a search result's date field in ms, or undefined when it is missing or not a date. */
function timeOf(item: IDataObject, field: DateField): number | undefined {
	const value = item[field];
	if (typeof value !== 'string' || value === '') return undefined;
	const time = Date.parse(value);
	return Number.isNaN(time) ? undefined : time;
}

/** A search result's id, checked: it goes into the output (and from there into request paths). */
function idOf(this: IPollFunctions, item: IDataObject): string {
	return checkDamId.call(this, item.id, 'a search result', NOMAD_ID).toLowerCase();
}

/**
 * Every result of `POST /admin/search` for `filters` with `field >= since`, newest first, all
 * pages. Newest first, so that an asset changed while the pages are read moves to the first page
 * (already read; its new time is read at the next poll) instead of pushing an unread one back past
 * the page being read. A total that changed between the first and the last page (results moved
 * between pages) reads the query again, up to MAX_READS times.
 */
export async function searchSince(
	this: IPollFunctions,
	filters: SearchFilter[],
	field: DateField,
	since: number,
): Promise<IDataObject[]> {
	const request = {
		filters: [
			...filters,
			{
				fieldName: field,
				operator: 'GreaterThanEquals' as const,
				values: new Date(Math.max(since, 0)).toISOString(),
			},
		],
		sortField: field,
		sortDescending: true,
	};
	let found = new Map<string, IDataObject>();
	for (let read = 1; ; read++) {
		found = new Map();
		let token: string | number | undefined = 0;
		let firstTotal: number | undefined;
		let lastTotal: number | undefined;
		const tokens = new Set<string>();
		for (let pages = 0; token !== undefined; pages++) {
			if (pages >= MAX_PAGES) {
				throw new NodeOperationError(
					this.getNode(),
					`The Nomad Media search did not end after ${MAX_PAGES} pages`,
				);
			}
			const page: { items: IDataObject[]; next?: string | number; total?: number } =
				await searchPage.call(this, request, token, TRIGGER_PAGE_SIZE);
			if (pages === 0) firstTotal = page.total;
			lastTotal = page.total;
			for (const item of page.items) {
				const id = idOf.call(this, item);
				if (!found.has(id)) found.set(id, item);
			}
			token = page.next;
			if (token !== undefined) {
				if (tokens.has(String(token)) || page.items.length === 0) break;
				tokens.add(String(token));
			}
		}
		if (firstTotal === lastTotal || read >= MAX_READS) break;
	}
	return [...found.values()];
}

/** The newest result for `filters` by `field` (one request of one result), or undefined. */
async function newestOf(
	this: IPollFunctions,
	filters: SearchFilter[],
	field: DateField,
): Promise<IDataObject | undefined> {
	const page = await searchPage.call(
		this,
		{ filters, sortField: field, sortDescending: true },
		0,
		1,
	);
	return page.items[0];
}

/** A search result as the trigger emits it: the Search operation's shape plus the event. */
function outputOf(item: IDataObject, event: string, extra: IDataObject = {}): IDataObject {
	return { ...toOutput(item), event, ...extra };
}

/**
 * New assets: one change per asset (key: its id) at its createdDate.
 */
export function newAssetSource(this: IPollFunctions, scope: SearchFilter[]): ChangeSource {
	const changeOf = (item: IDataObject): Change | undefined => {
		const time = timeOf(item, 'createdDate');
		if (time === undefined) return undefined;
		return { key: idOf.call(this, item), time, item: outputOf(item, 'newAsset') };
	};
	return {
		since: async (since) =>
			(await searchSince.call(this, scope, 'createdDate', since))
				.map(changeOf)
				.filter((change): change is Change => !!change),
		newest: async () => {
			const item = await newestOf.call(this, scope, 'createdDate');
			return item ? changeOf(item) : undefined;
		},
	};
}

/**
 * Modified assets: one change per modification (key: `<id>@<lastModifiedDate>`). An asset never
 * modified since it was created (lastModifiedDate = createdDate) is a new asset, not an update.
 */
export function updatedAssetSource(this: IPollFunctions, scope: SearchFilter[]): ChangeSource {
	const changeOf = (item: IDataObject, forStart = false): Change | undefined => {
		const time = timeOf(item, 'lastModifiedDate');
		if (time === undefined) return undefined;
		if (!forStart && time === timeOf(item, 'createdDate')) return undefined;
		const id = idOf.call(this, item);
		return {
			key: `${id}@${new Date(time).toISOString()}`,
			time,
			item: outputOf(item, 'updatedAsset'),
		};
	};
	return {
		since: async (since) =>
			(await searchSince.call(this, scope, 'lastModifiedDate', since))
				.map((item) => changeOf(item))
				.filter((change): change is Change => !!change),
		newest: async () => {
			// The newest modification (a creation counts here: it only marks where the feed starts).
			const item = await newestOf.call(this, scope, 'lastModifiedDate');
			return item ? changeOf(item, true) : undefined;
		},
	};
}

/** The status name of a change key (`<id>@<status>@<modified>`). */
export function statusOfKey(key: string): string {
	return key.split('@')[1] ?? '';
}

/**
 * Status changes, read as modifications (`lastModifiedDate`) with the status they left the asset
 * in: one query per chosen status (`assetStatus Equals <status>`: the status is known from the
 * query, whether or not results name it) and one for every other status (NotEquals each chosen
 * one), so that an asset leaving a chosen status is seen too. Key: `<id>@<status>@<modified>`.
 * Whether a change is a change of status is for the trigger to tell (it remembers the statuses).
 */
export function statusChangeSource(
	this: IPollFunctions,
	scope: SearchFilter[],
	statuses: string[],
): ChangeSource {
	const chosen = new Set(statuses);
	const queries: Array<{ status?: string; filters: SearchFilter[] }> = [
		...statuses.map((status) => ({
			status,
			filters: [
				...scope,
				{ fieldName: 'assetStatus', operator: 'Equals' as const, values: status },
			],
		})),
		{
			filters: [
				...scope,
				...statuses.map((status) => ({
					fieldName: 'assetStatus',
					operator: 'NotEquals' as const,
					values: status,
				})),
			],
		},
	];
	const changeOf = (item: IDataObject, queried: string | undefined): Change | undefined => {
		const time = timeOf(item, 'lastModifiedDate');
		if (time === undefined) return undefined;
		const id = idOf.call(this, item);
		let status = queried;
		if (status === undefined) {
			const identifiers = (item.identifiers ?? {}) as IDataObject;
			const named = describeEnum(ASSET_STATUSES, identifiers.assetStatus ?? item.assetStatus).name;
			status = named && !chosen.has(named) ? named : OTHER_STATUS;
		}
		return {
			key: `${id}@${status}@${new Date(time).toISOString()}`,
			time,
			item: outputOf(item, 'statusChanged', { status, previousStatus: null }),
		};
	};
	return {
		since: async (since) => {
			const changes: Change[] = [];
			for (const query of queries) {
				for (const item of await searchSince.call(this, query.filters, 'lastModifiedDate', since)) {
					const change = changeOf(item, query.status);
					if (change) changes.push(change);
				}
			}
			return changes;
		},
		newest: async () => {
			let newest: Change | undefined;
			for (const query of queries) {
				const item = await newestOf.call(this, query.filters, 'lastModifiedDate');
				const change = item ? changeOf(item, query.status) : undefined;
				if (change && (!newest || change.time > newest.time)) newest = change;
			}
			return newest;
		},
	};
}
