import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getId } from '../../../shared/ids';
import { assetLocator } from '../../helpers/descriptions';
import { MEDIA_POCKET_ID } from '../../helpers/ids';
import { assetCommand } from '../../helpers/operations';

export const option = {
	name: 'Assign to Project',
	description: 'Put the asset in a project',
	action: 'Assign an asset to a project',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['assignToProject'],
		},
	},
	[
		assetLocator,
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. mJebz2r3ck0CTGIExPa4',
			description: 'ID of the project to put the asset in (an asset already in a project moves)',
		},
	],
);

/** An unknown project is an HTTP 200 with {"error": "Project not found."}: the transport raises it as an error. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const projectId = getId.call(this, 'projectId', i, { ...MEDIA_POCKET_ID, label: 'Project ID' });
	return await assetCommand.call(this, i, 'POST', ['assign'], {
		body: { to_project_id: projectId },
		// Assigning to the project the asset is in already answers "ok": safe to repeat.
		idempotent: true,
		extra: { project_id: projectId },
	});
}
