import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { findErrorMessage } from '../../shared/errors';
import { actOnce } from '../../shared/flow';
import { damRequest, type DamApi, type DamContext } from '../../shared/transport';
import { storageRequest } from '../../shared/upload/storageRequest';

/** The tenant address without a trailing slash or /api/v2, whatever the user typed. */
export function normalizeBaseUrl(raw: unknown): string {
	let url = String(raw ?? '').trim();
	if (url && !/^https?:\/\//i.test(url)) url = `https://${url}`;
	return url.replace(/\/+$/, '').replace(/\/api\/v2$/i, '');
}

/** Rails leaks SQL into some 404 messages ("... [WHERE "comments"."target_id" = $1 ...]"): keep the sentence. */
function tidy(message: string): string {
	return message.replace(/\s*\[WHERE [^\]]*\]\s*$/, '').trim();
}

/** A hint for the errors whose cause is not obvious from the DAM's words. */
function withHint(message: string, status?: number): string {
	if (status === 401)
		return `${message} (check the API key and base URL of the Media Pocket credential)`;
	if (/^Not allowed to perform this action/i.test(message)) {
		return `${message} (Media Pocket lets only a comment's author edit or delete it)`;
	}
	if (/^Permission denied\. Must have (\w+) permission/i.test(message)) {
		return `${message} (the API key's user needs a role with this permission; ask a Media Pocket admin)`;
	}
	return message;
}

export function mediaPocketMessage(body: unknown, status?: number): string | undefined {
	const record =
		body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : undefined;
	let message: string | undefined;
	if (record && typeof record.error === 'string' && record.error) message = record.error;
	else if (record?.errors && typeof record.errors === 'object')
		message = findErrorMessage(record.errors);
	else message = findErrorMessage(body);
	return message ? withHint(tidy(message), status) : undefined;
}

/** The `errors` object some 200 answers carry: its message and status, when it has a message. */
export function bodyErrors(body: unknown): { message: string; status?: number } | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const errors = (body as IDataObject).errors;
	if (!errors || typeof errors !== 'object' || Array.isArray(errors)) return undefined;
	const inner = errors as IDataObject;
	const message = typeof inner.error === 'string' ? inner.error : findErrorMessage(inner);
	return message
		? {
				message: tidy(message),
				status: typeof inner.status === 'number' ? inner.status : undefined,
			}
		: undefined;
}

function topLevelError(body: unknown): { message: string } | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const error = (body as IDataObject).error;
	return typeof error === 'string' && error ? { message: withHint(tidy(error)) } : undefined;
}

export const mediaPocketApi: DamApi = {
	service: 'Media Pocket',
	credentialType: 'mediaPocketApi',
	baseUrl: (credentials: ICredentialDataDecryptedObject) => normalizeBaseUrl(credentials.baseUrl),
	errorMessage: mediaPocketMessage,
	/**
	 * Media Pocket answers some failures with HTTP 200: assign/unassign give {"error": "..."}; an
	 * "errors" object is an error too, except where the caller reads it (see `errorsBesideAsset`).
	 */
	bodyError: (body) => topLevelError(body) ?? bodyErrors(body),
};

/**
 * Remove Media: the seed documents HTTP 200 with the asset and {"errors": {"error": "No media found
 * on this asset.", "status": 400}} as a successful request. An "errors" object beside the asset,
 * with no status or a 4xx one, is left for the operation to report; a 5xx one stays an error.
 */
const errorsBesideAssetApi: DamApi = {
	...mediaPocketApi,
	bodyError(body) {
		const top = topLevelError(body);
		if (top) return top;
		const errors = bodyErrors(body);
		const asset = (body as IDataObject | undefined)?.asset;
		const hasAsset = !!asset && typeof asset === 'object' && !Array.isArray(asset);
		return errors && (!hasAsset || (errors.status !== undefined && errors.status >= 500))
			? errors
			: undefined;
	},
};

