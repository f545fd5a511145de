import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { damApiError } from '../../../shared/errors';
import { actOnce, type ReadBack } from '../../../shared/flow';
import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/ids';
import { readBackAsset, verifiedFields } from '../../helpers/readBack';
import { type Hit, SERVICE, wwPost } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['delete'] } },
	[assetLocator()],
);

export const option = {
	name: 'Delete',
	description: 'Delete an asset permanently: WoodWing has no trash',
	action: 'Delete an asset',
};

interface RemoveResponse {
	processedCount?: number;
	errorCount?: number;
}

const REMOVED: RemoveResponse = { processedCount: 1, errorCount: 0 };

/** A lost answer: the asset being gone is the removal done. */
function removed(hit: Hit | undefined): ReadBack<RemoveResponse> {
	if (!hit) return { done: true, value: REMOVED, found: 'that it no longer exists' };
	const by = hit.metadata?.checkedOutBy;
	const lock = by ? ` (checked out by ${String(by)})` : '';
	return {
		done: false,
		found: `that ${String(hit.metadata?.assetPath ?? hit.id)} still exists${lock}`,
	};
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = getAssetId.call(this, i);
	const { value, verified } = await actOnce<unknown>(this, {
		service: SERVICE,
		itemIndex: i,
		work: async () =>
			await wwPost.call(
				this,
				'/services/remove',
				{ ids: id, async: false },
				{ itemIndex: i, effect: 'acts' },
			),
		readBack: async () => await readBackAsset.call(this, id, 'assetPath,checkedOutBy', i, removed),
	});
	const response = value as RemoveResponse | undefined;
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
	return jsonItems({ id, deleted: true, ...verifiedFields(verified) });
}
