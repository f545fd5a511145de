import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getLimit, returnAllOrLimit } from '../../../shared/pagination';
import { pagedList } from '../../transport';

export const PAGE_SIZE = 100;

const properties: INodeProperties[] = [...returnAllOrLimit('category', ['getAll'])];

export const description = updateDisplayOptions(
	{ show: { resource: ['category'], operation: ['getAll'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const limit = getLimit.call(this, i);
	return await pagedList.call(
		this,
		{ url: '/categories', property: 'categories', pageSize: PAGE_SIZE },
		limit,
		i,
	);
}
