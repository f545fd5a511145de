import { LoadOptionsContext } from 'n8n-core';
import type {
	ILoadOptionsFunctions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import {
	newCredentialsHelper,
	nodeTypes,
	runWorkflow,
	type RunResult,
	type TestNode,
} from '../harness/engine';
import type { Sandbox } from '../harness/sandbox';

export const NODE_TYPE = 'n8n-nodes-dam.mediaPocket';
export const TRIGGER_TYPE = 'n8n-nodes-dam.mediaPocketTrigger';

/** Fixed simulator keys (see test/sandbox/mediapocket/state.ts). */
export const KEYS = {
	admin: 'mp-admin-key',
	viewer: 'mp-viewer-key',
	starter: 'mp-starter-key',
	guest: 'mp-guest-key',
};

export function credentials(
	sandbox: Sandbox,
	apiKey = KEYS.admin,
	baseUrl = sandbox.url('mediapocket'),
) {
	return { mediaPocketApi: { baseUrl, apiKey } };
}

/** A resource locator value in ID mode, as the editor stores it. */
export function byId(value: string | number) {
	return { __rl: true, mode: 'id', value: String(value) };
}

export function mpNode(parameters: INodeParameters, continueOnFail = false): TestNode {
	return {
		type: NODE_TYPE,
		name: 'Media Pocket',
		parameters,
		credentials: ['mediaPocketApi'],
		continueOnFail,
	};
}

export interface RunOptions {
	key?: string;
	input?: INodeExecutionData[];
	continueOnFail?: boolean;
}

/** Runs the Media Pocket node once through the real engine. */
export async function runMp(
	sandbox: Sandbox,
	parameters: INodeParameters,
	options: RunOptions = {},
): Promise<RunResult & { items: INodeExecutionData[] }> {
	const result = await runWorkflow([mpNode(parameters, options.continueOnFail)], {
		credentials: credentials(sandbox, options.key),
		input: options.input,
	});
	return Object.assign(result, { items: result.output('Media Pocket') });
}

/** Runs the node and fails the test with the node's error if it has one. */
export async function mp(
	sandbox: Sandbox,
	parameters: INodeParameters,
	options: RunOptions = {},
): Promise<INodeExecutionData[]> {
	const result = await runMp(sandbox, parameters, options);
	if (result.error)
		throw new Error(`Node failed: ${result.error.message} ${result.error.description ?? ''}`);
	return result.items;
}

/** Seeds an asset through the API (the same path a user takes). */
export async function createAsset(
	sandbox: Sandbox,
	title = 'Test asset',
	extra: INodeParameters = {},
): Promise<string> {
	const [item] = await mp(sandbox, {
		resource: 'asset',
		operation: 'create',
		title,
		additionalFields: extra,
	});
	return item.json.id as string;
}

/**
 * Calls a listSearch method the way the editor does: n8n-core's LoadOptionsContext with the
 * node's current parameters and the credential.
 */
export async function listSearch(
	sandbox: Sandbox,
	method: string,
	parameters: INodeParameters,
	filter?: string,
	apiKey = KEYS.admin,
): Promise<INodeListSearchResult> {
	const helper = newCredentialsHelper(credentials(sandbox, apiKey));
	const node: INode = {
		id: 'mp',
		name: 'Media Pocket',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { mediaPocketApi: { id: 'mediaPocketApi', name: 'mediaPocketApi' } },
	};
	const workflow = new Workflow({
		id: 'ls',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const additionalData = {
		credentialsHelper: helper,
		currentNodeParameters: parameters,
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		currentNodeExecutionIndex: 0,
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.x');
	const type = nodeTypes.getByNameAndVersion(NODE_TYPE) as INodeType;
	const fn = type.methods?.listSearch?.[method];
	if (!fn) throw new Error(`No listSearch method ${method}`);
	return await fn.call(context as unknown as ILoadOptionsFunctions, filter);
}

export async function until<T>(
	check: () => Promise<T | undefined>,
	timeoutMs = 10_000,
	stepMs = 50,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error('Timed out waiting');
		await new Promise((resolve) => setTimeout(resolve, stepMs));
	}
}

/** Waits until the simulator has ingested the asset's media; returns the media list entry. */
export async function ingested(
	sandbox: Sandbox,
	assetId: string,
	timeoutMs = 60_000,
): Promise<{ id: number; md5_sum: string; file_size: number }> {
	return await until(
		async () => {
			const state = await sandbox.sim('mediapocket', 'GET', `/assets/${assetId}`);
			if (state.ingest?.status === 'failed')
				throw new Error(`Ingest failed: ${state.ingest.error}`);
			return state.ingest?.status === 'finished' ? state.media[0] : undefined;
		},
		timeoutMs,
		100,
	);
}
