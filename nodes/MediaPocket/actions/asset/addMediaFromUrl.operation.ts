import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { assetLocator } from '../../helpers/descriptions';
import { getId } from '../../helpers/utils';
import { assetPath, mediaPocketRequest } from '../../transport';

const show = { resource: ['asset'], operation: ['addMediaFromUrl'] };

export const description: INodeProperties[] = [
	assetLocator(show),
	{
		displayName: 'File URL',
		name: 'fileUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://files.example.com/photo.jpg',
		description:
			'An http(s) address Media Pocket can download the file from (for example a presigned S3 URL). Media Pocket has no direct upload: it fetches the file itself, after this call returns.',
		displayOptions: { show },
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. photo.jpg',
		description: "Original file name. Leave empty to use the last part of the URL's path.",
		displayOptions: { show },
	},
];

function fileNameFromUrl(url: string): string {
	try {
		const last = new URL(url).pathname.split('/').filter(Boolean).pop();
		return last ? decodeURIComponent(last) : '';
	} catch {
		return '';
	}
}

/** Starts Media Pocket's ingest from the URL; the media appears on the asset when the ingest finishes. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const fileUrl = String(this.getNodeParameter('fileUrl', i, '')).trim();
	if (!fileUrl)
		throw new NodeOperationError(this.getNode(), 'The parameter "File URL" is empty', {
			itemIndex: i,
		});
	const fileName =
		String(this.getNodeParameter('fileName', i, '')).trim() || fileNameFromUrl(fileUrl);
	if (!fileName) {
		throw new NodeOperationError(
			this.getNode(),
			'The parameter "File Name" is empty and the URL has no file name to use',
			{
				itemIndex: i,
			},
		);
	}
	const response = await mediaPocketRequest.call(this, 'POST', assetPath(assetId, 'media'), {
		body: { file_url: fileUrl, filename: fileName },
		itemIndex: i,
		creates: {
			what: 'media (an ingest of the file)',
			check: "the asset's media (Asset > Get Media)",
		},
	});
	// The file URL is not echoed: it may be a signed URL.
	return { success: true, asset_id: assetId, filename: fileName, message: response.ok ?? null };
}
