import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { damApiError } from '../../../shared/errors';
import { assetLocator } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/utils';
import { SERVICE, wwPost } from '../../transport';

export const description: INodeProperties[] = [assetLocator(['delete'], 'The asset to delete. WoodWing deletes permanently: there is no trash.')];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = getAssetId.call(this, i);
	const response = await wwPost.call<IExecuteFunctions, Parameters<typeof wwPost>, Promise<{ processedCount?: number; errorCount?: number }>>(
		this,
		'/services/remove',
		{ ids: id, async: false },
		{ itemIndex: i },
	);
	const processed = Number(response?.processedCount ?? 0);
	const errors = Number(response?.errorCount ?? 0);
	if (processed < 1) {
		throw damApiError(this.getNode(), SERVICE, {
			status: errors > 0 ? 409 : 404,
			body: response,
			message: errors > 0 ? `Asset ${id} could not be deleted` : `Asset not found: ${id}`,
			description: errors > 0 ? 'The server reported an error for this asset: it may be checked out by another user, or you may lack the permission to delete it' : undefined,
			itemIndex: i,
		});
	}
	return { id, deleted: true };
}
