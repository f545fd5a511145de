import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { BINARY_ENCODING, NodeOperationError } from 'n8n-workflow';

/** An input binary ready to stream: never read into memory as a whole. */
export interface BinaryInput {
	stream: AsyncIterable<Buffer>;
	size: number;
	fileName: string;
	mimeType: string;
	/** A new stream from the start (n8n's binary store can be read again): to replay a failed part. */
	reopen?: () => Promise<AsyncIterable<Buffer>>;
	/** Whether the data is already in memory (inline binary data): nothing to gain by streaming it. */
	inMemory?: boolean;
	/**
	 * Whether the data is a file on this machine's disk (n8n's filesystem mode), where reading it
	 * again costs no transfer: parts may then be streamed in parallel, each by a reader of its own.
	 */
	localFile?: boolean;
}

/** Chunk size asked of n8n's binary store (the read stream's highWaterMark in filesystem mode). */
export const READ_CHUNK_SIZE = 1024 * 1024;

async function* single(buffer: Buffer): AsyncGenerator<Buffer> {
	yield buffer;
}

/**
 * Opens the binary property of item `itemIndex` as a stream. Binaries kept by n8n's store
 * (filesystem, S3, database mode) are streamed; only inline (in-memory mode) data is decoded from base64.
 */
export async function readBinaryInput(
	this: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	fileNameOverride?: string,
): Promise<BinaryInput> {
	const binary: IBinaryData = this.helpers.assertBinaryData(itemIndex, propertyName);
	const fileName = fileNameOverride || binary.fileName || 'file';
	const mimeType = binary.mimeType || 'application/octet-stream';
	if (binary.id) {
		const metadata = await this.helpers.getBinaryMetadata(binary.id);
		const id = binary.id;
		const reopen = async () => await this.helpers.getBinaryStream(id, READ_CHUNK_SIZE);
		const stream = await reopen();
		return {
			stream,
			reopen,
			size: Number(metadata.fileSize),
			fileName,
			mimeType,
			localFile: isFileReadStream(stream),
		};
	}
	if (typeof binary.data !== 'string') {
		throw new NodeOperationError(
			this.getNode(),
			`Binary property "${propertyName}" holds no data`,
			{ itemIndex },
		);
	}
	const buffer = Buffer.from(binary.data, BINARY_ENCODING);
	const reopen = async () => single(buffer);
	return {
		stream: single(buffer),
		reopen,
		size: buffer.length,
		fileName,
		mimeType,
		inMemory: true,
	};
}

/**
 * Whether n8n handed out a stream of a file on disk: node's `fs.ReadStream`, found by its class
 * name (nodes must not import 'fs'), with the read counter only that class has.
 */
function isFileReadStream(stream: unknown): boolean {
	return (
		typeof (stream as { bytesRead?: unknown } | undefined)?.bytesRead === 'number' &&
		classInChain(stream, (candidate) => candidate.name === 'ReadStream') !== undefined
	);
}

/** The first class on `value`'s constructor chain that `matches` (found without importing it). */
function classInChain(
	value: unknown,
	matches: (candidate: {
		name?: string;
		from?: unknown;
		prototype?: { pipe?: unknown };
	}) => boolean,
): unknown {
	if (!value || typeof value !== 'object') return undefined;
	for (
		let ctor: unknown = value.constructor;
		typeof ctor === 'function' && ctor !== Object;
		ctor = Object.getPrototypeOf(ctor)
	)
		if (matches(ctor as never)) return ctor;
	return undefined;
}

/** C0 controls and DEL (compared by code: n8n's lint refuses control characters in a regex). */
const isControl = (character: string) => {
	const code = character.charCodeAt(0);
	return code < 0x20 || code === 0x7f;
};

export function hasControlCharacter(text: string): boolean {
	return Array.from(text).some(isControl);
}

export function withoutControlCharacters(text: string): string {
	return Array.from(text)
		.filter((character) => !isControl(character))
		.join('');
}

/**
 * A file name from a server, made safe to store: its base name only (no folders, no "." or ".."),
 * without control characters. Undefined when nothing usable is left.
 */
export function safeFileName(raw: string): string | undefined {
	const clean = withoutControlCharacters(raw);
	const base = clean.split(/[\\/]/).pop()?.trim() ?? '';
	return base && base !== '.' && base !== '..' ? base : undefined;
}

function decodeExtended(value: string): string | undefined {
	try {
		return decodeURIComponent(value);
	} catch {
		return undefined; // malformed percent-encoding
	}
}

