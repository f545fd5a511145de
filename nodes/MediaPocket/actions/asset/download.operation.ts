import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { findMedia, getDownloadUrl, getMediaIds, mediaFileName } from './media';
import { binaryFromResponse } from '../../../shared/binary';
import { binaryOutputField, optionsCollection } from '../../../shared/descriptions';
import { binaryItem } from '../../../shared/items';
import { assetLocator, mediaLocator } from '../../helpers/descriptions';
import { getText } from '../../helpers/utils';
import { streamDownload } from '../../transport';

export const option = {
	name: 'Download Media',
	description: 'Download a media file of the asset as binary data',
	action: 'Download media of an asset',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['download'],
		},
	},
	[
		assetLocator,
		mediaLocator,
		binaryOutputField(),
		optionsCollection([
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description:
					"File name for the downloaded file. Leave empty to use the media's own file name.",
			},
		]),
	],
);

/** Streams the media file from the URL Media Pocket signs into n8n's binary store (never held in memory). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { assetId, mediaId } = getMediaIds.call(this, i);
	const property = getText.call(this, 'binaryPropertyName', i, 'Put Output File in Field').trim();
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const media = await findMedia.call(this, assetId, mediaId, i);
	const fileName = mediaFileName(media, options.fileName, mediaId);
	const url = await getDownloadUrl.call(this, assetId, mediaId, fileName, i);
	if (!url) {
		throw new NodeOperationError(
			this.getNode(),
			`Media Pocket has no download URL for media ${mediaId} of asset ${assetId}`,
			{ itemIndex: i, description: 'The file may still be processing; try again later' },
		);
	}
	const response = await streamDownload.call(this, url, i);
	const mimeType = typeof media.content_type === 'string' ? media.content_type : undefined;
	const binary = await binaryFromResponse.call(this, response, fileName, mimeType);
	if (options.fileName) binary.fileName = fileName;
	const json = {
		asset_id: assetId,
		media_id: Number(mediaId),
		filename: binary.fileName ?? fileName,
		mime_type: binary.mimeType,
		file_size: binary.fileSize ?? null,
		md5_sum: (media.md5_sum as string | undefined) ?? null,
	};
	return binaryItem(json, property, binary);
}
