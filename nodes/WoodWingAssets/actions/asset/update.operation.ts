import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { assetLocator, metadataFields, metadataJsonOption, metadataToReturnOption } from '../../helpers/descriptions';
import { getAssetId, getMetadata, getMetadataToReturn } from '../../helpers/utils';
import { getAsset, type Hit, wwPost } from '../../transport';

export const description: INodeProperties[] = [
	assetLocator(['update']),
	metadataFields(['update'], 'Metadata fields to change. An empty value clears the field.'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['asset'], operation: ['update'] } },
		options: [metadataJsonOption, metadataToReturnOption],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = getAssetId.call(this, i);
	const metadata = getMetadata.call(this, i);
	if (Object.keys(metadata).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update: add at least one field under "Metadata"', { itemIndex: i });
	}
	const metadataToReturn = getMetadataToReturn.call(this, i) || 'all';
	const response = await wwPost.call<IExecuteFunctions, Parameters<typeof wwPost>, Promise<Hit | string>>(
		this,
		'/services/update',
		{ id, metadata: JSON.stringify(metadata), metadataToReturn },
		{ itemIndex: i },
	);
	// Some server versions answer update with an empty body.
	if (response && typeof response === 'object' && response.id) return response;
	return await getAsset.call(this, id, metadataToReturn, i);
}
