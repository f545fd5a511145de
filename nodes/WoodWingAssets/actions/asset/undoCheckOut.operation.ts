import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assetLocator } from '../../helpers/descriptions';
import { actOnce, type ReadBack, readUntil, verifiedFields } from '../../helpers/lostAnswer';
import { getAssetId } from '../../helpers/utils';
import { findAsset, wwPost } from '../../transport';

export const description: INodeProperties[] = [
	assetLocator(['undoCheckOut'], 'The asset whose check-out to release, without a new version'),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = getAssetId.call(this, i);
	// A lost answer: the asset no longer checked out is the undo done.
	const readBack = async (): Promise<ReadBack<null>> => {
		const hit = await readUntil(
			this,
			async () => await findAsset.call(this, id, 'checkedOutBy,checkedOutOnClient', i),
			(found) => !found?.metadata?.checkedOutBy,
		);
		if (!hit) return { done: false, found: 'no such asset' };
		const by = hit.metadata?.checkedOutBy;
		if (by) return { done: false, found: `that it is still checked out by ${String(by)}` };
		return { done: true, value: null, found: 'that it is no longer checked out' };
	};
	const { verification } = await actOnce(
		this,
		i,
		async () =>
			await wwPost.call(
				this,
				`/services/undocheckout/${encodeURIComponent(id)}`,
				{},
				{ itemIndex: i, effect: 'acts' },
			),
		readBack,
	);
	return verification
		? { id, success: true, ...verifiedFields(verification) }
		: { id, success: true };
}
