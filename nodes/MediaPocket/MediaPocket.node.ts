import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resource as asset } from './actions/asset';
import { resource as comment } from './actions/comment';
import { resource as dagAction } from './actions/dagAction';
import { resource as dagActionRun } from './actions/dagActionRun';
import { resource as history } from './actions/history';
import { mediaPocketNodeBase } from './helpers/node';
import { searchDagActions, searchMedia } from './methods/listSearch';
import { nodeProperties, operationRegistry, type ResourceModule } from '../shared/registry';
import { routeOperations } from '../shared/router';

const RESOURCES: ResourceModule[] = [asset, comment, dagAction, dagActionRun, history];

export class MediaPocket implements INodeType {
	/** The resources and their operations (the registry test reads them). */
	static readonly resources = RESOURCES;

	description: INodeTypeDescription = {
		...mediaPocketNodeBase,
		displayName: 'Media Pocket',
		name: 'mediaPocket',
		group: ['transform'],
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with assets, media, comments, DAG actions and history in Media Pocket',
		defaults: { name: 'Media Pocket' },
		icon: { light: 'file:mediaPocket.svg', dark: 'file:mediaPocket.dark.svg' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: nodeProperties(RESOURCES, 'asset'),
	};

	methods = {
		listSearch: { searchDagActions, searchMedia },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperations.call(this, operationRegistry(RESOURCES));
	}
}
