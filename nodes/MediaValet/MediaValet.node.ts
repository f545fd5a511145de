import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { routeOperations, type OperationRegistry } from '../shared/router';
import * as asset from './actions/asset';
import * as category from './actions/category';
import * as comment from './actions/comment';
import { searchAssets } from './methods/listSearch';
import { getAttributes, getCategories } from './methods/loadOptions';

const registry: OperationRegistry = {
	asset: {
		checkIn: asset.checkIn.execute,
		checkOut: asset.checkOut.execute,
		delete: asset.delete.execute,
		download: asset.download.execute,
		get: asset.get.execute,
		getAll: asset.getAll.execute,
		update: asset.update.execute,
		upload: asset.upload.execute,
	},
	category: {
		addAsset: category.addAsset.execute,
		getAll: category.getAll.execute,
	},
	comment: {
		create: comment.create.execute,
		getAll: comment.getAll.execute,
	},
};

export class MediaValet implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MediaValet',
		name: 'mediaValet',
		icon: { light: 'file:mediaValet.svg', dark: 'file:mediaValet.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Check out, check in, upload, download and manage assets in MediaValet',
		defaults: { name: 'MediaValet' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'mediaValetApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Asset', value: 'asset' },
					{ name: 'Category', value: 'category' },
					{ name: 'Comment', value: 'comment' },
				],
				default: 'asset',
			},
			...asset.description,
			...category.description,
			...comment.description,
		],
	};

	methods = {
		listSearch: { searchAssets },
		loadOptions: { getAttributes, getCategories },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperations.call(this, registry);
	}
}
