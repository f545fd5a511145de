/**
 * Upload and download benchmark (`npm run bench`, issue 14): our engines through n8n-core's
 * WorkflowExecute, side by side with the vendors' SDKs and with minimal clients that show what the
 * storage emulator itself can take, in one run, from the same generated file on disk.
 *
 *   azure     ours = MediaValet Check In | sdk = @azure/storage-blob uploadStream | limit = http Put Block
 *   s3        ours = Tenovos Create      | libStorage = @aws-sdk/lib-storage Upload | limit = http presigned PUT
 *   download  ours = MediaValet Download | sdk = @azure/storage-blob downloadToFile | limit = http GET
 *
 * Every run is a fresh child process (child.ts), so its CPU, peak RSS and RSS growth are its own.
 * Results: stdout, bench-results/README-table.md, bench-results/summary.json (the largest size of
 * each family) and bench-results/details.json (every row).
 *
 * Environment:
 *   BENCH_QUICK=1            256 MiB everywhere, plus a 1 GiB Tenovos create for the S3 memory figure
 *   BENCH_SIZES=16,64        MiB, every family (quick checks); BENCH_AZURE_SIZES, BENCH_S3_SIZES and
 *                            BENCH_DOWNLOAD_SIZES override one family
 *   BENCH_S3_MEMORY_MIB=1024 the Tenovos create whose RSS growth is the S3 memory figure (0: none);
 *                            run on its own only when the S3 sizes do not include it
 *   BENCH_ONLY=azure,s3      families to run (default all three)
 *   BENCH_REPEAT=3           runs of every client and size, in rounds; the table shows each one's
 *                            median by MiB/s and notes the spread (the S3 memory figure runs once)
 *   BENCH_S3_LIMIT_CONCURRENCY=1  parts in flight for the minimal presigned-PUT client (default 1,
 *                            a single stream from memory; ours streams parts above 8 MiB two at a time)
 *   BENCH_PROFILE_DIR=/tmp/prof   a V8 CPU profile of each child's measured work (skews the figures)
 *   BENCH_NODE_ARGS="--max-old-space-size=512"  extra node options for the child runs
 *   BENCH_LOG_DIR=/tmp/bench-logs  each child's stdout, `<family>-<client>-<MiB>MiB.log` (e.g. with
 *                            BENCH_NODE_ARGS=--trace-gc)
 * Defaults: Azure 256 MiB and 2 GiB, S3 and downloads 256 MiB and 1 GiB.
 */
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { BlockBlobClient } from '@azure/storage-blob';
import { spawn } from 'child_process';
import { createHash } from 'crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { cpus, loadavg, tmpdir } from 'os';
import { join } from 'path';
import { Transform } from 'stream';
import { pipeline } from 'stream/promises';

import { generatedStream } from '../fixtures/generated';
import { Sandbox } from '../harness/sandbox';
import { mvCredentials } from '../mediavalet/helpers';
import { EDITOR } from '../sandbox/mediavalet/seed';
import { TENOVOS_PART_SIZE } from '../sandbox/tenovos/data';
import { createParameters, tenovosCredentials } from '../tenovos/helpers';
import type { ChildConfig, ChildResult, Client, Family } from './common';
import { MiB } from './common';
import { medianRows, report, type Row, type Settings } from './report';

const ROOT = join(__dirname, '..', '..', '..');
// The AWS SDK's notice about Node versions after 2026 would land in the middle of the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const QUICK = process.env.BENCH_QUICK === '1';

function sizes(variable: string, quick: string, full: string): number[] {
	const value = process.env[variable] ?? process.env.BENCH_SIZES ?? (QUICK ? quick : full);
	return value
		.split(',')
		.map((s) => Number(s.trim()))
		.filter((n) => Number.isFinite(n) && n > 0)
		.map((n) => Math.round(n * MiB));
}

const ONLY = new Set(
	(process.env.BENCH_ONLY ?? 'azure,s3,download').split(',').map((s) => s.trim()),
);
const SIZES: Record<Family, number[]> = {
	azure: ONLY.has('azure') ? sizes('BENCH_AZURE_SIZES', '256', '256,2048') : [],
	s3: ONLY.has('s3') ? sizes('BENCH_S3_SIZES', '256', '256,1024') : [],
	download: ONLY.has('download') ? sizes('BENCH_DOWNLOAD_SIZES', '256', '256,1024') : [],
};
const S3_MEMORY = ONLY.has('s3') ? Number(process.env.BENCH_S3_MEMORY_MIB ?? 1024) * MiB : 0;
const BLOCK = 8 * MiB;
const CONCURRENCY = 4;
const S3_LIMIT_CONCURRENCY = Number(process.env.BENCH_S3_LIMIT_CONCURRENCY ?? 1);
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT ?? 3));
const MIME = 'video/mp4';
const CONTAINER = 'bench';

