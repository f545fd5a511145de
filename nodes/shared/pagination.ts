import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getInteger } from './parameters';

/** One page of results and how to ask for the next one (undefined: this was the last page). */
export interface Page<T, Token = string | number> {
	items: T[];
	next?: Token;
}

/**
 * The list in a DAM answer: the answer itself when it is an array, else the first of `keys` that
 * holds an array; empty when none does.
 */
export function listIn<T = IDataObject>(answer: unknown, ...keys: string[]): T[] {
	if (Array.isArray(answer)) return answer as T[];
	const record = (answer ?? {}) as Record<string, unknown>;
	for (const key of keys) if (Array.isArray(record[key])) return record[key] as T[];
	return [];
}

/** Return All / Limit on a list the DAM answers whole, in one response. */
export function limitList<T>(list: T[], limit: number | undefined): T[] {
	return limit === undefined ? list : list.slice(0, limit);
}

/** Hard stop against a DAM whose cursor never ends. */
const MAX_PAGES = 100_000;

/**
 * Collects items page by page until the DAM has no next page or `limit` items are collected.
 * Works for offset (`next` = offset + page length), page-number and cursor paging alike.
 */
export async function collectPages<T, Token = string | number>(
	fetchPage: (token: Token | undefined, wanted: number | undefined) => Promise<Page<T, Token>>,
	limit?: number,
	first?: Token,
): Promise<T[]> {
	const results: T[] = [];
	let token: Token | undefined = first;
	const seen = new Set<string>();
	for (let page = 0; page < MAX_PAGES; page++) {
		const wanted = limit === undefined ? undefined : limit - results.length;
		const { items, next } = await fetchPage(token, wanted);
		results.push(...items);
		if (limit !== undefined && results.length >= limit) return results.slice(0, limit);
		if (next === undefined || next === null || items.length === 0) return results;
		const key = String(next);
		if (seen.has(key)) return results; // a cursor that repeats would loop forever
		seen.add(key);
		token = next;
	}
	return results;
}

/** Next offset for offset/count paging, or undefined when the page was the last. */
export function nextOffset(
	offset: number,
	received: number,
	pageSize: number,
	total?: number,
): number | undefined {
	const next = offset + received;
	if (received < pageSize) return undefined;
	if (total !== undefined && next >= total) return undefined;
	return next;
}

/** Reads Return All / Limit for item `i`: undefined means "all". */
export function getLimit(this: IExecuteFunctions, i: number): number | undefined {
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	return returnAll
		? undefined
		: getInteger.call(this, 'limit', i, { label: 'Limit', min: 1, max: 1_000_000, fallback: 50 });
}

/** The standard Return All / Limit pair, shown for the given resource and operation. */
export function returnAllOrLimit(
	resource: string,
	operations: string[],
	maxLimit?: number,
): INodeProperties[] {
	const show = { resource: [resource], operation: operations };
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}
