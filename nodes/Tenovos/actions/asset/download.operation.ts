import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { binaryFromResponse } from '../../../shared/binary';
import { storageRequest } from '../../../shared/upload/storageRequest';
import { assetLocator, getAsset, getAssetId } from '../../helpers/utils';
import { tenovosRequest } from '../../transport';
import { getString } from './common';

export const description: INodeProperties[] = [
	assetLocator(['download'], 'The asset version whose original file to download'),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show: { resource: ['asset'], operation: ['download'] } },
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData> {
	const assetId = getAssetId.call(this, i);
	const propertyName = getString.call(this, 'binaryPropertyName', i, 'data');
	const asset = await getAsset.call(this, assetId, i);
	const content = await tenovosRequest.call(this, 'GET', `/asset/${encodeURIComponent(assetId)}/content`, undefined, {
		itemIndex: i,
	});
	const url = content.presignedURL;
	if (typeof url !== 'string' || !url) {
		throw new NodeOperationError(this.getNode(), `Tenovos returned no download URL for asset ${assetId}`, { itemIndex: i });
	}
	// The presigned URL carries its own authorization: no Tenovos header goes to the storage host.
	const response = await storageRequest(
		this,
		'Download',
		{ method: 'GET', url, encoding: 'stream' },
		undefined,
		this.getExecutionCancelSignal(),
	);
	const technical = (asset.technicalMetadata as IDataObject | undefined)?.image_metadata as IDataObject | undefined;
	const mimeType = typeof technical?.mimeType === 'string' ? technical.mimeType : undefined;
	const binary = await binaryFromResponse.call(
		this,
		{ body: response.body, headers: (response.headers ?? {}) as Record<string, unknown> },
		String(asset.filename ?? assetId),
		mimeType,
	);
	return { json: asset, binary: { [propertyName]: binary } };
}