interface Input {
	file: string;
	size: number;
	md5: string;
}

let serial = 0;
const unique = (prefix: string, size: number) => `${prefix}-${size / MiB}MiB-${++serial}`;

async function writeInput(dir: string, size: number): Promise<Input> {
	const file = join(dir, `input-${size / MiB}MiB.bin`);
	const hash = createHash('md5');
	await pipeline(
		generatedStream(size, 4242),
		new Transform({
			transform(chunk: Buffer, _encoding, callback) {
				hash.update(chunk);
				callback(null, chunk);
			},
		}),
		createWriteStream(file),
	);
	return { file, size, md5: hash.digest('hex') };
}

async function child(config: ChildConfig): Promise<ChildResult> {
	const script = join(__dirname, 'child.js');
	const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
	const env: NodeJS.ProcessEnv = {
		...process.env,
		N8N_USER_FOLDER: join(ROOT, '.test-build', 'n8n-user'),
	};
	// A child has its own binary store, never the test run's.
	delete env.DAM_BINARY_STORE;
	delete env.DAM_SANDBOXES;
	const proc = spawn(process.execPath, ['--expose-gc', ...extra, script, JSON.stringify(config)], {
		stdio: ['ignore', 'pipe', 'inherit'],
		env,
	});
	let out = '';
	proc.stdout!.on('data', (data: Buffer) => (out += data.toString()));
	const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
	const logDir = process.env.BENCH_LOG_DIR;
	if (logDir) {
		mkdirSync(logDir, { recursive: true });
		writeFileSync(
			join(logDir, `${config.family}-${config.client}-${config.size / MiB}MiB.log`),
			out,
		);
	}
	const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
	if (!line) throw new Error(`${config.family}/${config.client} exited with ${code}:\n${out}`);
	return JSON.parse(line.slice('BENCH_RESULT '.length)) as ChildResult;
}

class Bench {
	readonly rows: Row[] = [];
	private storage: S3Client;

	constructor(
		private sandbox: Sandbox,
		private work: string,
	) {
		const direct = sandbox.info.s3Direct;
		this.storage = new S3Client({
			endpoint: direct.endpoint,
			region: 'us-east-1',
			forcePathStyle: true,
			credentials: { accessKeyId: direct.accessKeyId, secretAccessKey: direct.secretAccessKey },
		});
	}

	private base(input: Input): Omit<ChildConfig, 'family' | 'client'> {
		return {
			size: input.size,
			file: input.file,
			blockSize: BLOCK,
			concurrency: CONCURRENCY,
			fileName: `${unique('bench', input.size)}.mp4`,
			mimeType: MIME,
		};
	}

	/** Runs one child and turns its result into a row; `finish` reads the times and checks the bytes. */
	private async run(
		family: Family,
		client: Client,
		input: Input,
		config: Partial<ChildConfig>,
		via: Row['via'],
		finish: (result: ChildResult) => Promise<{
			seconds: number;
			totalSeconds: number;
			md5Ok: boolean;
			note?: string;
		}>,
	): Promise<Row> {
		const loadBefore = loadavg()[0];
		const label = `${family}/${client} ${input.size / MiB} MiB`;
		process.stdout.write(`${label}: `);
		let row: Row;
		try {
			const result = await child({ ...this.base(input), ...config, family, client });
			if (result.error) throw new Error(result.error);
			const { seconds, totalSeconds, md5Ok, note } = await finish(result);
			const sizeMiB = input.size / MiB;
			row = {
				family,
				client,
				size: input.size,
				via,
				seconds,
				totalSeconds,
				mibPerSec: sizeMiB / seconds,
				cpuMs: result.cpuMs,
				cpuMsPerMiB: result.cpuMs / sizeMiB,
				peakRssMiB: result.peakRss / MiB,
				rssGrowthMiB: (result.peakRss - result.baseRss) / MiB,
				baseRssMiB: result.baseRss / MiB,
				vmHwmMiB: result.vmHwm / MiB,
				md5Ok,
				loadBefore,
				loadAfter: loadavg()[0],
				note,
				detail: result.detail,
			};
			console.log(
				`${row.mibPerSec.toFixed(1)} MiB/s, ${row.cpuMsPerMiB.toFixed(2)} CPU ms/MiB, peak RSS ${row.peakRssMiB.toFixed(0)} MiB (+${row.rssGrowthMiB.toFixed(0)}), MD5 ${md5Ok ? 'ok' : 'MISMATCH'}, load ${row.loadAfter.toFixed(2)}`,
			);
		} catch (error) {
			const message = String((error as Error)?.message ?? error);
			console.log(`FAILED: ${message}`);
			row = {
				family,
				client,
				size: input.size,
				via,
				seconds: NaN,
				totalSeconds: NaN,
				mibPerSec: NaN,
				cpuMs: NaN,
				cpuMsPerMiB: NaN,
				peakRssMiB: NaN,
				rssGrowthMiB: NaN,
				baseRssMiB: NaN,
				vmHwmMiB: NaN,
				md5Ok: false,
				loadBefore,
				loadAfter: loadavg()[0],
				error: message,
				detail: {},
			};
		}
		this.rows.push(row);
		return row;
	}

