import type { ICredentialType, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';

import { BASE_NODE_STAND_INS, FIXTURE_CREDENTIALS, FIXTURE_NODES } from '../fixtures/nodes';
import { PACKAGE_CREDENTIALS, PACKAGE_NODES } from './package';

export const PACKAGE_NAME = 'n8n-nodes-dam';

/** Node types as n8n knows them: this package's under 'n8n-nodes-dam.<name>', fixtures under 'test.<name>'. */
export class TestNodeTypes implements INodeTypes {
	readonly types = new Map<string, INodeType>();

	constructor() {
		for (const node of PACKAGE_NODES)
			this.types.set(`${PACKAGE_NAME}.${node.description.name}`, node);
		for (const node of FIXTURE_NODES) this.types.set(`test.${node.description.name}`, node);
		for (const node of BASE_NODE_STAND_INS)
			this.types.set(`n8n-nodes-base.${node.description.name}`, node);
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types.get(nodeType);
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string): INodeType {
		return this.getByName(nodeType) as INodeType;
	}

	getKnownTypes() {
		return {};
	}
}

export function credentialTypes(extra: ICredentialType[] = []): Map<string, ICredentialType> {
	return new Map(
		[...PACKAGE_CREDENTIALS, ...FIXTURE_CREDENTIALS, ...extra].map((type) => [type.name, type]),
	);
}