/**
 * File name from a Content-Disposition header, if the server sent a usable one: the RFC 5987
 * `filename*` when it decodes, else the plain `filename`, else the undecoded `filename*` as it came.
 */
export function fileNameFromDisposition(header: unknown): string | undefined {
	if (typeof header !== 'string') return undefined;
	const star = /(?:^|;)\s*filename\*=(?:[\w-]+'[^']*')?([^;]+)/i
		.exec(header)?.[1]
		.trim()
		.replace(/^"|"$/g, '');
	const plain = /(?:^|;)\s*filename=(?:"([^"]*)"|([^;]*))/i.exec(header);
	const plainName = plain ? (plain[1] ?? plain[2] ?? '').trim() : undefined;
	const decoded = star === undefined ? undefined : decodeExtended(star);
	return (
		(decoded === undefined ? undefined : safeFileName(decoded)) ??
		(plainName === undefined ? undefined : safeFileName(plainName)) ??
		(star === undefined ? undefined : safeFileName(star))
	);
}

/**
 * Stores a streamed HTTP response as an n8n binary: the body goes straight to n8n's binary store.
 * `response` is a full response requested with `encoding: 'stream'`.
 */
export async function binaryFromResponse(
	this: IExecuteFunctions,
	response: { body: unknown; headers: Record<string, unknown> },
	fallbackFileName: string,
	fallbackMimeType?: string,
): Promise<IBinaryData> {
	const headers = response.headers ?? {};
	const fileName = fileNameFromDisposition(headers['content-disposition']) ?? fallbackFileName;
	const contentType =
		typeof headers['content-type'] === 'string' ? headers['content-type'].split(';')[0] : undefined;
	// A storage host's generic octet-stream says nothing: without a better type, let n8n infer one
	// from the file name.
	const mimeType =
		contentType && contentType !== 'application/octet-stream' ? contentType : fallbackMimeType;
	const Readable = readableClassOf(response.body);
	const body = Readable
		? Readable.from(inChunksOf(response.body as AsyncIterable<Buffer>, WRITE_CHUNK_SIZE), {
				objectMode: false,
			})
		: response.body;
	const binary = await this.helpers.prepareBinaryData(
		body as Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0],
		fileName,
		mimeType,
	);
	// For a stream whose type neither we nor the file name tell, n8n says text/plain; it read the
	// server's Content-Type when it was handed the response itself.
	if (
		!mimeType &&
		binary.mimeType === 'text/plain' &&
		contentType &&
		contentType !== 'text/plain'
	) {
		binary.mimeType = contentType;
		delete binary.fileType;
	}
	return binary;
}

/**
 * Size of the pieces a download is handed to n8n's binary store in. The store writes every piece
 * of a stream with a write call of its own and reads the next only after it (fs.writeFile over the
 * stream); the socket's 16 to 64 KiB reads would cost a system call and a wait each.
 */
export const WRITE_CHUNK_SIZE = 1024 * 1024;

/** The source's bytes regrouped into pieces of at least `size` bytes (the last may be shorter). */
export async function* inChunksOf(
	source: AsyncIterable<Buffer>,
	size: number,
): AsyncGenerator<Buffer> {
	let pieces: Buffer[] = [];
	let length = 0;
	for await (const chunk of source) {
		pieces.push(chunk);
		length += chunk.length;
		if (length >= size) {
			yield pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, length);
			pieces = [];
			length = 0;
		}
	}
	if (length > 0) yield Buffer.concat(pieces, length);
}

/** What httpRequest accepts as a streamed body. */
export interface ReadableLike extends AsyncIterable<Buffer> {
	pipe: (...args: never[]) => unknown;
}

interface ReadableClass {
	from(
		source: AsyncIterable<Buffer>,
		options?: { objectMode?: boolean; highWaterMark?: number },
	): ReadableLike;
}

/**
 * Node's `Readable` class, reached through a stream n8n handed us. Nodes that may run on n8n Cloud
 * must not import 'stream'; every stream n8n gives a node (binary-data read streams, HTTP response
 * bodies) is an instance of a `Readable` subclass, so the class is found on its constructor chain.
 * Undefined for plain async iterables (inline binary data): the caller sends a Buffer then.
 */
export function readableClassOf(stream: unknown): ReadableClass | undefined {
	return classInChain(
		stream,
		(candidate) =>
			candidate.name === 'Readable' &&
			typeof candidate.from === 'function' &&
			typeof candidate.prototype?.pipe === 'function',
	) as ReadableClass | undefined;
}
