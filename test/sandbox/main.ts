/**
 * The DAM sandbox: the five simulated DAM APIs, Azurite and s3rver behind recording proxies, and a
 * control server for tests (journal, faults, reset, per-simulator controls).
 *
 *   node .test-build/test/sandbox/main.js [--ports fixed|auto] [--data DIR]
 *
 * Prints one line `SANDBOX_READY {json}` with every URL once all servers listen. Exits on SIGINT,
 * SIGTERM or when its standard input closes (so a test process that dies takes it along).
 */
import { mkdtempSync, rmSync } from 'fs';
import type { Server } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';

import { Control } from './core/control';
import { Router, writeResponse, toSimRequest, HttpError } from './core/http';
import { listen, serveSimulator, type Simulator } from './core/server';
import type { SandboxEnv } from './env';
import { AZURE_PROXY_PORT, CONTROL_PORT, S3_PROXY_PORT, SIMULATORS } from './registry';
import { AzureStorage } from './storage/azure';
import { S3RVER_KEY, S3Storage, S3_BUCKET } from './storage/s3';
import { createServer } from 'http';

import { generatedStream } from '../fixtures/generated';

function arg(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

export interface SandboxInfo {
	control: string;
	azureBlob: string;
	s3: string;
	/** s3rver without the recording proxy (path-style, bucket S3_BUCKET, s3rver's own key pair). */
	/** s3rver for an SDK client: `endpoint` itself, `relay` through the proxy's relay code. */
	s3Direct: {
		endpoint: string;
		relay: string;
		bucket: string;
		accessKeyId: string;
		secretAccessKey: string;
	};
	simulators: Record<string, string>;
}

async function main() {
	const fixed = arg('ports', 'fixed') === 'fixed';
	const port = (wanted: number) => (fixed ? wanted : 0);
	const ownData = !process.argv.includes('--data');
	const dataDir = ownData ? mkdtempSync(join(tmpdir(), 'dam-sandbox-')) : arg('data', '');

	const control = new Control();
	const azure = new AzureStorage();
	const s3 = new S3Storage();
	await Promise.all([
		azure.start(control, dataDir, port(AZURE_PROXY_PORT)),
		s3.start(control, dataDir, port(S3_PROXY_PORT)),
	]);

	const urls: Record<string, string> = {};
	const env: SandboxEnv = {
		azure,
		s3,
		urlOf: (name) => {
			if (!urls[name]) throw new Error(`Unknown simulator ${name}`);
			return urls[name];
		},
	};
	const sims = new Map<string, Simulator>();
	const servers: Server[] = [];
	for (const entry of SIMULATORS) {
		const sim = entry.create(env);
		sims.set(entry.name, sim);
		const server = serveSimulator(sim, control);
		servers.push(server);
		urls[entry.name] = `http://127.0.0.1:${await listen(server, port(entry.port))}`;
	}

	const api = new Router()
		.get('/info', () => ({ body: info }))
		.get('/journal', (req) => ({
			body: control.journal({
				target: req.query.get('target') ?? undefined,
				since: Number(req.query.get('since') ?? 0),
			}),
		}))
		.post('/audit', async (req) => {
			const { target } = await req.json();
			return { body: control.drainAudit(String(target)) };
		})
		.delete('/journal', () => {
			control.clearJournal();
			return { status: 204 };
		})
		.get('/faults', () => ({ body: control.faults() }))
		.post('/faults', async (req) => ({
			status: 201,
			body: { id: control.addFault(await req.json()) },
		}))
		.delete('/faults', () => {
			control.clearFaults();
			return { status: 204 };
		})
		.post('/reset', () => {
			for (const sim of sims.values()) sim.reset();
			control.clearJournal();
			control.clearFaults();
			return { status: 204 };
		})
		.get('/storage/azure/blob', async (req) => ({
			body: await azure.blobInfo(req.query.get('container') ?? '', req.query.get('blob') ?? ''),
		}))
		.get('/storage/s3/object', async (req) => ({
			body: await s3.objectInfo(req.query.get('key') ?? ''),
		}))
		.post('/storage/azure/sas', async (req) => {
			const { container, blob, permissions } = await req.json();
			await azure.ensureContainer(container);
			return { body: { url: azure.sasUrl(container, blob, permissions ?? 'racwd') } };
		})
		.post('/storage/s3/multipart', async (req) => {
			const { key, parts } = await req.json();
			const uploadId = await s3.createMultipartUpload(key);
			const urlsForParts = Array.from({ length: parts }, (_, i) =>
				s3.presign('PUT', key, { partNumber: String(i + 1), uploadId }),
			);
			return { body: { uploadId, urls: urlsForParts } };
		})
		// Deterministic files for the example workflows (same bytes as the tests' generated files).
		.get('/demo/file', (req) => {
			const size = Number(req.query.get('size') ?? 1024);
			const name = req.query.get('name') ?? 'file.bin';
			return {
				headers: {
					'Content-Type': req.query.get('type') ?? 'application/octet-stream',
					'Content-Length': size,
					'Content-Disposition': `attachment; filename="${name}"`,
				},
				body: generatedStream(size, Number(req.query.get('seed') ?? 1)),
			};
		})
		.post('/storage/s3/complete', async (req) => {
			const { key, uploadId, parts } = await req.json();
			return { body: await s3.completeMultipartUpload(key, uploadId, parts) };
		});

	const controlServer = createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		try {
			const simControl = /^\/sims\/([^/]+)(\/.*)$/.exec(url.pathname);
			const router = simControl ? sims.get(simControl[1])?.control : api;
			const path = simControl ? simControl[2] : url.pathname;
			const match = router?.match((req.method ?? 'GET').toUpperCase(), path);
			if (!match?.handler)
				return await writeResponse(res, {
					status: 404,
					body: { message: 'No such control route' },
				});
			await writeResponse(res, await match.handler(toSimRequest(req, match.params)));
		} catch (error) {
			const status = error instanceof HttpError ? error.status : 500;
			await writeResponse(res, {
				status,
				body: { message: String((error as Error).message ?? error) },
			});
		}
	});
	// Scripts may sit in a long n8n CLI call between two control requests: keep their sockets open.
	controlServer.keepAliveTimeout = 120_000;
	const controlUrl = `http://127.0.0.1:${await listen(controlServer, port(CONTROL_PORT))}`;
	const info: SandboxInfo = {
		control: controlUrl,
		azureBlob: azure.proxyUrl,
		s3: s3.proxyUrl,
		s3Direct: { endpoint: s3.directUrl, relay: s3.relayUrl, bucket: S3_BUCKET, ...S3RVER_KEY },
		simulators: urls,
	};

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		// Never outlive the request to stop, whatever a half-open connection does.
		setTimeout(() => process.exit(0), 5000).unref();
		for (const server of [...servers, controlServer]) {
			server.closeAllConnections();
			server.close();
		}
		await Promise.allSettled([azure.stop(), s3.stop()]);
		if (ownData) rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	if (process.argv.includes('--exit-with-stdin')) {
		process.stdin.on('end', stop);
		process.stdin.on('close', stop);
		process.stdin.resume();
	}
	process.stdout.write(`SANDBOX_READY ${JSON.stringify(info)}\n`);
	if (fixed) {
		console.log(`DAM sandbox ready (control ${controlUrl}):`);
		for (const [name, url] of Object.entries(urls)) console.log(`  ${name.padEnd(12)} ${url}`);
		console.log(`  azure blob   ${azure.proxyUrl}\n  s3           ${s3.proxyUrl}`);
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
