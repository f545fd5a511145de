import type { INodeParameters, NodeParameterValueType } from 'n8n-workflow';

import type { TestNode } from '../harness/engine';
import type { Sandbox } from '../harness/sandbox';
import { IDS, TENOVOS_API_KEY, TENOVOS_PASSWORD, TENOVOS_USER } from '../sandbox/tenovos/data';

export const NODE_TYPE = 'n8n-nodes-dam.tenovos';
/** Headers that carry the Tenovos credential: none may reach a storage host. */
export const DAM_HEADERS = ['x-api-key', 'authorization', 'accesstoken'];

export function tenovosCredentials(sandbox: Sandbox, overrides: Record<string, string> = {}) {
	return {
		tenovosApi: {
			baseUrl: sandbox.url('tenovos'),
			apiKey: TENOVOS_API_KEY,
			username: TENOVOS_USER,
			password: TENOVOS_PASSWORD,
			...overrides,
		},
	};
}

export function tenovos(
	operation: string,
	parameters: Record<string, NodeParameterValueType | INodeParameters> = {},
	extra: Partial<TestNode> = {},
): TestNode {
	return {
		type: NODE_TYPE,
		name: 'Tenovos',
		parameters: { resource: 'asset', operation, ...parameters } as Record<
			string,
			NodeParameterValueType
		>,
		credentials: ['tenovosApi'],
		...extra,
	};
}

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** The parameters of a create with the corporate template, public security and a title. */
export function createParameters(title = 'Apples') {
	return {
		metadataTemplateId: IDS.templateCorporate,
		securityTemplateIds: [IDS.securityPublic],
		metadataInput: 'fields',
		metadataFields: { field: [{ attributeId: IDS.attrTitle, value: title }] },
	};
}

export const binaryFile = (
	size: number,
	seed = 5,
	fileName = 'file.bin',
	mimeType = 'application/octet-stream',
): TestNode => ({
	type: 'test.binaryFile',
	name: 'File',
	parameters: { size, seed, fileName, mimeType },
});
