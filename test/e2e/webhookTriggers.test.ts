import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it, jest } from '@jest/globals';

jest.setTimeout(20 * 60_000);

import { Sandbox } from '../harness/sandbox';

const root = join(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtime = require(join(root, 'scripts', 'n8n-runtime.js'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sandboxCredentials } = require(join(root, 'examples', 'sandbox.js'));

interface SimWebhooks {
	subscriptions: Array<{ id: string; url: string; secret: string }>;
	deliveries: Array<{ event: string; url: string; status?: number; error?: string }>;
}

/** One DAM's webhook trigger as a user sets it up, and what makes its DAM send events. */
interface WebhookCase {
	sim: string;
	type: string;
	credentialType: string;
	credentialId: string;
	parameters: Record<string, unknown>;
	/** Makes changes in the simulator; returns how many executions they must start. */
	cause(sandbox: Sandbox): Promise<number>;
	/**
	 * A genuine delivery laid out unlike JSON.stringify (indented): it passes only if n8n hands the
	 * node the raw body as it arrived, which the signature is computed over.
	 */
	indented?(registration: SimWebhooks['subscriptions'][number]): {
		url?: string;
		body: string;
		headers: Record<string, string>;
	};
	/** A delivery the DAM did not sign, to the registered URL (or the one given). */
	forged(registration: SimWebhooks['subscriptions'][number]): {
		url?: string;
		headers: Record<string, string>;
	};
}

const CASES: WebhookCase[] = [
	{
		sim: 'woodwing',
		type: 'n8n-nodes-dam.woodWingAssetsTrigger',
		credentialType: 'woodWingAssetsApi',
		credentialId: 'damSandboxWdWing',
		parameters: {
			triggerOn: 'webhook',
			event: 'checkedIn',
			folderPath: { __rl: true, mode: 'path', value: '/Demo Zone' },
			query: '',
			options: {},
		},
		async cause(sandbox) {
			const asset = await sandbox.sim('woodwing', 'POST', '/assets', {
				assetPath: '/Demo Zone/e2e-webhook.txt',
				content: 'v1',
			});
			for (const content of ['v2', 'v3'])
				await sandbox.sim('woodwing', 'POST', `/assets/${asset.id}/change`, {
					checkIn: true,
					content,
				});
			// Not a check-in: the server does not send it to this registration.
			await sandbox.sim('woodwing', 'POST', `/assets/${asset.id}/change`, {
				metadata: { description: 'metadata only' },
			});
			return 2;
		},
		indented: (registration) => {
			const body = JSON.stringify(
				{
					timestamp: Date.now(),
					type: 'asset_checkin',
					assetId: 'e2eIndentedBodyAsset01',
					metadata: { folderPath: '/Demo Zone' },
				},
				null,
				2,
			);
			const signature = createHmac('sha256', registration.secret).update(body).digest('hex');
			return { body, headers: { 'x-hook-signature': signature } };
		},
		forged: () => ({ headers: { 'x-hook-signature': 'ab'.repeat(32) } }),
	},
	{
		sim: 'mediavalet',
		type: 'n8n-nodes-dam.mediaValetTrigger',
		credentialType: 'mediaValetApi',
		credentialId: 'damSandboxMdValt',
		parameters: { triggerOn: 'webhook', event: 'newAsset', filters: {}, options: {} },
		async cause(sandbox) {
			for (const name of ['e2e-a.txt', 'e2e-b.txt'])
				await sandbox.sim('mediavalet', 'POST', '/assets', { fileName: name, content: name });
			return 2;
		},
		// SkyHOOK signs nothing: the registered URI carries the trigger's secret.
		indented: (registration) => ({
			url: registration.url,
			body: JSON.stringify(
				{
					id: randomUUID(),
					source: 'e2e-library',
					type: 'Asset.MediaFileAdded',
					subject: '/library/e2e/assets/e2e/MediaFile.FromUploadProcess',
					time: new Date().toISOString(),
					specversion: '1.0',
					data: { LibraryId: 'e2e', AssetId: randomUUID(), Version: 1, FileName: 'e2e.txt' },
				},
				null,
				2,
			),
			headers: {},
		}),
		forged: (registration) => ({ url: registration.url.replace(/\?.*/, ''), headers: {} }),
	},
	{
		sim: 'tenovos',
		type: 'n8n-nodes-dam.tenovosTrigger',
		credentialType: 'tenovosApi',
		credentialId: 'damSandboxTenovo',
		parameters: { triggerOn: 'webhook', event: 'newAsset', searchTerm: '', options: {} },
		async cause(sandbox) {
			await sandbox.sim('tenovos', 'POST', '/seed', { count: 2, prefix: 'e2e' });
			return 2;
		},
		indented: (registration) => {
			const body = JSON.stringify(
				{ eventType: 'asset.created', event: { id: randomUUID() }, asset: { id: randomUUID() } },
				null,
				2,
			);
			const id = `msg_${randomUUID()}`;
			const timestamp = String(Math.floor(Date.now() / 1000));
			const key = Buffer.from(registration.secret.replace(/^whsec_/, ''), 'base64');
			const signature = createHmac('sha256', key)
				.update(`${id}.${timestamp}.${body}`)
				.digest('base64');
			return {
				body,
				headers: {
					'webhook-id': id,
					'webhook-timestamp': timestamp,
					'webhook-signature': `v1,${signature}`,
				},
			};
		},
		forged: () => ({
			headers: {
				'webhook-id': 'msg_forged',
				'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
				'webhook-signature': `v1,${Buffer.from('forged').toString('base64')}`,
			},
		}),
	},
	{
		sim: 'mediapocket',
		type: 'n8n-nodes-dam.mediaPocketTrigger',
		credentialType: 'mediaPocketApi',
		credentialId: 'damSandboxMdPckt',
		parameters: { triggerOn: 'webhook', assetIds: '', eventTypes: ['ASSET_ADDED'], options: {} },
		async cause(sandbox) {
			for (const title of ['e2e one', 'e2e two'])
				await sandbox.sim('mediapocket', 'POST', '/assets', { title });
			return 2;
		},
		indented: (registration) => {
			const body = JSON.stringify(
				{
					id: 900_000_000 + Math.floor(Math.random() * 1_000_000),
					event_type: 'ASSET_ADDED',
					created_at: new Date().toISOString(),
					event_targets: [
						{ target_type: 'Asset', target: { id: 1, elasticsearch_id: 'e2eIndentedAsset' } },
					],
				},
				null,
				2,
			);
			const signature = createHmac('sha256', registration.secret).update(body).digest('hex');
			return { body, headers: { 'x-mediapocket-signature': signature } };
		},
		forged: () => ({ headers: { 'x-mediapocket-signature': 'cd'.repeat(32) } }),
	},
];

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

describe('webhook triggers in a real n8n 1.123.81', () => {
	let sandbox: Sandbox;
	let folder: string;
	beforeAll(async () => {
		await runtime.ensureRuntimeAsync();
		sandbox = await Sandbox.start();
		folder = mkdtempSync(join(tmpdir(), 'n8n-e2e-webhooks-'));
	});
	afterAll(async () => {
		await sandbox?.stop();
		rmSync(folder, { recursive: true, force: true });
	});

	it('activation registers with each DAM, changes start one execution each, forgeries start none, deactivation unregisters', async () => {
		runtime.prepareUserFolder(folder);
		const workflows = CASES.map((c, index) => ({
			id: `damE2eWebhook${index}`,
			name: `${c.sim} webhook trigger (e2e)`,
			active: false,
			nodes: [
				{
					id: `trigger-${index}`,
					name: 'Trigger',
					type: c.type,
					typeVersion: 1,
					position: [0, 0],
					webhookId: randomUUID(),
					parameters: c.parameters,
					credentials: { [c.credentialType]: { id: c.credentialId, name: c.credentialId } },
				},
				{
					id: `noop-${index}`,
					name: 'Received',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [220, 0],
					parameters: {},
				},
			],
			connections: { Trigger: { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
			settings: { saveDataSuccessExecution: 'all' },
		}));
		const credentialsFile = join(folder, 'credentials.json');
		const workflowsFile = join(folder, 'workflows.json');
		writeFileSync(credentialsFile, JSON.stringify(sandboxCredentials(sandbox.info)));
		writeFileSync(workflowsFile, JSON.stringify(workflows));
		for (const args of [
			['import:credentials', `--input=${credentialsFile}`],
			['import:workflow', `--input=${workflowsFile}`],
			...workflows.map((w) => ['update:workflow', `--id=${w.id}`, '--active=true']),
		]) {
			const result = await runtime.n8nCli(folder, args);
			assert.equal(result.status, 0, `n8n ${args.join(' ')}: ${result.stdout}\n${result.stderr}`);
		}

		const port = 5693;
		const baseUrl = `http://localhost:${port}`;
		let output = '';
		const server = runtime.startServer(
			folder,
			port,
			{ WEBHOOK_URL: `${baseUrl}/`, N8N_LOG_LEVEL: 'info' },
			'pipe',
		);
		server.stdout.on('data', (chunk: Buffer) => (output += chunk));
		server.stderr.on('data', (chunk: Buffer) => (output += chunk));
		try {
			await runtime.waitForReady(baseUrl, 180_000, server);
			await runtime.setupOwner(baseUrl);
			const cookie = await runtime.login(baseUrl);
			const rest = async (method: string, path: string) => {
				const response = await fetch(`${baseUrl}/rest${path}`, { method, headers: { cookie } });
				const text = await response.text();
				assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
				return JSON.parse(text) as { data: any };
			};
			const executions = async (workflowId: string) =>
				(
					await rest(
						'GET',
						`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
					)
				).data.results as Array<{ id: string; status: string }>;
			const simWebhooks = async (sim: string) =>
				await sandbox.sim<SimWebhooks>(sim, 'GET', '/webhooks');

			for (const [index, c] of CASES.entries()) {
				const workflowId = workflows[index].id;
				const webhookId = workflows[index].nodes[0].webhookId as string;
				const registration = await until(`${c.sim} registration`, async () => {
					const [first] = (await simWebhooks(c.sim)).subscriptions;
					return first;
				});
				assert.ok(
					registration.url.startsWith(`${baseUrl}/webhook/${webhookId}/webhook`),
					`${c.sim} registered ${registration.url.replace(/\?.*/, '')}`,
				);

				let expected = await c.cause(sandbox);
				const indented = c.indented?.(registration);
				if (indented) {
					await sandbox.sim(c.sim, 'POST', '/webhooks/forge', {
						subscriptionId: registration.id,
						event: 'indented',
						...indented,
					});
					expected++;
				}
				const started = await until(`${c.sim} executions`, async () => {
					const list = await executions(workflowId);
					return list.length >= expected ? list : undefined;
				});
				const forged = c.forged(registration);
				await sandbox.sim(c.sim, 'POST', '/webhooks/forge', {
					subscriptionId: registration.id,
					url: forged.url,
					event: 'forged',
					body: { forged: true },
					headers: forged.headers,
				});
				const sim = await simWebhooks(c.sim);
				const last = sim.deliveries[sim.deliveries.length - 1];
				assert.equal(last.status, 401, `${c.sim}: the forged delivery was refused`);
				for (const delivery of sim.deliveries.slice(0, -1))
					assert.ok(
						delivery.status !== undefined && delivery.status < 300,
						`${c.sim} ${delivery.event}: ${delivery.status ?? delivery.error}`,
					);
				// Late duplicates would show up now.
				await new Promise((resolve) => setTimeout(resolve, 2000));
				const after = await executions(workflowId);
				assert.equal(after.length, expected, `${c.sim}: one execution per event`);
				assert.equal(started.length, expected);
				assert.ok(
					after.every((e) => e.status === 'success'),
					JSON.stringify(after.map((e) => e.status)),
				);

				await rest('POST', `/workflows/${workflowId}/deactivate`);
				assert.deepEqual(
					(await simWebhooks(c.sim)).subscriptions,
					[],
					`${c.sim}: deactivation removed the registration`,
				);
			}
		} catch (error) {
			console.log(output.slice(-4000));
			throw error;
		} finally {
			server.kill('SIGTERM');
			await new Promise((resolve) => server.once('exit', resolve));
		}
	});
});
