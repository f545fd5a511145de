import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readBinaryInput } from '../../../shared/binary';
import {
	baseFileName,
	locator,
	overwriteOptions,
	readOverwrite,
	readUploadTuning,
	uploadTuningOptions,
} from '../common';
import { getGuid, getOptionalGuid } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { multipartUpload } from '../../helpers/upload';

const show = { resource: ['asset'], operation: ['uploadRelated'] };

export const description: INodeProperties[] = [
	locator('asset', {
		displayName: 'Asset',
		name: 'assetId',
		description: 'The file asset the related file (subtitle, proxy, thumbnail...) belongs to',
		show,
	}),
	{
		displayName: 'Related Asset Type ID',
		name: 'relatedAssetType',
		type: 'string',
		default: '',
		placeholder: '5c0b56e9-2f62-4f19-9b0f-9a1b7e2a7c11',
		description:
			'ID of the related-asset metadata type in your Nomad Media environment (for example its Subtitle, Proxy or Thumbnail type). Not needed when replacing an existing related file.',
		displayOptions: { show },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the related file',
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
				placeholder: 'interview.en.vtt',
				description:
					"Name of the related file, with its extension. Defaults to the binary's file name (its base name only).",
			},
			...overwriteOptions,
			{
				displayName: 'Language ID',
				name: 'languageId',
				type: 'string',
				default: '',
				description: 'ID of the language of the related file (for subtitles)',
			},
			...uploadTuningOptions,
			{
				displayName: 'Replace Related Asset ID',
				name: 'relatedAssetId',
				type: 'string',
				default: '',
				description: 'ID of an existing related file of the asset to replace with this upload',
			},
		],
	},
];

/** Multipart upload of a related file onto an asset (POST /asset/upload/start-related-asset, then parts, then complete). */
export async function execute(this: IExecuteFunctions, i: number) {
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
			{
				itemIndex: i,
			},
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
		{
			concurrency: tuning.concurrency,
		},
	);
	const first = ((result.complete.items as IDataObject[]) ?? [])[0] ?? {};
	return {
		assetId: parentId,
		relatedAssetId: String(first.id ?? result.assetId),
		relatedAssetType: typeId ?? null,
		uploadId: result.uploadId,
		fileName,
		mimeType: input.mimeType,
		size: result.size,
		md5: result.md5,
		partCount: result.partCount,
		partSize: result.partSize,
		result: toOutput(result.complete),
	};
}
