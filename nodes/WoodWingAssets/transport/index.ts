import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

import { damApiError } from '../../shared/errors';
import {
	type DamApi,
	type DamRequestExtras,
	type DamRequestOptions,
	damRequest,
} from '../../shared/transport';

export const SERVICE = 'WoodWing Assets';
export const CREDENTIAL_TYPE = 'woodWingAssetsApi';

/** WoodWing never returns search results past this window (start + num). */
export const MAX_RESULT_WINDOW = 10_000;

/** Results asked for per page of a search or a history. */
export const PAGE_SIZE = 100;

interface ErrorBody {
	errorcode?: number | string;
	message?: string;
}

function errorCodeOf(body: unknown): number | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body) || !('errorcode' in body))
		return undefined;
	const code = Number((body as ErrorBody).errorcode);
	return Number.isFinite(code) && code > 0 ? code : 500;
}

/** A 401 reported inside an HTTP 200 is invisible to n8n's session renewal: say what to do. */
function explain(code: number, message: string): string {
	if (code === 401) {
		return `${message}. The server reports errors with HTTP 200 (returnStatusOkOnErrorForServicesApi), so n8n cannot tell that the session expired and log in again: ask the administrator to turn that option off`;
	}
	return message;
}

export const woodWingApi: DamApi = {
	service: SERVICE,
	credentialType: CREDENTIAL_TYPE,
	renewsSession: true,
	baseUrl: (credentials) =>
		String(credentials.url ?? '')
			.trim()
			.replace(/\/+$/, ''),
	errorMessage: (body) => {
		if (body && typeof body === 'object' && typeof (body as ErrorBody).message === 'string')
			return (body as ErrorBody).message;
		return undefined;
	},
	// WoodWing can answer errors as HTTP 200 with {"errorcode": N, "message": "..."}.
	bodyError: (body) => {
		const code = errorCodeOf(body);
		if (code === undefined) return undefined;
		const message = String((body as ErrorBody).message ?? `Error ${code}`);
		return { message: explain(code, message), status: code };
	},
};

type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

/**
 * What a request does on the server, which decides whether it may be sent again. WoodWing's
 * /services API takes POST for nearly everything, and the shared transport repeats a POST only
 * when told it is safe, so every call says which it is:
 * - `read`: search, browse, history, profile, file downloads. Repeating one changes nothing, so it
 *   is retried after 408/429/502/503/504 and broken connections (`idempotent`).
 * - `acts`: create, update (metadata or a new version), remove, checkout, undocheckout. Sent again
 *   only when the server said it did nothing (429, 503 with Retry-After, a connection that never
 *   opened). When the answer is lost after the server may have acted (a 5xx, a reset), the error is
 *   marked (`outcomeWasLost`) so the operation reads the asset back instead of guessing (`commit`).
 */
export type Effect = 'read' | 'acts';

export interface WwExtras extends Omit<DamRequestExtras, 'idempotent' | 'commit'> {
	effect: Effect;
}

function transportExtras({ effect, ...extras }: WwExtras): DamRequestExtras {
	return effect === 'read' ? { ...extras, idempotent: true } : { ...extras, commit: true };
}

/** When a request of this node run last succeeded (see ensureFreshSession). */
const lastSuccess = new WeakMap<object, number>();

export async function wwRequest(
	this: Context,
	options: DamRequestOptions,
	extras: WwExtras,
): Promise<unknown> {
	const response = await damRequest.call(this, woodWingApi, options, transportExtras(extras));
	lastSuccess.set(this, Date.now());
	return response;
}

/**
 * An upload body can be sent only once, so n8n cannot repeat it after renewing an expired session
 * (a 401). Before uploading, make sure the session works with a small request, unless one succeeded
 * moments ago in this run: an expired token is then renewed on that request instead.
 */
export async function ensureFreshSession(
	this: IExecuteFunctions,
	itemIndex: number,
	maxAgeMs = 60_000,
): Promise<void> {
	if (Date.now() - (lastSuccess.get(this) ?? 0) < maxAgeMs) return;
	await wwPost.call(this, '/services/profile', {}, { itemIndex, effect: 'read' });
}

/** Form fields or query parameters of a /services call. */
type FormParams = Record<string, string | number | boolean | undefined>;

