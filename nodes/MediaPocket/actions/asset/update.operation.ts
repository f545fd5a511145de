import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { assetFieldsBody, assetFieldsCollection } from './fields';
import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/ids';
import { recordOf } from '../../helpers/utils';
import { assetPath, mediaPocketRequest } from '../../transport';

export const option = { name: 'Update', description: 'Update an asset', action: 'Update an asset' };

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['update'],
		},
	},
	[
		assetLocator,
		assetFieldsCollection('Update Fields', 'updateFields', {
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			description: 'New title (at most 255 characters)',
		}),
	],
);

/** The fields to change: at least one, and a title that is not blank. */
function updateBody(this: IExecuteFunctions, i: number): IDataObject {
	const body = assetFieldsBody(this.getNodeParameter('updateFields', i, {}) as IDataObject);
	const refuse = (message: string) =>
		new NodeOperationError(this.getNode(), message, { itemIndex: i });
	if (Object.keys(body).length === 0)
		throw refuse('Choose at least one field under "Update Fields"');
	if (body.title !== undefined && !String(body.title).trim())
		throw refuse('The field "Title" cannot be empty');
	return body;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getAssetId.call(this, i);
	const body = updateBody.call(this, i);
	const response = await mediaPocketRequest.call(this, 'PUT', assetPath(assetId), {
		body,
		itemIndex: i,
	});
	return jsonItems(recordOf(response, 'asset'));
}
