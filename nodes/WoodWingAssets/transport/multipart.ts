import { createHash, randomBytes } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readableClassOf, type BinaryInput, type ReadableLike } from '../../shared/binary';
import { collect } from './streams';
import { wwRequest } from './index';

/** What was sent, measured while it streamed. */
export interface UploadStats {
	fileName: string;
	size: number;
	md5: string;
}

/** RFC 7578 / HTML form encoding of a name or file name inside a quoted header parameter. */
function quoted(value: string): string {
	return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

interface Destination {
	destroy?: (error?: Error) => unknown;
}

/**
 * Makes a second send of an already consumed body fail instead of hang. Some n8n versions repeat a
 * request after renewing the session on a 401 with the same body object; piping an ended stream
 * would send nothing while the Content-Length promises the whole file, and the request would wait
 * forever.
 */
export function singleUse<T extends ReadableLike>(stream: T): T {
	const state = stream as unknown as { readableEnded?: boolean; destroyed?: boolean };
	const pipe = stream.pipe.bind(stream) as (
		destination: Destination,
		options?: unknown,
	) => Destination;
	let piped = false;
	(stream as unknown as { pipe: typeof pipe }).pipe = (
		destination: Destination,
		options?: unknown,
	) => {
		if (piped || state.readableEnded || state.destroyed) {
			destination.destroy?.(new Error('The upload body was already sent and cannot be sent again'));
			return destination;
		}
		piped = true;
		return pipe(destination, options);
	};
	return stream;
}

/**
 * A multipart/form-data body: the small fields first, then the file part, whose bytes are pulled
 * from the binary stream as the HTTP client sends them. The file is never held in memory as a
 * whole; MD5 and size are computed on the way. Content-Length is exact when the size is known.
 */
export function multipartBody(
	fields: Array<[string, string]>,
	fileField: string,
	input: BinaryInput,
): { body: ReadableLike | Promise<Buffer>; headers: IDataObject; stats: () => UploadStats } {
	const boundary = `----n8nWoodWingAssets${randomBytes(16).toString('hex')}`;
	let head = '';
	for (const [name, value] of fields) {
		head += `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`;
	}
	head +=
		`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(fileField)}"; filename="${quoted(input.fileName)}"\r\n` +
		`Content-Type: ${input.mimeType.replace(/[\r\n]/g, '')}\r\n\r\n`;
	const preamble = Buffer.from(head, 'utf8');
	const epilogue = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');

	const hash = createHash('md5');
	let sent = 0;
	async function* parts(): AsyncGenerator<Buffer> {
		yield preamble;
		for await (const chunk of input.stream) {
			const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
			hash.update(buffer);
			sent += buffer.length;
			yield buffer;
		}
		if (Number.isFinite(input.size) && sent !== input.size) {
			throw new Error(`The binary data ended after ${sent} of ${input.size} bytes`);
		}
		yield epilogue;
	}

	const headers: IDataObject = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
	if (Number.isFinite(input.size) && input.size >= 0) {
		headers['Content-Length'] = String(preamble.length + input.size + epilogue.length);
	}
	const Readable = readableClassOf(input.stream);
	// Streams from n8n's binary store are sent as a stream; inline (in-memory) binary data is already
	// in memory, so its body is assembled as one Buffer.
	const body = Readable
		? singleUse(Readable.from(parts(), { objectMode: false, highWaterMark: 1024 * 1024 }))
		: collect(parts());
	let digest: string | undefined;
	return {
		body,
		headers,
		stats: () => ({ fileName: input.fileName, size: sent, md5: (digest ??= hash.digest('hex')) }),
	};
}

/**
 * The upload summary every DAM node outputs: one streamed multipart POST is one part of the whole
 * file. `verified`: its answer was lost and reading the asset back showed it stored.
 */
export interface UploadSummary extends UploadStats, IDataObject {
	method: 'multipart';
	parts: number;
	partSize: number;
	verified?: boolean;
}

/** An upload ready to send, and what it sent (also after a failure whose answer was lost). */
export interface MultipartUpload {
	send(): Promise<unknown>;
	summary(verified?: boolean): UploadSummary;
}

/**
 * POSTs a file with form fields to a /services endpoint (create, update). It acts on the server,
 * and its body can be sent only once: the transport never repeats it, and redirects are not
 * followed (following them would make the HTTP client keep a copy of everything sent, i.e. the
 * whole file, in memory). A failure whose answer was lost is marked (`outcomeWasLost`).
 */
export function multipartUpload(
	this: IExecuteFunctions,
	url: string,
	fields: Array<[string, string]>,
	input: BinaryInput,
	itemIndex: number,
): MultipartUpload {
	const { body, headers, stats } = multipartBody(fields, 'Filedata', input);
	const send = async () => {
		try {
			return await wwRequest.call(
				this,
				{ method: 'POST', url, body: await body, headers, disableFollowRedirect: true },
				{ itemIndex, effect: 'acts' },
			);
		} finally {
			// A request that failed before (or while) sending the body leaves the binary's read stream open.
			(input.stream as { destroy?: () => void }).destroy?.();
		}
	};
	const summary = (verified?: boolean): UploadSummary => {
		const sent = stats();
		return {
			...sent,
			method: 'multipart',
			parts: 1,
			partSize: sent.size,
			...(verified ? { verified } : {}),
		};
	};
	return { send, summary };
}
