import type { ResourceModule } from '../../../shared/registry';
import * as create from './create.operation';
import * as getAll from './getAll.operation';

const operations = { create, getAll };

export const resource: ResourceModule = {
	displayName: 'Comment',
	value: 'comment',
	defaultOperation: 'getAll' satisfies keyof typeof operations,
	operations,
};
