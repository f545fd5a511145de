import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation } from '../../../shared/router';
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

const OPERATIONS: Array<INodePropertyOptions & { binary?: boolean }> = [
	{
		name: 'Check In',
		value: 'checkIn',
		description: 'Upload a new version of a checked-out asset and release the check-out',
		action: 'Check in an asset',
		binary: true,
	},
	{
		name: 'Check Out',
		value: 'checkOut',
		description: 'Lock an asset for other users, optionally downloading its file',
		action: 'Check out an asset',
	},
	{
		name: 'Create',
		value: 'create',
		description: 'Upload a file as a new asset',
		action: 'Create an asset',
		binary: true,
	},
	{
		name: 'Delete',
		value: 'delete',
		description: 'Delete an asset permanently',
		action: 'Delete an asset',
	},
	{
		name: 'Download',
		value: 'download',
		description: 'Download the original file of an asset',
		action: 'Download an asset',
		binary: true,
	},
	{
		name: 'Get',
		value: 'get',
		description: 'Get an asset and its metadata',
		action: 'Get an asset',
	},
	{
		name: 'Get History',
		value: 'getHistory',
		description: 'Get the versions and usage history of an asset',
		action: 'Get the history of an asset',
	},
	{
		name: 'Search',
		value: 'search',
		description: 'Find assets with a query',
		action: 'Search assets',
	},
	{
		name: 'Undo Check-Out',
		value: 'undoCheckOut',
		description: 'Release a check-out without storing a new version',
		action: 'Undo the check-out of an asset',
	},
	{
		name: 'Update',
		value: 'update',
		description: "Change an asset's metadata",
		action: 'Update an asset',
	},
];

const strip = ({
	binary: _binary,
	...option
}: INodePropertyOptions & { binary?: boolean }): INodePropertyOptions => option;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['asset'], '@tool': [false] } },
		options: OPERATIONS.map(strip),
		default: 'search',
	},
	{
		// As an AI agent tool the node offers only the operations that need no binary data.
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['asset'], '@tool': [true] } },
		options: OPERATIONS.filter((operation) => !operation.binary).map(strip),
		default: 'search',
	},
	...search.description,
	...get.description,
	...create.description,
	...update.description,
	...del.description,
	...download.description,
	...getHistory.description,
	...checkOut.description,
	...checkIn.description,
	...undoCheckOut.description,
];

export const operations: Record<string, Operation> = {
	checkIn: checkIn.execute,
	checkOut: checkOut.execute,
	create: create.execute,
	delete: del.execute,
	download: download.execute,
	get: get.execute,
	getHistory: getHistory.execute,
	search: search.execute,
	undoCheckOut: undoCheckOut.execute,
	update: update.execute,
};