/** Drops undefined values and turns everything else into strings. */
function formValues(params: FormParams): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(params))
		if (value !== undefined) out[key] = String(value);
	return out;
}

function postOptions(url: string, params: FormParams): DamRequestOptions {
	return {
		method: 'POST',
		url,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(formValues(params)).toString(),
	};
}

/** POST with an application/x-www-form-urlencoded body, as the /services API expects. */
export async function wwPost(
	this: Context,
	url: string,
	params: FormParams,
	extras: WwExtras,
): Promise<unknown> {
	return await wwRequest.call(this, postOptions(url, params), extras);
}

/** GET with query parameters (search, browse, history: reads need no CSRF token and may be retried). */
export async function wwGet(
	this: Context,
	url: string,
	qs: FormParams,
	extras: Omit<WwExtras, 'effect'> = {},
): Promise<unknown> {
	return await wwRequest.call(
		this,
		{ method: 'GET', url, qs: formValues(qs) },
		{ ...extras, effect: 'read' },
	);
}

/** One page of /services/search (a read). */
export async function wwSearch(
	this: Context,
	qs: { q: string; start?: number; num: number; sort?: string; metadataToReturn: string },
	itemIndex?: number,
): Promise<SearchResponse> {
	return (await wwGet.call(this, '/services/search', qs, { itemIndex })) as SearchResponse;
}

/** The user the credential acts as, by the server's spelling, and how far the server's clock is ahead of ours. */
export async function whoAmI(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<{ username: string; clockOffsetMs: number }> {
	const response = (await wwRequest.call(
		this,
		{ ...postOptions('/services/profile', {}), returnFullResponse: true },
		{ itemIndex, effect: 'read' },
	)) as { body: IDataObject; headers: IDataObject };
	const received = Date.now();
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const username = String(response.body?.username ?? credentials.username ?? '');
	// The Date header is whole seconds, rounded down: the offset read from it is never too large,
	// so a time computed with it is never later than the server's real time.
	const date = Date.parse(String(response.headers?.date ?? ''));
	return { username, clockOffsetMs: Number.isFinite(date) ? date - received : 0 };
}

export interface Hit extends IDataObject {
	id: string;
	metadata: IDataObject;
}

export interface SearchResponse {
	firstResult?: number;
	maxResultHits?: number;
	totalHits: number;
	hits: Hit[];
}

/** Quotes a value for the query syntax. */
export function quote(value: string): string {
	return `"${value.replace(/(["\\])/g, '\\$1')}"`;
}

/** The asset with this id, or undefined when the server shows none. */
export async function findAsset(
	this: Context,
	id: string,
	metadataToReturn: string | undefined,
	itemIndex?: number,
): Promise<Hit | undefined> {
	const response = await wwSearch.call(
		this,
		{ q: `id:${quote(id)}`, num: 1, metadataToReturn: metadataToReturn || 'all' },
		itemIndex,
	);
	return response.hits?.[0];
}

/** The asset with this id, or a 404 NodeApiError. */
export async function getAsset(
	this: Context,
	id: string,
	metadataToReturn: string | undefined,
	itemIndex?: number,
): Promise<Hit> {
	const hit = await findAsset.call(this, id, metadataToReturn, itemIndex);
	if (!hit) {
		const node = this.getNode();
		throw damApiError(node, SERVICE, {
			status: 404,
			message: `Asset not found: ${id}`,
			description: 'No asset with this ID exists, or the user of the credential may not see it',
			itemIndex,
		});
	}
	return hit;
}

/** A metadata value that may come as a plain value or as {value, formatted}. */
export function plainValue(value: unknown): unknown {
	if (value && typeof value === 'object' && !Array.isArray(value) && 'value' in value)
		return (value as { value: unknown }).value;
	return value;
}

/** Whether an answer is an asset hit (some server versions answer create and update with an empty body). */
export function isHit(value: unknown): value is Hit {
	return !!value && typeof value === 'object' && !!(value as Hit).id;
}

/** The asset an update answered with, or (after an empty answer) as a search shows it. */
export async function answeredHit(
	this: IExecuteFunctions,
	response: unknown,
	id: string,
	metadataToReturn: string,
	itemIndex: number,
): Promise<Hit> {
	return isHit(response) ? response : await getAsset.call(this, id, metadataToReturn, itemIndex);
}
