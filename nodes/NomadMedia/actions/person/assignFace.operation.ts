import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { nomadRequest } from '../../transport';
import { faceIdProperty } from './fields';

export const option = {
	name: 'Assign Face',
	description: 'Say whose face a face detected on an asset is',
	action: 'Assign a face to a person',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['person'],
			operation: ['assignFace'],
		},
	},
	[
		assetLocator('The asset the face was detected on'),
		faceIdProperty,
		{
			displayName: 'Person ID',
			name: 'personId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '7ba85f64-5717-4562-b3fc-2c963f66afa7',
			description: 'ID of the known person the face belongs to',
		},
	],
);

/** POST /asset/{assetId}/assign-person/{faceId}/{personId} (no body; repeating it changes nothing). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getGuid.call(this, 'assetId', i, 'Asset');
	const faceId = getGuid.call(this, 'faceId', i, 'Face ID');
	const personId = getGuid.call(this, 'personId', i, 'Person ID');
	await nomadRequest.call(
		this,
		{ method: 'POST', url: `/asset/${assetId}/assign-person/${faceId}/${personId}` },
		{ itemIndex: i, idempotent: true },
	);
	return jsonItems({ assetId, faceId, personId, assigned: true });
}
