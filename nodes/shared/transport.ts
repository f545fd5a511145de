import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { damApiError, describeHttpFailure, parseBody, readErrorBody } from './errors';
import { CancelledError, type RetryPolicy, tryWithRetry } from './retry';

export type DamContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** What differs between DAMs at the transport level. */
export interface DamApi {
	/** Name shown in error messages, e.g. "Media Pocket". */
	service: string;
	credentialType: string;
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	/** The DAM's own message for an error body, when the generic search would miss it. */
	errorMessage?(body: unknown, status?: number): string | undefined;
	/** Some DAMs answer errors with HTTP 200: return them here and they are raised like HTTP errors. */
	bodyError?(body: unknown): { message: string; status?: number } | undefined;
}

export interface DamRequestOptions extends Omit<IHttpRequestOptions, 'url'> {
	/** Path below the credential's base URL, or an absolute URL. */
	url: string;
}

export interface DamRequestExtras {
	itemIndex?: number;
	retry?: Partial<RetryPolicy>;
	/** Set for POSTs that are safe to repeat; GET, HEAD, PUT, DELETE and OPTIONS are idempotent already. */
	idempotent?: boolean;
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

function isSingleUseBody(body: unknown): boolean {
	return !!body && typeof body === 'object' && typeof (body as { pipe?: unknown }).pipe === 'function';
}

/**
 * The one way this package calls a DAM: through n8n's httpRequestWithAuthentication (proxy,
 * cancellation and credential refresh apply), with bounded retries on 429/503 (any method) and
 * 502/504/connection resets (idempotent requests), and the DAM's error mapped to a NodeApiError.
 */
export async function damRequest<T = IDataObject>(
	this: DamContext,
	api: DamApi,
	options: DamRequestOptions,
	extras: DamRequestExtras = {},
): Promise<T> {
	const credentials = await this.getCredentials(api.credentialType);
	const method = (options.method ?? 'GET').toUpperCase();
	const absolute = /^https?:\/\//i.test(options.url);
	const request: IHttpRequestOptions = {
		json: true,
		...options,
		method: method as IHttpRequestOptions['method'],
		url: options.url,
		baseURL: absolute ? undefined : api.baseUrl(credentials).replace(/\/+$/, ''),
	};
	const canRepeat = !isSingleUseBody(options.body);
	// A redirect-following client keeps a copy of everything it sent, to replay it: for a streamed
	// body that would be the whole file in memory.
	if (!canRepeat) request.disableFollowRedirect = true;
	const signal = 'getExecutionCancelSignal' in this ? this.getExecutionCancelSignal() : undefined;

	const outcome = await tryWithRetry(
		async () => await this.helpers.httpRequestWithAuthentication.call(this, api.credentialType, { ...request }),
		{
			idempotent: canRepeat && (extras.idempotent === true || IDEMPOTENT_METHODS.has(method)),
			policy: canRepeat ? extras.retry : { ...extras.retry, maxAttempts: 1 },
			signal,
		},
	);
	if (!outcome.ok) {
		if (outcome.error instanceof CancelledError) {
			throw new NodeOperationError(this.getNode(), outcome.error.message, { itemIndex: extras.itemIndex });
		}
		const failure = describeHttpFailure(outcome.error);
		if (!failure.status) {
			throw damApiError(this.getNode(), api.service, {
				message: `${failure.message}${failure.code ? ` (${failure.code})` : ''}`,
				itemIndex: extras.itemIndex,
			});
		}
		const body = parseBody(await readErrorBody(failure.body));
		throw damApiError(this.getNode(), api.service, {
			status: failure.status,
			body,
			message: api.errorMessage?.(body, failure.status),
			itemIndex: extras.itemIndex,
		});
	}
	const response = outcome.value;

	if (api.bodyError) {
		const body = options.returnFullResponse ? (response as IN8nHttpFullResponse).body : response;
		const problem = isSingleUseBody(body) ? undefined : api.bodyError(body);
		if (problem) {
			throw damApiError(this.getNode(), api.service, {
				status: problem.status,
				body,
				message: problem.message,
				itemIndex: extras.itemIndex,
			});
		}
	}
	return response as T;
}
