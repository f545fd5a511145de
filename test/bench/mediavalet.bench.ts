/**
 * MediaValet check-in benchmark (`npm run bench`).
 *
 * For 256 MiB and 2 GiB: the same generated file on disk is
 *   (a) checked in through the MediaValet node, run by n8n-core's WorkflowExecute with filesystem
 *       binary mode, against the sandbox simulator and Azurite;
 *   (b) uploaded with @azure/storage-blob's BlockBlobClient.uploadStream (same block size, same
 *       concurrency) to a SAS URL on the same Azurite, through the same recording proxy.
 * Each run is a fresh child process, so its peak RSS is its own. Both committed blobs are checked
 * against the source MD5, then deleted. Results go to stdout and bench-results/mediavalet.md.
 *
 * Environment: MV_BENCH_SIZES (MiB, comma-separated, default "256,2048"), MV_BENCH_ROUNDS (default 1),
 * MV_BENCH_BLOCK_MIB (default 8), MV_BENCH_CONCURRENCY (default 4), MV_BENCH_NODE_ARGS (extra node
 * options for the child runs, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 */
import { BlockBlobClient } from '@azure/storage-blob';
import { spawn } from 'child_process';
import { createHash } from 'crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { cpus, loadavg, tmpdir } from 'os';
import { join } from 'path';
import { pipeline } from 'stream/promises';
import { Transform } from 'stream';

import { generatedStream } from '../fixtures/nodes';
import type { Sandbox } from '../harness/sandbox';
import { EDITOR } from '../sandbox/mediavalet/seed';
import { mvCredentials, seedAsset, startSandbox, stopSandbox } from '../mediavalet/helpers';
import type { ChildConfig, ChildResult } from './mediavalet.child';

const MiB = 1024 * 1024;
const ROOT = join(__dirname, '..', '..', '..');
const SIZES = (process.env.MV_BENCH_SIZES ?? '256,2048')
	.split(',')
	.map((s) => Number(s.trim()) * MiB);
const ROUNDS = Number(process.env.MV_BENCH_ROUNDS ?? 1);
const BLOCK = Number(process.env.MV_BENCH_BLOCK_MIB ?? 8) * MiB;
const CONCURRENCY = Number(process.env.MV_BENCH_CONCURRENCY ?? 4);

interface Row {
	size: number;
	round: number;
	mode: 'ours' | 'sdk';
	/** Seconds of the compared phase: ours = node start until MediaValet received the finalize; sdk = uploadStream. */
	seconds: number;
	/** Ours only: the whole check-in node, including finalize (where the simulator reads the blob back for its MD5). */
	nodeSeconds?: number;
	peakRssRun: number;
	vmHwm: number;
	/** CPU seconds the child spent on the measured work, and the machine's 1-minute load average after it. */
	cpuSeconds: number;
	load: number;
	md5Ok: boolean;
}

async function writeInput(dir: string, size: number): Promise<{ file: string; md5: string }> {
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
	return { file, md5: hash.digest('hex') };
}

