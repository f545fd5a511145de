import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { findMedia, getDownloadUrl, getMediaIds, mediaFileName } from './media';
import { jsonItems } from '../../../shared/items';
import { assetLocator, mediaLocator } from '../../helpers/descriptions';

export const option = {
	name: 'Get Media Download URL',
	description: 'Get a short-lived download URL for a media file',
	action: 'Get a media download URL',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['getDownloadUrl'],
		},
	},
	[
		assetLocator,
		mediaLocator,
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. photo.jpg',
			description: "File name the download gets. Leave empty to use the media's own file name.",
		},
	],
);

/** Returns a short-lived (signed) download URL: hand it on quickly, it expires. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { assetId, mediaId } = getMediaIds.call(this, i);
	const override = String(this.getNodeParameter('fileName', i, '') ?? '');
	const media = override.trim() ? undefined : await findMedia.call(this, assetId, mediaId, i);
	const fileName = mediaFileName(media, override, mediaId);
	const url = await getDownloadUrl.call(this, assetId, mediaId, fileName, i);
	return jsonItems({ asset_id: assetId, media_id: Number(mediaId), filename: fileName, url });
}
