import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assetLocator } from '../../helpers/descriptions';
import { getId } from '../../helpers/utils';
import { assetPath, mediaPocketRequest } from '../../transport';

export const description: INodeProperties[] = [
	assetLocator({ resource: ['asset'], operation: ['getFileMetadata'] }),
];

/** EXIF/IPTC/XMP metadata and mediainfo of the asset's original file. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const response = await mediaPocketRequest.call(this, 'GET', assetPath(assetId, 'file_metadata'), {
		itemIndex: i,
	});
	const metadata = response.file_metadata;
	return {
		asset_id: assetId,
		...(metadata && typeof metadata === 'object' && !Array.isArray(metadata)
			? (metadata as IDataObject)
			: response),
	};
}
