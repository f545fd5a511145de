/**
 * One benchmark run in a fresh process, so its peak RSS, RSS growth and CPU are its own. Started
 * by bench.ts as `node child.js '<ChildConfig json>'`; prints one line `BENCH_RESULT {json}`.
 *
 * Only node's own modules are loaded up front: each client loads what it needs (n8n-core and the
 * package's nodes for ours, the Azure or AWS SDK for the anchors, nothing more for the limits),
 * before its measured work starts.
 */
import { createHash } from 'crypto';
import {
	closeSync,
	createReadStream,
	createWriteStream,
	mkdirSync,
	openSync,
	readFileSync,
	readSync,
	writeFileSync,
} from 'fs';
import { Agent, request, type IncomingMessage } from 'http';
import { Session } from 'inspector';
import { join } from 'path';
import { pipeline } from 'stream/promises';

import type { ChildConfig, ChildResult } from './common';

const MiB = 1024 * 1024;
/** n8n's binary store reads with 1 MiB chunks (READ_CHUNK_SIZE); the file-stream clients do too. */
const READ_CHUNK = MiB;

interface Measured<T> {
	value: T;
	startedAt: number;
	endedAt: number;
	cpuMs: number;
	baseRss: number;
	peakRss: number;
}

function vmHwm(): number {
	const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
	return match ? Number(match[1]) * 1024 : 0;
}

/** BENCH_PROFILE_DIR: a V8 CPU profile of the measured work only, `<family>-<client>-<MiB>.cpuprofile`. */
let profileName = '';

async function profiler(): Promise<(() => Promise<void>) | undefined> {
	const dir = process.env.BENCH_PROFILE_DIR;
	if (!dir) return undefined;
	const session = new Session();
	session.connect();
	const post = (method: string) =>
		new Promise<any>((resolve, reject) =>
			session.post(method, (error, result) => (error ? reject(error) : resolve(result))),
		);
	await post('Profiler.enable');
	await post('Profiler.start');
	return async () => {
		const { profile } = await post('Profiler.stop');
		session.disconnect();
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, `${profileName}.cpuprofile`), JSON.stringify(profile));
	};
}

/** Runs the measured work: CPU of this process, RSS before it (after a young-generation GC) and its peak sampled every 20 ms. */
async function measured<T>(work: () => Promise<T>): Promise<Measured<T>> {
	const stopProfile = await profiler();
	// A young-generation collection only: a full one forced here leaves V8 with old-space limits so
	// tight that it then runs a mark-compact every few MiB (a 1 GiB streamed upload: 67 instead of
	// 2, and 8.6 instead of 2.9 CPU ms per MiB), which no n8n process ever sees.
	global.gc?.({ type: 'minor' });
	const baseRss = process.memoryUsage.rss();
	let peakRss = baseRss;
	const timer = setInterval(() => {
		peakRss = Math.max(peakRss, process.memoryUsage.rss());
	}, 20);
	const cpu0 = process.cpuUsage();
	const startedAt = Date.now();
	try {
		const value = await work();
		const endedAt = Date.now();
		const cpu = process.cpuUsage(cpu0);
		peakRss = Math.max(peakRss, process.memoryUsage.rss());
		return { value, startedAt, endedAt, cpuMs: (cpu.user + cpu.system) / 1000, baseRss, peakRss };
	} finally {
		clearInterval(timer);
		await stopProfile?.();
	}
}

function result(run: Measured<unknown>, extra: Partial<ChildResult> = {}): ChildResult {
	return {
		startedAt: run.startedAt,
		endedAt: run.endedAt,
		cpuMs: run.cpuMs,
		baseRss: run.baseRss,
		peakRss: run.peakRss,
		vmHwm: vmHwm(),
		marks: {},
		detail: {},
		...extra,
	};
}

/** The first `length` bytes of the input file (the limit clients' one buffer). */
function readHead(file: string, length: number): Buffer {
	const buffer = Buffer.allocUnsafe(length);
	const fd = openSync(file, 'r');
	try {
		let read = 0;
		while (read < length) {
			const n = readSync(fd, buffer, read, length - read, read);
			if (n === 0) throw new Error(`${file} is shorter than ${length} bytes`);
			read += n;
		}
	} finally {
		closeSync(fd);
	}
	return buffer;
}

/** MD5 of what a limit client sent: `buffer` again and again up to `size` bytes, the last one cut. */
function repeatedMd5(buffer: Buffer, size: number): string {
	const hash = createHash('md5');
	for (let offset = 0; offset < size; offset += buffer.length)
		hash.update(buffer.subarray(0, Math.min(buffer.length, size - offset)));
	return hash.digest('hex');
}

