import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IHookFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { detachedContext } from './detached';
import {
	connectionProblem,
	damApiError,
	describeHttpFailure,
	discardBody,
	httpAnswerError,
	parseBody,
	readErrorBody,
	type HttpFailure,
} from './errors';
import { hostOf, joinUrl, MAX_REDIRECTS, redirectOf, sameOrigin } from './redirects';
import {
	CancelledError,
	outcomeUnknown,
	type RepeatSafety,
	type RetryPolicy,
	tryWithRetry,
} from './retry';
import { storageRequest } from './upload/storageRequest';

export type DamContext =
	IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions;

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
	/**
	 * The credential signs in (preAuthentication with an expirable token): after a 401 the request
	 * is sent once more the way n8n renews the session on.
	 */
	renewsSession?: boolean;
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
	/**
	 * A commit step (finalize, complete): never sent twice unless the DAM said it did nothing, and a
	 * failure whose outcome is unknown is marked so (see outcomeWasLost) for the caller to read back.
	 */
	commit?: boolean;
	/** Clean-up after a failure or a cancel: sent even when the execution was cancelled, with its own deadline. */
	cleanup?: boolean;
}

/** How long a clean-up request may take, cancel or not. */
export const CLEANUP_DEADLINE_MS = 30_000;

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

function isSingleUseBody(body: unknown): boolean {
	return (
		!!body && typeof body === 'object' && typeof (body as { pipe?: unknown }).pipe === 'function'
	);
}

/** Failures of commit steps whose answer was lost: the DAM may or may not have done it. */
const lostOutcomes = new WeakSet<object>();

/** Whether this error came from a commit step whose outcome is unknown (read the DAM's state back). */
export function outcomeWasLost(error: unknown): boolean {
	return !!error && typeof error === 'object' && lostOutcomes.has(error);
}

function cancelSignalOf(ctx: DamContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
}

/**
 * Sends one request (with retries) through n8n's httpRequestWithAuthentication: proxies,
 * cancellation and credential refresh apply. n8n never follows a redirect here, and every status
 * comes back as an answer, so status, headers and body read the same on n8n 1.x and 2.x.
 * Resolves with a 2xx or 3xx answer, or fails with what describeHttpFailure reads.
 */
async function send(
	ctx: DamContext,
	api: DamApi,
	request: IHttpRequestOptions,
	safety: RepeatSafety,
	extras: DamRequestExtras,
): Promise<
	| { ok: true; response: IN8nHttpFullResponse }
	| { ok: false; error: unknown; failure: HttpFailure; attempts: number }
> {
	const repeatable = !isSingleUseBody(request.body);
	const authed = async (options: IHttpRequestOptions) =>
		(await ctx.helpers.httpRequestWithAuthentication.call(ctx, api.credentialType, {
			...options,
			returnFullResponse: true,
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		})) as IN8nHttpFullResponse;
	// A 401 is left to n8n (it renews the session and repeats the request); every other status
	// comes back as an answer. n8n 1.x knows no `except` and answers the 401 too: the request is
	// then sent once more the way n8n renews on (a 401 means the DAM did nothing).
	const ignoreHttpStatusErrors = api.renewsSession
		? { ignore: true as const, except: [401] }
		: true;
	const outcome = await tryWithRetry(
		async () => {
			let answer = await authed({ ...request, ignoreHttpStatusErrors });
			if (answer.statusCode === 401 && api.renewsSession && repeatable) {
				discardBody(answer.body);
				answer = await authed(request);
			}
			if (answer.statusCode >= 400) throw await httpAnswerError(answer);
			return answer;
		},
		{
			safety,
			policy: repeatable ? extras.retry : { ...extras.retry, maxAttempts: 1 },
			signal: cancelSignalOf(ctx),
		},
	);
	if (outcome.ok) return { ok: true, response: outcome.value };
	const failure = describeHttpFailure(outcome.error);
	failure.body = parseBody(await readErrorBody(failure.body));
	return { ok: false, error: outcome.error, failure, attempts: outcome.attempts };
}

/**
 * The one way this package calls a DAM. Retries are bounded: an idempotent request is repeated
 * after 408/429/502/503/504 and broken connections, any other only when the DAM said it did
 * nothing (429, 503 with Retry-After, a connection that never opened). Redirects are followed by
 * hand: on the DAM's own origin through this function again, to another origin only for a GET
 * download and without credentials; anything else is refused with an error naming the host.
 * Errors carry the DAM's own message and status, redacted.
 */
