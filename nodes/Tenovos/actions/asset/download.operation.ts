import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { downloadSignedUrl } from '../../../shared/signedDownload';
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
	const content = await tenovosRequest.call(
		this,
		'GET',
		`/asset/${encodeURIComponent(assetId)}/content`,
		undefined,
		{
			itemIndex: i,
		},
	);
	const url = content.presignedURL;
	if (typeof url !== 'string' || !url) {
		throw new NodeOperationError(
			this.getNode(),
			`Tenovos returned no download URL for asset ${assetId}`,
			{ itemIndex: i },
		);
	}
	const technical = (asset.technicalMetadata as IDataObject | undefined)?.image_metadata as
		IDataObject | undefined;
	const mimeType = typeof technical?.mimeType === 'string' ? technical.mimeType : undefined;
	// The presigned URL carries its own authorization: no Tenovos header goes to the storage host.
	const binary = await downloadSignedUrl.call(
		this,
		url,
		'Download',
		String(asset.filename ?? assetId),
		mimeType,
	);
	return { json: asset, binary: { [propertyName]: binary } };
}
