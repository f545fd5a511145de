import * as getAll from './getAll.operation';
import type { ResourceModule } from '../../../shared/registry';

export const resource: ResourceModule = {
	displayName: 'History',
	value: 'history',
	defaultOperation: 'getAll',
	operations: { getAll },
};
