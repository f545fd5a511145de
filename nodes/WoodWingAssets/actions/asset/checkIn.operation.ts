import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readBinaryInput } from '../../../shared/binary';
import { DamFlow, type Verified } from '../../../shared/flow';
import {
	assetLocator,
	inputBinaryField,
	metadataFields,
	metadataJsonOption,
	metadataToReturnOption,
} from '../../helpers/descriptions';
import { readUntil, verifiedFields } from '../../helpers/lostAnswer';
import { getAssetId, getMetadata, getMetadataToReturn, pickMetadata } from '../../helpers/utils';
import { findAsset, getAsset, type Hit, plainValue, SERVICE } from '../../transport';
import { multipartUpload } from '../../transport/multipart';

const show = { resource: ['asset'], operation: ['checkIn'] };

export const description: INodeProperties[] = [
	assetLocator(['checkIn'], 'The checked-out asset to upload a new version of'),
	inputBinaryField(['checkIn']),
	metadataFields(['checkIn'], 'Metadata to change together with the new version'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Keep Checked Out',
				name: 'keepCheckedOut',
				type: 'boolean',
				default: false,
				description: 'Whether the asset stays checked out after the new version is stored',
			},
			metadataJsonOption,
			metadataToReturnOption,
			{
				displayName: 'Require Check-Out',
				name: 'requireCheckOut',
				type: 'boolean',
				default: true,
				description:
					'Whether to refuse when the asset is not checked out. WoodWing itself also accepts a new version of an asset nobody checked out.',
			},
		],
	},
];

const STEPS = ['Looking up the asset', 'Uploading the new version'] as const;
const STATE_FIELDS = 'assetPath,versionNumber,fileSize,checkedOut,checkedOutBy,checkedOutOnClient';

/** "checked out by jane" / "not checked out", from a hit's metadata. */
function checkoutText(metadata: IDataObject | undefined): string {
	const by = metadata?.checkedOutBy;
	return by ? `checked out by ${String(by)}` : 'not checked out';
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
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
	// Look the asset up first: it must exist and (by default) be checked out. This also renews an
	// expired session before the upload, whose body cannot be sent twice.
	const current = await flow.step(
		STEPS[0],
		async () => await getAsset.call(this, id, STATE_FIELDS, i),
	);
	const checkedOut = plainValue(current.metadata?.checkedOut);
	const path = String(current.metadata?.assetPath ?? id);
	if (requireCheckOut && !checkedOut && !current.metadata?.checkedOutBy) {
		throw new NodeOperationError(this.getNode(), `Asset ${path} is not checked out`, {
			itemIndex: i,
			description:
				'Check it out first (operation "Check Out"), or turn off the option "Require Check-Out" to store a new version anyway',
		});
	}
	const oldVersion = Number(plainValue(current.metadata?.versionNumber) ?? 0);
	let left = `Nothing was stored: asset ${path} keeps version ${oldVersion} and is ${checkoutText(current.metadata)}.`;
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
	// The upload cannot be sent again. When its answer is lost, the version number says whether the
	// server stored it: a newer version of the size sent is this upload.
	const isThisUpload = (hit: Hit | undefined) =>
		!!hit &&
		Number(plainValue(hit.metadata?.versionNumber) ?? 0) > oldVersion &&
		(!Number.isFinite(input.size) || Number(plainValue(hit.metadata?.fileSize)) === input.size);
	const verify = async (): Promise<Verified<Hit | string | undefined>> => {
		const fieldsToRead = metadataToReturn === 'all' ? 'all' : `${metadataToReturn},${STATE_FIELDS}`;
		const hit = await readUntil(
			this,
			async () => await findAsset.call(this, id, fieldsToRead, i),
			isThisUpload,
		);
		if (!hit) {
			left = `Asset ${path} was not found when it was read back.`;
			return { committed: false };
		}
		const version = Number(plainValue(hit.metadata?.versionNumber) ?? 0);
		if (!isThisUpload(hit)) {
			left =
				version > oldVersion
					? `Asset ${path} has version ${version} now, but not of the size sent: it is not this upload. It is ${checkoutText(hit.metadata)}.`
					: `Asset ${path} is still ${checkoutText(hit.metadata)} with its old version ${version}.`;
			return { committed: false };
		}
		verification = `The server's answer to the check-in was lost; reading the asset back showed version ${version} (was ${oldVersion}) of the size sent, ${checkoutText(hit.metadata)}, so the new version was stored once.`;
		return { committed: true, value: pickMetadata(hit, metadataToReturn) };
	};
	const response = await flow.commit(STEPS[1], async () => await upload.send(), verify);
	const hit =
		response && typeof response === 'object' && response.id
			? response
			: await getAsset.call(this, id, metadataToReturn, i);
	return {
		...hit,
		upload: { ...upload.stats() },
		...(verification ? verifiedFields(verification) : {}),
	};
}
