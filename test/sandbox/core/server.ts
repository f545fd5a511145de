import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import { Readable } from 'stream';
import type { AddressInfo } from 'net';

import { type Control, type FaultRule, headerRecord, queryRecord } from './control';
import {
	HttpError,
	type Router,
	type SimRequest,
	type SimResponse,
	toSimRequest,
	writeResponse,
} from './http';

/** A simulated DAM: its routes, how it answers unknown routes, and how to reset its state. */
export interface Simulator {
	name: string;
	router: Router;
	reset(): void;
	/** Extra routes under the control server's /sims/<name>/ for tests (seed data, inspect state). */
	control?: Router;
	notFound?(req: SimRequest): SimResponse;
}

/** Bodies up to this size are journaled (parsed when JSON). */
const JOURNALED_BODY_LIMIT = 65_536;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Applies the injected fault, if any: `answered` when the fault dropped or answered the request;
 * `after` when it is to replace the answer once the request has been carried out.
 */
export async function applyFault(
	control: Control,
	target: string,
	req: IncomingMessage,
	res: ServerResponse,
	keepBody?: (body: Buffer) => void,
): Promise<{ answered?: FaultRule; after?: FaultRule }> {
	const fault = control.takeFault(target, req);
	if (!fault) return {};
	if (fault.delayMs) await sleep(fault.delayMs);
	if (fault.after) return { after: fault };
	return (await answerFault(fault, req, res, keepBody)) ? { answered: fault } : {};
}

/** Answers a request with a fault (drops the connection or sends its status); false for latency only. */
export async function answerFault(
	fault: FaultRule,
	req: IncomingMessage,
	res: ServerResponse,
	/** Gets the body read on the way (the first JOURNALED_BODY_LIMIT bytes), for the journal. */
	keepBody?: (body: Buffer) => void,
): Promise<boolean> {
	if (fault.drop) {
		req.socket.destroy();
		return true;
	}
	if (fault.status) {
		// Read the whole body first, as a real server does: answering mid-upload can reach the client
		// as a reset connection instead of the status, which it would rightly retry.
		if (!req.readableEnded) {
			const chunks: Buffer[] = [];
			let kept = 0;
			await new Promise<void>((resolve) => {
				req.on('data', (chunk: Buffer) => {
					if (!keepBody || kept > JOURNALED_BODY_LIMIT) return;
					chunks.push(chunk);
					kept += chunk.length;
				});
				req.once('end', resolve);
				req.once('close', resolve);
				req.resume();
			});
			keepBody?.(Buffer.concat(chunks));
		}
		await writeResponse(res, {
			status: fault.status,
			headers: fault.headers,
			body: fault.body ?? { message: `Injected fault ${fault.status}` },
		});
		return true;
	}
	return false; // latency only
}

function smallBody(buffer: Buffer | undefined, contentType: string | undefined): unknown {
	if (!buffer || buffer.length === 0 || buffer.length > JOURNALED_BODY_LIMIT) return undefined;
	const text = buffer.toString('utf8');
	if (contentType?.includes('json')) {
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
	return contentType?.includes('octet-stream') ? undefined : text;
}

function isSmallJson(req: SimRequest): boolean {
	const length = Number(req.header('content-length'));
	return (
		!!req.header('content-type')?.includes('json') &&
		Number.isFinite(length) &&
		length <= JOURNALED_BODY_LIMIT
	);
}

/** Serves a simulator over HTTP, journaling every request and applying injected faults first. */
export function serveSimulator(sim: Simulator, control: Control): Server {
	return createServer(async (req, res) => {
		const entry = control.record({
			target: sim.name,
			method: (req.method ?? 'GET').toUpperCase(),
			path: new URL(req.url ?? '/', 'http://sandbox').pathname,
			query: queryRecord(req.url),
			headers: headerRecord(req.headers),
		});
		try {
			const keepBody = (body: Buffer) =>
				(entry.body = smallBody(body, entry.headers['content-type']));
			const fault = await applyFault(control, sim.name, req, res, keepBody);
			if (fault.answered) {
				entry.fault = fault.answered.id;
				entry.status = fault.answered.status;
				return;
			}
			const { handler, params, methodMismatch } = sim.router.match(entry.method, entry.path);
			const simReq = toSimRequest(req, params);
			let answer: SimResponse;
			if (!handler) {
				answer = methodMismatch
					? { status: 405, body: { message: 'Method not allowed' } }
					: (sim.notFound?.(simReq) ?? { status: 404, body: { message: 'Not found' } });
			} else {
				try {
					answer = await handler(simReq);
				} catch (error) {
					if (!(error instanceof HttpError)) throw error;
					answer = { status: error.status, headers: error.headers, body: error.body };
				}
			}
			entry.status = answer.status ?? 200;
			const read = (simReq as unknown as { body: () => Promise<Buffer> }).body;
			// A small JSON body the handler did not read (it answered first, e.g. a 401) is read
			// now, so that the journal shows every request as it was sent.
			if (!req.readableEnded && isSmallJson(simReq)) await read();
			if (req.readableEnded) entry.body = smallBody(await read(), simReq.header('content-type'));
			if (fault.after) {
				// The simulator acted; the client sees the fault instead of its answer.
				entry.fault = fault.after.id;
				entry.acted = entry.status;
				entry.status = fault.after.status;
				if (answer.body instanceof Readable) answer.body.destroy();
				if (!req.readableEnded) req.resume();
				await answerFault(fault.after, req, res);
				return;
			}
			await writeResponse(res, answer);
		} catch (error) {
			entry.status = 500;
			if (!res.headersSent)
				await writeResponse(res, { status: 500, body: { message: String(error) } });
			else res.destroy();
		}
	});
}

export async function listen(server: Server, port: number, host = '127.0.0.1'): Promise<number> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve());
	});
	return (server.address() as AddressInfo).port;
}
