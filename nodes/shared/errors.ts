import type { IN8nHttpFullResponse, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { redactDeep, redactUrls } from './redact';

export { redactUrls } from './redact';

/** What an HTTP failure looked like, whatever shape the helper threw it in. */
export interface HttpFailure {
	status?: number;
	headers: Record<string, string | string[] | undefined>;
	body?: unknown;
	/** Network-level code such as ECONNRESET, when there was no HTTP answer. */
	code?: string;
	message: string;
}

interface ErrorLike {
	message?: string;
	code?: string;
	httpCode?: string | null;
	messages?: string[];
	cause?: ErrorLike;
	context?: { data?: unknown };
	response?: { status?: number; headers?: Record<string, string>; data?: unknown; body?: unknown };
	errorResponse?: ErrorLike;
	statusCode?: number;
	headers?: Record<string, string>;
	body?: unknown;
}

/**
 * The texts n8n 1.x puts in place of a network error's code (its NodeError keeps no `cause`):
 * read back as the code they stand for.
 */
const DESCRIPTIVE_NETWORK_MESSAGES: Array<[RegExp, string]> = [
	[/connection to the server was closed unexpectedly/i, 'ECONNRESET'],
	[/service refused the connection/i, 'ECONNREFUSED'],
	[/connection timed out/i, 'ETIMEDOUT'],
	[/connection was aborted/i, 'ECONNABORTED'],
	[/DNS server returned an error/i, 'EAI_AGAIN'],
	[/host is unreachable/i, 'EHOSTUNREACH'],
	[/server closed the connection unexpectedly/i, 'ECONNRESET'],
];

function codeFromText(texts: Array<string | undefined>): string | undefined {
	for (const text of texts) {
		if (!text) continue;
		const code =
			/\b(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|ECONNABORTED|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ENOTFOUND)\b/.exec(
				text,
			)?.[1];
		if (code) return code;
		if (/socket hang up/i.test(text)) return 'ECONNRESET';
		for (const [pattern, mapped] of DESCRIPTIVE_NETWORK_MESSAGES)
			if (pattern.test(text)) return mapped;
	}
	return undefined;
}

function positiveStatus(value: unknown): number | undefined {
	const status = Number(value);
	return Number.isInteger(status) && status >= 100 && status < 600 ? status : undefined;
}

/** A non-2xx answer, in the shape describeHttpFailure reads. */
class HttpAnswer extends Error {
	readonly response: { status: number; headers: Record<string, string>; data: unknown };

	constructor(answer: IN8nHttpFullResponse, body: unknown) {
		super(`HTTP ${answer.statusCode}`);
		this.response = {
			status: answer.statusCode,
			headers: answer.headers as Record<string, string>,
			data: body,
		};
	}
}

/** The error for an answer received with ignoreHttpStatusErrors: its body read (bounded) and parsed. */
export async function httpAnswerError(answer: IN8nHttpFullResponse): Promise<Error> {
	return new HttpAnswer(answer, parseBody(await readErrorBody(answer.body)));
}

/**
 * Reads status, headers, body and network code from any failure the request helpers produce:
 * an axios error (plain httpRequest), n8n 2.x's NodeApiError (the axios error is its `cause`),
 * or n8n 1.x's NodeApiError (no cause: the status is `httpCode`, an object body `context.data`,
 * a network code only in its descriptive message).
 */
export function describeHttpFailure(error: unknown): HttpFailure {
	const e = (error ?? {}) as ErrorLike;
	const inner = (e.cause ?? e.errorResponse ?? e) as ErrorLike;
	const response = inner.response ?? e.response;
	const status =
		positiveStatus(response?.status) ?? positiveStatus(e.httpCode) ?? positiveStatus(e.statusCode);
	const body = response ? (response.data ?? response.body) : (e.context?.data ?? e.body);
	const code =
		(typeof inner.code === 'string' ? inner.code : undefined) ??
		(typeof e.code === 'string' ? e.code : undefined) ??
		(status ? undefined : codeFromText([e.message, ...(e.messages ?? []), inner.message]));
	return {
		status,
		headers: (response?.headers as HttpFailure['headers']) ?? e.headers ?? {},
		body,
		code,
		message: redactUrls(String(inner.message ?? e.message ?? 'Unknown error')),
	};
}

/** Turns a response body of any shape (Buffer, string, object) into parsed JSON or text. */
export function parseBody(body: unknown): unknown {
	if (body === undefined || body === null) return undefined;
	let text: string | undefined;
	if (Buffer.isBuffer(body)) text = body.toString('utf8');
	else if (body instanceof ArrayBuffer) text = Buffer.from(body).toString('utf8');
	else if (typeof body === 'string') text = body;
	if (text === undefined) return body;
	const trimmed = text.trim();
	if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
		try {
			return JSON.parse(trimmed);
		} catch {
			return trimmed;
		}
	}
	return trimmed;
}

