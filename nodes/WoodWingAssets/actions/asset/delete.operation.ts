import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { damApiError } from '../../../shared/errors';
import { assetLocator } from '../../helpers/descriptions';
import { actOnce, type ReadBack, readUntil, verifiedFields } from '../../helpers/lostAnswer';
import { getAssetId } from '../../helpers/utils';
import { findAsset, SERVICE, wwPost } from '../../transport';

export const description: INodeProperties[] = [
	assetLocator(['delete'], 'The asset to delete. WoodWing deletes permanently: there is no trash.'),
];

interface RemoveResponse {
	processedCount?: number;
	errorCount?: number;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = getAssetId.call(this, i);
	// A lost answer: the asset being gone is the removal done.
	const readBack = async (): Promise<ReadBack<RemoveResponse>> => {
		const hit = await readUntil(
			this,
			async () => await findAsset.call(this, id, 'assetPath,checkedOutBy', i),
			(found) => !found,
		);
		if (!hit)
			return {
				done: true,
				value: { processedCount: 1, errorCount: 0 },
				found: 'that it no longer exists',
			};
		const lock = hit.metadata?.checkedOutBy
			? ` (checked out by ${String(hit.metadata.checkedOutBy)})`
			: '';
		return {
			done: false,
			found: `that ${String(hit.metadata?.assetPath ?? id)} still exists${lock}`,
		};
	};
	const { value: response, verification } = await actOnce(
		this,
		i,
		async () =>
			await wwPost.call<IExecuteFunctions, Parameters<typeof wwPost>, Promise<RemoveResponse>>(
				this,
				'/services/remove',
				{ ids: id, async: false },
				{ itemIndex: i, effect: 'acts' },
			),
		readBack,
	);
	const processed = Number(response?.processedCount ?? 0);
	const errors = Number(response?.errorCount ?? 0);
	if (processed < 1) {
		throw damApiError(this.getNode(), SERVICE, {
			status: errors > 0 ? 409 : 404,
			body: response as IDataObject,
			message: errors > 0 ? `Asset ${id} could not be deleted` : `Asset not found: ${id}`,
			description:
				errors > 0
					? 'The server reported an error for this asset: it may be checked out by another user, or you may lack the permission to delete it'
					: undefined,
			itemIndex: i,
		});
	}
	return verification
		? { id, deleted: true, ...verifiedFields(verification) }
		: { id, deleted: true };
}
