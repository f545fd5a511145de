import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { type RunResult, runWorkflow, type TestNode } from '../harness/engine';
import type { TestCredentialsHelper } from '../harness/credentials';
import type { Sandbox } from '../harness/sandbox';

export const NODE = 'n8n-nodes-dam.nomadMedia';
export const USER = 'svc-integration@example.com';
export const PASSWORD = 'Sandbox-Pass-1';
export const DAM_HEADERS = [
	'authorization',
	'x-api-key',
	'cookie',
	'ocp-apim-subscription-key',
	'accesstoken',
];

export interface Seed {
	bucketId: string;
	incomingId: string;
	folders: Record<string, string>;
	files: Record<string, string>;
	collections: Record<string, string>;
	relatedTypes: Record<string, string>;
	users: Record<string, { id: string; password: string }>;
	/** Detected faces by asset ID. */
	faces: Record<string, string[]>;
	/** Known people by name. */
	persons: Record<string, string>;
}

export function credentials(
	sandbox: Sandbox,
	overrides: IDataObject = {},
): Record<string, ICredentialDataDecryptedObject> {
	return {
		nomadMediaApi: {
			serviceUrl: sandbox.url('nomad'),
			username: USER,
			password: PASSWORD,
			...overrides,
		} as ICredentialDataDecryptedObject,
	};
}

/** A Nomad Media node in a workflow. */
export function nomad(parameters: IDataObject, extra: Partial<TestNode> = {}): TestNode {
	return {
		type: NODE,
		name: 'Nomad',
		parameters: parameters as TestNode['parameters'],
		credentials: ['nomadMediaApi'],
		...extra,
	};
}

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
export const byUrl = (value: string) => ({ __rl: true, mode: 'url', value });

export async function seed(sandbox: Sandbox): Promise<Seed> {
	return await sandbox.sim<Seed>('nomad', 'GET', '/seed');
}

/** Runs one Nomad Media node (after optional nodes) and returns the run. */
export async function run(
	sandbox: Sandbox,
	parameters: IDataObject,
	options: {
		before?: TestNode[];
		helper?: TestCredentialsHelper;
		continueOnFail?: boolean;
		input?: INodeExecutionData[];
		creds?: IDataObject;
		/** The node version (default: the newest). */
		typeVersion?: number;
	} = {},
): Promise<RunResult> {
	return await runWorkflow(
		[
			...(options.before ?? []),
			nomad(parameters, {
				continueOnFail: options.continueOnFail,
				typeVersion: options.typeVersion,
			}),
		],
		{
			credentials: options.helper ? undefined : credentials(sandbox, options.creds),
			helper: options.helper,
			input: options.input,
		},
	);
}

/** Output JSON of the Nomad node; fails the test with the run's error if there was one. */
export async function ok(
	sandbox: Sandbox,
	parameters: IDataObject,
	options: Parameters<typeof run>[2] = {},
): Promise<IDataObject[]> {
	const result = await run(sandbox, parameters, options);
	if (result.error)
		throw new Error(`Unexpected error: ${result.error.message} ${result.error.description ?? ''}`);
	return result.output('Nomad').map((item) => item.json);
}

/** The run's error; fails the test if the run succeeded. */
export async function fails(
	sandbox: Sandbox,
	parameters: IDataObject,
	options: Parameters<typeof run>[2] = {},
) {
	const result = await run(sandbox, parameters, options);
	if (!result.error)
		throw new Error(
			`Expected an error, got ${JSON.stringify(result.output('Nomad').map((i) => i.json)).slice(0, 500)}`,
		);
	return result.error;
}

export async function simAsset(
	sandbox: Sandbox,
	id: string,
): Promise<IDataObject & { assetStatus: string; jobs: IDataObject[] }> {
	return await sandbox.sim('nomad', 'GET', `/assets/${id}`);
}

export async function advance(sandbox: Sandbox, seconds: number): Promise<void> {
	await sandbox.sim('nomad', 'POST', '/clock', { advanceMs: seconds * 1000 });
}

/** JSON of every output item, stringified: for "no signed URL / secret anywhere" checks. */
export function dump(items: unknown): string {
	return JSON.stringify(items);
}
