import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions';
import { getId } from '../../../shared/ids';
import { jsonItems, type OperationItems } from '../../../shared/items';
import { getLimit, limitList } from '../../../shared/pagination';
import { ASSET } from '../../helpers/ids';
import { listComments } from '../../helpers/utils';
import { assetLocator } from '../common.descriptions';

const properties: INodeProperties[] = [assetLocator, ...returnAllAndLimit()];

export async function execute(this: IExecuteFunctions, i: number): Promise<OperationItems> {
	const assetId = getId.call(this, 'assetId', i, ASSET);
	const limit = getLimit.call(this, i);
	const comments = await listComments.call(this, assetId, i);
	return jsonItems(limitList(comments, limit));
}

export const description = updateDisplayOptions(
	{ show: { resource: ['comment'], operation: ['getAll'] } },
	properties,
);

export const option = {
	name: 'Get Many',
	description: 'List the comments of an asset',
	action: 'Get many comments',
};