export interface MediaPocketRequest {
	body?: IDataObject;
	qs?: IDataObject;
	itemIndex?: number;
	/** Return a 200 answer holding the asset and an "errors" object (4xx or no status) instead of failing. */
	errorsBesideAsset?: boolean;
	/** A POST that is safe to repeat (it sets a value): retried like a PUT. */
	idempotent?: boolean;
	/** A request that creates something: never sent twice unless the DAM said it did nothing. */
	commit?: boolean;
}

/** One Media Pocket API call (JSON in, JSON out) through the shared transport. */
export async function mediaPocketRequest(
	this: DamContext,
	method: IHttpRequestMethods,
	path: string,
	request: MediaPocketRequest = {},
): Promise<IDataObject> {
	return (await damRequest.call(
		this,
		request.errorsBesideAsset ? errorsBesideAssetApi : mediaPocketApi,
		{
			method,
			url: path,
			// The API lists Content-Type: application/json as required on every call.
			headers: { 'Content-Type': 'application/json' },
			...(request.body !== undefined ? { body: request.body } : {}),
			...(request.qs !== undefined ? { qs: request.qs } : {}),
		},
		{ itemIndex: request.itemIndex, idempotent: request.idempotent, commit: request.commit },
	)) as IDataObject;
}

/**
 * A POST that creates something (an asset, a comment, an ingest, a run), sent once: when its
 * answer is lost after Media Pocket may have acted, the error says what it may have done
 * (`mayHave`, with where to look) instead of sending it again.
 */
export async function mediaPocketCreate(
	this: IExecuteFunctions,
	path: string,
	itemIndex: number,
	mayHave: string,
	body?: IDataObject,
): Promise<IDataObject> {
	const { value } = await actOnce(this, {
		service: mediaPocketApi.service,
		itemIndex,
		mayHave,
		work: async () =>
			await mediaPocketRequest.call(this, 'POST', path, { body, itemIndex, commit: true }),
	});
	return value;
}

/**
 * /api/v2/assets/<id>[/<more>] with every segment encoded. A segment that would be empty, "." or
 * ".." (which URL parsers resolve, moving the request elsewhere) is refused: the operations check
 * their ids first, this catches what reaches a path another way (a cursor the DAM handed out).
 */
export function assetPath(assetId: string, ...more: Array<string | number>): string {
	const segments = [assetId, ...more].map((part) => encodeURIComponent(String(part)));
	const unsafe = segments.find((segment) => segment === '' || segment === '.' || segment === '..');
	if (unsafe !== undefined) {
		throw new Error(`Media Pocket: "${unsafe}" cannot be part of a request path`);
	}
	return ['/api/v2/assets', ...segments].join('/');
}

/**
 * GETs a download URL the DAM handed out, as a stream. A URL on the tenant itself goes through the
 * authenticated transport; any other host (presigned storage URLs) gets a plain request with no
 * credential, and the URL never appears in an error.
 */
export async function streamDownload(
	this: IExecuteFunctions,
	url: string,
	itemIndex: number,
): Promise<IN8nHttpFullResponse> {
	const credentials = await this.getCredentials('mediaPocketApi');
	const base = normalizeBaseUrl(credentials.baseUrl);
	let sameOrigin = false;
	try {
		sameOrigin = new URL(url, base).origin === new URL(base).origin;
	} catch {
		throw new NodeOperationError(
			this.getNode(),
			'Media Pocket returned a download URL that is not a valid URL',
			{ itemIndex },
		);
	}
	if (sameOrigin) {
		return (await damRequest.call(
			this,
			mediaPocketApi,
			{
				method: 'GET',
				url: new URL(url, base).toString(),
				encoding: 'stream',
				returnFullResponse: true,
				json: false,
			},
			{ itemIndex },
		)) as IN8nHttpFullResponse;
	}
	// Any other host is a signed storage URL: the shared storage request sends no credential,
	// retries, reads the host's error message and never shows the URL.
	return await storageRequest.call(
		this,
		'Media Pocket: downloading the file from storage',
		{ method: 'GET', url, encoding: 'stream' },
		undefined,
		this.getExecutionCancelSignal(),
	);
}
