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
import { withToolOperations } from './helpers/tool';
import { searchAssets, searchFolders } from './methods/listSearch';

const RESOURCES: ResourceModule[] = [asset.resource];

export class WoodWingAssets implements INodeType {
	static readonly resources = RESOURCES;

	description: INodeTypeDescription = {
		displayName: 'WoodWing Assets',
		name: 'woodWingAssets',
		icon: { light: 'file:woodWingAssets.svg', dark: 'file:woodWingAssets.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Search, upload, check out and check in assets on a WoodWing Assets Server',
		defaults: { name: 'WoodWing Assets' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'woodWingAssetsApi', required: true }],
		properties: withToolOperations(nodeProperties(RESOURCES, 'asset'), asset.BINARY_OPERATIONS),
	};

	methods = {
		listSearch: { searchAssets, searchFolders },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperations.call(this, operationRegistry(RESOURCES));
	}
}
