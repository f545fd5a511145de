import * as get from './get.operation';
import * as getAll from './getAll.operation';
import type { ResourceModule } from '../../../shared/registry';

export const resource: ResourceModule = {
	displayName: 'DAG Action Run',
	value: 'dagActionRun',
	defaultOperation: 'getAll',
	operations: { get, getAll },
};
