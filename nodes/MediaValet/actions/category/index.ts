import type { ResourceModule } from '../../../shared/registry';
import * as addAsset from './addAsset.operation';
import * as getAll from './getAll.operation';

const operations = { addAsset, getAll };

export const resource: ResourceModule = {
	displayName: 'Category',
	value: 'category',
	defaultOperation: 'getAll' satisfies keyof typeof operations,
	operations,
};
