/**
 * One benchmark run in a fresh process (so its peak RSS is its own), started by mediavalet.bench.ts:
 *
 *   node mediavalet.child.js ours '<json>'   check-in through the real engine (filesystem binary mode)
 *   node mediavalet.child.js sdk  '<json>'   @azure/storage-blob BlockBlobClient.uploadStream (the anchor)
 *
 * Prints one line `BENCH_RESULT {json}`.
 */
import { BlockBlobClient } from '@azure/storage-blob';
import { Container } from '@n8n/di';
import { createReadStream, readFileSync, rmSync } from 'fs';
import { BinaryDataService } from 'n8n-core';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { initBinaryStore, runWorkflow } from '../harness/engine';

export interface ChildConfig {
	file: string;
	size: number;
	blockSize: number;
	concurrency: number;
	/** ours */
	assetId?: string;
	fileName?: string;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** sdk */
	sasUrl?: string;
}

export interface ChildResult {
	mode: 'ours' | 'sdk';
	/** Epoch ms when the measured work started and how long it took. */
	startedAt: number;
	elapsedMs: number;
	/** RSS sampled every 20 ms while the measured work ran. */
	peakRssRun: number;
	/** RSS just before the measured work. */
	baseRss: number;
	/** The process's own high-water mark (/proc/self/status VmHWM), start-up and preparation included. */
	vmHwm: number;
	/** CPU seconds (user + system) this process spent on the measured work. */
	cpuSeconds: number;
	md5?: string;
	error?: string;
	detail?: Record<string, unknown>;
}

function vmHwm(): number {
	const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
	return match ? Number(match[1]) * 1024 : 0;
}

async function sampled<T>(work: () => Promise<T>): Promise<{
	value: T;
	peak: number;
	base: number;
	startedAt: number;
	elapsedMs: number;
	cpuSeconds: number;
}> {
	global.gc?.();
	const base = process.memoryUsage.rss();
	let peak = base;
	const timer = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage.rss());
	}, 20);
	const startedAt = Date.now();
	const t0 = performance.now();
	const cpu0 = process.cpuUsage();
	try {
		const value = await work();
		const elapsedMs = performance.now() - t0;
		const cpu = process.cpuUsage(cpu0);
		peak = Math.max(peak, process.memoryUsage.rss());
		return { value, peak, base, startedAt, elapsedMs, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
	} finally {
		clearInterval(timer);
	}
}

async function ours(config: ChildConfig): Promise<ChildResult> {
	const binaryDir = await initBinaryStore();
	try {
		// Preparation (not measured): the same bytes on disk go into n8n's binary store, as a
		// Read/Write Files from Disk node would put them there.
		const service = Container.get(BinaryDataService);
		const binary = await service.copyBinaryFile(
			{ type: 'execution', workflowId: 'bench', executionId: 'prepare' },
			{ data: '', mimeType: 'video/mp4', fileName: config.fileName, fileExtension: 'mp4' },
			config.file,
		);
		const run = await sampled(
			async () =>
				await runWorkflow(
					[
						{
							type: 'n8n-nodes-dam.mediaValet',
							name: 'Check In',
							parameters: {
								resource: 'asset',
								operation: 'checkIn',
								assetId: { __rl: true, mode: 'id', value: config.assetId },
								fileName: config.fileName,
								comment: 'benchmark',
								options: {
									blockSizeMiB: config.blockSize / 1024 / 1024,
									concurrency: config.concurrency,
								},
							},
							credentials: ['mediaValetApi'],
						},
					],
					{ credentials: config.credentials, input: [{ json: {}, binary: { data: binary } }] },
				),
		);
		const result = run.value;
		const task = result.run.data.resultData.runData['Check In']?.[0];
		const item = result.output('Check In')[0];
		const checkIn = item?.json.checkIn as
			{ md5?: string; blocks?: number; blockSize?: number } | undefined;
		return {
			mode: 'ours',
			startedAt: run.startedAt,
			elapsedMs: run.elapsedMs,
			peakRssRun: run.peak,
			baseRss: run.base,
			vmHwm: vmHwm(),
			cpuSeconds: run.cpuSeconds,
			md5: checkIn?.md5,
			error: result.error?.message,
			detail: {
				nodeStartTime: task?.startTime,
				nodeExecutionMs: task?.executionTime,
				blocks: checkIn?.blocks,
				blockSize: checkIn?.blockSize,
			},
		};
	} finally {
		rmSync(binaryDir, { recursive: true, force: true });
	}
}

async function sdk(config: ChildConfig): Promise<ChildResult> {
	const client = new BlockBlobClient(config.sasUrl!);
	const run = await sampled(
		async () =>
			await client.uploadStream(
				createReadStream(config.file, { highWaterMark: 1024 * 1024 }),
				config.blockSize,
				config.concurrency,
				{
					blobHTTPHeaders: { blobContentType: 'video/mp4' },
				},
			),
	);
	return {
		mode: 'sdk',
		startedAt: run.startedAt,
		elapsedMs: run.elapsedMs,
		peakRssRun: run.peak,
		baseRss: run.base,
		vmHwm: vmHwm(),
		cpuSeconds: run.cpuSeconds,
	};
}

async function main() {
	const mode = process.argv[2];
	const config = JSON.parse(process.argv[3]) as ChildConfig;
	let result: ChildResult;
	try {
		result = mode === 'ours' ? await ours(config) : await sdk(config);
	} catch (error) {
		result = {
			mode: mode as 'ours' | 'sdk',
			startedAt: 0,
			elapsedMs: 0,
			peakRssRun: 0,
			baseRss: 0,
			vmHwm: vmHwm(),
			cpuSeconds: 0,
			error: (error as Error).message,
		};
	}
	process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
	process.exit(0);
}

void main();
