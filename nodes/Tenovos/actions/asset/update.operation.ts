import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildMetadata, metadataProperties } from '../../helpers/metadata';
import { assetLocator, getAsset, getAssetId } from '../../helpers/utils';
import { tenovosRequest } from '../../transport';
import { idList } from './common';

const show = { resource: ['asset'], operation: ['update'] };

export const description: INodeProperties[] = [
	assetLocator(['update'], 'The asset version to update (its object ID)'),
	...metadataProperties(['update'], ['asset.value']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Security Template Names or IDs',
				name: 'securityTemplateIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getSecurityTemplates' },
				default: [],
				description:
					'Replaces the security templates of the asset. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const objectId = getAssetId.call(this, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	// Field values are shaped by the asset's template, read only when fields are given.
	const metadata = await buildMetadata.call(this, i, async () => {
		const asset = await getAsset.call(this, objectId, i);
		return String(asset.metadataTemplateId ?? '');
	});
	const securityTemplateIds = idList(options.securityTemplateIds);
	if (metadata.length === 0 && securityTemplateIds.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update: add metadata fields or security templates', {
			itemIndex: i,
		});
	}
	const body: IDataObject = {};
	if (metadata.length) body.metadata = metadata;
	if (securityTemplateIds.length) body.securityTemplateIds = securityTemplateIds;
	const response = await tenovosRequest.call(this, 'PATCH', `/asset/${encodeURIComponent(objectId)}`, body, {
		itemIndex: i,
		idempotent: true,
	});
	return { objectId, updated: true, message: response.message ?? 'Updated', updatedFields: metadata.length };
}
