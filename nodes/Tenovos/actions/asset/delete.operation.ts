import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assetLocator, getAssetId } from '../../helpers/utils';
import { tenovosRequest } from '../../transport';

export const description: INodeProperties[] = [
	assetLocator(['delete'], 'The asset to move to the recycle bin'),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const objectId = getAssetId.call(this, i);
	const response = await tenovosRequest.call(
		this,
		'POST',
		`/asset/${encodeURIComponent(objectId)}/delete`,
		{ action: 'delete', deleteType: 'full' },
		{ itemIndex: i, idempotent: true },
	);
	return { objectId, deleted: true, message: response.message ?? 'Deleted' };
}
