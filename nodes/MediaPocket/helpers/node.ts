import type { INodeTypeDescription } from 'n8n-workflow';

/** What the Media Pocket node and its trigger share in their descriptions. */
export const mediaPocketNodeBase: Pick<INodeTypeDescription, 'version' | 'credentials'> = {
	version: 1,
	credentials: [{ name: 'mediaPocketApi', required: true }],
};
