import { sleep } from 'n8n-workflow';

import { describeHttpFailure, type HttpFailure } from './errors';

export interface RetryPolicy {
	/** Total attempts including the first one. */
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A Retry-After longer than this is not waited for: the error goes to the user instead. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 15_000,
	maxRetryAfterMs: 60_000,
};

/** Codes of a connection that broke or timed out: the request may have reached the DAM. */
const BROKEN_CONNECTION = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'EPIPE',
	'ECONNABORTED',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);
/** Codes of a request that never left: nothing can have happened on the DAM. */
const NEVER_SENT = new Set([
	'ECONNREFUSED',
	'EAI_AGAIN',
	'ENOTFOUND',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

/** Statuses after which an idempotent request is worth repeating. */
const TRANSIENT_STATUSES = new Set([408, 429, 502, 503, 504]);

/** How safe a request is to send again. */
export type RepeatSafety =
	/** Repeating it changes nothing (GET, PUT of the same thing, DELETE): retried on any transient failure. */
	| 'idempotent'
	/** It may act on the DAM: sent again only when the DAM said it did nothing. */
	| 'once';

function hasRetryAfter(failure: HttpFailure): boolean {
	return retryAfterMs(failure.headers) !== undefined;
}

export function isNetworkFailure(failure: HttpFailure): boolean {
	if (failure.status) return false;
	if (failure.code && (BROKEN_CONNECTION.has(failure.code) || NEVER_SENT.has(failure.code)))
		return true;
	return (
		/socket hang up|ECONNRESET|network error/i.test(failure.message) &&
		!/cancel/i.test(failure.message)
	);
}

/**
 * Whether the DAM said, or the failure proves, that it did nothing: rate limited (429), down for
 * a while with a Retry-After (503), or the connection never opened.
 */
export function didNothing(failure: HttpFailure): boolean {
	if (failure.status === 429) return true;
	if (failure.status === 503 && hasRetryAfter(failure)) return true;
	return !failure.status && !!failure.code && NEVER_SENT.has(failure.code);
}

/** Whether the request may or may not have been carried out: the answer was lost or the DAM broke mid-way. */
export function outcomeUnknown(failure: HttpFailure): boolean {
	if (didNothing(failure)) return false;
	if (!failure.status) return isNetworkFailure(failure);
	return failure.status >= 500 || failure.status === 408;
}

export function isRetryable(failure: HttpFailure, safety: RepeatSafety, retry500 = false): boolean {
	if (didNothing(failure)) return true;
	if (safety === 'once') return false;
	if (failure.status === 500) return retry500;
	if (failure.status) return TRANSIENT_STATUSES.has(failure.status);
	return isNetworkFailure(failure);
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(
	headers: HttpFailure['headers'],
	now = Date.now(),
): number | undefined {
	const raw = headers['retry-after'] ?? headers['Retry-After'];
	const value = Array.isArray(raw) ? raw[0] : raw;
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

export function backoffMs(attempt: number, policy: RetryPolicy): number {
	const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
	const jitter = 0.8 + Math.random() * 0.4;
	return Math.min(policy.maxDelayMs, Math.round(exponential * jitter));
}

export class CancelledError extends Error {
	constructor() {
		super('The execution was cancelled');
		this.name = 'CancelledError';
	}
}

export function throwIfCancelled(signal?: AbortSignal): void {
	if (signal?.aborted) throw new CancelledError();
}

/** Waits `ms`, or less when `signal` fires first (n8n's sleep cannot be interrupted; its timer just runs out). */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await sleep(ms);
	if (signal.aborted) return;
	let onAbort = () => {};
	const aborted = new Promise<void>((resolve) => {
		onAbort = () => resolve();
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([sleep(ms), aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

export type RetryOutcome<T> =
	{ ok: true; value: T } | { ok: false; error: unknown; attempts: number };

/**
 * Runs `attempt` until it succeeds, the failure is not retryable, attempts run out or the
 * execution is cancelled. Waits Retry-After when the server sends one, else exponential backoff;
 * a cancel ends the wait at once. Never throws: the caller maps the last failure to the error its
 * user should see.
 */
export async function tryWithRetry<T>(
	attempt: (attemptNumber: number) => Promise<T>,
	options: {
		policy?: Partial<RetryPolicy>;
		safety: RepeatSafety;
		retry500?: boolean;
		signal?: AbortSignal;
		/** Reads the failure of an attempt; defaults to describeHttpFailure. */
		describe?: (error: unknown) => HttpFailure;
	},
): Promise<RetryOutcome<T>> {
	const policy = { ...DEFAULT_RETRY, ...options.policy };
	const describe = options.describe ?? describeHttpFailure;
	for (let attemptNumber = 1; ; attemptNumber++) {
		if (options.signal?.aborted)
			return { ok: false, error: new CancelledError(), attempts: attemptNumber - 1 };
		let error: unknown;
		try {
			return { ok: true, value: await attempt(attemptNumber) };
		} catch (caught) {
			error = caught;
		}
		if (options.signal?.aborted)
			return { ok: false, error: new CancelledError(), attempts: attemptNumber };
		const failure = describe(error);
		if (
			attemptNumber >= policy.maxAttempts ||
			!isRetryable(failure, options.safety, options.retry500)
		) {
			return { ok: false, error, attempts: attemptNumber };
		}
		const serverDelay = retryAfterMs(failure.headers);
		if (serverDelay !== undefined && serverDelay > policy.maxRetryAfterMs) {
			return { ok: false, error, attempts: attemptNumber };
		}
		await pause(serverDelay ?? backoffMs(attemptNumber, policy), options.signal);
	}
}
