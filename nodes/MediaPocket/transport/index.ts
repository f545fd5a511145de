import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { findErrorMessage } from '../../shared/errors';
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
	if (status === 401) return `${message} (check the API key and base URL of the Media Pocket credential)`;
	if (/^Not allowed to perform this action/i.test(message)) {
		return `${message} (Media Pocket lets only a comment's author edit or delete it)`;
	}
	if (/^Permission denied\. Must have (\w+) permission/i.test(message)) {
		return `${message} (the API key's user needs a role with this permission; ask a Media Pocket admin)`;
	}
	return message;
}

export function mediaPocketMessage(body: unknown, status?: number): string | undefined {
	const record = body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : undefined;
	let message: string | undefined;
	if (record && typeof record.error === 'string' && record.error) message = record.error;
	else if (record?.errors && typeof record.errors === 'object') message = findErrorMessage(record.errors);
	else message = findErrorMessage(body);
	return message ? withHint(tidy(message), status) : undefined;
}

export const mediaPocketApi: DamApi = {
	service: 'Media Pocket',
	credentialType: 'mediaPocketApi',
	baseUrl: (credentials: ICredentialDataDecryptedObject) => normalizeBaseUrl(credentials.baseUrl),
	errorMessage: mediaPocketMessage,
	/**
	 * Media Pocket answers some failures with HTTP 200: assign/unassign give {"error": "..."},
	 * remove-media gives {"asset": {...}, "errors": {"error": "...", "status": 400}}.
	 */
	bodyError(body) {
		if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
		const record = body as IDataObject;
		if (typeof record.error === 'string' && record.error) return { message: withHint(tidy(record.error)) };
		const errors = record.errors;
		if (errors && typeof errors === 'object' && !Array.isArray(errors)) {
			const inner = errors as IDataObject;
			const message = typeof inner.error === 'string' ? inner.error : findErrorMessage(inner);
			if (message) return { message: tidy(message), status: typeof inner.status === 'number' ? inner.status : undefined };
		}
		return undefined;
	},
};

export interface MediaPocketRequest {
	body?: IDataObject;
	qs?: IDataObject;
	itemIndex?: number;
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
		mediaPocketApi,
		{
			method,
			url: path,
			// The API lists Content-Type: application/json as required on every call.
			headers: { 'Content-Type': 'application/json' },
			...(request.body !== undefined ? { body: request.body } : {}),
			...(request.qs !== undefined ? { qs: request.qs } : {}),
		},
		{ itemIndex: request.itemIndex },
	)) as IDataObject;
}

/** /api/v2/assets/<id>[/<more>] with every id segment encoded. */
export function assetPath(assetId: string, ...more: Array<string | number>): string {
	return ['/api/v2/assets', assetId, ...more].map((part, index) => (index === 0 ? part : encodeURIComponent(String(part)))).join('/');
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
		throw new NodeOperationError(this.getNode(), 'Media Pocket returned a download URL that is not a valid URL', { itemIndex });
	}
	if (sameOrigin) {
		return (await damRequest.call(
			this,
			mediaPocketApi,
			{ method: 'GET', url: new URL(url, base).toString(), encoding: 'stream', returnFullResponse: true, json: false },
			{ itemIndex },
		)) as IN8nHttpFullResponse;
	}
	// Any other host is a signed storage URL: the shared storage request sends no credential,
	// retries, reads the host's error message and never shows the URL.
	return await storageRequest(
		this,
		'Media Pocket: downloading the file from storage',
		{ method: 'GET', url, encoding: 'stream' },
		undefined,
		this.getExecutionCancelSignal(),
	);
}
