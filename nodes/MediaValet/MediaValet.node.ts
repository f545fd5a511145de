import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeProperties, operationRegistry, type ResourceModule } from '../shared/registry';
import { routeOperations } from '../shared/router';
import * as asset from './actions/asset';
import * as category from './actions/category';
import * as comment from './actions/comment';
import { searchAssets } from './methods/listSearch';
import { getAttributes, getCategories } from './methods/loadOptions';

const RESOURCES: ResourceModule[] = [asset.resource, category.resource, comment.resource];

export class MediaValet implements INodeType {
	/** The resources and their operations (the registry test reads them). */
	static readonly resources = RESOURCES;

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
		properties: nodeProperties(RESOURCES, 'asset'),
	};

	methods = {
		listSearch: { searchAssets },
		loadOptions: { getAttributes, getCategories },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperations.call(this, operationRegistry(RESOURCES));
	}
}
