import type { IncomingMessage, ServerResponse } from 'http';
import { Readable } from 'stream';

/** A request as simulator handlers see it. */
export interface SimRequest {
	method: string;
	path: string;
	query: URLSearchParams;
	headers: IncomingMessage['headers'];
	/** Named path segments, e.g. { id } for '/assets/:id'. */
	params: Record<string, string>;
	raw: IncomingMessage;
	/** The body, read once and cached (do not use for large uploads: use `raw` as a stream). */
	body(): Promise<Buffer>;
	json<T = any>(): Promise<T>;
	/** Lower-cased header value (first one if repeated). */
	header(name: string): string | undefined;
}

/** What a handler answers. `body` may be an object (JSON), a string, a Buffer or a Readable. */
export interface SimResponse {
	status?: number;
	headers?: Record<string, string | number | string[]>;
	body?: unknown;
}

export type Handler = (req: SimRequest) => Promise<SimResponse> | SimResponse;

/** Thrown inside a handler to answer with a status and body right away. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly headers: Record<string, string> = {},
	) {
		super(typeof body === 'string' ? body : JSON.stringify(body));
	}
}

interface Route {
	method: string;
	pattern: RegExp;
	keys: string[];
	handler: Handler;
}

export class Router {
	private routes: Route[] = [];

	/** Adds a route; `path` like '/api/v2/assets/:id/comments/:commentId'. `*` matches the rest. */
	on(method: string, path: string, handler: Handler): this {
		const keys: string[] = [];
		const source = path
			.replace(/\/$/, '')
			.split('/')
			.map((segment) => {
				if (segment.startsWith(':')) {
					keys.push(segment.slice(1));
					return '([^/]+)';
				}
				if (segment === '*') {
					keys.push('rest');
					return '(.*)';
				}
				return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			})
			.join('/');
		this.routes.push({
			method: method.toUpperCase(),
			pattern: new RegExp(`^${source}/?$`),
			keys,
			handler,
		});
		return this;
	}

	get(path: string, handler: Handler) {
		return this.on('GET', path, handler);
	}
	post(path: string, handler: Handler) {
		return this.on('POST', path, handler);
	}
	put(path: string, handler: Handler) {
		return this.on('PUT', path, handler);
	}
	patch(path: string, handler: Handler) {
		return this.on('PATCH', path, handler);
	}
	delete(path: string, handler: Handler) {
		return this.on('DELETE', path, handler);
	}

	/** Finds the handler for a request; `methodMismatch` when only the method is wrong. */
	match(
		method: string,
		path: string,
	): { handler?: Handler; params: Record<string, string>; methodMismatch: boolean } {
		let methodMismatch = false;
		for (const route of this.routes) {
			const found = route.pattern.exec(path);
			if (!found) continue;
			if (route.method !== method && !(route.method === 'GET' && method === 'HEAD')) {
				methodMismatch = true;
				continue;
			}
			const params: Record<string, string> = {};
			route.keys.forEach((key, index) => (params[key] = decodeURIComponent(found[index + 1])));
			return { handler: route.handler, params, methodMismatch: false };
		}
		return { params: {}, methodMismatch };
	}
}

export function toSimRequest(raw: IncomingMessage, params: Record<string, string>): SimRequest {
	const url = new URL(raw.url ?? '/', 'http://sandbox');
	let cached: Promise<Buffer> | undefined;
	const body = () =>
		(cached ??= (async () => {
			const chunks: Buffer[] = [];
			for await (const chunk of raw) chunks.push(chunk as Buffer);
			return Buffer.concat(chunks);
		})());
	return {
		method: (raw.method ?? 'GET').toUpperCase(),
		path: url.pathname,
		query: url.searchParams,
		headers: raw.headers,
		params,
		raw,
		body,
		async json() {
			const buffer = await body();
			if (!buffer.length) return {};
			try {
				return JSON.parse(buffer.toString('utf8'));
			} catch {
				throw new HttpError(400, { message: 'Request body is not valid JSON' });
			}
		},
		header(name: string) {
			const value = raw.headers[name.toLowerCase()];
			return Array.isArray(value) ? value[0] : value;
		},
	};
}

/** Writes a handler's answer: objects as JSON, Readables piped, strings and Buffers as they are. */
export async function writeResponse(res: ServerResponse, answer: SimResponse): Promise<void> {
	const status = answer.status ?? 200;
	const headers: Record<string, string | number | string[]> = { ...(answer.headers ?? {}) };
	const body = answer.body;
	const hasType = Object.keys(headers).some((key) => key.toLowerCase() === 'content-type');
	if (body instanceof Readable) {
		res.writeHead(status, headers);
		for await (const chunk of body) {
			if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
		}
		res.end();
		return;
	}
	let payload: Buffer | undefined;
	if (body === undefined || body === null) payload = undefined;
	else if (Buffer.isBuffer(body)) payload = body;
	else if (typeof body === 'string') {
		payload = Buffer.from(body);
		if (!hasType) headers['Content-Type'] = 'text/plain; charset=utf-8';
	} else {
		payload = Buffer.from(JSON.stringify(body));
		if (!hasType) headers['Content-Type'] = 'application/json; charset=utf-8';
	}
	if (payload) headers['Content-Length'] = payload.length;
	res.writeHead(status, headers);
	res.end(payload);
}
