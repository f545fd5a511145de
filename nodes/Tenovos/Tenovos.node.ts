import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { nodeProperties, operationRegistry } from '../shared/registry';
import { routeOperations } from '../shared/router';
import * as asset from './actions/asset';
import { searchAssets } from './methods/listSearch';
import {
	getMetadataFields,
	getMetadataTemplates,
	getSecurityTemplates,
} from './methods/loadOptions';

export class Tenovos implements INodeType {
	/** The resources and their operations: the node's parameters and its router are built from them. */
	static readonly resources = [asset.resource];

	description: INodeTypeDescription = {
		displayName: 'Tenovos',
		name: 'tenovos',
		icon: { light: 'file:tenovos.svg', dark: 'file:tenovos.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, version, search, update, download and delete assets in the Tenovos DAM',
		defaults: { name: 'Tenovos' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tenovosApi', required: true }],
		properties: nodeProperties(Tenovos.resources, 'asset'),
	};

	methods = {
		listSearch: { searchAssets },
		loadOptions: { getMetadataFields, getMetadataTemplates, getSecurityTemplates },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperations.call(this, operationRegistry(Tenovos.resources));
	}
}
