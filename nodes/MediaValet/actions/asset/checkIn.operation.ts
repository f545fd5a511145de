import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readBinaryInput } from '../../../shared/binary';
import { uploadToAzureBlob, type BlobUploadResult } from '../../../shared/upload/azureBlob';
import {
	assetOutput,
	checkFileName,
	getAsset,
	getAssetId,
	stepFailure,
	uploadSettings,
	versionOf,
} from '../../helpers/utils';
import { field, mvRequest, payloadOf } from '../../transport';
import { assetLocator, binaryPropertyName, includeMediaUrlsOption, uploadTuningOptions } from '../common.descriptions';

const properties: INodeProperties[] = [
	assetLocator,
	binaryPropertyName('Name of the binary field holding the new version of the file'),
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. hero-image_v2.jpg',
		description:
			"File name of the new version. MediaValet refuses a name another asset already has. Leave empty to use the binary data's file name.",
	},
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		default: '',
		placeholder: 'e.g. Colour corrected',
		description: 'Check-in comment recorded with the new version',
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

export const description = updateDisplayOptions({ show: { resource: ['asset'], operation: ['checkIn'] } }, properties);

const STEPS = [
	'Read the asset',
	'Validate the file name',
	'Get the upload URL',
	'Upload the file to Azure Blob storage',
	'Finalize the check-in',
] as const;

interface UploadSlot {
	uploadUrl: string;
	uploadFileName: string;
	mediaFileId: string;
	links?: unknown;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getAssetId.call(this, i);
	const property = this.getNodeParameter('binaryPropertyName', i) as string;
	const binary = this.helpers.assertBinaryData(i, property);
	const fileName = checkFileName.call(
		this,
		(this.getNodeParameter('fileName', i, '') as string) || binary.fileName || '',
		i,
		'File Name',
	);
	const comment = this.getNodeParameter('comment', i, '') as string;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const settings = uploadSettings.call(this, i);

	let previousVersion: number | undefined;
	const state = (uploaded: boolean) =>
		`Asset ${assetId} is still checked out and keeps version ${previousVersion ?? 'as it was'}; nothing was finalized.` +
		(uploaded
			? ' The file reached storage but MediaValet did not attach it to the asset.'
			: ' Run the check-in again (MediaValet issues a new upload URL) or undo the check-out in MediaValet.');
	const run = async <T>(index: number, work: () => Promise<T>, uploaded = false): Promise<T> => {
		try {
			return await work();
		} catch (error) {
			throw stepFailure.call(this, error, {
				flow: 'Check-in',
				step: STEPS[index],
				number: index + 1,
				of: STEPS.length,
				state: state(uploaded),
				itemIndex: i,
			});
		}
	};

	// 1. The asset must be checked out: otherwise MediaValet has no pending check-in to finalize.
	const before = await run(0, async () => await getAsset.call(this, assetId, i));
	previousVersion = versionOf(before);
	if (!field(before, 'checkedOutBy')) {
		throw new NodeOperationError(this.getNode(), `Asset ${assetId} is not checked out: check it out before checking in a new version`, {
			itemIndex: i,
			description: 'Nothing was changed. Use the "Check Out" operation first.',
		});
	}

	// 2. MediaValet validates the new file name (409 when another asset has it).
	await run(1, async () =>
		await mvRequest.call(
			this,
			{
				method: 'POST',
				url: `/assetCheckIn/${assetId}/validate`,
				body: JSON.stringify(fileName),
				headers: { 'Content-Type': 'application/json' },
			},
			{ itemIndex: i },
		),
	);

	// 3. A write SAS URL for the new version.
	const slot = await run(2, async (): Promise<UploadSlot> => {
		const body = await mvRequest.call(this, { method: 'GET', url: `/assetCheckIn/${assetId}` }, { itemIndex: i });
		const payload = payloadOf(body);
		const uploadUrl = field(payload, 'uploadUrl');
		if (typeof uploadUrl !== 'string' || !/^https?:\/\//i.test(uploadUrl)) {
			throw new NodeOperationError(this.getNode(), 'MediaValet returned no upload URL', { itemIndex: i });
		}
		return {
			uploadUrl,
			uploadFileName: String(field(payload, 'uploadFileName') ?? ''),
			mediaFileId: String(field(payload, 'mediaFileId') ?? ''),
			links: field(payload, '_links'),
		};
	});

	// 4. The bytes go straight to Azure Blob storage: Put Blob for small files, blocks otherwise.
	const upload: BlobUploadResult = await run(3, async () => {
		const input = await readBinaryInput.call(this, i, property, fileName);
		if (input.size === 0) {
			throw new NodeOperationError(this.getNode(), `The binary field "${property}" is empty`, { itemIndex: i });
		}
		return await uploadToAzureBlob(this, slot.uploadUrl, input, settings);
	});

	// 5. Finalize with the comment and the exact byte count.
	const finalized = await run(
		4,
		async () =>
			await mvRequest.call(
				this,
				{
					method: 'PUT',
					url: `/assetCheckIn/${assetId}`,
					body: {
						id: assetId,
						uploadUrl: slot.uploadUrl,
						uploadFileName: slot.uploadFileName,
						mediaFileId: slot.mediaFileId,
						...(slot.links && typeof slot.links === 'object' ? { _links: slot.links as IDataObject } : {}),
						status: 0,
						comment,
						fileSizeInBytes: upload.size,
						fileName,
						whenCancelled: {},
					},
				},
				{ itemIndex: i },
			),
		true,
	);

	let after = payloadOf<IDataObject>(finalized);
	if (!after || typeof after !== 'object' || !field(after, 'id')) {
		after = await getAsset.call(this, assetId, i);
	}
	return {
		...assetOutput(after, options.includeMediaUrls === true),
		checkIn: {
			fileName,
			size: upload.size,
			md5: upload.md5,
			uploadMethod: upload.method,
			blocks: upload.blocks,
			blockSize: upload.blockSize,
			mediaFileId: slot.mediaFileId,
			previousVersion: previousVersion ?? null,
			version: versionOf(after) ?? null,
		},
	};
}