async function child(mode: 'ours' | 'sdk', config: ChildConfig): Promise<ChildResult> {
	const script = join(__dirname, 'mediavalet.child.js');
	const extra = (process.env.MV_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
	const proc = spawn(
		process.execPath,
		['--expose-gc', ...extra, script, mode, JSON.stringify(config)],
		{
			stdio: ['ignore', 'pipe', 'inherit'],
			env: { ...process.env, N8N_USER_FOLDER: join(ROOT, '.test-build', 'n8n-user') },
		},
	);
	let out = '';
	proc.stdout!.on('data', (data: Buffer) => (out += data.toString()));
	const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
	const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
	if (!line) throw new Error(`${mode} run exited with ${code} and no result:\n${out}`);
	const result = JSON.parse(line.slice('BENCH_RESULT '.length)) as ChildResult;
	if (result.error) throw new Error(`${mode} run failed: ${result.error}`);
	return result;
}

async function deleteBlob(sandbox: Sandbox, container: string, blob: string): Promise<void> {
	const { url } = await sandbox.call<{ url: string }>('POST', '/storage/azure/sas', {
		container,
		blob,
		permissions: 'rd',
	});
	await new BlockBlobClient(url).deleteIfExists();
}

async function runOurs(
	sandbox: Sandbox,
	input: { file: string; md5: string },
	size: number,
	round: number,
): Promise<Row> {
	const asset = await seedAsset(sandbox, {
		title: 'Bench',
		fileName: `bench-${size / MiB}-${round}.mp4`,
		content: 'v1',
		checkedOutBy: EDITOR.username,
	});
	const mark = await sandbox.mark();
	const result = await child('ours', {
		file: input.file,
		size,
		blockSize: BLOCK,
		concurrency: CONCURRENCY,
		assetId: asset.id,
		fileName: `bench-${size / MiB}-${round}-v2.mp4`,
		credentials: mvCredentials(sandbox),
	});
	const journal = await sandbox.journal('mediavalet', mark);
	const finalize = journal.find(
		(e) => e.method === 'PUT' && e.path === `/assetCheckIn/${asset.id}`,
	);
	const nodeStart = Number(result.detail?.nodeStartTime);
	if (!finalize || !nodeStart) throw new Error('No finalize request or node start time recorded');
	const state = await sandbox.sim('mediavalet', 'GET', `/assets/${asset.id}`);
	const version = state.versions[state.versions.length - 1];
	const md5Ok =
		result.md5 === input.md5 && version.md5 === input.md5 && version.sizeInBytes === size;
	await deleteBlob(sandbox, state.container, version.blobName);
	return {
		size,
		round,
		mode: 'ours',
		seconds: (finalize.time - nodeStart) / 1000,
		nodeSeconds: Number(result.detail?.nodeExecutionMs) / 1000,
		peakRssRun: result.peakRssRun,
		vmHwm: result.vmHwm,
		cpuSeconds: result.cpuSeconds,
		load: loadavg()[0],
		md5Ok,
	};
}

async function runSdk(
	sandbox: Sandbox,
	input: { file: string; md5: string },
	size: number,
	round: number,
): Promise<Row> {
	const blob = `sdk-${size / MiB}-${round}.bin`;
	const { url } = await sandbox.call<{ url: string }>('POST', '/storage/azure/sas', {
		container: 'bench',
		blob,
		permissions: 'cw',
	});
	const result = await child('sdk', {
		file: input.file,
		size,
		blockSize: BLOCK,
		concurrency: CONCURRENCY,
		sasUrl: url,
	});
	const info = await sandbox.call('GET', `/storage/azure/blob?container=bench&blob=${blob}`);
	await deleteBlob(sandbox, 'bench', blob);
	return {
		size,
		round,
		mode: 'sdk',
		seconds: result.elapsedMs / 1000,
		peakRssRun: result.peakRssRun,
		vmHwm: result.vmHwm,
		cpuSeconds: result.cpuSeconds,
		load: loadavg()[0],
		md5Ok: info.md5 === input.md5 && info.size === size,
	};
}

const mib = (bytes: number) => (bytes / MiB).toFixed(0);
const fmt = (value: number, digits = 1) => value.toFixed(digits);
const sizeLabel = (size: number) =>
	size >= 1024 * MiB ? `${size / 1024 / MiB} GiB` : `${size / MiB} MiB`;

function table(rows: Row[]): string {
	const lines: string[] = [];
	lines.push(
		`Block size ${BLOCK / MiB} MiB, concurrency ${CONCURRENCY}, ${ROUNDS} round(s), ${cpus().length} CPU(s), Node ${process.version}, ${new Date().toISOString()}`,
	);
	lines.push('');
	lines.push(
		'| Size | Round | Upload | Time (s) | Throughput (MiB/s) | Node total incl. finalize (s) | CPU (s) | Load avg after | Peak RSS during run (MiB) | Process VmHWM (MiB) | MD5 ok |',
	);
	lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
	for (const row of rows) {
		lines.push(
			`| ${sizeLabel(row.size)} | ${row.round} | ${row.mode === 'ours' ? 'n8n check-in' : 'SDK uploadStream'} | ${fmt(row.seconds)} | ${fmt(row.size / MiB / row.seconds)} | ${row.nodeSeconds === undefined ? '' : fmt(row.nodeSeconds)} | ${fmt(row.cpuSeconds)} | ${fmt(row.load, 2)} | ${mib(row.peakRssRun)} | ${mib(row.vmHwm)} | ${row.md5Ok ? 'yes' : '**NO**'} |`,
		);
	}
	lines.push('');
	lines.push(
		'| Size | Ours (MiB/s) | SDK (MiB/s) | Ratio ours/SDK (target ≥ 0.9) | Ratio with our whole node incl. finalize | Our peak RSS (MiB) | SDK peak RSS (MiB) |',
	);
	lines.push('|---|---|---|---|---|---|---|');
	const summary: Record<number, { ours: number; sdk: number; oursRss: number; oursHwm: number }> =
		{};
	for (const size of SIZES) {
		const of = (mode: string) => rows.filter((r) => r.size === size && r.mode === mode);
		const throughput = (list: Row[]) =>
			list.reduce((sum, r) => sum + r.size / MiB, 0) / list.reduce((sum, r) => sum + r.seconds, 0);
		const ours = throughput(of('ours'));
		const sdk = throughput(of('sdk'));
		const oursTotal =
			of('ours').reduce((sum, r) => sum + r.size / MiB, 0) /
			of('ours').reduce((sum, r) => sum + (r.nodeSeconds ?? r.seconds), 0);
		const oursRss = Math.max(...of('ours').map((r) => r.peakRssRun));
		const oursHwm = Math.max(...of('ours').map((r) => r.vmHwm));
		const sdkRss = Math.max(...of('sdk').map((r) => r.peakRssRun));
		summary[size] = { ours, sdk, oursRss, oursHwm };
		lines.push(
			`| ${sizeLabel(size)} | ${fmt(ours)} | ${fmt(sdk)} | ${fmt(ours / sdk, 2)} | ${fmt(oursTotal / sdk, 2)} | ${mib(oursRss)} (VmHWM ${mib(oursHwm)}) | ${mib(sdkRss)} |`,
		);
	}
	const [small, large] = SIZES;
	if (small && large && summary[small] && summary[large]) {
		const growth = (summary[large].oursRss - summary[small].oursRss) / MiB;
		const hwmGrowth = (summary[large].oursHwm - summary[small].oursHwm) / MiB;
		lines.push('');
		lines.push(
			`Our peak RSS, ${sizeLabel(large)} minus ${sizeLabel(small)}: ${fmt(growth)} MiB during the run, ${fmt(hwmGrowth)} MiB process high-water mark (target ≤ 32 MiB): ${Math.max(growth, hwmGrowth) <= 32 ? 'met' : 'missed'}.`,
		);
		const ratios = SIZES.map((size) => summary[size].ours / summary[size].sdk);
		lines.push(
			`Throughput ratio target (≥ 0.9): ${ratios.every((r) => r >= 0.9) ? 'met' : 'missed'} (${ratios.map((r) => fmt(r, 2)).join(', ')}).`,
		);
	}
	lines.push('');
	lines.push(
		'"Time" for the n8n check-in runs from the node\'s start until MediaValet received the finalize request (read asset, validate, upload URL, all blocks, block list). "Node total" adds finalize, where the simulator reads the whole committed blob back from Azurite to record its MD5 (the real MediaValet answers 202 and processes later). Peak RSS during run: sampled every 20 ms in the fresh child process while the measured work ran; VmHWM: that process\'s high-water mark including start-up and (ours) copying the file into n8n\'s binary store. CPU: user + system seconds of the child during the measured work (ours includes the engine, MD5 of every block for Content-MD5 and of the whole file; the SDK computes no MD5). The machine is shared: the load average shows how busy it was.',
	);
	return lines.join('\n');
}

async function main() {
	const work = mkdtempSync(join(tmpdir(), 'mv-bench-'));
	const sandbox = await startSandbox();
	const rows: Row[] = [];
	try {
		for (const size of SIZES) {
			console.log(`generating ${sizeLabel(size)} input...`);
			const input = await writeInput(work, size);
			for (let round = 1; round <= ROUNDS; round++) {
				// Alternate the order so neither side always runs on a warmer Azurite.
				const order: Array<'ours' | 'sdk'> = round % 2 === 1 ? ['ours', 'sdk'] : ['sdk', 'ours'];
				for (const mode of order) {
					console.log(`${sizeLabel(size)} round ${round}: ${mode}...`);
					const row =
						mode === 'ours'
							? await runOurs(sandbox, input, size, round)
							: await runSdk(sandbox, input, size, round);
					console.log(
						`  ${fmt(row.seconds)} s, ${fmt(row.size / MiB / row.seconds)} MiB/s, CPU ${fmt(row.cpuSeconds)} s, load ${fmt(row.load, 2)}, peak RSS ${mib(row.peakRssRun)} MiB, VmHWM ${mib(row.vmHwm)} MiB, MD5 ${row.md5Ok ? 'ok' : 'MISMATCH'}`,
					);
					rows.push(row);
				}
			}
			rmSync(input.file, { force: true });
		}
	} finally {
		await stopSandbox(sandbox);
		rmSync(work, { recursive: true, force: true });
	}
	const markdown = table(rows);
	console.log(`\n${markdown}\n`);
	mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
	writeFileSync(
		join(ROOT, 'bench-results', 'mediavalet.md'),
		`# MediaValet check-in benchmark\n\n${markdown}\n`,
	);
	console.log(`written to ${join(ROOT, 'bench-results', 'mediavalet.md')}`);
	if (rows.some((row) => !row.md5Ok)) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
