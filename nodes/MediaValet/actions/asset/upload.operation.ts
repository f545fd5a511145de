import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readBinaryInput } from '../../../shared/binary';
import { DamFlow, type Verified } from '../../../shared/flow';
import { uploadToAzureBlob, type BlobUploadResult } from '../../../shared/upload/azureBlob';
import {
	assetOutput,
	checkFileName,
	getCategoryIds,
	sendOnce,
	uploadSettings,
} from '../../helpers/utils';
import { field, isUuid, mvRequest, payloadOf } from '../../transport';
import {
	binaryPropertyName,
	includeMediaUrlsOption,
	uploadTuningOptions,
} from '../common.descriptions';

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

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['upload'] } },
	properties,
);

const STEPS = [
	'Create the upload',
	'Upload the file to Azure Blob storage',
	'Set the title and description',
	'Assign categories',
	'Add keywords',
	'Finalize the upload',
] as const;

/** The new asset as MediaValet answers GET /assets/{id}, or undefined when it is not in the library (404). */
async function readAsset(
	this: IExecuteFunctions,
	id: string,
	i: number,
): Promise<IDataObject | undefined> {
	const body = await mvRequest
		.call(this, { method: 'GET', url: `/assets/${id}` }, { itemIndex: i })
		.catch((error: { httpCode?: string }) =>
			error.httpCode === '404' ? undefined : Promise.reject(error),
		);
	const payload = payloadOf<IDataObject>(body);
	return payload && typeof payload === 'object' && !Array.isArray(payload) ? payload : undefined;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const property = this.getNodeParameter('binaryPropertyName', i) as string;
	const binary = this.helpers.assertBinaryData(i, property);
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const fileName = checkFileName.call(
		this,
		(fields.fileName as string) || binary.fileName || '',
		i,
		'File Name',
	);
	const categoryIds = getCategoryIds.call(this, i);
	const keywords = String(fields.keywords ?? '')
		.split(',')
		.map((keyword) => keyword.trim())
		.filter(Boolean);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const settings = uploadSettings.call(this, i);

	const flow = new DamFlow(this, {
		service: 'MediaValet',
		name: 'Upload',
		steps: STEPS,
		itemIndex: i,
	});
	let uploadId = '';
	let placeholder: 'none' | 'maybe' | 'unusable' | 'open' | 'cancelled' = 'none';
	flow.leaves(
		() =>
			({
				none: 'Nothing was created in MediaValet.',
				maybe:
					"MediaValet's answer was lost: it may hold an empty upload placeholder now (not in the library until finalized).",
				unusable:
					'MediaValet created an upload but returned no usable ID for it, so it could not be cancelled: look for a placeholder in MediaValet.',
				open: `The unfinished upload ${uploadId} stays in MediaValet as a placeholder: remove it there.`,
				cancelled: `The upload ${uploadId} was cancelled in MediaValet; no asset was created.`,
			})[placeholder],
	);

	// 1. The upload record: an asset placeholder and a write SAS URL. Sent once (a repeat would make a second placeholder).
	const created = await flow.step(STEPS[0], async () => {
		const body = await sendOnce(
			async () =>
				await mvRequest.call(
					this,
					{ method: 'POST', url: '/uploads', body: { filename: fileName } },
					{ itemIndex: i, commit: true },
				),
			() => (placeholder = 'maybe'),
		);
		return payloadOf<IDataObject>(body);
	});
	uploadId = String(field(created, 'id') ?? '');
	const uploadUrl = field(created, 'uploadUrl');
	const uploadFileName = String(field(created, 'uploadFileName') ?? fileName);
	placeholder = 'unusable';
	if (isUuid(uploadId)) {
		placeholder = 'open';
		// On any later failure, or a cancelled execution, the placeholder goes: a clean-up request still leaves after a cancel.
		flow.onFailure('Cancelling the upload', async () => {
			await mvRequest.call(
				this,
				{ method: 'DELETE', url: `/uploads/${uploadId}` },
				{ itemIndex: i, cleanup: true },
			);
			placeholder = 'cancelled';
		});
	}

	// 2. The bytes go straight to Azure Blob storage.
	const upload: BlobUploadResult = await flow.step(STEPS[1], async () => {
		// The ID goes into request paths: anything but a UUID is not used.
		if (!isUuid(uploadId) || typeof uploadUrl !== 'string' || !/^https?:\/\//i.test(uploadUrl)) {
			throw new NodeOperationError(
				this.getNode(),
				'MediaValet returned no usable upload ID or upload URL',
				{ itemIndex: i },
			);
		}
		const input = await readBinaryInput.call(this, i, property, fileName);
		if (input.size === 0) {
			throw new NodeOperationError(this.getNode(), `The binary field "${property}" is empty`, {
				itemIndex: i,
			});
		}
		return await uploadToAzureBlob.call(this, uploadUrl, input, settings);
	});

	// 3. Record fields, with the exact byte count.
	await flow.step(
		STEPS[2],
		async () =>
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
		await flow.step(
			STEPS[3],
			async () =>
				await mvRequest.call(
					this,
					{ method: 'POST', url: `/uploads/${uploadId}/categories`, body: categoryIds },
					{ itemIndex: i },
				),
		);
	}
	if (keywords.length) {
		await flow.step(
			STEPS[4],
			async () =>
				await mvRequest.call(
					this,
					{ method: 'POST', url: `/uploads/${uploadId}/keywords`, body: keywords },
					{ itemIndex: i },
				),
		);
	}

	// 6. Finalize: MediaValet starts processing the asset. A commit, sent once: when its answer is
	// lost, the asset read back says whether it is in the library (status 1) or still a placeholder.
	let verified = false;
	const readBack = async (): Promise<Verified<IDataObject | undefined>> => {
		const asset = await readAsset.call(this, uploadId, i);
		if (!asset || field(asset, 'status') !== 1) return { committed: false };
		verified = true;
		return { committed: true, value: asset };
	};
	const finalizedAsset = await flow.commit(
		STEPS[5],
		async () => {
			await mvRequest.call(
				this,
				{
					method: 'PATCH',
					url: `/uploads/${uploadId}`,
					body: [{ op: 'replace', path: '/status', value: 1 }],
				},
				{ itemIndex: i, commit: true },
			);
			return undefined;
		},
		readBack,
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
		...(verified
			? {
					verified: true,
					note: "MediaValet's answer to the finalize was lost; reading the asset back showed it in the library",
				}
			: {}),
	};
	// The asset is usually readable at once; MediaValet processes renditions in the background.
	let asset: IDataObject = finalizedAsset ?? { id: uploadId };
	if (!finalizedAsset) {
		try {
			asset = (await readAsset.call(this, uploadId, i)) ?? { id: uploadId, status: 'processing' };
		} catch {
			asset = { id: uploadId, status: 'processing' };
		}
	}
	return { ...assetOutput(asset, options.includeMediaUrls === true), upload: summary };
}