export async function damRequest<T = IDataObject>(
	this: DamContext,
	api: DamApi,
	options: DamRequestOptions,
	extras: DamRequestExtras = {},
): Promise<T> {
	const ctx = extras.cleanup ? detachedContext(this, CLEANUP_DEADLINE_MS) : this;
	const credentials = await ctx.getCredentials(api.credentialType);
	const { url: path, baseURL: _ignored, returnFullResponse, ...rest } = options;
	void _ignored;
	const origin = joinUrl(api.baseUrl(credentials), path);
	let request: IHttpRequestOptions = {
		json: true,
		...rest,
		method: (options.method ?? 'GET').toUpperCase() as IHttpRequestOptions['method'],
		url: origin,
	};
	const fail = (
		failure: HttpFailure,
		error?: unknown,
		safety?: RepeatSafety,
		attempts = 1,
	): never => {
		if (error instanceof CancelledError) {
			throw new NodeOperationError(this.getNode(), error.message, { itemIndex: extras.itemIndex });
		}
		const unknown = outcomeUnknown(failure);
		const described = failure.status
			? api.errorMessage?.(failure.body, failure.status)
			: connectionProblem(failure, api.service);
		const apiError = damApiError(this.getNode(), api.service, {
			status: failure.status,
			body: failure.status ? failure.body : undefined,
			message: described,
			description:
				unknown && safety === 'once'
					? `${api.service} may have carried the request out before its answer was lost, so it was not sent again: check in ${api.service} before running it again.${failure.code ? ` (${failure.code})` : ''}`
					: unknown
						? `Gave up after ${attempts} attempt(s).${failure.code ? ` (${failure.code})` : ''}`
						: undefined,
			itemIndex: extras.itemIndex,
		});
		if (extras.commit && unknown) lostOutcomes.add(apiError);
		throw apiError;
	};

	for (let hops = 0; ; hops++) {
		const method = String(request.method);
		const safety: RepeatSafety =
			!extras.commit && (extras.idempotent === true || IDEMPOTENT_METHODS.has(method))
				? 'idempotent'
				: 'once';
		const sent = await send(ctx, api, request, safety, extras);
		if (!sent.ok) return fail(sent.failure, sent.error, safety, sent.attempts);
		const response = sent.response;

		let redirect;
		try {
			redirect = redirectOf(response.statusCode, response.headers, String(request.url), method);
		} catch {
			discardBody(response.body);
			return fail({
				status: response.statusCode,
				headers: {},
				message: '',
				body: { message: 'The DAM redirected to an address that is not a valid URL' },
			});
		}
		if (redirect) {
			discardBody(response.body);
			const refuse = (why: string): never =>
				fail({
					status: response.statusCode,
					headers: {},
					message: '',
					body: { message: `The DAM redirected the request to ${hostOf(redirect!.url)}: ${why}` },
				});
			if (hops >= MAX_REDIRECTS) refuse(`more than ${MAX_REDIRECTS} redirects, not followed`);
			const next: IHttpRequestOptions = {
				...request,
				method: redirect.method as IHttpRequestOptions['method'],
				url: redirect.url.toString(),
				qs: undefined,
			};
			if (!redirect.keepsBody) {
				delete next.body;
				next.headers = Object.fromEntries(
					Object.entries(request.headers ?? {}).filter(([name]) => !/^content-/i.test(name)),
				);
			} else if (isSingleUseBody(request.body)) {
				refuse('the streamed body cannot be sent a second time');
			}
			if (sameOrigin(redirect.url, origin)) {
				request = next;
				continue;
			}
			const isDownload =
				next.method === 'GET' &&
				(request.encoding === 'stream' || request.encoding === 'arraybuffer');
			if (!isDownload) refuse('another host gets no DAM credential, so it was not followed');
			// A download handed on to a storage host or CDN: fetched without any credential.
			const file = await storageRequest.call(
				ctx,
				`${api.service}: downloading from ${hostOf(redirect.url)}`,
				{ method: 'GET', url: next.url, encoding: request.encoding },
				extras.retry,
				cancelSignalOf(ctx),
			);
			return (returnFullResponse ? file : file.body) as T;
		}

		if (api.bodyError && !isSingleUseBody(response.body)) {
			const problem = api.bodyError(response.body);
			if (problem) {
				throw damApiError(this.getNode(), api.service, {
					status: problem.status,
					body: response.body,
					message: problem.message,
					itemIndex: extras.itemIndex,
				});
			}
		}
		return (returnFullResponse ? response : response.body) as T;
	}
}