async function fileMd5(path: string): Promise<string> {
	const hash = createHash('md5');
	for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK }))
		hash.update(chunk as Buffer);
	return hash.digest('hex');
}

async function text(res: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of res) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

/** One request with node's http module; the body is sent as it is (no copy). */
async function send(
	agent: Agent,
	method: string,
	url: string,
	headers: Record<string, string | number>,
	body?: Buffer | string,
): Promise<{ status: number; headers: IncomingMessage['headers']; text: string }> {
	return await new Promise((resolve, reject) => {
		const req = request(url, { method, headers, agent }, (res) => {
			text(res).then(
				(body) => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: body }),
				reject,
			);
		});
		req.on('error', reject);
		req.end(body);
	});
}

/** Runs `task(0..count-1)` with at most `limit` in flight. */
async function limited(count: number, limit: number, task: (n: number) => Promise<void>) {
	let next = 0;
	const worker = async () => {
		while (next < count) await task(next++);
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

// ---------------------------------------------------------------------------------------------
// ours: the package's nodes through n8n-core's WorkflowExecute, filesystem binary mode

async function engine() {
	const { Container } = await import('@n8n/di');
	const { BinaryDataService } = await import('n8n-core');
	const harness = await import('../harness/engine');
	await harness.initBinaryStore();
	return { service: Container.get(BinaryDataService), ...harness };
}

/** Preparation, not measured: the input file into n8n's binary store (as Read Files from Disk would). */
async function storedInput(config: ChildConfig) {
	const { service } = await engine();
	return await service.copyBinaryFile(
		{ type: 'execution', workflowId: 'bench', executionId: 'prepare' },
		{
			data: '',
			mimeType: config.mimeType,
			fileName: config.fileName,
			fileExtension: config.fileName.split('.').pop(),
		},
		config.file,
	);
}

async function oursRun(
	config: ChildConfig,
	node: { type: string; name: string; parameters: Record<string, unknown>; credential: string },
	withInput: boolean,
) {
	const { runWorkflow } = await engine();
	const input = withInput ? [{ json: {}, binary: { data: await storedInput(config) } }] : undefined;
	const run = await measured(
		async () =>
			await runWorkflow(
				[
					{
						type: node.type,
						name: node.name,
						parameters: node.parameters as never,
						credentials: [node.credential],
					},
				],
				{ credentials: config.credentials, input },
			),
	);
	const task = run.value.run.data.resultData.runData[node.name]?.[0];
	const item = run.value.output(node.name)[0];
	return {
		run,
		item,
		error: run.value.error?.message,
		detail: { nodeStartTime: task?.startTime, nodeExecutionMs: task?.executionTime },
	};
}

async function azureOurs(config: ChildConfig): Promise<ChildResult> {
	const { run, item, error, detail } = await oursRun(
		config,
		{
			type: 'n8n-nodes-dam.mediaValet',
			name: 'Check In',
			credential: 'mediaValetApi',
			parameters: {
				resource: 'asset',
				operation: 'checkIn',
				assetId: { __rl: true, mode: 'id', value: config.assetId },
				fileName: config.fileName,
				comment: 'benchmark',
				options: { blockSizeMiB: config.blockSize / MiB, concurrency: config.concurrency },
			},
		},
		true,
	);
	const checkIn = item?.json.checkIn as Record<string, unknown> | undefined;
	return result(run, {
		md5: checkIn?.md5 as string | undefined,
		error,
		detail: {
			...detail,
			uploadMethod: checkIn?.uploadMethod,
			blocks: checkIn?.blocks,
			blockSize: checkIn?.blockSize,
		},
	});
}

async function s3Ours(config: ChildConfig): Promise<ChildResult> {
	const { run, item, error, detail } = await oursRun(
		config,
		{
			type: 'n8n-nodes-dam.tenovos',
			name: 'Tenovos',
			credential: 'tenovosApi',
			parameters: { resource: 'asset', operation: 'create', ...config.parameters },
		},
		true,
	);
	return result(run, {
		md5: item?.json.md5 as string | undefined,
		error,
		detail: {
			...detail,
			uploadMethod: item?.json.uploadMethod,
			parts: item?.json.parts,
			fileId: item?.json.fileId,
		},
	});
}

async function downloadOurs(config: ChildConfig): Promise<ChildResult> {
	const { run, item, error, detail } = await oursRun(
		config,
		{
			type: 'n8n-nodes-dam.mediaValet',
			name: 'Download',
			credential: 'mediaValetApi',
			parameters: {
				resource: 'asset',
				operation: 'download',
				assetId: { __rl: true, mode: 'id', value: config.assetId },
				binaryPropertyName: 'data',
			},
		},
		false,
	);
	const binary = item?.binary?.data;
	let md5: string | undefined;
	if (binary?.id) {
		// After the measured work: the stored file's MD5, read back from n8n's binary store.
		const { service } = await engine();
		const hash = createHash('md5');
		for await (const chunk of await service.getAsStream(binary.id, READ_CHUNK))
			hash.update(chunk as Buffer);
		md5 = hash.digest('hex');
	}
	return result(run, {
		md5,
		error: error ?? (binary?.id ? undefined : 'the node output no stored binary'),
		detail: { ...detail, storedSize: binary?.bytes, fileSize: binary?.fileSize },
	});
}

// ---------------------------------------------------------------------------------------------
// anchors: the vendors' SDKs with their defaults (block size and concurrency as ours for Azure)

async function azureSdk(config: ChildConfig): Promise<ChildResult> {
	const { BlockBlobClient } = await import('@azure/storage-blob');
	const client = new BlockBlobClient(config.sasUrl!);
	const run = await measured(
		async () =>
			await client.uploadStream(
				createReadStream(config.file, { highWaterMark: READ_CHUNK }),
				config.blockSize,
				config.concurrency,
				{ blobHTTPHeaders: { blobContentType: config.mimeType } },
			),
	);
	return result(run);
}

async function s3LibStorage(config: ChildConfig): Promise<ChildResult> {
	const { S3Client } = await import('@aws-sdk/client-s3');
	const { Upload } = await import('@aws-sdk/lib-storage');
	const direct = config.s3Direct!;
	const client = new S3Client({
		endpoint: direct.relay,
		region: 'us-east-1',
		forcePathStyle: true,
		credentials: { accessKeyId: direct.accessKeyId, secretAccessKey: direct.secretAccessKey },
	});
	const marks: Record<string, number> = {};
	const commands: Record<string, number> = {};
	client.middlewareStack.add(
		(next, context) => async (args) => {
			const name = String(context.commandName);
			commands[name] = (commands[name] ?? 0) + 1;
			if (name === 'CompleteMultipartUploadCommand') marks.complete ??= Date.now();
			return await next(args);
		},
		{ step: 'initialize', name: 'benchMarks' },
	);
	const upload = new Upload({
		client,
		params: {
			Bucket: direct.bucket,
			Key: config.key!,
			Body: createReadStream(config.file, { highWaterMark: READ_CHUNK }),
			ContentType: config.mimeType,
		},
	});
	const settings = upload as unknown as { partSize: number; queueSize: number };
	const run = await measured(async () => await upload.done());
	client.destroy();
	return result(run, {
		marks,
		detail: {
			partSize: settings.partSize,
			queueSize: settings.queueSize,
			commands,
			requestChecksumCalculation: await client.config.requestChecksumCalculation(),
		},
	});
}

async function downloadSdk(config: ChildConfig): Promise<ChildResult> {
	const { BlobClient } = await import('@azure/storage-blob');
	const client = new BlobClient(config.sasUrl!);
	const run = await measured(async () => await client.downloadToFile(config.outFile!));
	return result(run, { md5: await fileMd5(config.outFile!) });
}

// ---------------------------------------------------------------------------------------------
// limits: node's http module and nothing else; uploads send one in-memory buffer again and again

async function azureLimit(config: ChildConfig): Promise<ChildResult> {
	const block = readHead(config.file, Math.min(config.blockSize, config.size));
	const blockMd5 = createHash('md5').update(block).digest('base64');
	const count = Math.max(1, Math.ceil(config.size / block.length));
	const ids = Array.from({ length: count }, (_, n) =>
		Buffer.from(`block-${String(n + 1).padStart(6, '0')}`).toString('base64'),
	);
	const agent = new Agent({ keepAlive: true, maxSockets: config.concurrency });
	const url = (params: Record<string, string>) => {
		const parsed = new URL(config.sasUrl!);
		for (const [key, value] of Object.entries(params)) parsed.searchParams.set(key, value);
		return parsed.toString();
	};
	const run = await measured(async () => {
		await limited(count, config.concurrency, async (n) => {
			const length = Math.min(block.length, config.size - n * block.length);
			const body = length === block.length ? block : block.subarray(0, length);
			const res = await send(
				agent,
				'PUT',
				url({ comp: 'block', blockid: ids[n] }),
				{
					'Content-Length': length,
					'Content-MD5':
						length === block.length ? blockMd5 : createHash('md5').update(body).digest('base64'),
					'x-ms-version': '2021-12-02',
				},
				body,
			);
			if (res.status !== 201) throw new Error(`Put Block ${n + 1}: ${res.status} ${res.text}`);
		});
		const xml = `<?xml version="1.0" encoding="utf-8"?><BlockList>${ids.map((id) => `<Latest>${id}</Latest>`).join('')}</BlockList>`;
		const res = await send(
			agent,
			'PUT',
			url({ comp: 'blocklist' }),
			{
				'Content-Type': 'application/xml',
				'Content-Length': Buffer.byteLength(xml),
				'x-ms-blob-content-type': config.mimeType,
				'x-ms-version': '2021-12-02',
			},
			xml,
		);
		if (res.status !== 201) throw new Error(`Put Block List: ${res.status} ${res.text}`);
	});
	agent.destroy();
	return result(run, {
		md5: repeatedMd5(block, config.size),
		detail: { blocks: count, blockSize: block.length },
	});
}

async function s3Limit(config: ChildConfig): Promise<ChildResult> {
	const partSize = config.partSize!;
	const buffer = readHead(config.file, Math.min(partSize, config.size));
	const urls = config.partUrls!;
	const etags: string[] = [];
	const agent = new Agent({ keepAlive: true, maxSockets: config.concurrency });
	const marks: Record<string, number> = {};
	const run = await measured(async () => {
		await limited(urls.length, config.concurrency, async (n) => {
			const length = Math.min(partSize, config.size - n * partSize);
			const res = await send(
				agent,
				'PUT',
				urls[n],
				{ 'Content-Length': length, 'Content-Type': 'application/octet-stream' },
				length === buffer.length ? buffer : buffer.subarray(0, length),
			);
			const etag = res.headers.etag;
			if (res.status !== 200 || typeof etag !== 'string')
				throw new Error(`Part ${n + 1}: ${res.status} ${res.text}`);
			etags[n] = etag;
		});
		marks.complete = Date.now();
		// The sandbox completes the multipart upload on s3rver, as the DAM does for ours.
		const res = await fetch(`${config.control}/storage/s3/complete`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				key: config.key,
				uploadId: config.uploadId,
				parts: etags.map((etag, n) => ({ partNumber: n + 1, etag })),
			}),
		});
		const answer = (await res.json()) as { ok: boolean; message: string };
		if (!answer.ok) throw new Error(`Complete: ${answer.message}`);
	});
	agent.destroy();
	return result(run, {
		md5: repeatedMd5(buffer, config.size),
		marks,
		detail: { parts: urls.length, partSize: buffer.length, concurrency: config.concurrency },
	});
}

