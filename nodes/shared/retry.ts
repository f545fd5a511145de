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

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'EPIPE',
	'ECONNABORTED',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** Statuses that mean "the request was not carried out, try later": safe for any method. */
const ALWAYS_RETRYABLE = new Set([429, 503]);
/** Statuses after which a non-idempotent request may or may not have been carried out. */
const IDEMPOTENT_RETRYABLE = new Set([408, 500, 502, 504]);

export function isNetworkFailure(failure: HttpFailure): boolean {
	if (failure.status) return false;
	if (failure.code && NETWORK_CODES.has(failure.code)) return true;
	return /socket hang up|ECONNRESET|network error|aborted/i.test(failure.message) && !/cancel/i.test(failure.message);
}

export function isRetryable(failure: HttpFailure, idempotent: boolean, retry500 = false): boolean {
	if (failure.status && ALWAYS_RETRYABLE.has(failure.status)) return true;
	if (!idempotent) return false;
	if (failure.status === 500) return retry500;
	if (failure.status && IDEMPOTENT_RETRYABLE.has(failure.status)) return true;
	return isNetworkFailure(failure);
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds. */
export function retryAfterMs(headers: HttpFailure['headers'], now = Date.now()): number | undefined {
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

export type RetryOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown; attempts: number };

/**
 * Runs `attempt` until it succeeds, the failure is not retryable, attempts run out or the
 * execution is cancelled. Waits Retry-After when the server sends one, else exponential backoff.
 * Never throws: the caller maps the last failure to the error its user should see.
 */
export async function tryWithRetry<T>(
	attempt: (attemptNumber: number) => Promise<T>,
	options: {
		policy?: Partial<RetryPolicy>;
		idempotent: boolean;
		retry500?: boolean;
		signal?: AbortSignal;
	},
): Promise<RetryOutcome<T>> {
	const policy = { ...DEFAULT_RETRY, ...options.policy };
	for (let attemptNumber = 1; ; attemptNumber++) {
		if (options.signal?.aborted) return { ok: false, error: new CancelledError(), attempts: attemptNumber - 1 };
		let error: unknown;
		try {
			return { ok: true, value: await attempt(attemptNumber) };
		} catch (caught) {
			error = caught;
		}
		if (options.signal?.aborted) return { ok: false, error: new CancelledError(), attempts: attemptNumber };
		const failure = describeHttpFailure(error);
		if (attemptNumber >= policy.maxAttempts || !isRetryable(failure, options.idempotent, options.retry500)) {
			return { ok: false, error, attempts: attemptNumber };
		}
		const serverDelay = retryAfterMs(failure.headers);
		if (serverDelay !== undefined && serverDelay > policy.maxRetryAfterMs) {
			return { ok: false, error, attempts: attemptNumber };
		}
		await sleep(serverDelay ?? backoffMs(attemptNumber, policy));
	}
}
