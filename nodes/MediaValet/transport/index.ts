import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { findErrorMessage } from '../../shared/errors';
import { limitList, listIn } from '../../shared/pagination';
import {
	damRequest,
	type DamApi,
	type DamRequestExtras,
	type DamRequestOptions,
} from '../../shared/transport';

export const CREDENTIAL_TYPE = 'mediaValetApi';

/** Reads a field of a MediaValet object whatever its casing (the docs say PascalCase, clients see camelCase). */
export function field(source: unknown, name: string): unknown {
	if (!source || typeof source !== 'object' || Array.isArray(source)) return undefined;
	const record = source as Record<string, unknown>;
	if (name in record) return record[name];
	const lower = name.toLowerCase();
	const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === lower);
	return key === undefined ? undefined : record[key];
}

/** Messages MediaValet reported inside a successful answer (`errors` at the top or under `meta`). */
export function envelopeErrors(body: unknown): string[] {
	const lists = [field(body, 'errors'), field(field(body, 'meta'), 'errors')];
	const messages: string[] = [];
	for (const list of lists) {
		if (!Array.isArray(list)) continue;
		for (const entry of list) {
			const text = typeof entry === 'string' ? entry : findErrorMessage(entry);
			if (text && !messages.includes(text)) messages.push(text);
		}
	}
	return messages;
}

const STATUS_HINTS: Record<number, string> = {
	401: 'The request was not authorized: the access token or subscription key was refused. With API version 1.0 or 1.1, MediaValet also answers 401 when the user lacks a permission.',
	403: 'The user lacks the permission for this action, or the feature is not enabled for the library',
	404: 'Not found',
	409: 'Conflict',
	429: 'Rate limit exceeded',
};

export const mediaValetApi: DamApi = {
	service: 'MediaValet',
	credentialType: CREDENTIAL_TYPE,
	renewsSession: true,
	baseUrl: (credentials) => String(credentials.apiBaseUrl ?? 'https://api.mediavalet.com'),
	/** MediaValet's `{message}`, ASP.NET's `{Message}` or the gateway's `{statusCode, message}`; a hint for empty bodies. */
	errorMessage(body, status) {
		return findErrorMessage(body) ?? (status ? STATUS_HINTS[status] : undefined);
	},
	bodyError(body) {
		const messages = envelopeErrors(body);
		if (messages.length === 0) return undefined;
		return { message: `The request was only partly carried out: ${messages.join('; ')}` };
	},
};

export type MediaValetContext =
	IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

/** One MediaValet API call through the shared transport (auth, retries, error mapping). */
export async function mvRequest<T = IDataObject>(
	this: MediaValetContext,
	options: DamRequestOptions,
	extras: DamRequestExtras = {},
): Promise<T> {
	return (await damRequest.call(this, mediaValetApi, options, extras)) as T;
}

/** The `payload` of a MediaValet envelope (any casing); the body itself when it is not enveloped. */
export function payloadOf<T = unknown>(body: unknown): T {
	if (body && typeof body === 'object' && !Array.isArray(body)) {
		const payload = field(body, 'payload');
		if (payload !== undefined) return payload as T;
	}
	return body as T;
}

/** `recordCount.totalRecordsFound` of a list answer, if present. */
export function totalOf(body: unknown): number | undefined {
	const total = field(field(body, 'recordCount'), 'totalRecordsFound');
	return typeof total === 'number' ? total : undefined;
}

/** The list inside a payload: the payload itself when it is an array, else the named property. */
export function listOf(body: unknown, property?: string): IDataObject[] {
	const payload = payloadOf(body);
	// `field`, not listIn's keys: MediaValet's property names are matched in any case.
	return listIn(property && !Array.isArray(payload) ? field(payload, property) : payload);
}

/**
 * Every item of a count/offset-paged MediaValet list (or up to `limit`). Stops at the last page,
 * at `recordCount.totalRecordsFound`, or when a page brings only IDs already seen (an endpoint
 * that ignores `offset` would otherwise repeat its first page forever).
 */
export async function pagedList(
	this: MediaValetContext,
	request: { url: string; property: string; qs?: IDataObject; pageSize?: number },
	limit?: number,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const pageSize = request.pageSize ?? 100;
	const seen = new Set<string>();
	const results: IDataObject[] = [];
	let offset = 0;
	for (;;) {
		const wanted = limit === undefined ? pageSize : Math.min(pageSize, limit - results.length);
		if (wanted <= 0) break;
		const body = await mvRequest.call(
			this,
			{ method: 'GET', url: request.url, qs: { ...(request.qs ?? {}), count: wanted, offset } },
			{ itemIndex },
		);
		const page = listOf(body, request.property);
		let fresh = 0;
		for (const item of page) {
			const id = field(item, 'id');
			const key = id === undefined ? undefined : String(id);
			if (key !== undefined && seen.has(key)) continue;
			if (key !== undefined) seen.add(key);
			results.push(item);
			fresh++;
		}
		offset += page.length;
		const total = totalOf(body);
		if (page.length < wanted || fresh === 0 || (total !== undefined && offset >= total)) break;
	}
	return limitList(results, limit);
}
