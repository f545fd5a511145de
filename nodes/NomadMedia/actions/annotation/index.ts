import * as bulkImport from './bulkImport.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';
import type { ResourceModule } from '../../../shared/registry';

/** Annotations: Nomad Media's comments, at a time code of an asset. */
export const resource: ResourceModule = {
	displayName: 'Annotation',
	value: 'annotation',
	defaultOperation: 'create',
	operations: { bulkImport, create, delete: del, getMany, update },
};
