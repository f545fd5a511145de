/**
 * The fast tier: one workflow JSON per operation (test/workflows/<dam>/*.json, importable into the
 * n8n editor as it is), run through the engine against the sandbox. A workflow may hold %NAME%
 * placeholders (ids the test seeded, %SANDBOX_CONTROL% for the demo file server); credentials are
 * the sandbox credentials of examples/sandbox.js, by type.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { runWorkflowJson, type RunResult, type WorkflowJson } from './engine';
import type { Sandbox } from './sandbox';

const root = join(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sandboxCredentials } = require(join(root, 'examples', 'sandbox.js'));

/** The sandbox credentials, by credential type. */
export function credentialsByType(
	sandbox: Sandbox,
): Record<string, ICredentialDataDecryptedObject> {
	return Object.fromEntries(
		(
			sandboxCredentials(sandbox.info) as Array<{
				type: string;
				data: ICredentialDataDecryptedObject;
			}>
		).map((c) => [c.type, c.data]),
	);
}

/** A workflow file with its placeholders filled in. */
export function loadWorkflow(
	relativePath: string,
	tokens: Record<string, string | number> = {},
): WorkflowJson {
	let text = readFileSync(join(root, 'test', 'workflows', relativePath), 'utf8');
	for (const [token, value] of Object.entries(tokens))
		text = text.split(`%${token}%`).join(String(value));
	const left = /%[A-Z][A-Z0-9_]+%/.exec(text);
	if (left) throw new Error(`${relativePath}: no value for placeholder ${left[0]}`);
	return JSON.parse(text) as WorkflowJson;
}

/** Runs a workflow file through the engine against the sandbox. */
export async function runWorkflowFile(
	sandbox: Sandbox,
	relativePath: string,
	tokens: Record<string, string | number> = {},
): Promise<RunResult> {
	const workflow = loadWorkflow(relativePath, { SANDBOX_CONTROL: sandbox.info.control, ...tokens });
	return await runWorkflowJson(workflow, { credentials: credentialsByType(sandbox) });
}
