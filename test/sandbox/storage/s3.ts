import { createHash, createHmac, randomBytes } from 'crypto';
import { mkdirSync } from 'fs';
import { request as httpRequest, type IncomingMessage, type Server } from 'http';
import { join } from 'path';

import type { Control } from '../core/control';
import { listen } from '../core/server';
import { EmulatorProcess } from './emulator';
import { storageProxy } from './proxy';

export const S3_BUCKET = 'dam-sandbox';
const ACCESS_KEY = 'SANDBOXACCESSKEY';
/** s3rver's built-in key pair: it accepts any request signed with it (SigV4 is not verified). */
export const S3RVER_KEY = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface ObjectInfo {
	exists: boolean;
	size?: number;
	md5?: string;
	etag?: string;
}

function s3Error(status: number, code: string, message: string) {
	return {
		status,
		headers: { 'Content-Type': 'application/xml' },
		body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`,
	};
}

/**
 * s3rver (a child process, see s3rverMain.ts) behind a proxy that does what s3rver does not: checks the presigned
 * signature and expiry of every request, and refuses requests that also carry an Authorization
 * header, as S3 does ("Only one auth mechanism allowed").
 */
export class S3Storage {
	private s3rver?: EmulatorProcess;
	private proxy?: Server;
	private upstream = { host: '127.0.0.1', port: 0 };
	private secret = randomBytes(32).toString('hex');
	proxyUrl = '';
	/**
	 * s3rver itself, without the proxy (which refuses Authorization-signed requests): for an SDK
	 * client signing with S3RVER_KEY, e.g. the benchmark's lib-storage anchor. Not journaled.
	 */
	directUrl = '';
	private relay?: Server;
	/**
	 * s3rver through the same relay code as the proxy, without its checks and with the client's
	 * Host header: an Authorization-signed client on the proxy's path (the benchmark's lib-storage).
	 */
	relayUrl = '';

	async start(control: Control, dataDir: string, proxyPort: number): Promise<void> {
		const directory = join(dataDir, 's3rver');
		mkdirSync(directory, { recursive: true });
		this.s3rver = await EmulatorProcess.start(
			's3rver',
			join(__dirname, 's3rverMain.js'),
			(port) => [directory, String(port), S3_BUCKET],
		);
		this.upstream.port = this.s3rver.port;
		this.directUrl = `http://127.0.0.1:${this.s3rver.port}`;
		this.proxy = storageProxy('s3', this.upstream, control, {
			check: (req) => this.check(req),
			rewritePath: (url) => {
				const parsed = new URL(url, 'http://s3');
				for (const key of [...parsed.searchParams.keys()])
					if (key.startsWith('X-Amz-')) parsed.searchParams.delete(key);
				return parsed.pathname + parsed.search;
			},
		});
		this.proxyUrl = `http://127.0.0.1:${await listen(this.proxy, proxyPort)}`;
		this.relay = storageProxy('s3-relay', this.upstream, control, { keepHost: true });
		this.relayUrl = `http://127.0.0.1:${await listen(this.relay, 0)}`;
	}

	private signature(method: string, path: string, params: URLSearchParams): string {
		const canonical = [...params.entries()]
			.filter(([key]) => key !== 'X-Amz-Signature')
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
			.join('&');
		return createHmac('sha256', this.secret)
			.update(`${method}\n${path}\n${canonical}`)
			.digest('hex');
	}

	/** A presigned URL for `method` on `key` (extra query such as partNumber/uploadId included). */
	presign(
		method: string,
		key: string,
		extra: Record<string, string> = {},
		expiresSeconds = 3600,
	): string {
		const path = `/${S3_BUCKET}/${key.split('/').map(encodeURIComponent).join('/')}`;
		const date = new Date()
			.toISOString()
			.replace(/[-:]/g, '')
			.replace(/\.\d{3}/, '');
		const params = new URLSearchParams({
			...extra,
			'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
			'X-Amz-Credential': `${ACCESS_KEY}/${date.slice(0, 8)}/us-east-1/s3/aws4_request`,
			'X-Amz-Date': date,
			'X-Amz-Expires': String(expiresSeconds),
			'X-Amz-SignedHeaders': 'host',
		});
		params.set('X-Amz-Signature', this.signature(method, path, params));
		return `${this.proxyUrl}${path}?${params.toString()}`;
	}

	private check(req: IncomingMessage) {
		const url = new URL(req.url ?? '/', 'http://s3');
		if (req.headers.authorization) {
			return s3Error(
				400,
				'InvalidArgument',
				'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
			);
		}
		const signature = url.searchParams.get('X-Amz-Signature');
		if (!signature) return s3Error(403, 'AccessDenied', 'Access Denied');
		const expected = this.signature(
			(req.method ?? 'GET').toUpperCase(),
			url.pathname,
			url.searchParams,
		);
		if (signature !== expected) {
			return s3Error(
				403,
				'SignatureDoesNotMatch',
				'The request signature we calculated does not match the signature you provided.',
			);
		}
		const date = url.searchParams.get('X-Amz-Date') ?? '';
		const issued = Date.parse(
			`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`,
		);
		const expires = Number(url.searchParams.get('X-Amz-Expires') ?? 0) * 1000;
		if (!Number.isFinite(issued) || Date.now() > issued + expires) {
			return s3Error(403, 'AccessDenied', 'Request has expired');
		}
		return undefined;
	}

	/** A request straight to s3rver (the simulators' own server-side calls). */
	private async direct(
		method: string,
		path: string,
		body?: string,
	): Promise<{ status: number; text: string; headers: IncomingMessage['headers'] }> {
		return await new Promise((resolve, reject) => {
			const req = httpRequest(
				{
					...this.upstream,
					method,
					path,
					headers: body
						? { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) }
						: {},
				},
				(res) => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk) => chunks.push(chunk));
					res.on('end', () =>
						resolve({
							status: res.statusCode ?? 0,
							text: Buffer.concat(chunks).toString('utf8'),
							headers: res.headers,
						}),
					);
					res.on('error', reject);
				},
			);
			req.on('error', reject);
			req.end(body);
		});
	}

	private objectPath(key: string): string {
		return `/${S3_BUCKET}/${key.split('/').map(encodeURIComponent).join('/')}`;
	}

	async createMultipartUpload(key: string): Promise<string> {
		const res = await this.direct('POST', `${this.objectPath(key)}?uploads`);
		const id = /<UploadId>([^<]+)<\/UploadId>/.exec(res.text)?.[1];
		if (!id) throw new Error(`s3rver did not create a multipart upload: ${res.status} ${res.text}`);
		return id;
	}

	/** Completes a multipart upload with the client's ETags; s3rver refuses wrong ones (InvalidPart). */
	async completeMultipartUpload(
		key: string,
		uploadId: string,
		parts: Array<{ partNumber: number; etag: string }>,
	): Promise<{ ok: boolean; status: number; message: string }> {
		const xml =
			'<CompleteMultipartUpload>' +
			parts
				.map(
					(part) =>
						`<Part><PartNumber>${part.partNumber}</PartNumber><ETag>${part.etag}</ETag></Part>`,
				)
				.join('') +
			'</CompleteMultipartUpload>';
		const res = await this.direct(
			'POST',
			`${this.objectPath(key)}?uploadId=${encodeURIComponent(uploadId)}`,
			xml,
		);
		const ok = res.status === 200 && !res.text.includes('<Error>');
		return {
			ok,
			status: res.status,
			message: /<Message>([^<]*)<\/Message>/.exec(res.text)?.[1] ?? res.text.slice(0, 200),
		};
	}

	async abortMultipartUpload(key: string, uploadId: string): Promise<void> {
		await this.direct('DELETE', `${this.objectPath(key)}?uploadId=${encodeURIComponent(uploadId)}`);
	}

	/** Size and MD5 of a stored object, streamed from s3rver. */
	async objectInfo(key: string): Promise<ObjectInfo> {
		return await new Promise((resolve, reject) => {
			const req = httpRequest(
				{ ...this.upstream, method: 'GET', path: this.objectPath(key) },
				(res) => {
					if (res.statusCode !== 200) {
						res.resume();
						resolve({ exists: false });
						return;
					}
					const hash = createHash('md5');
					let size = 0;
					res.on('data', (chunk: Buffer) => {
						hash.update(chunk);
						size += chunk.length;
					});
					res.on('end', () =>
						resolve({
							exists: true,
							size,
							md5: hash.digest('hex'),
							etag: String(res.headers.etag ?? ''),
						}),
					);
					res.on('error', reject);
				},
			);
			req.on('error', reject);
			req.end();
		});
	}

	async deleteObject(key: string): Promise<void> {
		await this.direct('DELETE', this.objectPath(key));
	}

	async stop(): Promise<void> {
		this.proxy?.closeAllConnections();
		this.proxy?.close();
		this.relay?.closeAllConnections();
		this.relay?.close();
		await this.s3rver?.stop();
	}
}
