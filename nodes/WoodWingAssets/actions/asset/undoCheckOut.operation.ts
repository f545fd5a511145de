import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assetLocator } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/utils';
import { wwPost } from '../../transport';

export const description: INodeProperties[] = [
	assetLocator(['undoCheckOut'], 'The asset whose check-out to release, without a new version'),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = getAssetId.call(this, i);
	await wwPost.call(this, `/services/undocheckout/${encodeURIComponent(id)}`, {}, { itemIndex: i });
	return { id, success: true };
}
