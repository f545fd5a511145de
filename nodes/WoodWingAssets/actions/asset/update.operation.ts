import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { actOnce, type ReadBack } from '../../../shared/flow';
import { jsonItems } from '../../../shared/items';
import { assetLocator, metadataProperties } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/ids';
import { readBackAsset, verifiedFields } from '../../helpers/readBack';
import { getMetadata, getMetadataToReturn, pickMetadata } from '../../helpers/utils';
import { answeredHit, type Hit, plainValue, SERVICE, wwPost } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['update'] } },
	[
		assetLocator(),
		...metadataProperties('Metadata fields to change. An empty value clears the field.'),
	],
);

export const option = {
	name: 'Update',
	description: "Change an asset's metadata",
	action: 'Update an asset',
};

/** A metadata value as a list of trimmed texts, so "a, b" and ["a", "b"] compare equal. */
function asTexts(value: unknown): string[] {
	const plain = plainValue(value);
	if (plain === undefined || plain === null) return [];
	if (Array.isArray(plain)) return plain.flatMap(asTexts);
	const text = typeof plain === 'object' ? JSON.stringify(plain) : String(plain);
	return text
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
}

/** The first field whose value on the server differs from the value sent, or undefined. */
function firstDifference(sent: IDataObject, hit: Hit): string | undefined {
	for (const [field, value] of Object.entries(sent)) {
		const held = hit.metadata?.[field];
		if (asTexts(value).join(',') !== asTexts(held).join(',')) {
			return `${field} is ${JSON.stringify(plainValue(held) ?? null)}, not ${JSON.stringify(value)} as sent`;
		}
	}
	return undefined;
}

/** A lost answer: the asset holding every value sent is the update done (whoever did it). */
function updated(hit: Hit | undefined, sent: IDataObject, metadataToReturn: string): ReadBack<Hit> {
	if (!hit) return { done: false, found: 'no such asset' };
	const difference = firstDifference(sent, hit);
	if (difference)
		return { done: false, found: `${difference}: the change may not have been applied` };
	const value = pickMetadata(hit, metadataToReturn);
	return { done: true, value, found: 'every value sent in place' };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = getAssetId.call(this, i);
	const metadata = getMetadata.call(this, i);
	if (Object.keys(metadata).length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			'Nothing to update: add at least one field under "Metadata"',
			{ itemIndex: i },
		);
	}
	const metadataToReturn = getMetadataToReturn.call(this, i) || 'all';
	const { value: response, verified } = await actOnce<unknown>(this, {
		service: SERVICE,
		itemIndex: i,
		work: async () =>
			await wwPost.call(
				this,
				'/services/update',
				{ id, metadata: JSON.stringify(metadata), metadataToReturn },
				{ itemIndex: i, effect: 'acts' },
			),
		readBack: async () =>
			await readBackAsset.call(this, id, 'all', i, (hit) =>
				updated(hit, metadata, metadataToReturn),
			),
	});
	const hit = await answeredHit.call(this, response, id, metadataToReturn, i);
	return jsonItems({ ...hit, ...verifiedFields(verified) });
}
