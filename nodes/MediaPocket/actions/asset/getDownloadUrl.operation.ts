import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { findMedia, getDownloadUrl, mediaFileName } from './media';
import { assetLocator, mediaLocator } from '../../helpers/descriptions';
import { getId, getNumericId } from '../../helpers/utils';

const show = { resource: ['asset'], operation: ['getDownloadUrl'] };

export const description: INodeProperties[] = [
	assetLocator(show),
	mediaLocator(show),
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. photo.jpg',
		description: "File name the download gets. Leave empty to use the media's own file name.",
		displayOptions: { show },
	},
];

/** Returns a short-lived (signed) download URL: hand it on quickly, it expires. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const mediaId = getNumericId.call(this, 'mediaId', 'Media', i);
	const override = this.getNodeParameter('fileName', i, '') as string;
	const media = override.trim() ? undefined : await findMedia.call(this, assetId, mediaId, i);
	const fileName = mediaFileName(media, override, mediaId);
	const url = await getDownloadUrl.call(this, assetId, mediaId, fileName, i);
	return { asset_id: assetId, media_id: Number(mediaId), filename: fileName, url };
}