	private async sas(blob: string, permissions: string): Promise<string> {
		const { url } = await this.sandbox.call<{ url: string }>('POST', '/storage/azure/sas', {
			container: CONTAINER,
			blob,
			permissions,
		});
		return url;
	}

	private async blobInfo(container: string, blob: string) {
		const query = new URLSearchParams({ container, blob });
		return await this.sandbox.call<{ exists: boolean; size?: number; md5?: string }>(
			'GET',
			`/storage/azure/blob?${query}`,
		);
	}

	private async deleteBlob(container: string, blob: string): Promise<void> {
		const { url } = await this.sandbox.call<{ url: string }>('POST', '/storage/azure/sas', {
			container,
			blob,
			permissions: 'rd',
		});
		await new BlockBlobClient(url).deleteIfExists();
	}

	private async objectInfo(key: string) {
		return await this.sandbox.call<{ exists: boolean; size?: number; md5?: string }>(
			'GET',
			`/storage/s3/object?key=${encodeURIComponent(key)}`,
		);
	}

	private async deleteObject(key: string): Promise<void> {
		await this.storage.send(
			new DeleteObjectCommand({ Bucket: this.sandbox.info.s3Direct.bucket, Key: key }),
		);
	}

	private async seedMediaValet(fileName: string, checkedOut: boolean) {
		const asset = await this.sandbox.sim<{ id: string }>('mediavalet', 'POST', '/assets', {
			title: 'Bench',
			fileName,
			content: 'v1',
			...(checkedOut ? { checkedOutBy: EDITOR.username } : {}),
		});
		return asset.id;
	}

	private async mediaValetVersion(assetId: string) {
		const state = await this.sandbox.sim('mediavalet', 'GET', `/assets/${assetId}`);
		return {
			container: String(state.container),
			version: state.versions[state.versions.length - 1] as {
				blobName: string;
				md5: string;
				sizeInBytes: number;
			},
		};
	}

	// -------------------------------------------------------------------------------------------

	async azure(input: Input): Promise<void> {
		const size = input.size;
		const assetId = await this.seedMediaValet(`${unique('checkin', size)}.mp4`, true);
		const mark = await this.sandbox.mark();
		await this.run(
			'azure',
			'ours',
			input,
			{ assetId, credentials: mvCredentials(this.sandbox) },
			'proxy',
			async (result) => {
				const journal = await this.sandbox.journal('mediavalet', mark);
				const finalize = journal.find(
					(e) => e.method === 'PUT' && e.path === `/assetCheckIn/${assetId}`,
				);
				const nodeStart = Number(result.detail.nodeStartTime);
				if (!finalize || !nodeStart) throw new Error('No finalize request or node start time');
				const { container, version } = await this.mediaValetVersion(assetId);
				await this.deleteBlob(container, version.blobName);
				return {
					seconds: (finalize.time - nodeStart) / 1000,
					totalSeconds: Number(result.detail.nodeExecutionMs) / 1000,
					md5Ok:
						result.md5 === input.md5 && version.md5 === input.md5 && version.sizeInBytes === size,
				};
			},
		);

		for (const client of ['sdk', 'limit'] as const) {
			const blob = `${unique(client, size)}.bin`;
			const sasUrl = await this.sas(blob, 'cw');
			await this.run('azure', client, input, { sasUrl }, 'proxy', async (result) => {
				const info = await this.blobInfo(CONTAINER, blob);
				await this.deleteBlob(CONTAINER, blob);
				const seconds = (result.endedAt - result.startedAt) / 1000;
				const expected = client === 'sdk' ? input.md5 : result.md5;
				return {
					seconds,
					totalSeconds: seconds,
					md5Ok: !!expected && info.md5 === expected && info.size === size,
					note:
						client === 'limit'
							? "every block is the one buffer of the file's first block: the committed blob's MD5 is checked against those bytes"
							: undefined,
				};
			});
		}
	}

