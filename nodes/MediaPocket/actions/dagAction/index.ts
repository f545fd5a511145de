import * as getAll from './getAll.operation';
import * as start from './start.operation';
import type { ResourceModule } from '../../../shared/registry';

export const resource: ResourceModule = {
	displayName: 'DAG Action',
	value: 'dagAction',
	defaultOperation: 'start',
	operations: { getAll, start },
};
