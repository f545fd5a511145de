import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { readBinaryInput } from '../../../shared/binary';
import { binaryInputField } from '../../../shared/descriptions';
import { DamFlow, type Verified } from '../../../shared/flow';
import { jsonItems } from '../../../shared/items';
import { assetLocator, metadataProperties } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/ids';
import { readAsset, verifiedFields } from '../../helpers/readBack';
import { getMetadata, getMetadataToReturn, pickMetadata } from '../../helpers/utils';
import { answeredHit, getAsset, type Hit, plainValue, SERVICE } from '../../transport';
import { multipartUpload } from '../../transport/multipart';

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['checkIn'] } },
	[
		assetLocator('The checked-out asset to upload a new version of'),
		binaryInputField(),
		...metadataProperties('Metadata to change together with the new version', [
			{
				displayName: 'Keep Checked Out',
				name: 'keepCheckedOut',
				type: 'boolean',
				default: false,
				description: 'Whether the asset stays checked out after the new version is stored',
			},
			{
				displayName: 'Require Check-Out',
				name: 'requireCheckOut',
				type: 'boolean',
				default: true,
				description:
					'Whether to refuse when the asset is not checked out. WoodWing itself also accepts a new version of an asset nobody checked out.',
			},
		]),
	],
);

export const option = {
	name: 'Check In',
	description: 'Upload a new version of a checked-out asset and release the check-out',
	action: 'Check in an asset',
};

const STEPS = ['Looking up the asset', 'Uploading the new version'] as const;
const STATE_FIELDS = 'assetPath,versionNumber,fileSize,checkedOut,checkedOutBy,checkedOutOnClient';

/** "checked out by jane" / "not checked out", from a hit's metadata. */
function checkoutText(metadata: IDataObject | undefined): string {
	const by = metadata?.checkedOutBy;
	return by ? `checked out by ${String(by)}` : 'not checked out';
}

const pathOf = (hit: Hit) => String(hit.metadata?.assetPath ?? hit.id);
const versionOf = (hit: Hit) => Number(plainValue(hit.metadata?.versionNumber) ?? 0);

/** The asset before the upload: it must exist and (by default) be checked out. */
function assertCheckedOut(this: IExecuteFunctions, current: Hit, i: number): void {
	const metadata = current.metadata;
	if (plainValue(metadata?.checkedOut) || metadata?.checkedOutBy) return;
	throw new NodeOperationError(this.getNode(), `Asset ${pathOf(current)} is not checked out`, {
		itemIndex: i,
		description:
			'Check it out first (operation "Check Out"), or turn off the option "Require Check-Out" to store a new version anyway',
	});
}

/**
 * The upload cannot be sent again. When its answer is lost, the version number says whether the
 * server stored it: a newer version of the size sent is this upload. `why` describes what the
 * asset shows when it is not.
 */
function storedUpload(
	hit: Hit | undefined,
	before: Hit,
	size: number,
): { stored: true; note: string } | { stored: false; why: string } {
	const path = pathOf(before);
	if (!hit) return { stored: false, why: `Asset ${path} was not found when it was read back.` };
	const [version, oldVersion] = [versionOf(hit), versionOf(before)];
	const ofSize = !Number.isFinite(size) || Number(plainValue(hit.metadata?.fileSize)) === size;
	const state = checkoutText(hit.metadata);
	if (version > oldVersion && ofSize) {
		const note = `The server's answer to the check-in was lost; reading the asset back showed version ${version} (was ${oldVersion}) of the size sent, ${state}, so the new version was stored once.`;
		return { stored: true, note };
	}
	const why =
		version > oldVersion
			? `Asset ${path} has version ${version} now, but not of the size sent: it is not this upload. It is ${state}.`
			: `Asset ${path} is still ${state} with its old version ${version}.`;
	return { stored: false, why };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = getAssetId.call(this, i);
	const property = this.getNodeParameter('binaryPropertyName', i) as string;
	const keepCheckedOut = this.getNodeParameter('options.keepCheckedOut', i, false) as boolean;
	const requireCheckOut = this.getNodeParameter('options.requireCheckOut', i, true) as boolean;
	const metadata = getMetadata.call(this, i);
	const metadataToReturn = getMetadataToReturn.call(this, i) || 'all';
	this.helpers.assertBinaryData(i, property);

	const flow = new DamFlow(this, {
		service: SERVICE,
		name: 'Check-in',
		steps: STEPS,
		itemIndex: i,
	});
	// Looking the asset up first also renews an expired session before the upload, whose body cannot be sent twice.
	const current = await flow.step(
		STEPS[0],
		async () => await getAsset.call(this, id, STATE_FIELDS, i),
	);
	if (requireCheckOut) assertCheckedOut.call(this, current, i);
	let left = `Nothing was stored: asset ${pathOf(current)} keeps version ${versionOf(current)} and is ${checkoutText(current.metadata)}.`;
	flow.leaves(() => left);

	const input = await readBinaryInput.call(this, i, property);
	const fields: Array<[string, string]> = [
		['id', id],
		['clearCheckoutState', String(!keepCheckedOut)],
		['metadataToReturn', metadataToReturn],
	];
	if (Object.keys(metadata).length) fields.push(['metadata', JSON.stringify(metadata)]);
	const upload = multipartUpload.call(this, '/services/update', fields, input, i);

	let verification: string | undefined;
	const verify = async (): Promise<Verified<unknown>> => {
		const fieldsToRead = metadataToReturn === 'all' ? 'all' : `${metadataToReturn},${STATE_FIELDS}`;
		const isStored = (hit: Hit | undefined) => storedUpload(hit, current, input.size).stored;
		const hit = await readAsset.call(this, id, fieldsToRead, i, isStored);
		const found = storedUpload(hit, current, input.size);
		if (!found.stored || !hit) {
			left = found.stored ? left : found.why;
			return { committed: false };
		}
		verification = found.note;
		return { committed: true, value: pickMetadata(hit, metadataToReturn) };
	};
	const response = await flow.commit(STEPS[1], async () => await upload.send(), verify);
	const hit = await answeredHit.call(this, response, id, metadataToReturn, i);
	const summary = upload.summary(!!verification);
	return jsonItems({ ...hit, upload: summary, ...verifiedFields(verification) });
}
