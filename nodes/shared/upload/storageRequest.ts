import type { IExecuteFunctions, IHttpRequestOptions, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { describeHttpFailure, findErrorMessage, parseBody, readErrorBody, redactUrls } from '../errors';
import { CancelledError, type RetryPolicy, tryWithRetry } from '../retry';

/** The part of an n8n execution context the upload engines use. */
export type UploadContext = Pick<IExecuteFunctions, 'helpers' | 'getNode' | 'getExecutionCancelSignal'>;

/** A failure that is not the storage host's answer (bad input, cancellation). */
export function uploadProblem(ctx: UploadContext, message: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), redactUrls(message));
}

/** Storage hosts take only what is in the signed URL: these headers must never go there. */
const FORBIDDEN_HEADERS = ['authorization', 'cookie', 'x-api-key', 'ocp-apim-subscription-key', 'accesstoken', 'x-csrf-token'];

/**
 * One request to a SAS or presigned URL: plain httpRequest (no credential is applied), every
 * failure retried with backoff (these PUTs are idempotent), a cancelled execution aborting the
 * socket. Fails with a NodeApiError naming the step and part, the storage host's message and
 * status, and never the signed URL.
 */
export async function storageRequest(
	ctx: UploadContext,
	step: string,
	options: IHttpRequestOptions & { partNumber?: number },
	retry: Partial<RetryPolicy> | undefined,
	signal?: AbortSignal,
): Promise<IN8nHttpFullResponse> {
	const { partNumber, ...request } = options;
	const headers = { ...(request.headers ?? {}) };
	for (const name of Object.keys(headers)) {
		if (FORBIDDEN_HEADERS.includes(name.toLowerCase())) delete headers[name];
	}
	const outcome = await tryWithRetry(
		async () =>
			await ctx.helpers.httpRequest({
				...request,
				headers,
				returnFullResponse: true,
				json: false,
				abortSignal: signal,
			}),
		{ idempotent: true, retry500: true, policy: retry, signal },
	);
	if (outcome.ok) return outcome.value as IN8nHttpFullResponse;
	if (outcome.error instanceof CancelledError) throw uploadProblem(ctx, outcome.error.message);
	const failure = describeHttpFailure(outcome.error);
	const storageMessage = findErrorMessage(parseBody(await readErrorBody(failure.body))) ?? failure.message;
	const where = partNumber ? ` (part ${partNumber})` : '';
	const detail = failure.status ? ` (HTTP ${failure.status})` : failure.code ? ` (${failure.code})` : '';
	const message = redactUrls(`${step}${where} failed: ${storageMessage}${detail}`);
	throw new NodeApiError(
		ctx.getNode(),
		{ message, step, partNumber: partNumber ?? null, attempts: outcome.attempts } as JsonObject,
		{
			message,
			description:
				failure.status === 403
					? 'The storage host refused the signed URL: it may have expired (they are short-lived), so run the node again for a fresh one'
					: `Gave up after ${outcome.attempts} attempt(s)`,
			httpCode: failure.status ? String(failure.status) : undefined,
		},
	);
}
