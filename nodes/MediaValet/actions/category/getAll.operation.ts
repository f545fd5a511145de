import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions';
import { jsonItems, type OperationItems } from '../../../shared/items';
import { getLimit } from '../../../shared/pagination';
import { pagedList } from '../../transport';

const PAGE_SIZE = 100;

const properties: INodeProperties[] = [...returnAllAndLimit()];

export async function execute(this: IExecuteFunctions, i: number): Promise<OperationItems> {
	const limit = getLimit.call(this, i);
	const categories = await pagedList.call(
		this,
		{ url: '/categories', property: 'categories', pageSize: PAGE_SIZE },
		limit,
		i,
	);
	return jsonItems(categories);
}

export const description = updateDisplayOptions(
	{ show: { resource: ['category'], operation: ['getAll'] } },
	properties,
);

export const option = {
	name: 'Get Many',
	description: 'List the categories of the library',
	action: 'Get many categories',
};
