import { readdirSync, readFileSync, rmSync } from 'fs';
import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeType,
	IWorkflowExecuteAdditionalData,
	NodeParameterValueType,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { dirname } from 'path';

import { initBinaryStore, newCredentialsHelper, nodeTypes, type TestNode } from '../harness/engine';
import type { TestCredentialsHelper } from '../harness/credentials';
import { Sandbox as SandboxClass, type Sandbox } from '../harness/sandbox';
import { CLIENT, EDITOR, SUBSCRIPTION_KEY } from '../sandbox/mediavalet/seed';

export const NODE_TYPE = 'n8n-nodes-dam.mediaValet';
export const DAM_HEADERS = [
	'authorization',
	'ocp-apim-subscription-key',
	'x-mv-api-version',
	'cookie',
];

/** Credential data pointing at the sandbox's MediaValet simulator (editor user, API version 1.2). */
export function mvCredentials(
	sandbox: Sandbox,
	overrides: ICredentialDataDecryptedObject = {},
): Record<string, ICredentialDataDecryptedObject> {
	const url = sandbox.url('mediavalet');
	return {
		mediaValetApi: {
			tokenUrl: `${url}/connect/token`,
			apiBaseUrl: url,
			clientId: CLIENT.id,
			clientSecret: CLIENT.secret,
			username: EDITOR.username,
			password: EDITOR.password,
			subscriptionKey: SUBSCRIPTION_KEY,
			apiVersion: '1.2',
			...overrides,
		},
	};
}

/** A resource locator value in ID mode. */
export const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });

/** The MediaValet node with a resource, an operation and its parameters. */
export function mv(
	resource: string,
	operation: string,
	parameters: Record<string, NodeParameterValueType | object> = {},
	extra: Partial<TestNode> = {},
): TestNode {
	return {
		type: NODE_TYPE,
		name: 'MediaValet',
		parameters: { resource, operation, ...parameters } as Record<string, NodeParameterValueType>,
		credentials: ['mediaValetApi'],
		...extra,
	};
}

export const file = (
	size: number,
	seed = 1,
	fileName = 'file.bin',
	mimeType = 'application/octet-stream',
): TestNode => ({
	type: 'test.binaryFile',
	name: 'File',
	parameters: { size, seed, fileName, mimeType },
});

export interface SeededAsset {
	id: string;
	fileName: string;
	blobName: string;
	md5: string;
	size: number;
}

export async function seedAsset(sandbox: Sandbox, seed: IDataObject = {}): Promise<SeededAsset> {
	return await sandbox.sim<SeededAsset>('mediavalet', 'POST', '/assets', seed);
}

export async function seedAssets(
	sandbox: Sandbox,
	seed: IDataObject & { count: number },
): Promise<SeededAsset[]> {
	return await sandbox.sim<SeededAsset[]>('mediavalet', 'POST', '/assets', seed);
}

/** The simulator's internal record of an asset (versions with MD5, comments, check-out state). */
export async function assetState(sandbox: Sandbox, id: string): Promise<any> {
	return await sandbox.sim('mediavalet', 'GET', `/assets/${id}`);
}

/**
 * Runs a loadOptions or listSearch method the way the editor does: through n8n-core's real
 * LoadOptionsContext, with credentials from a test credentials helper.
 */
export async function callMethod(
	kind: 'loadOptions' | 'listSearch',
	method: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	args: unknown[] = [],
	helper: TestCredentialsHelper = newCredentialsHelper(credentials),
): Promise<INodePropertyOptions[] | INodeListSearchResult> {
	const node: INode = {
		id: 'mv',
		name: 'MediaValet',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'asset', operation: 'get' },
		credentials: { mediaValetApi: { id: 'mediaValetApi', name: 'mediaValetApi' } },
	};
	const workflow = new Workflow({
		id: 'load-options',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const additionalData = {
		credentialsHelper: helper,
		currentNodeParameters: node.parameters,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const type = nodeTypes.getByName(NODE_TYPE) as INodeType;
	const methods = type.methods?.[kind] as Record<string, (...a: unknown[]) => Promise<unknown>>;
	return (await methods[method].call(context, ...args)) as
		INodePropertyOptions[] | INodeListSearchResult;
}

function childrenOf(pid: number): number[] {
	const found: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (ppid === pid) found.push(Number(entry));
		} catch {
			// the process ended while we looked
		}
	}
	return found;
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
	} catch {
		return false;
	}
}

/**
 * Starts the sandbox; `stopSandbox` stops it and makes sure the Azurite it started is gone and
 * its data folder deleted. Why: Azurite runs with telemetry on (no --disableTelemetry), which
 * slows its start and delays its exit by 15 s to indefinitely (unanswered connections to
 * 169.254.169.254); and the sandbox deletes its data folder while Azurite may still write there
 * (ENOTEMPTY), leaving the folder behind. Only processes this test process started are ended,
 * by pid. Reported to the lead for test/sandbox.
 */
export async function startSandbox(): Promise<Sandbox> {
	const sandbox = await SandboxClass.start();
	const azurites: Array<{ pid: number; location?: string }> = [];
	for (const child of childrenOf(process.pid)) {
		for (const grandchild of childrenOf(child)) {
			const cmdline = readFileSync(`/proc/${grandchild}/cmdline`, 'utf8').split('\0');
			if (!cmdline.some((part) => part.includes('azurite'))) continue;
			const at = cmdline.indexOf('--location');
			azurites.push({ pid: grandchild, location: at >= 0 ? cmdline[at + 1] : undefined });
		}
	}
	stoppers.set(sandbox, azurites);
	return sandbox;
}

const stoppers = new Map<Sandbox, Array<{ pid: number; location?: string }>>();

export async function stopSandbox(
	sandbox: Sandbox,
	options: { binaryStore?: boolean } = { binaryStore: true },
): Promise<void> {
	await sandbox.stop();
	// The binary files this test process wrote (the harness leaves its temp folder behind).
	if (options.binaryStore) rmSync(await initBinaryStore(), { recursive: true, force: true });
	for (const { pid, location } of stoppers.get(sandbox) ?? []) {
		const deadline = Date.now() + 3000;
		while (alive(pid) && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 100));
		if (alive(pid)) process.kill(pid, 'SIGKILL');
		while (alive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
		if (location && /dam-sandbox-/.test(location))
			rmSync(dirname(location), { recursive: true, force: true, maxRetries: 3 });
	}
	stoppers.delete(sandbox);
}
