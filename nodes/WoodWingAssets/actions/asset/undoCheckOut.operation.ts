import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { actOnce, type ReadBack } from '../../../shared/flow';
import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/ids';
import { readBackAsset, verifiedFields } from '../../helpers/readBack';
import { type Hit, SERVICE, wwPost } from '../../transport';

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['undoCheckOut'] } },
	[assetLocator('The asset whose check-out to release, without a new version')],
);

export const option = {
	name: 'Undo Check-Out',
	description: 'Release a check-out without storing a new version',
	action: 'Undo the check-out of an asset',
};

/** A lost answer: the asset no longer checked out is the undo done. */
function released(hit: Hit | undefined): ReadBack<null> {
	if (!hit) return { done: false, found: 'no such asset' };
	const by = hit.metadata?.checkedOutBy;
	if (by) return { done: false, found: `that it is still checked out by ${String(by)}` };
	return { done: true, value: null, found: 'that it is no longer checked out' };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = getAssetId.call(this, i);
	const { verified } = await actOnce(this, {
		service: SERVICE,
		itemIndex: i,
		work: async () => {
			await wwPost.call(
				this,
				`/services/undocheckout/${encodeURIComponent(id)}`,
				{},
				{ itemIndex: i, effect: 'acts' },
			);
			return null;
		},
		readBack: async () => await readBackAsset.call(this, id, 'checkedOutBy', i, released),
	});
	return jsonItems({ id, success: true, ...verifiedFields(verified) });
}
