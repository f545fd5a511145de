import type { ResourceModule } from '../../../shared/registry';
import * as checkIn from './checkIn.operation';
import * as checkOut from './checkOut.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as getHistory from './getHistory.operation';
import * as search from './search.operation';
import * as undoCheckOut from './undoCheckOut.operation';
import * as update from './update.operation';

export const resource: ResourceModule = {
	displayName: 'Asset',
	value: 'asset',
	defaultOperation: 'search',
	operations: {
		checkIn,
		checkOut,
		create,
		delete: del,
		download,
		get,
		getHistory,
		search,
		undoCheckOut,
		update,
	},
};

/** Operations that need binary data: not offered when the node is an AI agent's tool. */
export const BINARY_OPERATIONS = ['checkIn', 'create', 'download'];
