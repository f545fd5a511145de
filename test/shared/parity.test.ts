import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { runWorkflowJson } from '../harness/engine';
import { Sandbox } from '../harness/sandbox';
import {
	checkParity,
	mediaPocketComments,
	parityFaults,
	parityWorkflow,
	seedParity,
} from '../scenarios/parity';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sandboxCredentials } = require('../../../examples/sandbox.js');

/** The server-parity scenario through n8n-core's engine: test/e2e/parity.test.ts runs the same on the real n8n server. */
describe('server parity through the engine (n8n-core 2.41)', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await Sandbox.start();
	});
	afterAll(async () => {
		await sandbox.stop();
	});

	it('shows each DAM’s error body with its status, retries resets where safe, runs with an optional locator empty', async () => {
		const seed = await seedParity((method, path, body) => sandbox.call(method, path, body));
		for (const rule of parityFaults(seed)) await sandbox.fault(rule);
		const credentials = Object.fromEntries(
			(
				sandboxCredentials(sandbox.info) as Array<{
					type: string;
					data: ICredentialDataDecryptedObject;
				}>
			).map((c) => [c.type, c.data]),
		);
		const since = await sandbox.mark();
		const result = await runWorkflowJson(parityWorkflow(sandbox.info.control, seed), {
			credentials,
		});
		const journal = await sandbox.journal(undefined, since);
		await checkParity(
			result.output,
			journal,
			await mediaPocketComments(sandbox.url('mediapocket'), seed.mediaPocketAsset),
			seed,
		);
	});
});
