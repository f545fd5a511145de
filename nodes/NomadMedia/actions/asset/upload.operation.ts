import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readBinaryInput } from '../../../shared/binary';
import { fetchAsset, locator, uploadTuningOptions } from '../common';
import { getOptionalGuid } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { MiB, multipartUpload } from '../../helpers/upload';

const show = { resource: ['asset'], operation: ['upload'] };

export const overwriteOption: INodeProperties = {
	displayName: 'If the File Exists',
	name: 'uploadOverwriteOption',
	type: 'options',
	options: [
		{ name: 'Continue Its Upload', value: 'Continue', description: 'Resume an unfinished upload of the same file' },
		{ name: 'Fail', value: 'Cancel', description: 'Stop with an error when the folder already has a file of that name' },
		{ name: 'Replace the Asset', value: 'AssetReplace', description: 'Replace the existing asset' },
		{ name: 'Replace the File', value: 'Replace', description: 'Erase the existing file and upload this one' },
	],
	default: 'Replace',
	description: 'What Nomad Media does when the file is already there',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to upload',
		displayOptions: { show },
	},
	locator('folder', {
		displayName: 'Parent Folder',
		name: 'parentId',
		description: "Folder or bucket to upload into. Leave empty to use Nomad Media's incoming folder.",
		show,
		required: false,
	}),
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
				placeholder: 'interview.mp4',
				description: "Name of the asset, with its extension. Defaults to the binary's file name.",
			},
			overwriteOption,
			{
				displayName: 'Language ID',
				name: 'languageId',
				type: 'string',
				default: '',
				description: "ID of the asset's language; empty uses the system default",
			},
			...uploadTuningOptions,
			{
				displayName: 'Replace Asset ID',
				name: 'existingAssetId',
				type: 'string',
				default: '',
				placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
				description:
					'Upload onto this existing file asset or placeholder instead of creating a new asset (parent folder and file name are then ignored)',
			},
			{
				displayName: 'Subfolder Path',
				name: 'subfolderPath',
				type: 'string',
				default: '',
				placeholder: '2025/June',
				description: 'Folders below the parent folder to put the file in; Nomad Media creates the missing ones',
			},
		],
	},
];

/**
 * Multipart upload of a binary to a folder: start, PUT the parts to storage, confirm each part
 * with its ETag, complete; cancelled on Nomad Media when anything fails. Returns the new asset.
 */
export async function execute(this: IExecuteFunctions, i: number) {
	const property = this.getNodeParameter('binaryPropertyName', i) as string;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const input = await readBinaryInput.call(this, i, property, (options.fileName as string)?.trim() || undefined);
	const parentId = getOptionalGuid.call(this, 'parentId', i, 'Parent Folder');
	const existingAssetId = getOptionalGuid.call(this, 'options.existingAssetId', i, 'Replace Asset ID');
	const languageId = getOptionalGuid.call(this, 'options.languageId', i, 'Language ID');
	if (!/\.[A-Za-z0-9]{1,8}$/.test(input.fileName) && !existingAssetId) {
		throw new NodeOperationError(this.getNode(), `The file name "${input.fileName}" has no extension; Nomad Media needs one`, {
			itemIndex: i,
			description: 'Set the "File Name" option, e.g. interview.mp4',
		});
	}
	const subfolder = String(options.subfolderPath ?? '')
		.split('/')
		.map((segment) => segment.trim())
		.filter(Boolean)
		.join('/');
	const body: IDataObject = {
		displayName: input.fileName,
		relativePath: subfolder ? `${subfolder}/${input.fileName}` : input.fileName,
		contentLength: input.size,
		chunkSize: Math.round(Number(options.partSizeMiB ?? 8) * MiB),
		uploadOverwriteOption: (options.uploadOverwriteOption as string) || 'Replace',
	};
	if (parentId) body.parentId = parentId;
	if (existingAssetId) body.existingAssetId = existingAssetId;
	if (languageId) body.languageId = languageId;

	const result = await multipartUpload.call(this, i, input, { path: '/asset/upload/start', body }, {
		concurrency: Number(options.concurrency ?? 4),
	});
	const assetId = result.assetId || String(((result.complete.items as IDataObject[]) ?? [])[0]?.id ?? '');
	const asset = assetId ? await fetchAsset.call(this, assetId.toLowerCase(), i) : {};
	return {
		...asset,
		upload: {
			uploadId: result.uploadId,
			fileName: input.fileName,
			mimeType: input.mimeType,
			size: result.size,
			md5: result.md5,
			partCount: result.partCount,
			partSize: result.partSize,
			result: toOutput(result.complete),
		},
	};
}
