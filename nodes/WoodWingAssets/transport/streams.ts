import type { IExecuteFunctions } from 'n8n-workflow';

import { readableClassOf } from '../../shared/binary';
import { damApiError, parseBody } from '../../shared/errors';
import { SERVICE, woodWingApi } from './index';

/** Reads a whole async iterable into one Buffer (only for data that is small or already in memory). */
export async function collect(source: AsyncIterable<Buffer>): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of source) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks);
}

const PEEK_LIMIT = 64 * 1024;

interface StreamedResponse {
	body: unknown;
	headers: Record<string, unknown>;
	statusCode?: number;
}

/**
 * A streamed download that says it is JSON may be a WoodWing error sent with HTTP 200
 * (`returnStatusOkOnErrorForServicesApi`), or simply a JSON file. Reads up to 64 KiB: a small JSON
 * body with `errorcode` becomes a NodeApiError; anything else is handed on unchanged (the peeked
 * bytes followed by the rest of the stream), so a large JSON file is still streamed.
 */
export async function rejectJsonError(
	this: IExecuteFunctions,
	response: StreamedResponse,
	itemIndex: number,
): Promise<StreamedResponse> {
	const type = String(response.headers?.['content-type'] ?? '');
	if (!/json/i.test(type) || !response.body || typeof response.body !== 'object') return response;
	const source = response.body as AsyncIterable<Buffer>;
	const iterator = source[Symbol.asyncIterator]();
	const chunks: Buffer[] = [];
	let size = 0;
	for (;;) {
		if (size > PEEK_LIMIT) break;
		const next = await iterator.next();
		if (next.done) {
			const buffer = Buffer.concat(chunks);
			const parsed = parseBody(buffer);
			const problem = woodWingApi.bodyError?.(parsed);
			if (problem) {
				throw damApiError(this.getNode(), SERVICE, {
					status: problem.status,
					body: parsed,
					message: problem.message,
					itemIndex,
				});
			}
			return { ...response, body: buffer };
		}
		const chunk = Buffer.from(next.value);
		chunks.push(chunk);
		size += chunk.length;
	}
	async function* rest(): AsyncGenerator<Buffer> {
		try {
			yield* chunks;
			for (;;) {
				const next = await iterator.next();
				if (next.done) return;
				yield Buffer.from(next.value);
			}
		} finally {
			await iterator.return?.();
		}
	}
	const Readable = readableClassOf(response.body);
	return {
		...response,
		body: Readable ? Readable.from(rest(), { objectMode: false }) : await collect(rest()),
	};
}
