import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { actOnce } from '../../../shared/flow';
import { getId } from '../../../shared/ids';
import { jsonItems } from '../../../shared/items';
import { ASSET_ID } from '../../helpers/ids';
import { getAsset } from '../../helpers/utils';
import { tenovosRequest } from '../../transport';
import { assetLocator, assetOperation } from './common';

export const description = assetOperation('delete', [
	assetLocator('The asset to move to the recycle bin'),
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const objectId = getId.call(this, 'asset', i, ASSET_ID);
	// Sent once (it acts, and Tenovos reports each delete as an event); a lost answer is read back.
	const { value, verified } = await actOnce<IDataObject>(this, {
		service: 'Tenovos',
		itemIndex: i,
		work: async () =>
			await tenovosRequest.call(
				this,
				'POST',
				`/asset/${objectId}/delete`,
				{ action: 'delete', deleteType: 'full' },
				{ itemIndex: i, commit: true },
			),
		readBack: async () => {
			const asset = await getAsset.call(this, objectId, i);
			return asset.fileState === 'recycle bin' || asset.metadataState === 'recycle bin'
				? { done: true, value: {}, found: 'the asset in the recycle bin' }
				: { done: false, found: 'it is not in the recycle bin: nothing was deleted' };
		},
	});
	return jsonItems({
		objectId,
		deleted: true,
		message: value.message ?? 'Deleted',
		...(verified ? { verified } : {}),
	});
}

/** Its entry in the Operation dropdown. */
export const option = {
	name: 'Delete',
	description: 'Move an asset to the recycle bin',
	action: 'Delete an asset',
};
