import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assetLocator } from '../../helpers/descriptions';
import { getId } from '../../helpers/utils';
import { assetPath, mediaPocketRequest } from '../../transport';

export const description: INodeProperties[] = [
	assetLocator({ resource: ['asset'], operation: ['assignToProject'] }),
	{
		displayName: 'Project ID',
		name: 'projectId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. mJebz2r3ck0CTGIExPa4',
		description: 'ID of the project to put the asset in (an asset already in a project moves)',
		displayOptions: { show: { resource: ['asset'], operation: ['assignToProject'] } },
	},
];

/** An unknown project is an HTTP 200 with {"error": "Project not found."}: the transport raises it as an error. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const projectId = getId.call(this, 'projectId', 'Project ID', i);
	const response = await mediaPocketRequest.call(this, 'POST', assetPath(assetId, 'assign'), {
		body: { to_project_id: projectId },
		itemIndex: i,
		// Assigning to the project the asset is in already answers "ok": safe to repeat.
		idempotent: true,
	});
	return { success: true, asset_id: assetId, project_id: projectId, message: response.ok ?? null };
}
