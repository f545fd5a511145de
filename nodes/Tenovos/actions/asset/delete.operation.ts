import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sendOnce } from '../../helpers/outcome';
import { assetLocator, getAsset, getAssetId } from '../../helpers/utils';
import { tenovosRequest } from '../../transport';

export const description: INodeProperties[] = [
	assetLocator(['delete'], 'The asset to move to the recycle bin'),
];

async function inRecycleBin(
	this: IExecuteFunctions,
	objectId: string,
	i: number,
): Promise<boolean> {
	const asset = await getAsset.call(this, objectId, i);
	return asset.fileState === 'recycle bin' || asset.metadataState === 'recycle bin';
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const objectId = getAssetId.call(this, i);
	// Sent once (it acts, and Tenovos reports each delete as an event); a lost answer is read back.
	const response = await sendOnce.call(
		this,
		async () =>
			await tenovosRequest.call(
				this,
				'POST',
				`/asset/${encodeURIComponent(objectId)}/delete`,
				{ action: 'delete', deleteType: 'full' },
				{ itemIndex: i, commit: true },
			),
		{
			applied: async () => await inRecycleBin.call(this, objectId, i),
			done: {
				message:
					'Deleted (the answer was lost; reading the asset back shows it in the recycle bin)',
			},
			missing: 'it is not in the recycle bin: nothing was deleted',
		},
	);
	return { objectId, deleted: true, message: response.message ?? 'Deleted' };
}
