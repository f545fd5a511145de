import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** Removes query strings from URLs so SAS tokens and presigned signatures never reach error texts. */
export function redactUrls(text: string): string {
	return text.replace(/(https?:\/\/[^\s?"'<>]+)\?[^\s"'<>]*/gi, '$1?[redacted]');
}

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
	cause?: ErrorLike;
	response?: { status?: number; headers?: Record<string, string>; data?: unknown; body?: unknown };
	errorResponse?: ErrorLike;
}

/** Reads status, headers, body and network code from an axios error or a NodeApiError wrapping one. */
export function describeHttpFailure(error: unknown): HttpFailure {
	const e = (error ?? {}) as ErrorLike;
	const inner = (e.cause ?? e.errorResponse ?? e) as ErrorLike;
	const response = inner.response ?? e.response;
	const statusText = response?.status ?? (e.httpCode ? Number(e.httpCode) : undefined);
	const status = Number.isFinite(statusText) && Number(statusText) > 0 ? Number(statusText) : undefined;
	return {
		status,
		headers: (response?.headers as HttpFailure['headers']) ?? {},
		body: response?.data ?? response?.body,
		code: inner.code ?? e.code,
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

const MESSAGE_KEYS = ['message', 'Message', 'errorMessage', 'error_description', 'detail', 'title', 'error'];

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

/** Builds the NodeApiError a user sees: the DAM's own message, its HTTP status, nothing secret. */
export function damApiError(
	node: INode,
	service: string,
	details: { status?: number; body?: unknown; message?: string; description?: string; itemIndex?: number },
): NodeApiError {
	const message = redactUrls(details.message ?? findErrorMessage(details.body) ?? 'Request failed');
	const statusPart = details.status ? ` (HTTP ${details.status})` : '';
	const safeBody =
		details.body && typeof details.body === 'object' ? (details.body as JsonObject) : { body: String(details.body ?? '') };
	const error = new NodeApiError(
		node,
		{ message, status: details.status ?? null, ...(Array.isArray(safeBody) ? { body: safeBody } : safeBody) } as JsonObject,
		{
			message: `${service}: ${message}${statusPart}`,
			description: details.description ? redactUrls(details.description) : undefined,
			httpCode: details.status ? String(details.status) : undefined,
			itemIndex: details.itemIndex,
		},
	);
	return error;
}

function isStream(body: unknown): body is AsyncIterable<Buffer> {
	return !!body && typeof body === 'object' && typeof (body as { pipe?: unknown }).pipe === 'function';
}

/** An error body requested as a stream: its first 64 KiB, enough for any error message. */
export async function readErrorBody(body: unknown): Promise<unknown> {
	if (!isStream(body)) return body;
	const chunks: Buffer[] = [];
	let total = 0;
	for await (const chunk of body) {
		chunks.push(Buffer.from(chunk));
		total += chunk.length;
		if (total > 65_536) break;
	}
	return Buffer.concat(chunks);
}