async function downloadLimit(config: ChildConfig): Promise<ChildResult> {
	const agent = new Agent({ keepAlive: false });
	const run = await measured(
		async () =>
			await new Promise<void>((resolve, reject) => {
				const req = request(config.sasUrl!, { method: 'GET', agent }, (res) => {
					if (res.statusCode !== 200) {
						text(res).then((body) => reject(new Error(`GET: ${res.statusCode} ${body}`)), reject);
						return;
					}
					pipeline(res, createWriteStream(config.outFile!)).then(resolve, reject);
				});
				req.on('error', reject);
				req.end();
			}),
	);
	return result(run, { md5: await fileMd5(config.outFile!) });
}

const RUNS: Record<string, (config: ChildConfig) => Promise<ChildResult>> = {
	'azure/ours': azureOurs,
	'azure/sdk': azureSdk,
	'azure/limit': azureLimit,
	's3/ours': s3Ours,
	's3/libStorage': s3LibStorage,
	's3/limit': s3Limit,
	'download/ours': downloadOurs,
	'download/sdk': downloadSdk,
	'download/limit': downloadLimit,
};

async function main() {
	const config = JSON.parse(process.argv[2]) as ChildConfig;
	profileName = `${config.family}-${config.client}-${config.size / MiB}MiB`;
	let outcome: ChildResult;
	try {
		const run = RUNS[`${config.family}/${config.client}`];
		if (!run) throw new Error(`No run ${config.family}/${config.client}`);
		outcome = await run(config);
	} catch (error) {
		outcome = {
			startedAt: 0,
			endedAt: 0,
			cpuMs: 0,
			baseRss: 0,
			peakRss: 0,
			vmHwm: vmHwm(),
			marks: {},
			detail: {},
			error: String((error as Error)?.stack ?? error),
		};
	}
	process.stdout.write(`BENCH_RESULT ${JSON.stringify(outcome)}\n`);
	process.exit(0);
}

void main();
