import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { binaryInputField } from '../../../shared/descriptions';
import { DamFlow, type Verified } from '../../../shared/flow';
import { getId } from '../../../shared/ids';
import type { DamRequestOptions } from '../../../shared/transport';
import { jsonItems, type OperationItems } from '../../../shared/items';
import { ASSET } from '../../helpers/ids';
import {
	assetOutput,
	blobUploadKeys,
	getAsset,
	isHttpUrl,
	uploadBinary,
	uploadSource,
	uploadSummary,
	verifiedKeys,
	versionOf,
} from '../../helpers/utils';
import { field, mediaValetApi, mvRequest, payloadOf } from '../../transport';
import { assetLocator, uploadOptions } from '../common.descriptions';

const properties: INodeProperties[] = [
	assetLocator,
	binaryInputField('Name of the binary field holding the new version of the file'),
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
	uploadOptions,
];

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

/** The media file ID of an AssetDto's current file. */
function currentFileId(asset: IDataObject): string | undefined {
	const id =
		field(field(asset, 'file'), 'id') ?? field(field(field(asset, 'record'), 'version'), 'current');
	return typeof id === 'string' && id ? id.toLowerCase() : undefined;
}

/** Whether the asset read back holds the version this check-in uploaded. */
function holdsNewVersion(
	asset: IDataObject,
	mediaFileId: string,
	previousVersion: number | undefined,
): boolean {
	const fileId = currentFileId(asset);
	if (mediaFileId && fileId) return fileId === mediaFileId.toLowerCase();
	const version = versionOf(asset);
	return version !== undefined && previousVersion !== undefined && version > previousVersion;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<OperationItems> {
	const assetId = getId.call(this, 'assetId', i, ASSET);
	const source = uploadSource.call(this, i, this.getNodeParameter('fileName', i, '') as string);
	const { fileName } = source;
	const comment = this.getNodeParameter('comment', i, '') as string;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;

	const flow = new DamFlow(this, {
		service: mediaValetApi.service,
		name: 'Check-in',
		steps: STEPS,
		itemIndex: i,
	});
	// Read below; the leave message may be built before (a failure reading the asset).
	let previousVersion: number | undefined = undefined;
	let uploaded = false;
	let lockGone = false;
	flow.leaves(() =>
		lockGone
			? `Asset ${assetId} is no longer checked out, but MediaValet shows no new version yet.`
			: `Asset ${assetId} is still checked out and keeps version ${previousVersion ?? 'as it was'}; nothing was finalized.` +
				(uploaded
					? ' The file reached storage but MediaValet did not attach it to the asset.'
					: ' Run the check-in again (MediaValet issues a new upload URL) or undo the check-out in MediaValet.'),
	);

	// 1. The asset must be checked out: otherwise MediaValet has no pending check-in to finalize.
	const before = await flow.step(STEPS[0], async () => await getAsset.call(this, assetId, i));
	previousVersion = versionOf(before);
	if (!field(before, 'checkedOutBy')) {
		throw new NodeOperationError(
			this.getNode(),
			`Asset ${assetId} is not checked out: check it out before checking in a new version`,
			{
				itemIndex: i,
				description: 'Nothing was changed. Use the "Check Out" operation first.',
			},
		);
	}

	// 2. MediaValet validates the new file name (409 when another asset has it).
	const validation: DamRequestOptions = {
		method: 'POST',
		url: `/assetCheckIn/${assetId}/validate`,
		body: JSON.stringify(fileName),
		headers: { 'Content-Type': 'application/json' },
	};
	await flow.step(STEPS[1], async () => await mvRequest.call(this, validation, { itemIndex: i }));

	// 3. A write SAS URL for the new version.
	const slot = await flow.step(STEPS[2], async (): Promise<UploadSlot> => {
		const body = await mvRequest.call(
			this,
			{ method: 'GET', url: `/assetCheckIn/${assetId}` },
			{ itemIndex: i },
		);
		const payload = payloadOf(body);
		const uploadUrl = field(payload, 'uploadUrl');
		if (!isHttpUrl(uploadUrl)) {
			throw new NodeOperationError(this.getNode(), 'MediaValet returned no upload URL', {
				itemIndex: i,
			});
		}
		return {
			uploadUrl,
			uploadFileName: String(field(payload, 'uploadFileName') ?? ''),
			mediaFileId: String(field(payload, 'mediaFileId') ?? ''),
			links: field(payload, '_links'),
		};
	});

	// 4. The bytes go straight to Azure Blob storage: Put Blob for small files, blocks otherwise.
	const upload = await flow.step(
		STEPS[3],
		async () => await uploadBinary.call(this, i, source, slot.uploadUrl),
	);
	uploaded = true;

	// 5. Finalize with the comment and the exact byte count: a commit, sent once. When its answer is
	// lost, the asset read back tells whether MediaValet attached the new version.
	let verified = false;
	const finalize = async (): Promise<IDataObject> => {
		const answer = await mvRequest.call(
			this,
			{
				method: 'PUT',
				url: `/assetCheckIn/${assetId}`,
				body: {
					id: assetId,
					uploadUrl: slot.uploadUrl,
					uploadFileName: slot.uploadFileName,
					mediaFileId: slot.mediaFileId,
					...(slot.links && typeof slot.links === 'object'
						? { _links: slot.links as IDataObject }
						: {}),
					status: 0,
					comment,
					fileSizeInBytes: upload.size,
					fileName,
					whenCancelled: {},
				},
			},
			{ itemIndex: i, commit: true },
		);
		const asset = payloadOf<IDataObject>(answer);
		return asset && typeof asset === 'object' && !Array.isArray(asset) ? asset : {};
	};
	const readBack = async (): Promise<Verified<IDataObject>> => {
		const asset = await getAsset.call(this, assetId, i);
		if (holdsNewVersion(asset, slot.mediaFileId, previousVersion)) {
			verified = true;
			return { committed: true, value: asset };
		}
		if (field(asset, 'checkedOutBy')) return { committed: false };
		// Neither the new version nor the lock: MediaValet may still be processing the check-in.
		lockGone = true;
		throw new NodeOperationError(
			this.getNode(),
			'MediaValet may still be processing the check-in',
			{ itemIndex: i },
		);
	};
	const finalized = await flow.commit(STEPS[4], finalize, readBack);
	// The check-in is done: a failing read of the result must not report it as failed.
	const after = field(finalized, 'id')
		? finalized
		: await getAsset.call(this, assetId, i).catch(() => ({ id: assetId }));

	const note = verified
		? "MediaValet's answer to the finalize was lost; reading the asset back showed the new version attached"
		: undefined;
	return jsonItems({
		...assetOutput(after, options.includeMediaUrls === true),
		upload: uploadSummary(fileName, upload, note),
		checkIn: {
			fileName,
			size: upload.size,
			md5: upload.md5,
			...blobUploadKeys(upload),
			mediaFileId: slot.mediaFileId,
			previousVersion: previousVersion ?? null,
			version: versionOf(after) ?? null,
			...verifiedKeys(note),
		},
	});
}

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['checkIn'] } },
	properties,
);

export const option = {
	name: 'Check In',
	description: 'Upload a new version of a checked-out asset and check it in',
	action: 'Check in an asset',
};
