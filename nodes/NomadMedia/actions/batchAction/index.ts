import * as run from './run.operation';
import type { ResourceModule } from '../../../shared/registry';

export const resource: ResourceModule = {
	displayName: 'Batch Action',
	value: 'batchAction',
	defaultOperation: 'run',
	operations: { run },
};
