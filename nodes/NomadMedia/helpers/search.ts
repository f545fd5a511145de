import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { collectPages } from '../../shared/pagination';
import { nomadRequest } from '../transport';
import { toOutput } from './output';

/**
 * Nomad Media's search enums, which its OpenAPI document declares as integers (the names in
 * declaration order): SearchFilterOperators, SearchConditionBinders, SearchSortTypes. Requests
 * send the numbers; the filters here name them.
 */
const SEARCH_OPERATORS = [
	'Equals',
	'NotEquals',
	'Contains',
	'NotContains',
	'Like',
	'NotLike',
	'LessThan',
	'GreaterThan',
	'LessThanEquals',
	'GreaterThanEquals',
	'Prefix',
] as const;
const FILTER_BINDER_AND = 0;
const SORT_TYPES = { Ascending: 0, Descending: 1 } as const;

/** One filter of `POST /admin/search`. */
export interface SearchFilter {
	fieldName: string;
	operator: (typeof SEARCH_OPERATORS)[number];
	values: string | number;
}

export interface SearchRequest {
	searchQuery?: string;
	filters: SearchFilter[];
	sortField?: string;
	sortDescending?: boolean;
}

interface SearchAnswer {
	items?: IDataObject[];
	totalItemCount?: number;
	nextPageOffset?: string | number | null;
}

/** An Equals filter on `fieldName`, or none when the value is empty. */
export function equalsFilter(fieldName: string, value: unknown): SearchFilter[] {
	if (value === undefined || value === null || value === '') return [];
	return [{ fieldName, operator: 'Equals', values: String(value) }];
}

/** Sort By and Descending of an Options collection. */
export function sortOf(options: IDataObject): Pick<SearchRequest, 'sortField' | 'sortDescending'> {
	return {
		sortField: (options.sortField as string) || undefined,
		sortDescending: options.sortDescending === true,
	};
}

/** The page size asked for: a run keeps one size (page indexes depend on it). The API allows 1-999. */
export const MAX_PAGE_SIZE = 100;

function body(request: SearchRequest, pageOffset: string | number, pageSize: number): IDataObject {
	const payload: IDataObject = {
		pageOffset,
		pageSize,
		filters: request.filters.map((filter) => ({
			...filter,
			operator: SEARCH_OPERATORS.indexOf(filter.operator),
		})),
		filterBinder: FILTER_BINDER_AND,
		excludeTotalRecordCount: false,
	};
	if (request.searchQuery) payload.searchQuery = request.searchQuery;
	if (request.sortField) {
		payload.sortFields = [
			{
				fieldName: request.sortField,
				sortType: request.sortDescending ? SORT_TYPES.Descending : SORT_TYPES.Ascending,
			},
		];
	}
	return payload;
}

/** One page of `POST /admin/search` (pageOffset: a 0-based page index or the previous answer's token). */
export async function searchPage(
	this: IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions,
	request: SearchRequest,
	pageOffset: string | number,
	pageSize: number,
	itemIndex?: number,
): Promise<{ items: IDataObject[]; next?: string | number; total?: number }> {
	const answer = (await nomadRequest.call(
		this,
		{ method: 'POST', url: '/admin/search', body: body(request, pageOffset, pageSize) },
		{ itemIndex, idempotent: true },
	)) as SearchAnswer;
	const items = answer.items ?? [];
	let next: string | number | undefined;
	if (
		answer.nextPageOffset !== undefined &&
		answer.nextPageOffset !== null &&
		answer.nextPageOffset !== ''
	) {
		next = answer.nextPageOffset;
	} else if (
		answer.nextPageOffset === undefined &&
		items.length === pageSize &&
		typeof pageOffset === 'number'
	) {
		// Older servers send no token: the SDK goes on with the next page index until a short page.
		next = pageOffset + 1;
	}
	return { items, next, total: answer.totalItemCount };
}

/** All results (or `limit` of them), page after page. */
export async function searchAll(
	this: IExecuteFunctions,
	request: SearchRequest,
	limit: number | undefined,
	itemIndex: number,
): Promise<IDataObject[]> {
	const pageSize =
		limit === undefined ? MAX_PAGE_SIZE : Math.min(Math.max(limit, 1), MAX_PAGE_SIZE);
	const items = await collectPages<IDataObject, string | number>(
		async (token) => await searchPage.call(this, request, token ?? 0, pageSize, itemIndex),
		limit,
	);
	return items.map((item) => toOutput(item));
}
