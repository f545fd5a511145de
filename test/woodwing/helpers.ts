import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	NodeParameterValueType,
} from 'n8n-workflow';

import type { TestNode } from '../harness/engine';
import type { Sandbox } from '../harness/sandbox';

export const NODE_TYPE = 'n8n-nodes-dam.woodWingAssets';
export const CREDENTIAL = 'woodWingAssetsApi';

export type LoginStyle = 'apiLogin' | 'sessionLogin';

/** Credential data as a user would enter it (the hidden token fields start empty). */
export function credentialData(
	sandbox: Sandbox,
	overrides: Partial<ICredentialDataDecryptedObject> & { loginStyle?: LoginStyle } = {},
): ICredentialDataDecryptedObject {
	const session = overrides.loginStyle === 'sessionLogin';
	return {
		url: sandbox.url('woodwing'),
		loginStyle: 'apiLogin',
		username: session ? 'jane' : 'api_user',
		password: session ? 'jane-secret' : 'api-secret',
		clientId: '',
		...overrides,
	};
}

export function credentials(
	sandbox: Sandbox,
	overrides: Parameters<typeof credentialData>[1] = {},
) {
	return { [CREDENTIAL]: credentialData(sandbox, overrides) };
}

/** An asset resource-locator value. */
export function byId(id: string) {
	return { __rl: true, mode: 'id', value: id };
}

export function wwNode(
	operation: string,
	parameters: Record<string, NodeParameterValueType | object> = {},
	extra: Partial<TestNode> = {},
): TestNode {
	return {
		type: NODE_TYPE,
		name: 'WoodWing',
		parameters: { resource: 'asset', operation, ...parameters } as Record<
			string,
			NodeParameterValueType
		>,
		credentials: [CREDENTIAL],
		...extra,
	};
}

export function binaryFile(
	size: number,
	seed = 1,
	fileName = 'file.bin',
	mimeType = 'application/octet-stream',
): TestNode {
	return { type: 'test.binaryFile', name: 'File', parameters: { size, seed, fileName, mimeType } };
}

export interface SimAsset {
	id: string;
	assetPath: string;
	metadata: IDataObject;
	checkout: { at: number; by: string; client: string } | null;
	versions: Array<{
		versionNumber: number;
		size: number;
		md5: string;
		fileName: string;
		mimeType: string;
		createdBy: string;
		onDisk: boolean;
	}>;
	history: Array<{ action: string; userName: string; clientType: string; versionNumber: number }>;
}

export async function seedAsset(sandbox: Sandbox, body: IDataObject): Promise<SimAsset> {
	return await sandbox.sim<SimAsset>('woodwing', 'POST', '/assets', body);
}

export async function simAsset(sandbox: Sandbox, id: string): Promise<SimAsset> {
	return await sandbox.sim<SimAsset>('woodwing', 'GET', `/assets/${id}`);
}

export async function setConfig(sandbox: Sandbox, config: IDataObject): Promise<void> {
	await sandbox.sim('woodwing', 'POST', '/config', config);
}
