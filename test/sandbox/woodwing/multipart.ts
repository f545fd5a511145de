import { createHash, randomBytes } from 'crypto';
import { createWriteStream, rmSync, type WriteStream } from 'fs';
import { join } from 'path';

import { HttpError } from '../core/http';

/** An uploaded file part, written to disk while it arrived and hashed on the way. */
export interface UploadedFile {
	field: string;
	fileName: string;
	contentType: string;
	path: string;
	size: number;
	md5: string;
}

export interface ParsedForm {
	fields: Map<string, string>;
	files: UploadedFile[];
}

export interface ParseOptions {
	/** Folder for the uploaded files. */
	dir: string;
	/** Called with the bytes received so far (for the control route that shows uploads in flight). */
	onProgress?(bytes: number): void;
	/** Waits after every received chunk: lets tests slow an upload down to cancel it half-way. */
	chunkDelayMs?: number;
}

const MAX_HEADER_BYTES = 16 * 1024;
const MAX_FIELD_BYTES = 8 * 1024 * 1024;
const CRLF_CRLF = Buffer.from('\r\n\r\n');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Boundary from a `multipart/form-data; boundary=...` content type. */
export function boundaryOf(contentType: string | undefined): string | undefined {
	const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
	return match ? (match[1] ?? match[2]) : undefined;
}

function headerParam(header: string, name: string): string | undefined {
	const match =
		new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header) ??
		new RegExp(`;\\s*${name}=([^;\\s]+)`, 'i').exec(header);
	return match
		? match[1].replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n')
		: undefined;
}

interface FieldSink {
	kind: 'field';
	name: string;
	chunks: Buffer[];
	size: number;
}

interface FileSink {
	kind: 'file';
	file: UploadedFile;
	stream: WriteStream;
	hash: ReturnType<typeof createHash>;
}

/**
 * Reads a multipart/form-data body as it streams in: file parts go straight to disk (MD5 computed
 * while writing), other fields are kept as strings. Memory use does not depend on the file size.
 * On any failure (client abort, malformed body) the partial files are deleted.
 */
export async function parseMultipart(
	source: AsyncIterable<Buffer>,
	boundary: string,
	options: ParseOptions,
): Promise<ParsedForm> {
	const delimiter = Buffer.from(`\r\n--${boundary}`);
	const form: ParsedForm = { fields: new Map(), files: [] };
	let state: 'preamble' | 'afterDelimiter' | 'headers' | 'body' | 'done' = 'preamble';
	// A virtual CRLF in front, so the opening boundary looks like every other delimiter.
	let buffer = Buffer.from('\r\n');
	let sink: FieldSink | FileSink | undefined;
	let received = 0;

	const emit = async (data: Buffer) => {
		if (!sink || data.length === 0) return;
		if (sink.kind === 'field') {
			sink.size += data.length;
			if (sink.size > MAX_FIELD_BYTES)
				throw new HttpError(413, {
					errorcode: 413,
					message: `Form field ${sink.name} is too large`,
				});
			sink.chunks.push(Buffer.from(data));
			return;
		}
		sink.hash.update(data);
		sink.file.size += data.length;
		if (!sink.stream.write(data)) {
			const stream = sink.stream;
			await new Promise<void>((resolve, reject) => {
				const onDrain = () => {
					stream.off('error', onError);
					resolve();
				};
				const onError = (error: Error) => {
					stream.off('drain', onDrain);
					reject(error);
				};
				stream.once('drain', onDrain);
				stream.once('error', onError);
			});
		}
	};

	const close = async () => {
		if (!sink) return;
		if (sink.kind === 'field') {
			form.fields.set(sink.name, Buffer.concat(sink.chunks).toString('utf8'));
		} else {
			const { stream } = sink;
			await new Promise<void>((resolve, reject) => {
				stream.once('error', reject);
				stream.end(() => resolve());
			});
			sink.file.md5 = sink.hash.digest('hex');
		}
		sink = undefined;
	};

	const open = (headerText: string) => {
		const headers = new Map<string, string>();
		for (const line of headerText.split('\r\n')) {
			const colon = line.indexOf(':');
			if (colon > 0)
				headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
		}
		const disposition = headers.get('content-disposition') ?? '';
		const name = headerParam(disposition, 'name');
		if (!name)
			throw new HttpError(400, { errorcode: 400, message: 'Multipart part without a name' });
		const fileName = headerParam(disposition, 'filename');
		if (fileName === undefined) {
			sink = { kind: 'field', name, chunks: [], size: 0 };
			return;
		}
		const path = join(options.dir, `upload-${randomBytes(8).toString('hex')}`);
		const file: UploadedFile = {
			field: name,
			fileName,
			contentType: headers.get('content-type') ?? 'application/octet-stream',
			path,
			size: 0,
			md5: '',
		};
		form.files.push(file);
		sink = { kind: 'file', file, stream: createWriteStream(path), hash: createHash('md5') };
	};

	const step = async (final: boolean): Promise<void> => {
		for (;;) {
			if (state === 'done') return;
			if (state === 'preamble' || state === 'body') {
				const index = buffer.indexOf(delimiter);
				if (index === -1) {
					const keep = Math.min(buffer.length, delimiter.length - 1);
					if (state === 'body') await emit(buffer.subarray(0, buffer.length - keep));
					buffer = buffer.subarray(buffer.length - keep);
					if (final)
						throw new HttpError(400, {
							errorcode: 400,
							message: 'Multipart body ended before its closing boundary',
						});
					return;
				}
				if (state === 'body') {
					await emit(buffer.subarray(0, index));
					await close();
				}
				buffer = buffer.subarray(index + delimiter.length);
				state = 'afterDelimiter';
				continue;
			}
			if (state === 'afterDelimiter') {
				if (buffer.length < 2) {
					if (final)
						throw new HttpError(400, {
							errorcode: 400,
							message: 'Multipart body ended after a boundary',
						});
					return;
				}
				if (buffer[0] === 0x2d && buffer[1] === 0x2d) {
					state = 'done';
					return;
				}
				if (buffer[0] !== 0x0d || buffer[1] !== 0x0a) {
					throw new HttpError(400, {
						errorcode: 400,
						message: 'Malformed multipart boundary line',
					});
				}
				buffer = buffer.subarray(2);
				state = 'headers';
				continue;
			}
			// headers
			const end = buffer.indexOf(CRLF_CRLF);
			if (end === -1) {
				if (buffer.length > MAX_HEADER_BYTES)
					throw new HttpError(400, { errorcode: 400, message: 'Multipart part headers too long' });
				if (final)
					throw new HttpError(400, {
						errorcode: 400,
						message: 'Multipart body ended inside part headers',
					});
				return;
			}
			open(buffer.subarray(0, end).toString('utf8'));
			buffer = buffer.subarray(end + CRLF_CRLF.length);
			state = 'body';
		}
	};

	try {
		for await (const chunk of source) {
			received += chunk.length;
			options.onProgress?.(received);
			buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
			await step(false);
			if (options.chunkDelayMs) await sleep(options.chunkDelayMs);
		}
		await step(true);
		return form;
	} catch (error) {
		if (sink?.kind === 'file') {
			const { stream } = sink;
			// Wait for the file to be closed (its open may still be pending) before deleting it.
			if (!stream.closed)
				await new Promise<void>((resolve) => stream.destroy().once('close', () => resolve()));
		}
		for (const file of form.files) rmSync(file.path, { force: true });
		throw error;
	}
}