	async s3Ours(input: Input, memoryFigure: boolean): Promise<void> {
		const mark = await this.sandbox.mark();
		const row = await this.run(
			's3',
			'ours',
			input,
			{
				credentials: tenovosCredentials(this.sandbox),
				parameters: createParameters('Bench'),
			},
			'proxy',
			async (result) => {
				const nodeStart = Number(result.detail.nodeStartTime);
				const totalSeconds = Number(result.detail.nodeExecutionMs) / 1000;
				const journal = await this.sandbox.journal('tenovos', mark);
				const complete = journal.find((e) => e.method === 'POST' && e.path === '/asset/complete');
				if (result.detail.uploadMethod === 'multipart' && !complete)
					throw new Error('No /asset/complete request');
				const state = await this.sandbox.sim<{
					versions: Array<{
						fileId: string;
						upload?: { key: string };
						content?: { size: number; md5: string };
					}>;
				}>('tenovos', 'GET', '/state');
				const version = state.versions.find((v) => v.fileId === result.detail.fileId);
				if (version?.upload?.key) await this.deleteObject(version.upload.key);
				return {
					seconds: complete ? (complete.time - nodeStart) / 1000 : totalSeconds,
					totalSeconds,
					md5Ok:
						result.md5 === input.md5 &&
						version?.content?.md5 === input.md5 &&
						version?.content?.size === input.size,
					note: `${String(result.detail.uploadMethod)}, ${String(result.detail.parts)} part(s)`,
				};
			},
		);
		row.memoryFigure = memoryFigure;
	}

	async s3(input: Input): Promise<void> {
		const size = input.size;
		await this.s3Ours(input, size === S3_MEMORY);

		const libKey = `bench/${unique('libstorage', size)}.bin`;
		await this.run(
			's3',
			'libStorage',
			input,
			{ s3Direct: this.sandbox.info.s3Direct, key: libKey },
			'proxy',
			async (result) => {
				const info = await this.objectInfo(libKey);
				await this.deleteObject(libKey);
				const end = result.marks.complete ?? result.endedAt;
				return {
					seconds: (end - result.startedAt) / 1000,
					totalSeconds: (result.endedAt - result.startedAt) / 1000,
					md5Ok: info.md5 === input.md5 && info.size === size,
					note: `part size ${Number(result.detail.partSize) / MiB} MiB, queue size ${String(result.detail.queueSize)} (lib-storage defaults), checksums ${String(result.detail.requestChecksumCalculation)}`,
				};
			},
		);

		const limitKey = `bench/${unique('limit', size)}.bin`;
		const partSize = TENOVOS_PART_SIZE;
		const parts = Math.max(1, Math.ceil(size / partSize));
		const multipart = await this.sandbox.call<{ uploadId: string; urls: string[] }>(
			'POST',
			'/storage/s3/multipart',
			{ key: limitKey, parts },
		);
		await this.run(
			's3',
			'limit',
			input,
			{
				partUrls: multipart.urls,
				partSize,
				uploadId: multipart.uploadId,
				key: limitKey,
				control: this.sandbox.info.control,
				concurrency: S3_LIMIT_CONCURRENCY,
			},
			'proxy',
			async (result) => {
				const info = await this.objectInfo(limitKey);
				await this.deleteObject(limitKey);
				return {
					seconds: (result.marks.complete - result.startedAt) / 1000,
					totalSeconds: (result.endedAt - result.startedAt) / 1000,
					md5Ok: !!result.md5 && info.md5 === result.md5 && info.size === size,
					note: `${parts} part(s) of ${Math.min(partSize, size) / MiB} MiB, ${S3_LIMIT_CONCURRENCY} in flight, from one buffer of the file's first part`,
				};
			},
		);
	}

