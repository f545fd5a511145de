import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { findMedia, getDownloadUrl, mediaFileName } from './media';
import { binaryFromResponse } from '../../../shared/binary';
import { assetLocator, mediaLocator } from '../../helpers/descriptions';
import { getId, getNumericId } from '../../helpers/utils';
import { streamDownload } from '../../transport';

const show = { resource: ['asset'], operation: ['download'] };

export const description: INodeProperties[] = [
	assetLocator(show),
	mediaLocator(show),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description:
					"File name for the downloaded file. Leave empty to use the media's own file name.",
			},
		],
	},
];

/** Streams the media file from the URL Media Pocket signs into n8n's binary store (never held in memory). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const mediaId = getNumericId.call(this, 'mediaId', 'Media', i);
	const property = String(this.getNodeParameter('binaryPropertyName', i, 'data')).trim();
	if (!property) {
		throw new NodeOperationError(
			this.getNode(),
			'The parameter "Put Output File in Field" is empty',
			{ itemIndex: i },
		);
	}
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const media = await findMedia.call(this, assetId, mediaId, i);
	const fileName = mediaFileName(media, options.fileName, mediaId);
	const url = await getDownloadUrl.call(this, assetId, mediaId, fileName, i);
	if (!url) {
		throw new NodeOperationError(
			this.getNode(),
			`Media Pocket has no download URL for media ${mediaId} of asset ${assetId}`,
			{
				itemIndex: i,
				description: 'The file may still be processing; try again later',
			},
		);
	}
	const response = await streamDownload.call(this, url, i);
	const mimeType = typeof media.content_type === 'string' ? media.content_type : undefined;
	const binary = await binaryFromResponse.call(this, response, fileName, mimeType);
	if (options.fileName) binary.fileName = fileName;
	return {
		json: {
			asset_id: assetId,
			media_id: Number(mediaId),
			filename: binary.fileName ?? fileName,
			mime_type: binary.mimeType,
			file_size: binary.fileSize ?? null,
			md5_sum: media.md5_sum ?? null,
		},
		binary: { [property]: binary },
	};
}
