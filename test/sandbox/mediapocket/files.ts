import { createHash } from 'crypto';
import { request as httpRequest, type IncomingMessage } from 'http';
import { request as httpsRequest } from 'https';
import { PassThrough, Readable } from 'stream';

import { generatedStream } from '../../fixtures/generated';
import { mimeTypeOf } from '../core/kit';

/**
 * Deterministic bytes (the tests' generator), served by the simulator's stand-in for "a public web
 * server" (the URLs Media Pocket ingests from), so tests can compare against generatedMd5(size, seed).
 */
export const generatedBytes = generatedStream;

/** The asset media_type Media Pocket would give a file (GUESS beyond image/article/placeholder). */
export function mediaTypeOf(filename: string): string {
	const mime = mimeTypeOf(filename);
	if (mime.startsWith('image/')) return 'image';
	if (mime.startsWith('video/')) return 'video';
	if (mime.startsWith('audio/')) return 'audio';
	if (mime === 'application/pdf' || mime === 'text/plain') return 'document';
	return 'other';
}

function get(url: string): Promise<IncomingMessage> {
	return new Promise((resolve, reject) => {
		const parsed = new URL(url);
		const send = parsed.protocol === 'https:' ? httpsRequest : httpRequest;
		const req = send(parsed, { method: 'GET' }, resolve);
		req.on('error', reject);
		req.setTimeout(30_000, () => req.destroy(new Error('Timed out fetching the file URL')));
		req.end();
	});
}

/**
 * What Media Pocket does with `file_url`: downloads it (streamed) and stores it in its S3 bucket
 * through a presigned PUT. Returns size and MD5 of what was stored.
 */
export async function copyUrlToStorage(
	fileUrl: string,
	putUrl: string,
	fallbackType: string,
): Promise<{ size: number; md5: string; contentType: string }> {
	const source = await get(fileUrl);
	if ((source.statusCode ?? 0) !== 200) {
		source.resume();
		throw new Error(`The file URL answered HTTP ${source.statusCode}`);
	}
	const contentType = String(source.headers['content-type'] ?? fallbackType).split(';')[0];
	let body: Readable = source;
	let length = Number(source.headers['content-length']);
	if (!Number.isFinite(length)) {
		const chunks: Buffer[] = [];
		for await (const chunk of source) chunks.push(chunk as Buffer);
		const buffer = Buffer.concat(chunks);
		length = buffer.length;
		body = Readable.from([buffer]);
	}
	const hash = createHash('md5');
	let size = 0;
	const tap = new PassThrough();
	tap.on('data', (chunk: Buffer) => {
		hash.update(chunk);
		size += chunk.length;
	});
	await new Promise<void>((resolve, reject) => {
		const target = new URL(putUrl);
		const req = httpRequest(
			target,
			{ method: 'PUT', headers: { 'Content-Length': length, 'Content-Type': contentType } },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk) => chunks.push(chunk));
				res.on('end', () =>
					(res.statusCode ?? 0) < 300
						? resolve()
						: reject(
								new Error(
									`Storage answered ${res.statusCode}: ${Buffer.concat(chunks).toString('utf8').slice(0, 200)}`,
								),
							),
				);
			},
		);
		req.on('error', reject);
		body.on('error', reject);
		body.pipe(tap).pipe(req);
	});
	return { size, md5: hash.digest('hex'), contentType };
}
