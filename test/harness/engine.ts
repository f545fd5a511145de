import { Container } from '@n8n/di';
import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { BinaryDataService, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	IBinaryData,
	ICredentialDataDecryptedObject,
	IConnections,
	INode,
	INodeExecutionData,
	INodeType,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	NodeParameterValueType,
} from 'n8n-workflow';
import { Workflow, createRunExecutionData } from 'n8n-workflow';
import { tmpdir } from 'os';
import { join } from 'path';

import { TestCredentialsHelper } from './credentials';
import { TestNodeTypes, credentialTypes } from './nodeTypes';

let binaryReady: Promise<string> | undefined;

/** n8n's BinaryDataService in filesystem mode, in a temp folder: binaries are real files, streamed. */
export async function initBinaryStore(): Promise<string> {
	binaryReady ??= (async () => {
		// One folder per test process (jest loads this module afresh for every test file): test
		// binaries are hundreds of MiB and go when the process does.
		let dir = process.env.DAM_BINARY_STORE;
		if (dir) {
			// A new test file: the binaries of the ones before it are no longer read.
			for (const entry of readdirSync(dir))
				rmSync(join(dir, entry), { recursive: true, force: true });
		} else {
			const created = mkdtempSync(join(tmpdir(), 'dam-binary-'));
			process.env.DAM_BINARY_STORE = dir = created;
			process.on('exit', () => rmSync(created, { recursive: true, force: true }));
		}
		const service = Container.get(BinaryDataService);
		Object.assign((service as unknown as { config: object }).config, {
			mode: 'filesystem',
			availableModes: ['filesystem'],
			localStoragePath: dir,
		});
		await service.init();
		return dir;
	})();
	return await binaryReady;
}

export const nodeTypes = new TestNodeTypes();

export interface TestNode {
	/** e.g. 'n8n-nodes-dam.mediaPocket' or 'test.binaryFile' */
	type: string;
	name?: string;
	parameters?: Record<string, NodeParameterValueType>;
	/** credential type -> (a label only: data comes from `credentials`) */
	credentials?: string[];
	continueOnFail?: boolean;
	typeVersion?: number;
}

export interface RunOptions {
	/** credential type -> data; applied with the type's defaults, shared across runs via `helper`. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Reuse a helper to keep refreshed tokens between runs (as n8n's database does). */
	helper?: TestCredentialsHelper;
	/** Items fed to the first node. */
	input?: INodeExecutionData[];
}

export interface RunResult {
	run: IRun;
	helper: TestCredentialsHelper;
	/** Output items of a node's first run (main output 0 unless given). */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The error the run stopped with, if any. */
	error?: Error & {
		message: string;
		description?: string;
		httpCode?: string;
		context?: Record<string, unknown>;
	};
}

export interface RunningWorkflow {
	done: Promise<RunResult>;
	cancel(): void;
}

export function newCredentialsHelper(
	credentials: Record<string, ICredentialDataDecryptedObject> = {},
): TestCredentialsHelper {
	const helper = new TestCredentialsHelper(credentialTypes());
	for (const [type, data] of Object.entries(credentials)) helper.set(type, data);
	return helper;
}

/**
 * Runs a chain of nodes (Start -> nodes[0] -> nodes[1] ...) through n8n-core's real WorkflowExecute,
 * with filesystem binary mode and this package's credential types.
 */
