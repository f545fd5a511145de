import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { nomadRequest } from '../../transport';
import { faceIdProperty } from './fields';

export const option = {
	name: 'Remove Face',
	description: 'Take a detected face away from the person it was assigned to',
	action: 'Remove a face from its person',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['person'],
			operation: ['removeFace'],
		},
	},
	[assetLocator('The asset the face was detected on'), faceIdProperty],
);

/** POST /asset/{assetId}/remove-person/{faceId} (no body; repeating it changes nothing). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getGuid.call(this, 'assetId', i, 'Asset');
	const faceId = getGuid.call(this, 'faceId', i, 'Face ID');
	await nomadRequest.call(
		this,
		{ method: 'POST', url: `/asset/${assetId}/remove-person/${faceId}` },
		{ itemIndex: i, idempotent: true },
	);
	return jsonItems({ assetId, faceId, personId: null, assigned: false });
}
