import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { resource as adBreak } from './actions/adBreak';
import { resource as annotation } from './actions/annotation';
import { resource as asset } from './actions/asset';
import { resource as batchAction } from './actions/batchAction';
import { resource as downloadQueue } from './actions/downloadQueue';
import { resource as person } from './actions/person';
import { resource as transcript } from './actions/transcript';
import { searchAssets, searchFolders } from './methods/listSearch';
import { nodeProperties, operationRegistry, type ResourceModule } from '../shared/registry';
import { routeOperations } from '../shared/router';

const RESOURCES: ResourceModule[] = [
	asset,
	adBreak,
	annotation,
	batchAction,
	downloadQueue,
	person,
	transcript,
];

export class NomadMedia implements INodeType {
	/** The resources and their operations (the registry test reads them). */
	static readonly resources = RESOURCES;

	description: INodeTypeDescription = {
		displayName: 'Nomad Media',
		name: 'nomadMedia',
		icon: { light: 'file:nomadMedia.svg', dark: 'file:nomadMedia.dark.svg' },
		group: ['transform'],
		// 2: "If the File Exists" defaults to Fail instead of Replace (version 1 workflows keep Replace).
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage assets, uploads, annotations, ad breaks, faces, transcripts and subtitles, batch actions and the download queue in Nomad Media',
		defaults: { name: 'Nomad Media' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nomadMediaApi', required: true }],
		properties: nodeProperties(RESOURCES, 'asset'),
	};

	methods = {
		listSearch: { searchAssets, searchFolders },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperations.call(this, operationRegistry(RESOURCES));
	}
}
