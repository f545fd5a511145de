import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/ids';
import { recordOf } from '../../helpers/utils';
import { assetPath, mediaPocketRequest } from '../../transport';

export const option = {
	name: 'Get File Metadata',
	description: 'Get EXIF/IPTC/XMP metadata and mediainfo of the original file',
	action: 'Get file metadata of an asset',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['getFileMetadata'],
		},
	},
	[assetLocator],
);

/** EXIF/IPTC/XMP metadata and mediainfo of the asset's original file. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getAssetId.call(this, i);
	const path = assetPath(assetId, 'file_metadata');
	const response = await mediaPocketRequest.call(this, 'GET', path, { itemIndex: i });
	return jsonItems({ asset_id: assetId, ...recordOf(response, 'file_metadata') });
}