export async function startWorkflow(
	chain: TestNode[],
	options: RunOptions = {},
): Promise<RunningWorkflow> {
	const start: INode = {
		id: 'start',
		name: 'Start',
		type: 'test.start',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodes: INode[] = [start];
	const connections: IConnections = {};
	let previous = start.name;
	chain.forEach((entry, index) => {
		const name = entry.name ?? `Node ${index + 1}`;
		const description = (nodeTypes.getByName(entry.type) as INodeType).description;
		nodes.push({
			id: `node-${index + 1}`,
			name,
			type: entry.type,
			typeVersion:
				entry.typeVersion ??
				(Array.isArray(description?.version)
					? Math.max(...description.version)
					: (description?.version ?? 1)),
			position: [200 * (index + 1), 0],
			parameters: entry.parameters ?? {},
			credentials: Object.fromEntries(
				(entry.credentials ?? []).map((credType) => [credType, { id: credType, name: credType }]),
			),
			continueOnFail: entry.continueOnFail,
			onError: entry.continueOnFail ? 'continueRegularOutput' : undefined,
		});
		connections[previous] = { main: [[{ node: name, type: 'main', index: 0 }]] };
		previous = name;
	});
	return await startWorkflowJson({ nodes, connections }, options);
}

/** A workflow as n8n exports it (nodes and connections; the rest is optional). */
export interface WorkflowJson {
	id?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: Record<string, unknown>;
}

/**
 * Runs a workflow JSON (as exported from the editor, or built for a test) through WorkflowExecute.
 * It starts at the node without inputs (a Manual Trigger or the harness's Start); credentials are
 * looked up by type in `options.credentials` / `options.helper`, whatever id the workflow names.
 */
export async function startWorkflowJson(
	json: WorkflowJson,
	options: RunOptions = {},
): Promise<RunningWorkflow> {
	await initBinaryStore();
	const helper = options.helper ?? newCredentialsHelper();
	for (const [type, data] of Object.entries(options.credentials ?? {})) helper.set(type, data);
	const nodes = json.nodes.map((node) => ({
		...node,
		credentials:
			node.credentials &&
			Object.fromEntries(
				Object.keys(node.credentials).map((type) => [type, { id: type, name: type }]),
			),
	}));
	const targets = new Set(
		Object.values(json.connections).flatMap((byType) =>
			Object.values(byType)
				.flat(2)
				.filter(Boolean)
				.map((c) => c!.node),
		),
	);
	const start = nodes.find((node) => !targets.has(node.name));
	if (!start) throw new Error('The workflow has no start node');

	const workflowData: IWorkflowBase = {
		id: json.id ?? 'test-workflow',
		name: 'test',
		active: false,
		nodes,
		connections: json.connections,
		settings: { executionOrder: 'v1', ...(json.settings ?? {}) },
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		nodes,
		connections: json.connections,
		active: false,
		nodeTypes,
		settings: workflowData.settings,
	});
	const hooks = new ExecutionLifecycleHooks('manual', `exec-${Date.now()}`, workflowData);
	const additionalData = {
		credentialsHelper: helper,
		hooks,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		currentNodeExecutionIndex: 0,
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
		getRuntimeCredential: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;

	const runData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: start, data: { main: [options.input ?? [{ json: {} }]] }, source: null },
			],
		},
	});
	const execution = new WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(
		workflow,
	);
	const done = (async () => {
		const run = (await execution) as IRun;
		const output = (nodeName: string, outputIndex = 0) =>
			run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[outputIndex] ?? [];
		return { run, helper, output, error: run.data.resultData.error as RunResult['error'] };
	})();
	return { done, cancel: () => execution.cancel() };
}

export async function runWorkflowJson(
	json: WorkflowJson,
	options: RunOptions = {},
): Promise<RunResult> {
	return await (
		await startWorkflowJson(json, options)
	).done;
}

export async function runWorkflow(chain: TestNode[], options: RunOptions = {}): Promise<RunResult> {
	return await (
		await startWorkflow(chain, options)
	).done;
}

/** Runs one node of this package after Start and returns its output items (throws the run's error). */
export async function runNode(
	node: TestNode,
	options: RunOptions = {},
): Promise<INodeExecutionData[]> {
	const result = await runWorkflow([{ ...node, name: 'Node' }], options);
	if (result.error) throw result.error;
	return result.output('Node');
}

/** The bytes of an output binary, read back from n8n's binary store (tests only: this buffers). */
export async function binaryBytes(binary: IBinaryData): Promise<Buffer> {
	const service = Container.get(BinaryDataService);
	if (binary.id) return await service.getAsBuffer(binary);
	return Buffer.from(binary.data, 'base64');
}
