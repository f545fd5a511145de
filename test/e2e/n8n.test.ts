import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it, jest } from '@jest/globals';

jest.setTimeout(30 * 60_000);

import { generatedMd5 } from '../fixtures/generated';
import { Sandbox } from '../harness/sandbox';
import { addNodeAndScreenshot, launchBrowser } from './editor';

// Plain CommonJS scripts shared with `npm run dev` / `npm run demo`.
const root = join(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtime = require(join(root, 'scripts', 'n8n-runtime.js'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runExamples } = require(join(root, 'scripts', 'demo.js'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureChromium } = require(join(root, 'scripts', 'ensure-chromium.js'));

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).n8n as {
	nodes: string[];
	credentials: string[];
};
function builtNames(paths: string[]): string[] {
	return paths.map((distPath) => {
		const module = require(join(root, distPath)) as Record<
			string,
			new () => { name?: string; description?: { name: string } }
		>;
		const instance = new (Object.values(module)[0])();
		return instance.description?.name ?? instance.name!;
	});
}

describe('a real n8n 1.123.81 runs the package', () => {
	let sandbox: Sandbox;
	const folders: string[] = [];
	const folder = () => {
		const dir = mkdtempSync(join(tmpdir(), 'n8n-e2e-'));
		folders.push(dir);
		return dir;
	};

	beforeAll(async () => {
		const started = Date.now();
		await runtime.ensureRuntimeAsync();
		console.log(`n8n runtime ready after ${((Date.now() - started) / 1000).toFixed(0)} s`);
		sandbox = await Sandbox.start();
	});
	afterAll(async () => {
		await sandbox?.stop();
		for (const dir of folders) rmSync(dir, { recursive: true, force: true });
	});

	it('lists every node and credential type of the built dist loaded through N8N_CUSTOM_EXTENSIONS', async () => {
		const userFolder = folder();
		const port = 5690;
		// A copy of the built package outside this project, so it sees n8n's own n8n-workflow.
		const extension = runtime.copyBuiltPackage(join(folder(), 'n8n-nodes-dam'));
		const server = runtime.startServer(
			userFolder,
			port,
			{ N8N_CUSTOM_EXTENSIONS: join(extension, 'dist') },
			'ignore',
		);
		try {
			const baseUrl = `http://localhost:${port}`;
			await runtime.waitForReady(baseUrl, 180_000, server);
			await runtime.setupOwner(baseUrl);
			const cookie = await runtime.login(baseUrl);
			const nodes = (await (
				await fetch(`${baseUrl}/types/nodes.json`, { headers: { cookie } })
			).json()) as Array<{ name: string }>;
			const credentials = (await (
				await fetch(`${baseUrl}/types/credentials.json`, { headers: { cookie } })
			).json()) as Array<{ name: string }>;
			const nodeNames = new Set(nodes.map((n) => n.name));
			const credentialNames = new Set(credentials.map((c) => c.name));
			const expectedNodes = builtNames(manifest.nodes);
			const expectedCredentials = builtNames(manifest.credentials);
			assert.ok(expectedNodes.length >= 6, `manifest lists ${expectedNodes.length} nodes`);
			for (const name of expectedNodes)
				assert.ok(nodeNames.has(`CUSTOM.${name}`), `node type CUSTOM.${name} loaded`);
			for (const name of expectedCredentials)
				assert.ok(credentialNames.has(name), `credential type ${name} loaded`);
		} finally {
			server.kill('SIGTERM');
		}
	});

	it('executes every example workflow through the n8n CLI against the sandbox', async () => {
		const { results, tokens } = await runExamples(sandbox.info, {
			userFolder: folder(),
			log: (line: string) => console.log(line),
		});
		assert.ok(results.length >= 6, `${results.length} example workflows`);
		for (const result of results) {
			assert.equal(
				result.status,
				'success',
				`${result.name}: ${result.error ?? result.cli.stderr.slice(-800)}`,
			);
			assert.equal(result.error, undefined);
		}

		// The MediaValet example checks in 100 MiB through real n8n: the committed version is those bytes.
		const asset = await sandbox.sim('mediavalet', 'GET', `/assets/${tokens.DEMO_MEDIAVALET_ASSET}`);
		const latest = asset.versions[asset.versions.length - 1];
		assert.equal(asset.versions.length, 2);
		assert.equal(latest.sizeInBytes, 100 * 1024 * 1024);
		assert.equal(latest.md5, await generatedMd5(100 * 1024 * 1024, 21));
		assert.equal(asset.checkedOutBy, null, 'checked in');

		// No DAM credential reached a storage host from real n8n either.
		const storage = [...(await sandbox.journal('azure-blob')), ...(await sandbox.journal('s3'))];
		assert.ok(storage.length > 10, `${storage.length} storage requests`);
		for (const entry of storage) {
			for (const header of [
				'authorization',
				'x-api-key',
				'cookie',
				'ocp-apim-subscription-key',
				'accesstoken',
				'x-csrf-token',
			]) {
				assert.equal(
					entry.headers[header],
					undefined,
					`${header} on ${entry.method} ${entry.path}`,
				);
			}
		}
	});

	it('shows each DAM node in the editor: added from the node panel, parameters panel captured', async () => {
		ensureChromium();
		const userFolder = folder();
		runtime.prepareUserFolder(userFolder);
		const port = 5691;
		const server = runtime.startServer(userFolder, port, {}, 'ignore');
		const browser = await launchBrowser();
		try {
			const baseUrl = `http://localhost:${port}`;
			await runtime.waitForReady(baseUrl, 180_000, server);
			await runtime.setupOwner(baseUrl);
			const cookie = await runtime.login(baseUrl);
			const shots = join(root, 'docs', 'screenshots');
			mkdirSync(shots, { recursive: true });
			for (const [displayName, action, file, expectedLabel] of SCREENSHOTS) {
				const { labels, title } = await addNodeAndScreenshot(
					browser,
					baseUrl,
					cookie,
					displayName,
					action,
					join(shots, file),
				);
				assert.ok(
					labels.some((label) => label.includes(expectedLabel)),
					`${displayName}: parameters ${labels.join(' | ')}`,
				);
				console.log(`${displayName}: ${title.replace(/\s+/g, ' ')} -> docs/screenshots/${file}`);
			}
		} finally {
			await browser.close();
			server.kill('SIGTERM');
		}
	});
});

/** Node display name, action to pick, screenshot file, a parameter label that must show. */
const SCREENSHOTS: Array<[string, RegExp, string, string]> = [
	['MediaValet', /check in/i, 'mediavalet-check-in.png', 'Binary'],
	['WoodWing Assets', /check out/i, 'woodwing-check-out.png', 'Asset'],
	['Tenovos', /^Create an asset$/i, 'tenovos-create.png', 'Metadata Template'],
	['Nomad Media', /^Upload a file$/i, 'nomad-upload.png', 'Parent Folder'],
	['Media Pocket', /^Create an asset$/i, 'mediapocket-create-asset.png', 'Title'],
];
