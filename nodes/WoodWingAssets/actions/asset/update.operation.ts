import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	assetLocator,
	metadataFields,
	metadataJsonOption,
	metadataToReturnOption,
} from '../../helpers/descriptions';
import { actOnce, type ReadBack, readUntil, verifiedFields } from '../../helpers/lostAnswer';
import { getAssetId, getMetadata, getMetadataToReturn, pickMetadata } from '../../helpers/utils';
import { findAsset, getAsset, type Hit, plainValue, wwPost } from '../../transport';

export const description: INodeProperties[] = [
	assetLocator(['update']),
	metadataFields(['update'], 'Metadata fields to change. An empty value clears the field.'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['asset'], operation: ['update'] } },
		options: [metadataJsonOption, metadataToReturnOption],
	},
];

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

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
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
	// A lost answer: the asset holding every value sent is the update done (whoever did it).
	const readBack = async (): Promise<ReadBack<Hit | string>> => {
		const hit = await readUntil(
			this,
			async () => await findAsset.call(this, id, 'all', i),
			(found) => !!found && !firstDifference(metadata, found),
		);
		if (!hit) return { done: false, found: 'no such asset' };
		const difference = firstDifference(metadata, hit);
		if (difference)
			return { done: false, found: `${difference}: the change may not have been applied` };
		return {
			done: true,
			value: pickMetadata(hit, metadataToReturn),
			found: 'every value sent in place',
		};
	};
	const { value: response, verification } = await actOnce(
		this,
		i,
		async () =>
			await wwPost.call<IExecuteFunctions, Parameters<typeof wwPost>, Promise<Hit | string>>(
				this,
				'/services/update',
				{ id, metadata: JSON.stringify(metadata), metadataToReturn },
				{ itemIndex: i, effect: 'acts' },
			),
		readBack,
	);
	// Some server versions answer update with an empty body.
	const hit =
		response && typeof response === 'object' && response.id
			? response
			: await getAsset.call(this, id, metadataToReturn, i);
	return verification ? { ...hit, ...verifiedFields(verification) } : hit;
}
