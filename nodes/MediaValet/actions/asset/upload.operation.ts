import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readBinaryInput } from '../../../shared/binary';
import { redactUrls } from '../../../shared/errors';
import { uploadToAzureBlob, type BlobUploadResult } from '../../../shared/upload/azureBlob';
import { assetOutput, checkFileName, stepFailure, uploadSettings } from '../../helpers/utils';
import { field, isUuid, mvRequest, payloadOf } from '../../transport';
import { binaryPropertyName, includeMediaUrlsOption, uploadTuningOptions } from '../common.descriptions';

const properties: INodeProperties[] = [
	binaryPropertyName('Name of the binary field holding the file to upload'),
	{
		displayName: 'Category Names or IDs',
		name: 'categoryIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getCategories' },
		default: [],
		description:
			'Categories to put the new asset in: MediaValet shows assets inside categories. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
			},
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: "File name in MediaValet. Leave empty to use the binary data's file name.",
			},
			{
				displayName: 'Keywords',
				name: 'keywords',
				type: 'string',
				default: '',
				placeholder: 'e.g. clouds, mountains',
				description: 'Comma-separated keywords to add to the asset',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'Title of the asset. Leave empty to use the file name.',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...uploadTuningOptions, includeMediaUrlsOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['asset'], operation: ['upload'] } }, properties);

const STEPS = [
	'Create the upload',
	'Upload the file to Azure Blob storage',
	'Set the title and description',
	'Assign categories',
	'Add keywords',
	'Finalize the upload',
] as const;

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const property = this.getNodeParameter('binaryPropertyName', i) as string;
	const binary = this.helpers.assertBinaryData(i, property);
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const fileName = checkFileName.call(this, (fields.fileName as string) || binary.fileName || '', i, 'File Name');
	const categoryIds = ((this.getNodeParameter('categoryIds', i, []) as string[]) ?? []).map((id) => String(id).trim());
	const badCategory = categoryIds.find((id) => !isUuid(id));
	if (badCategory !== undefined) {
		throw new NodeOperationError(this.getNode(), `"${badCategory}" in "Categories" is not a MediaValet category ID`, { itemIndex: i });
	}
	const keywords = String(fields.keywords ?? '')
		.split(',')
		.map((keyword) => keyword.trim())
		.filter(Boolean);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const settings = uploadSettings.call(this, i);

	// 1. The upload record: an asset placeholder and a write SAS URL.
	let created: IDataObject;
	try {
		const body = await mvRequest.call(this, { method: 'POST', url: '/uploads', body: { filename: fileName } }, { itemIndex: i });
		created = payloadOf<IDataObject>(body);
	} catch (error) {
		throw stepFailure.call(this, error, {
			flow: 'Upload',
			step: STEPS[0],
			number: 1,
			of: STEPS.length,
			state: 'Nothing was created in MediaValet.',
			itemIndex: i,
		});
	}
	const uploadId = String(field(created, 'id') ?? '');
	const uploadUrl = field(created, 'uploadUrl');
	const uploadFileName = String(field(created, 'uploadFileName') ?? fileName);

	/** Cancels the placeholder on any later failure, so nothing half-made stays in the library. */
	const cancelled = async (): Promise<string> => {
		try {
			await mvRequest.call(this, { method: 'DELETE', url: `/uploads/${uploadId}` }, { itemIndex: i });
			return `The upload ${uploadId} was cancelled in MediaValet; no asset was created.`;
		} catch (cancelError) {
			return `Cancelling the upload ${uploadId} in MediaValet failed too (${redactUrls(
				(cancelError as Error).message,
			)}): remove the placeholder asset in MediaValet.`;
		}
	};
	const run = async <T>(index: number, work: () => Promise<T>): Promise<T> => {
		try {
			return await work();
		} catch (error) {
			throw stepFailure.call(this, error, {
				flow: 'Upload',
				step: STEPS[index],
				number: index + 1,
				of: STEPS.length,
				state: await cancelled(),
				itemIndex: i,
			});
		}
	};

	// 2. The bytes go straight to Azure Blob storage.
	const upload: BlobUploadResult = await run(1, async () => {
		if (!uploadId || typeof uploadUrl !== 'string' || !/^https?:\/\//i.test(uploadUrl)) {
			throw new NodeOperationError(this.getNode(), 'MediaValet returned no upload ID or upload URL', { itemIndex: i });
		}
		const input = await readBinaryInput.call(this, i, property, fileName);
		if (input.size === 0) {
			throw new NodeOperationError(this.getNode(), `The binary field "${property}" is empty`, { itemIndex: i });
		}
		return await uploadToAzureBlob(this, uploadUrl, input, settings);
	});

	// 3. Record fields, with the exact byte count.
	await run(2, async () =>
		await mvRequest.call(
			this,
			{
				method: 'PUT',
				url: `/uploads/${uploadId}`,
				body: {
					id: uploadId,
					filename: uploadFileName,
					title: (fields.title as string) || fileName,
					description: (fields.description as string) ?? '',
					fileSizeInBytes: upload.size,
				},
			},
			{ itemIndex: i },
		),
	);

	// 4 and 5. Categories and keywords.
	if (categoryIds.length) {
		await run(3, async () =>
			await mvRequest.call(this, { method: 'POST', url: `/uploads/${uploadId}/categories`, body: categoryIds }, { itemIndex: i }),
		);
	}
	if (keywords.length) {
		await run(4, async () =>
			await mvRequest.call(this, { method: 'POST', url: `/uploads/${uploadId}/keywords`, body: keywords }, { itemIndex: i }),
		);
	}

	// 6. Finalize: MediaValet starts processing the asset.
	await run(5, async () =>
		await mvRequest.call(
			this,
			{ method: 'PATCH', url: `/uploads/${uploadId}`, body: [{ op: 'replace', path: '/status', value: 1 }] },
			{ itemIndex: i },
		),
	);

	const summary: IDataObject = {
		fileName,
		size: upload.size,
		md5: upload.md5,
		uploadMethod: upload.method,
		blocks: upload.blocks,
		blockSize: upload.blockSize,
		categoryIds,
		keywords,
	};
	// The asset is usually readable at once; MediaValet processes renditions in the background.
	let asset: IDataObject = { id: uploadId };
	try {
		const body = await mvRequest.call(this, { method: 'GET', url: `/assets/${uploadId}` }, { itemIndex: i });
		const payload = payloadOf<IDataObject>(body);
		if (payload && typeof payload === 'object' && !Array.isArray(payload)) asset = payload;
	} catch {
		asset = { id: uploadId, status: 'processing' };
	}
	return { ...assetOutput(asset, options.includeMediaUrls === true), upload: summary };
}
