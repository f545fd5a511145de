import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import type { ResourceModule } from '../../../shared/registry';

export const resource: ResourceModule = {
	displayName: 'Comment',
	value: 'comment',
	defaultOperation: 'getAll',
	operations: { create, delete: del, get, getAll, update },
};
