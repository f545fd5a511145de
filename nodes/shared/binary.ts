import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { BINARY_ENCODING, NodeOperationError } from 'n8n-workflow';

/** An input binary ready to stream: never read into memory as a whole. */
export interface BinaryInput {
	stream: AsyncIterable<Buffer>;
	size: number;
	fileName: string;
	mimeType: string;
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
		const stream = await this.helpers.getBinaryStream(binary.id, READ_CHUNK_SIZE);
		return { stream, size: Number(metadata.fileSize), fileName, mimeType };
	}
	if (typeof binary.data !== 'string') {
		throw new NodeOperationError(
			this.getNode(),
			`Binary property "${propertyName}" holds no data`,
			{ itemIndex },
		);
	}
	const buffer = Buffer.from(binary.data, BINARY_ENCODING);
	return { stream: single(buffer), size: buffer.length, fileName, mimeType };
}

/**
 * A file name from a server, made safe to store: its base name only (no folders, no "." or ".."),
 * without control characters. Undefined when nothing usable is left.
 */
export function safeFileName(raw: string): string | undefined {
	const clean = raw.replace(/[\u0000-\u001f\u007f]/g, '');
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
	return await this.helpers.prepareBinaryData(
		response.body as Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0],
		fileName,
		mimeType,
	);
}
