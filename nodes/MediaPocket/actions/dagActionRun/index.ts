import * as get from './get.operation';
import * as getAll from './getAll.operation';
import type { ResourceModule } from '../../../shared/registry';

export const resource: ResourceModule = {
	// A resource entry, not an option: the rule takes its default operation for an option's value.
	// eslint-disable-next-line n8n-nodes-base/node-param-option-name-wrong-for-get-many
	name: 'DAG Action Run',
	value: 'dagActionRun',
	defaultOperation: 'getAll',
	operations: { get, getAll },
};
