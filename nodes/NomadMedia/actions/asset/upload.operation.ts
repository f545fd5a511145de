import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readBinaryInput } from '../../../shared/binary';
import { binaryInputField, optionsCollection } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import {
	fileNameOption,
	overwriteOptions,
	parentFolderLocator,
	uploadTuning,
} from '../../helpers/descriptions';
import { answeredGuid, getOptionalGuid } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { multipartUpload, uploadSummary } from '../../helpers/upload';
import { baseFileName, fetchAsset, readOverwrite, readUploadTuning } from '../common';

export const option = {
	name: 'Upload',
	description: 'Upload a file from a binary field',
	action: 'Upload a file',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['upload'],
		},
	},
	[
		binaryInputField('The file to upload'),
		parentFolderLocator(
			"Folder or bucket to upload into. Leave empty to use Nomad Media's incoming folder.",
			false,
		),
		optionsCollection([
			fileNameOption(
				'interview.mp4',
				"Name of the asset, with its extension. Defaults to the binary's file name. Only its base name is used: folders come from Subfolder Path.",
			),
			...overwriteOptions,
			{
				displayName: 'Language ID',
				name: 'languageId',
				type: 'string',
				default: '',
				description: "ID of the asset's language; empty uses the system default",
			},
			...uploadTuning,
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
		]),
	],
);

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
 * Multipart upload of a binary to a folder (the shared flow: start, PUT the parts to storage,
 * confirm each part with its ETag, complete; cancelled on Nomad Media when a step fails). Returns
 * the new asset with the upload summary. The file goes under its base name; only the Subfolder
 * Path creates folders.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
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
		{ concurrency: tuning.concurrency },
	);
	const assetId =
		result.assetId || String(((result.complete.items as IDataObject[]) ?? [])[0]?.id ?? '');
	const asset = assetId
		? await fetchAsset.call(
				this,
				answeredGuid.call(this, assetId, 'an asset ID for the uploaded file', i),
				i,
			)
		: {};
	return jsonItems({
		...asset,
		upload: {
			uploadId: result.uploadId,
			...uploadSummary(fileName, result),
			mimeType: input.mimeType,
			result: toOutput(result.complete),
		},
	});
}
