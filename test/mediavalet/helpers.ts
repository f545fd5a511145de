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

import { newCredentialsHelper, nodeTypes, type TestNode } from '../harness/engine';
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

/** The run's sandbox (see test/harness/sandbox.ts). */
export async function startSandbox(): Promise<Sandbox> {
	return await SandboxClass.start();
}

export async function stopSandbox(sandbox: Sandbox): Promise<void> {
	await sandbox.stop();
}
