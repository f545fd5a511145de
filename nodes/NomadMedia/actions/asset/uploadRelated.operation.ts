import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readBinaryInput } from '../../../shared/binary';
import { binaryInputField, optionsCollection } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import {
	assetLocator,
	fileNameOption,
	overwriteOptions,
	uploadTuning,
} from '../../helpers/descriptions';
import { getGuid, getOptionalGuid } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { multipartUpload, uploadSummary } from '../../helpers/upload';
import { baseFileName, readOverwrite, readUploadTuning } from '../common';

export const option = {
	name: 'Upload Related File',
	description: 'Upload a subtitle, proxy, thumbnail or other related file to an asset',
	action: 'Upload a related file',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['uploadRelated'],
		},
	},
	[
		assetLocator('The file asset the related file (subtitle, proxy, thumbnail...) belongs to'),
		{
			displayName: 'Related Asset Type ID',
			name: 'relatedAssetType',
			type: 'string',
			default: '',
			placeholder: '5c0b56e9-2f62-4f19-9b0f-9a1b7e2a7c11',
			description:
				'ID of the related-asset metadata type in your Nomad Media environment (for example its Subtitle, Proxy or Thumbnail type). Not needed when replacing an existing related file.',
		},
		binaryInputField('The related file to upload'),
		optionsCollection([
			fileNameOption(
				'interview.en.vtt',
				"Name of the related file, with its extension. Defaults to the binary's file name (its base name only).",
			),
			...overwriteOptions,
			{
				displayName: 'Language ID',
				name: 'languageId',
				type: 'string',
				default: '',
				description: 'ID of the language of the related file (for subtitles)',
			},
			...uploadTuning,
			{
				displayName: 'Replace Related Asset ID',
				name: 'relatedAssetId',
				type: 'string',
				default: '',
				description: 'ID of an existing related file of the asset to replace with this upload',
			},
		]),
	],
);

/** Multipart upload of a related file onto an asset (POST /asset/upload/start-related-asset, then parts, then complete). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const parentId = getGuid.call(this, 'assetId', i, 'Asset');
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const relatedAssetId = getOptionalGuid.call(
		this,
		'options.relatedAssetId',
		i,
		'Replace Related Asset ID',
	);
	const typeId = getOptionalGuid.call(this, 'relatedAssetType', i, 'Related Asset Type ID');
	if (!typeId && !relatedAssetId) {
		throw new NodeOperationError(
			this.getNode(),
			'"Related Asset Type ID" is required (unless a related file is replaced)',
			{ itemIndex: i },
		);
	}
	const languageId = getOptionalGuid.call(this, 'options.languageId', i, 'Language ID');
	const tuning = readUploadTuning.call(this, i);
	const property = this.getNodeParameter('binaryPropertyName', i) as string;
	const input = await readBinaryInput.call(
		this,
		i,
		property,
		(options.fileName as string)?.trim() || undefined,
	);
	const fileName = baseFileName.call(this, i, input.fileName);
	const body: IDataObject = {
		existingAssetId: parentId,
		relatedAssetId: relatedAssetId ?? null,
		newRelatedAssetMetadataType: typeId ?? null,
		relativePath: fileName,
		contentLength: input.size,
		chunkSize: tuning.chunkSize,
		uploadOverwriteOption: readOverwrite.call(this, i, options, !!relatedAssetId),
		languageId: languageId ?? null,
	};
	const result = await multipartUpload.call(
		this,
		i,
		input,
		{ path: '/asset/upload/start-related-asset', body, name: 'Related file upload' },
		{ concurrency: tuning.concurrency },
	);
	const first = ((result.complete.items as IDataObject[]) ?? [])[0] ?? {};
	return jsonItems({
		assetId: parentId,
		relatedAssetId: String(first.id ?? result.assetId),
		relatedAssetType: typeId ?? null,
		uploadId: result.uploadId,
		...uploadSummary(fileName, result),
		mimeType: input.mimeType,
		result: toOutput(result.complete),
	});
}
