import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readBinaryInput } from '../../../shared/binary';
import {
	baseFileName,
	fetchAsset,
	locator,
	overwriteOptions,
	readOverwrite,
	readUploadTuning,
	uploadTuningOptions,
} from '../common';
import { answeredGuid, getOptionalGuid } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { multipartUpload } from '../../helpers/upload';

const show = { resource: ['asset'], operation: ['upload'] };

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
		description:
			"Folder or bucket to upload into. Leave empty to use Nomad Media's incoming folder.",
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
				description:
					"Name of the asset, with its extension. Defaults to the binary's file name. Only its base name is used: folders come from Subfolder Path.",
			},
			...overwriteOptions,
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
				description:
					'Folders below the parent folder to put the file in; Nomad Media creates the missing ones. The only way to create folders: a "/" in the file name does not.',
			},
		],
	},
];

/** The Subfolder Path as folder names: "." and ".." are refused (they would not name a folder below the parent). */
function readSubfolder(this: IExecuteFunctions, i: number, raw: unknown): string {
	const segments = String(raw ?? '')
		.split('/')
		.map((segment) => segment.trim())
		.filter(Boolean);
	if (segments.some((segment) => segment === '.' || segment === '..' || segment.includes('\\'))) {
		throw new NodeOperationError(
			this.getNode(),
			`"Subfolder Path" must name folders below the parent folder, got "${String(raw)}"`,
			{
				itemIndex: i,
				description:
					'Separate folder names with "/", e.g. 2025/June; "." and ".." are not folder names',
			},
		);
	}
	return segments.join('/');
}

/**
 * Multipart upload of a binary to a folder: start, PUT the parts to storage, confirm each part
 * with its ETag, complete; cancelled on Nomad Media when anything fails. Returns the new asset.
 * The file goes under its base name; only the Subfolder Path creates folders.
 */
export async function execute(this: IExecuteFunctions, i: number) {
	const property = this.getNodeParameter('binaryPropertyName', i) as string;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const tuning = readUploadTuning.call(this, i);
	const input = await readBinaryInput.call(
		this,
		i,
		property,
		(options.fileName as string)?.trim() || undefined,
	);
	const fileName = baseFileName.call(this, i, input.fileName);
	const parentId = getOptionalGuid.call(this, 'parentId', i, 'Parent Folder');
	const existingAssetId = getOptionalGuid.call(
		this,
		'options.existingAssetId',
		i,
		'Replace Asset ID',
	);
	const languageId = getOptionalGuid.call(this, 'options.languageId', i, 'Language ID');
	if (!/\.[A-Za-z0-9]{1,8}$/.test(fileName) && !existingAssetId) {
		throw new NodeOperationError(
			this.getNode(),
			`The file name "${fileName}" has no extension; Nomad Media needs one`,
			{
				itemIndex: i,
				description: 'Set the "File Name" option, e.g. interview.mp4',
			},
		);
	}
	const subfolder = readSubfolder.call(this, i, options.subfolderPath);
	const body: IDataObject = {
		displayName: fileName,
		relativePath: subfolder ? `${subfolder}/${fileName}` : fileName,
		contentLength: input.size,
		chunkSize: tuning.chunkSize,
		uploadOverwriteOption: readOverwrite.call(this, i, options, !!existingAssetId),
	};
	if (parentId) body.parentId = parentId;
	if (existingAssetId) body.existingAssetId = existingAssetId;
	if (languageId) body.languageId = languageId;

	const result = await multipartUpload.call(
		this,
		i,
		input,
		{ path: '/asset/upload/start', body, name: 'Upload' },
		{
			concurrency: tuning.concurrency,
		},
	);
	const assetId =
		result.assetId || String(((result.complete.items as IDataObject[]) ?? [])[0]?.id ?? '');
	const asset = assetId
		? await fetchAsset.call(this, answeredGuid.call(this, assetId, 'asset ID for the upload', i), i)
		: {};
	return {
		...asset,
		upload: {
			uploadId: result.uploadId,
			fileName,
			mimeType: input.mimeType,
			size: result.size,
			md5: result.md5,
			partCount: result.partCount,
			partSize: result.partSize,
			result: toOutput(result.complete),
		},
	};
}
