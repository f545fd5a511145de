import type { ResourceModule } from '../../../shared/registry';
import * as create from './create.operation';
import * as createMetadataOnly from './createMetadataOnly.operation';
import * as createVersion from './createVersion.operation';
import * as deleteAsset from './delete.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as search from './search.operation';
import * as update from './update.operation';

export const resource: ResourceModule = {
	displayName: 'Asset',
	value: 'asset',
	defaultOperation: 'search',
	operations: {
		create,
		createMetadataOnly,
		createVersion,
		delete: deleteAsset,
		download,
		get,
		search,
		update,
	},
};
