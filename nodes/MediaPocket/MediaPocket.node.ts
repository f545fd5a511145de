import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as asset from './actions/asset';
import * as comment from './actions/comment';
import * as dagAction from './actions/dagAction';
import * as dagActionRun from './actions/dagActionRun';
import * as history from './actions/history';
import { searchDagActions, searchMedia } from './methods/listSearch';
import { routeOperations, type OperationRegistry } from '../shared/router';

function registry(): OperationRegistry {
	const resources = { asset, comment, dagAction, dagActionRun, history };
	return Object.fromEntries(
		Object.entries(resources).map(([resource, module]) => [
			resource,
			Object.fromEntries(
				Object.entries(module.operations).map(([operation, op]) => [operation, op.execute]),
			),
		]),
	) as OperationRegistry;
}

export class MediaPocket implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Media Pocket',
		name: 'mediaPocket',
		icon: { light: 'file:mediaPocket.svg', dark: 'file:mediaPocket.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with assets, media, comments, DAG actions and history in Media Pocket',
		defaults: { name: 'Media Pocket' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'mediaPocketApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Asset', value: 'asset' },
					{ name: 'Comment', value: 'comment' },
					{ name: 'DAG Action', value: 'dagAction' },
					{ name: 'DAG Action Run', value: 'dagActionRun' },
					{ name: 'History', value: 'history' },
				],
				default: 'asset',
			},
			...asset.description,
			...comment.description,
			...dagAction.description,
			...dagActionRun.description,
			...history.description,
		],
	};

	methods = {
		listSearch: { searchDagActions, searchMedia },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperations.call(this, registry());
	}
}
