import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { binaryInputField } from '../../../shared/descriptions';
import { actOnce, DamFlow, type Verified } from '../../../shared/flow';
import { checkDamId } from '../../../shared/ids';
import { jsonItems, type OperationItems } from '../../../shared/items';
import { UPLOAD_ID } from '../../helpers/ids';
import {
	assetOutput,
	findAsset,
	getCategoryIds,
	isHttpUrl,
	uploadBinary,
	uploadSource,
	uploadSummary,
} from '../../helpers/utils';
import { field, mediaValetApi, mvRequest, payloadOf } from '../../transport';
import { uploadOptions } from '../common.descriptions';

const properties: INodeProperties[] = [
	binaryInputField('Name of the binary field holding the file to upload'),
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
	uploadOptions,
];

const STEPS = [
	'Create the upload',
	'Upload the file to Azure Blob storage',
	'Set the title and description',
	'Assign categories',
	'Add keywords',
	'Finalize the upload',
] as const;

export async function execute(this: IExecuteFunctions, i: number): Promise<OperationItems> {
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const source = uploadSource.call(this, i, (fields.fileName as string) ?? '');
	const { fileName } = source;
	const categoryIds = getCategoryIds.call(this, i);
	const keywords = String(fields.keywords ?? '')
		.split(',')
		.map((keyword) => keyword.trim())
		.filter(Boolean);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;

	const { service } = mediaValetApi;
	const flow = new DamFlow(this, {
		service,
		name: 'Upload',
		steps: STEPS,
		itemIndex: i,
	});
	let uploadId = '';
	let placeholder: 'none' | 'unusable' | 'open' | 'cancelled' = 'none';
	flow.leaves(
		() =>
			({
				// Also true when the answer to step 1 was lost: a placeholder is not in the library.
				none: 'Nothing was created in the MediaValet library.',
				unusable:
					'MediaValet created an upload but returned no usable ID for it, so it could not be cancelled: look for a placeholder in MediaValet.',
				open: `The unfinished upload ${uploadId} stays in MediaValet as a placeholder: remove it there.`,
				cancelled: `The upload ${uploadId} was cancelled in MediaValet; no asset was created.`,
			})[placeholder],
	);

	// 1. The upload record: an asset placeholder and a write SAS URL. Sent once (a repeat would make
	// a second placeholder). Its ID goes into request paths: anything but a UUID is not used.
	const created = await flow.step(STEPS[0], async () => {
		const { value } = await actOnce(this, {
			service,
			itemIndex: i,
			work: async () =>
				await mvRequest.call(
					this,
					{ method: 'POST', url: '/uploads', body: { filename: fileName } },
					{ itemIndex: i, commit: true },
				),
			mayHave: 'created an empty upload placeholder (not in the library until finalized)',
		});
		const payload = payloadOf<IDataObject>(value);
		placeholder = 'unusable';
		uploadId = checkDamId.call(this, field(payload, 'id'), 'an upload ID', UPLOAD_ID, i);
		return payload;
	});
	const uploadUrl = field(created, 'uploadUrl');
	const uploadFileName = String(field(created, 'uploadFileName') ?? fileName);
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

	// 2. The bytes go straight to Azure Blob storage.
	const upload = await flow.step(STEPS[1], async () => {
		if (!isHttpUrl(uploadUrl)) {
			throw new NodeOperationError(this.getNode(), 'MediaValet returned no usable upload URL', {
				itemIndex: i,
			});
		}
		return await uploadBinary.call(this, i, source, uploadUrl);
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

	// 4 and 5. Categories and keywords, each a list posted to the upload.
	const lists = [
		{ step: STEPS[3], path: 'categories', values: categoryIds },
		{ step: STEPS[4], path: 'keywords', values: keywords },
	];
	for (const { step, path, values } of lists) {
		if (values.length === 0) continue;
		await flow.step(
			step,
			async () =>
				await mvRequest.call(
					this,
					{ method: 'POST', url: `/uploads/${uploadId}/${path}`, body: values },
					{ itemIndex: i },
				),
		);
	}

	// 6. Finalize: MediaValet starts processing the asset. A commit, sent once: when its answer is
	// lost, the asset read back says whether it is in the library (status 1) or still a placeholder.
	let verified = false;
	const readBack = async (): Promise<Verified<IDataObject | undefined>> => {
		const asset = await findAsset.call(this, uploadId, i, { missingOk: true });
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
		...uploadSummary(
			fileName,
			upload,
			verified
				? "MediaValet's answer to the finalize was lost; reading the asset back showed it in the library"
				: undefined,
		),
		categoryIds,
		keywords,
	};
	// The asset is usually readable at once; MediaValet processes renditions in the background.
	// The upload is done: a failing read of the result must not report it as failed.
	const asset = finalizedAsset ??
		(await findAsset.call(this, uploadId, i, { missingOk: true }).catch(() => undefined)) ?? {
			id: uploadId,
			status: 'processing',
		};
	return jsonItems({ ...assetOutput(asset, options.includeMediaUrls === true), upload: summary });
}

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['upload'] } },
	properties,
);

export const option = {
	name: 'Upload',
	description: 'Upload a file as a new asset',
	action: 'Upload an asset',
};
