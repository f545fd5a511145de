import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it, jest } from '@jest/globals';

jest.setTimeout(20 * 60_000);
import type { INodeExecutionData } from 'n8n-workflow';

import { Sandbox } from '../harness/sandbox';
import {
	checkParity,
	mediaPocketComments,
	parityFaults,
	parityWorkflow,
	seedParity,
} from '../scenarios/parity';

const root = join(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtime = require(join(root, 'scripts', 'n8n-runtime.js'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseRawOutput } = require(join(root, 'scripts', 'demo.js'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sandboxCredentials } = require(join(root, 'examples', 'sandbox.js'));

/**
 * The server-parity scenario on the real n8n 1.123.81 server (`n8n execute`): the same workflow
 * and assertions as test/shared/parity.test.ts runs through n8n-core 2.41's engine.
 */
describe('server parity on the real n8n 1.123.81', () => {
	let sandbox: Sandbox;
	let folder: string;
	beforeAll(async () => {
		await runtime.ensureRuntimeAsync();
		sandbox = await Sandbox.start();
		folder = mkdtempSync(join(tmpdir(), 'n8n-parity-'));
		runtime.prepareUserFolder(folder);
	});
	afterAll(async () => {
		await sandbox?.stop();
		if (folder) rmSync(folder, { recursive: true, force: true });
	});

	it('shows each DAM’s error body with its status, retries resets where safe, runs with an optional locator empty', async () => {
		const seed = await seedParity((method, path, body) => sandbox.call(method, path, body));
		const workflow = parityWorkflow(sandbox.info.control, seed);
		writeFileSync(
			join(folder, 'credentials.json'),
			JSON.stringify(sandboxCredentials(sandbox.info)),
		);
		writeFileSync(join(folder, 'workflow.json'), JSON.stringify([{ ...workflow, active: false }]));
		for (const args of [
			['import:credentials', `--input=${join(folder, 'credentials.json')}`],
			['import:workflow', `--input=${join(folder, 'workflow.json')}`],
		]) {
			const imported = await runtime.n8nCli(folder, args);
			if (imported.status !== 0)
				throw new Error(`n8n ${args[0]} failed:\n${imported.stdout}\n${imported.stderr}`);
		}
		for (const rule of parityFaults(seed)) await sandbox.fault(rule);
		const since = await sandbox.mark();
		const cli = await runtime.n8nCli(folder, ['execute', '--id', workflow.id, '--rawOutput'], {
			N8N_LOG_LEVEL: 'info',
		});
		const run = parseRawOutput(cli.stdout);
		if (!run)
			throw new Error(
				`n8n execute printed no run (exit ${cli.status}):\n${cli.stdout.slice(-2000)}\n${cli.stderr.slice(-2000)}`,
			);
		const runData = run.data?.resultData?.runData ?? {};
		const output = (node: string): INodeExecutionData[] =>
			runData[node]?.[0]?.data?.main?.[0] ?? [];
		const journal = await sandbox.journal(undefined, since);
		await checkParity(
			output,
			journal,
			await mediaPocketComments(sandbox.url('mediapocket'), seed.mediaPocketAsset),
			seed,
		);
	});
});
