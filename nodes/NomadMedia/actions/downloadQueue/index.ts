import * as add from './add.operation';
import * as createArchive from './createArchive.operation';
import * as remove from './remove.operation';
import * as update from './update.operation';
import type { ResourceModule } from '../../../shared/registry';

export const resource: ResourceModule = {
	displayName: 'Download Queue',
	value: 'downloadQueue',
	defaultOperation: 'add',
	operations: { add, createArchive, remove, update },
};
