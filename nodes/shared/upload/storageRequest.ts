import type {
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	connectionProblem,
	describeHttpFailure,
	findErrorMessage,
	httpAnswerError,
	redactUrls,
} from '../errors';
import { CancelledError, type RetryPolicy, tryWithRetry } from '../retry';

/** The part of an n8n context the upload engines use: any context that can make a plain request. */
export interface UploadContext {
	helpers: Pick<IExecuteFunctions['helpers'], 'httpRequest'>;
	getNode: IExecuteFunctions['getNode'];
	getExecutionCancelSignal?: IExecuteFunctions['getExecutionCancelSignal'];
}

/** A failure that is not the storage host's answer (bad input, cancellation). */
export function uploadProblem(this: UploadContext, message: string): NodeOperationError {
	return new NodeOperationError(this.getNode(), redactUrls(message));
}

/** Storage hosts take only what is in the signed URL: these headers must never go there. */
export const FORBIDDEN_STORAGE_HEADERS = [
	'authorization',
	'cookie',
	'x-api-key',
	'ocp-apim-subscription-key',
	'accesstoken',
	'x-csrf-token',
];

/**
 * One request to a SAS or presigned URL: plain httpRequest (no credential is applied), every
 * failure retried with backoff (these PUTs and GETs are idempotent), a cancelled execution aborting
 * the socket and ending any wait. The body of a failed attempt is read for its message and closed
 * before the next. Fails with a NodeApiError naming the step and part, the storage host's message
 * and status, and never the signed URL.
 */
export async function storageRequest(
	this: UploadContext,
	step: string,
	options: IHttpRequestOptions & {
		partNumber?: number;
		/** A body made anew for every attempt (a stream can be sent only once). */
		makeBody?: () => Promise<IHttpRequestOptions['body']>;
	},
	retry: Partial<RetryPolicy> | undefined,
	signal?: AbortSignal,
): Promise<IN8nHttpFullResponse> {
	const { partNumber, makeBody, ...request } = options;
	const headers = { ...(request.headers ?? {}) };
	for (const name of Object.keys(headers)) {
		if (FORBIDDEN_STORAGE_HEADERS.includes(name.toLowerCase())) delete headers[name];
	}
	const isGet = (request.method ?? 'GET').toUpperCase() === 'GET';
	const outcome = await tryWithRetry(
		async () => {
			const answer = (await this.helpers.httpRequest({
				...request,
				...(makeBody ? { body: await makeBody() } : {}),
				headers,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// A download may be handed on to a CDN (no credential is here to leak); an upload is not
				// followed, as a redirect-following client keeps a replay copy of the body.
				disableFollowRedirect: !isGet,
				json: false,
				abortSignal: signal,
			})) as IN8nHttpFullResponse;
			if (answer.statusCode >= 300) throw await httpAnswerError(answer);
			return answer;
		},
		{ safety: 'idempotent', retry500: true, policy: retry, signal },
	);
	if (outcome.ok) return outcome.value;
	if (outcome.error instanceof CancelledError)
		throw uploadProblem.call(this, outcome.error.message);
	const failure = describeHttpFailure(outcome.error);
	const storageMessage = failure.status
		? (findErrorMessage(failure.body) ?? failure.message)
		: connectionProblem(failure, 'the storage host');
	const where = partNumber ? ` (part ${partNumber})` : '';
	const detail = failure.status ? ` (HTTP ${failure.status})` : '';
	const message = redactUrls(`${step}${where} failed: ${storageMessage}${detail}`);
	throw new NodeApiError(
		this.getNode(),
		{ message, step, partNumber: partNumber ?? null, attempts: outcome.attempts } as JsonObject,
		{
			message,
			description:
				failure.status === 403
					? 'The storage host refused the signed URL: it may have expired (they are short-lived), so run the node again for a fresh one'
					: `Gave up after ${outcome.attempts} attempt(s)${failure.code ? ` (${failure.code})` : ''}`,
			httpCode: failure.status ? String(failure.status) : undefined,
		},
	);
}
