import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/ids';
import { getText } from '../../helpers/utils';
import { assetPath, mediaPocketCreate } from '../../transport';

export const option = {
	name: 'Add Media From URL',
	description: 'Have Media Pocket fetch a file from a URL into the asset',
	action: 'Add media from a URL',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['addMediaFromUrl'],
		},
	},
	[
		assetLocator,
		{
			displayName: 'File URL',
			name: 'fileUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://files.example.com/photo.jpg',
			description:
				'An http(s) address Media Pocket can download the file from (for example a presigned S3 URL). Media Pocket has no direct upload: it fetches the file itself, after this call returns.',
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. photo.jpg',
			description: "Original file name. Leave empty to use the last part of the URL's path.",
		},
	],
);

function fileNameFromUrl(url: string): string {
	try {
		const last = new URL(url).pathname.split('/').filter(Boolean).pop();
		return last ? decodeURIComponent(last) : '';
	} catch {
		return '';
	}
}

/** The file name the user gave, else the URL's; one of them must be there. */
function getFileName(this: IExecuteFunctions, i: number, fileUrl: string): string {
	const fileName =
		String(this.getNodeParameter('fileName', i, '') ?? '').trim() || fileNameFromUrl(fileUrl);
	if (!fileName) {
		throw new NodeOperationError(
			this.getNode(),
			'The "File Name" parameter is empty and the URL has no file name to use',
			{ itemIndex: i },
		);
	}
	return fileName;
}

/** Starts Media Pocket's ingest from the URL; the media appears on the asset when the ingest finishes. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getAssetId.call(this, i);
	const fileUrl = getText.call(this, 'fileUrl', i, 'File URL').trim();
	const fileName = getFileName.call(this, i, fileUrl);
	const response = await mediaPocketCreate.call(
		this,
		assetPath(assetId, 'media'),
		i,
		"started the ingest of the file (see the asset's media: Asset > Get Media)",
		{ file_url: fileUrl, filename: fileName },
	);
	// The file URL is not echoed: it may be a signed URL.
	return jsonItems({
		success: true,
		asset_id: assetId,
		filename: fileName,
		message: (response.ok as string | undefined) ?? null,
	});
}
