import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { assetFieldProperties, assetFieldsBody } from './fields';
import { assetLocator } from '../../helpers/descriptions';
import { getId } from '../../helpers/utils';
import { assetPath, mediaPocketRequest } from '../../transport';

export const description: INodeProperties[] = [
	assetLocator({ resource: ['asset'], operation: ['update'] }),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: ['asset'], operation: ['update'] } },
		options: (
			[
				...assetFieldProperties,
				{
					displayName: 'Title',
					name: 'title',
					type: 'string',
					default: '',
					description: 'New title (at most 255 characters)',
				},
			] as INodeProperties[]
		).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const body = assetFieldsBody(this.getNodeParameter('updateFields', i, {}) as IDataObject);
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			'Choose at least one field under "Update Fields"',
			{ itemIndex: i },
		);
	}
	if (body.title !== undefined && !String(body.title).trim()) {
		throw new NodeOperationError(this.getNode(), 'The field "Title" cannot be empty', {
			itemIndex: i,
		});
	}
	const response = await mediaPocketRequest.call(this, 'PUT', assetPath(assetId), {
		body,
		itemIndex: i,
	});
	return (response.asset as IDataObject) ?? response;
}
