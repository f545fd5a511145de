import {
	createServer,
	request as httpRequest,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from 'http';

import { type Control, headerRecord, queryRecord } from '../core/control';
import { writeResponse, type SimResponse } from '../core/http';
import { answerFault, applyFault } from '../core/server';

/**
 * A recording reverse proxy in front of a storage emulator: every request to a SAS or presigned
 * URL is journaled (with its headers, so tests can prove no DAM credential was sent), faults can
 * be injected, `check` may refuse a request as the real service would, and the rest is streamed
 * to the emulator untouched.
 */
export function storageProxy(
	target: string,
	upstream: { host: string; port: number },
	control: Control,
	options: {
		check?(req: IncomingMessage): SimResponse | undefined;
		rewritePath?(url: string): string;
		/** Forward the client's Host header: a request signed with it (SigV4) stays valid. */
		keepHost?: boolean;
	} = {},
): Server {
	return createServer(async (req: IncomingMessage, res: ServerResponse) => {
		const entry = control.record({
			target,
			method: (req.method ?? 'GET').toUpperCase(),
			path: new URL(req.url ?? '/', 'http://sandbox').pathname,
			query: queryRecord(req.url),
			headers: headerRecord(req.headers),
		});
		const fault = await applyFault(control, target, req, res);
		if (fault.answered) {
			entry.fault = fault.answered.id;
			entry.status = fault.answered.status;
			return;
		}
		const refusal = options.check?.(req);
		if (refusal) {
			await new Promise<void>((resolve) => {
				req.once('end', resolve);
				req.once('close', resolve);
				req.resume();
			});
			entry.status = refusal.status;
			await writeResponse(res, refusal);
			return;
		}
		const forward = httpRequest(
			{
				host: upstream.host,
				port: upstream.port,
				method: req.method,
				path: options.rewritePath ? options.rewritePath(req.url ?? '/') : req.url,
				headers: options.keepHost
					? req.headers
					: { ...req.headers, host: `${upstream.host}:${upstream.port}` },
			},
			(upstreamRes) => {
				entry.status = upstreamRes.statusCode;
				if (fault.after) {
					// The emulator stored it; the client sees the fault instead.
					entry.fault = fault.after.id;
					entry.acted = upstreamRes.statusCode;
					entry.status = fault.after.status;
					upstreamRes.resume();
					void answerFault(fault.after, req, res);
					return;
				}
				res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
				upstreamRes.pipe(res);
			},
		);
		// A client that gives up mid-body (cancelled upload, dropped connection) must not leave the
		// emulator waiting for the rest of it.
		req.on('close', () => {
			if (!req.complete) forward.destroy();
		});
		forward.on('error', (error) => {
			entry.status = 502;
			if (res.destroyed) return;
			if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
			res.end(String(error));
		});
		req.pipe(forward);
	});
}
