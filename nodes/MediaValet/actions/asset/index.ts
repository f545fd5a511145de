import type { ResourceModule } from '../../../shared/registry';
import * as checkIn from './checkIn.operation';
import * as checkOut from './checkOut.operation';
import * as deleteAsset from './delete.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as upload from './upload.operation';

const operations = {
	checkIn,
	checkOut,
	delete: deleteAsset,
	download,
	get,
	getAll,
	update,
	upload,
};

export const resource: ResourceModule = {
	displayName: 'Asset',
	value: 'asset',
	defaultOperation: 'get' satisfies keyof typeof operations,
	operations,
};
