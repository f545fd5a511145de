import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { binaryOutputField } from '../../../shared/descriptions';
import { getId } from '../../../shared/ids';
import { binaryItem } from '../../../shared/items';
import { downloadSignedUrl } from '../../../shared/signedDownload';
import { ASSET_ID } from '../../helpers/ids';
import { getAsset, getString } from '../../helpers/utils';
import { tenovosRequest } from '../../transport';
import { assetLocator, assetOperation } from './common';

export const description = assetOperation('download', [
	assetLocator('The asset version whose original file to download'),
	binaryOutputField(),
]);

/** The MIME type Tenovos found in the file, when it has read it. */
function mimeTypeOf(asset: IDataObject): string | undefined {
	const technical = (asset.technicalMetadata as IDataObject | undefined)?.image_metadata as
		IDataObject | undefined;
	return typeof technical?.mimeType === 'string' ? technical.mimeType : undefined;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getId.call(this, 'asset', i, ASSET_ID);
	const propertyName = getString.call(this, 'binaryPropertyName', i, 'data');
	const asset = await getAsset.call(this, assetId, i);
	const content = await tenovosRequest.call(this, 'GET', `/asset/${assetId}/content`, undefined, {
		itemIndex: i,
	});
	const url = content.presignedURL;
	if (typeof url !== 'string' || !url) {
		throw new NodeOperationError(
			this.getNode(),
			`Tenovos returned no download URL for asset ${assetId}`,
			{ itemIndex: i },
		);
	}
	// The presigned URL carries its own authorization: no Tenovos header goes to the storage host.
	const fileName = String(asset.filename ?? assetId);
	const binary = await downloadSignedUrl.call(this, url, 'Download', fileName, mimeTypeOf(asset));
	return binaryItem(asset, propertyName, binary);
}

/** Its entry in the Operation dropdown. */
export const option = {
	name: 'Download',
	description: 'Download the original file of an asset',
	action: 'Download an asset',
};