const MESSAGE_KEYS = [
	'message',
	'Message',
	'errorMessage',
	'error_description',
	'detail',
	'title',
	'error',
];

/** Finds the most specific human message in a DAM error body. */
export function findErrorMessage(body: unknown, depth = 0): string | undefined {
	if (depth > 3 || body === undefined || body === null) return undefined;
	if (typeof body === 'string') {
		const xmlMessage = /<Message>([^<]+)<\/Message>/i.exec(body);
		if (xmlMessage) return xmlMessage[1];
		return body.length > 0 && body.length < 500 && !body.startsWith('<') ? body : undefined;
	}
	if (Array.isArray(body)) return findErrorMessage(body[0], depth + 1);
	if (typeof body !== 'object') return undefined;
	const record = body as Record<string, unknown>;
	for (const key of MESSAGE_KEYS) {
		const value = record[key];
		if (typeof value === 'string' && value.length > 0) return value;
		if (value && typeof value === 'object') {
			const nested = findErrorMessage(value, depth + 1);
			if (nested) return nested;
		}
	}
	for (const key of ['errors', 'error', 'errorMessages']) {
		const nested = findErrorMessage(record[key], depth + 1);
		if (nested) return nested;
	}
	return undefined;
}

/**
 * A broken connection in words. No code names in it: n8n replaces any message that mentions one
 * (ECONNRESET...) with its own generic text, which would lose the DAM's name.
 */
export function connectionProblem(failure: HttpFailure, service: string): string {
	switch (failure.code) {
		case 'ECONNRESET':
		case 'EPIPE':
		case 'ECONNABORTED':
			return `the connection broke before ${service} answered`;
		case 'ETIMEDOUT':
		case 'ERR_SOCKET_CONNECTION_TIMEOUT':
			return `${service} did not answer in time`;
		case 'ECONNREFUSED':
			return `${service} refused the connection`;
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return `the host name of ${service} could not be resolved`;
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
			return `${service} could not be reached`;
		default:
			return failure.message;
	}
}

/** Why a request failed, in words, when the DAM gave no message of its own. */
function statusDescription(status?: number): string {
	if (!status) return 'The DAM could not be reached or the connection broke before it answered';
	if (status >= 500) return `The DAM failed to handle the request (HTTP ${status})`;
	return `The DAM refused the request (HTTP ${status})`;
}

/**
 * Builds the NodeApiError a user sees: the DAM's own message and HTTP status, and nothing secret.
 * Every string of the body is redacted and secret-named keys are dropped before n8n sees it, since
 * n8n copies parts of it into the stored execution.
 */
export function damApiError(
	node: INode,
	service: string,
	details: {
		status?: number;
		body?: unknown;
		message?: string;
		description?: string;
		itemIndex?: number;
	},
): NodeApiError {
	const safeBody = redactDeep(details.body);
	const message = redactUrls(details.message ?? findErrorMessage(safeBody) ?? 'Request failed');
	const statusPart = details.status ? ` (HTTP ${details.status})` : '';
	const bodyFields =
		safeBody && typeof safeBody === 'object' && !Array.isArray(safeBody)
			? (safeBody as JsonObject)
			: safeBody === undefined || safeBody === ''
				? {}
				: { body: safeBody as JsonObject };
	return new NodeApiError(
		node,
		{ ...bodyFields, message, status: details.status ?? null } as JsonObject,
		{
			// A message that already names the service ("Tenovos sign-in failed ...") is not prefixed again.
			message: `${message.startsWith(`${service} `) ? '' : `${service}: `}${message}${statusPart}`,
			description: redactUrls(details.description ?? statusDescription(details.status)),
			httpCode: details.status ? String(details.status) : undefined,
			itemIndex: details.itemIndex,
		},
	);
}

function isStream(body: unknown): body is AsyncIterable<Buffer> & { destroy?: () => void } {
	return (
		!!body && typeof body === 'object' && typeof (body as { pipe?: unknown }).pipe === 'function'
	);
}

/** Closes a response stream nobody will read, so its socket is freed. */
export function discardBody(body: unknown): void {
	if (isStream(body) && typeof body.destroy === 'function') body.destroy();
}

/** An error body requested as a stream: its first 64 KiB, enough for any error message; the stream is closed. */
export async function readErrorBody(body: unknown): Promise<unknown> {
	if (!isStream(body)) return body;
	const chunks: Buffer[] = [];
	let total = 0;
	try {
		for await (const chunk of body) {
			chunks.push(Buffer.from(chunk));
			total += chunk.length;
			if (total > 65_536) break;
		}
	} catch {
		// A body cut off mid-way still says what it said so far.
	} finally {
		discardBody(body);
	}
	return Buffer.concat(chunks);
}