	async download(input: Input): Promise<void> {
		const size = input.size;
		// Setup, not measured: an asset whose original is the generated file.
		const assetId = await this.seedMediaValet(`${unique('download', size)}.mp4`, false);
		const { container, version } = await this.mediaValetVersion(assetId);
		const writeUrl = (
			await this.sandbox.call<{ url: string }>('POST', '/storage/azure/sas', {
				container,
				blob: version.blobName,
				permissions: 'cw',
			})
		).url;
		await new BlockBlobClient(writeUrl).uploadFile(input.file, {
			blockSize: BLOCK,
			concurrency: CONCURRENCY,
			blobHTTPHeaders: { blobContentType: MIME },
		});
		const sasUrl = (
			await this.sandbox.call<{ url: string }>('POST', '/storage/azure/sas', {
				container,
				blob: version.blobName,
				permissions: 'r',
			})
		).url;

		await this.run(
			'download',
			'ours',
			input,
			{ assetId, credentials: mvCredentials(this.sandbox) },
			'proxy',
			async (result) => {
				const seconds = Number(result.detail.nodeExecutionMs) / 1000;
				return { seconds, totalSeconds: seconds, md5Ok: result.md5 === input.md5 };
			},
		);
		for (const client of ['sdk', 'limit'] as const) {
			const outFile = join(this.work, `${unique(`download-${client}`, size)}.bin`);
			await this.run('download', client, input, { sasUrl, outFile }, 'proxy', async (result) => {
				rmSync(outFile, { force: true });
				const seconds = (result.endedAt - result.startedAt) / 1000;
				return { seconds, totalSeconds: seconds, md5Ok: result.md5 === input.md5 };
			});
		}
		await this.deleteBlob(container, version.blobName);
	}
}

async function main() {
	const started = Date.now();
	const settings: Settings = {
		quick: QUICK,
		sizes: SIZES,
		s3MemorySize: S3_MEMORY,
		blockSize: BLOCK,
		concurrency: CONCURRENCY,
		s3PartSize: TENOVOS_PART_SIZE,
		s3LimitConcurrency: S3_LIMIT_CONCURRENCY,
		repeat: REPEAT,
		cpus: cpus().length,
		cpuModel: cpus()[0]?.model ?? '',
		node: process.version,
		loadAtStart: loadavg(),
		date: new Date().toISOString(),
	};
	const all = [...new Set([...SIZES.azure, ...SIZES.s3, ...SIZES.download, S3_MEMORY])]
		.filter((size) => size > 0)
		.sort((a, b) => a - b);
	console.log(
		`bench: azure ${SIZES.azure.map((s) => s / MiB).join(',') || '-'} MiB, s3 ${SIZES.s3.map((s) => s / MiB).join(',') || '-'} MiB (memory figure ${S3_MEMORY / MiB || '-'} MiB), downloads ${SIZES.download.map((s) => s / MiB).join(',') || '-'} MiB; ${settings.cpus} CPU(s), load ${settings.loadAtStart.map((l) => l.toFixed(2)).join(' ')}`,
	);
	const work = mkdtempSync(join(tmpdir(), 'dam-bench-'));
	const sandbox = await Sandbox.spawn();
	const bench = new Bench(sandbox, work);
	try {
		for (const size of all) {
			process.stdout.write(`generating ${size / MiB} MiB input... `);
			const input = await writeInput(work, size);
			console.log(input.md5);
			// Rounds of every family in turn, so that drift in the machine's load touches all alike.
			for (let round = 1; round <= REPEAT; round++) {
				if (SIZES.azure.includes(size)) await bench.azure(input);
				if (SIZES.s3.includes(size)) await bench.s3(input);
				if (SIZES.download.includes(size)) await bench.download(input);
			}
			if (!SIZES.s3.includes(size) && size === S3_MEMORY) await bench.s3Ours(input, true);
			rmSync(input.file, { force: true });
		}
	} finally {
		await sandbox.stop();
		rmSync(work, { recursive: true, force: true });
	}
	settings.loadAtEnd = loadavg();
	settings.seconds = (Date.now() - started) / 1000;

	const { markdown, summary } = report(medianRows(bench.rows), settings);
	console.log(`\n${markdown}`);
	const out = join(ROOT, 'bench-results');
	mkdirSync(out, { recursive: true });
	writeFileSync(join(out, 'README-table.md'), markdown);
	writeFileSync(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
	writeFileSync(
		join(out, 'details.json'),
		`${JSON.stringify({ settings, rows: bench.rows }, null, 2)}\n`,
	);
	console.log(`written to ${out}/README-table.md, summary.json, details.json`);
	if (bench.rows.some((row) => !row.md5Ok)) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
