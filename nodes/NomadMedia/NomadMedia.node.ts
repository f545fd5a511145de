import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { routeOperations } from '../shared/router';
import * as asset from './actions/asset';
import * as batchAction from './actions/batchAction';
import * as downloadQueue from './actions/downloadQueue';
import { searchAssets, searchFolders } from './methods/listSearch';

export class NomadMedia implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Nomad Media',
		name: 'nomadMedia',
		icon: { light: 'file:nomadMedia.svg', dark: 'file:nomadMedia.dark.svg' },
		group: ['transform'],
		// 2: "If the File Exists" defaults to Fail instead of Replace (version 1 workflows keep Replace).
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage assets, uploads, batch actions and the download queue in Nomad Media',
		defaults: { name: 'Nomad Media' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nomadMediaApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Asset', value: 'asset' },
					{ name: 'Batch Action', value: 'batchAction' },
					{ name: 'Download Queue', value: 'downloadQueue' },
				],
				default: 'asset',
			},
			...asset.description,
			...batchAction.description,
			...downloadQueue.description,
		],
	};

	methods = {
		listSearch: { searchAssets, searchFolders },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeOperations.call(this, {
			asset: {
				archive: asset.archive.execute,
				createFolder: asset.createFolder.execute,
				createPlaceholder: asset.createPlaceholder.execute,
				get: asset.get.execute,
				getDetail: asset.getDetail.execute,
				getJobHistory: asset.getJobHistory.execute,
				getParentFolders: asset.getParentFolders.execute,
				listFolder: asset.listFolder.execute,
				restore: asset.restore.execute,
				search: asset.search.execute,
				update: asset.update.execute,
				upload: asset.upload.execute,
				uploadRelated: asset.uploadRelated.execute,
			},
			batchAction: { run: batchAction.run.execute },
			downloadQueue: {
				add: downloadQueue.add.execute,
				createArchive: downloadQueue.createArchive.execute,
				remove: downloadQueue.remove.execute,
				update: downloadQueue.update.execute,
			},
		});
	}
}
