import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { nomadRequest } from '../../transport';
import { annotationIdProperty, annotationPath } from './fields';

export const option = {
	name: 'Delete',
	description: 'Delete an annotation',
	action: 'Delete an annotation',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['annotation'],
			operation: ['delete'],
		},
	},
	[assetLocator('The asset the annotation is on'), annotationIdProperty],
);

/** DELETE /asset/{assetId}/annotation/{id}; Nomad Media answers the deleted annotation's ID. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { assetId, annotationId, path } = annotationPath.call(this, i);
	await nomadRequest.call(this, { method: 'DELETE', url: path }, { itemIndex: i });
	return jsonItems({ id: annotationId, assetId, deleted: true });
}
