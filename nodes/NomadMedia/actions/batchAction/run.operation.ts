import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { jsonParse, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { idListProperty, nomadLocator } from '../../helpers/descriptions';
import { getGuid, getGuidList, isGuid } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { nomadActOnce } from '../common';

const ACTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export const option = {
	name: 'Run',
	description: 'Run a batch action on many assets',
	action: 'Run a batch action',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['batchAction'],
			operation: ['run'],
		},
	},
	[
		{
			displayName: 'Action',
			name: 'batchAction',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Add Tag', value: 'AddTag', description: 'Add a tag to the assets' },
				{
					name: 'Add to Collection',
					value: 'AddCollection',
					description: 'Add the assets to a collection',
				},
				{ name: 'Archive', value: 'Archive', description: 'Move the assets to archival storage' },
				{ name: 'Copy', value: 'Copy', description: 'Copy the assets to a folder' },
				{
					name: 'Delete',
					value: 'Delete',
					description: 'Delete the assets permanently (folders with their contents)',
				},
				{
					name: 'Duplicate',
					value: 'Duplicate',
					description: 'Copy the assets within their own folders',
				},
				{ name: 'Index', value: 'Index', description: 'Re-index the assets in search' },
				{ name: 'Move', value: 'Move', description: 'Move the assets to a folder' },
				{
					name: 'Other (Enter Name)',
					value: 'custom',
					description: 'Another batch action your Nomad Media knows, e.g. startWorkflow',
				},
				{
					name: 'Remove From Collection',
					value: 'RemoveCollection',
					description: 'Remove the assets from a collection',
				},
				{ name: 'Remove Tag', value: 'RemoveTag', description: 'Remove a tag from the assets' },
				{
					name: 'Reprocess',
					value: 'Reprocess',
					description: 'Run all processing pipelines again',
				},
				{ name: 'Restore', value: 'Restore', description: 'Restore archived assets' },
			],
			default: 'Archive',
			description: 'The batch action to run (POST /admin/asset/{action})',
		},
		{
			displayName: 'Action Name',
			name: 'customAction',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'startWorkflow',
			description:
				'Name of the batch action (case-insensitive); put its arguments in the "Extra Action Arguments" option',
			displayOptions: { show: { batchAction: ['custom'] } },
		},
		idListProperty({
			displayName: 'Asset IDs',
			name: 'assetIds',
			description:
				'IDs of the assets to act on, separated by commas or new lines, or an array from an expression',
		}),
		{
			...nomadLocator('folder', {
				displayName: 'Destination Folder',
				name: 'destinationFolderId',
				description: 'Folder to move or copy the assets to',
			}),
			displayOptions: { show: { batchAction: ['Move', 'Copy'] } },
		},
		{
			displayName: 'Tag',
			name: 'tagName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'approved',
			description: 'Name of the tag to add or remove',
			displayOptions: { show: { batchAction: ['AddTag', 'RemoveTag'] } },
		},
		{
			displayName: 'Collection',
			name: 'collection',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Highlights',
			description:
				'Name or ID of the collection. Adding to a collection name that does not exist creates it.',
			displayOptions: { show: { batchAction: ['AddCollection', 'RemoveCollection'] } },
		},
		optionsCollection([
			{
				displayName: 'Extra Action Arguments (JSON)',
				name: 'actionArguments',
				type: 'json',
				default: '{}',
				description:
					'More action arguments to send, merged over the ones above (for example {"workflowName": "..."})',
			},
		]),
	],
);

/**
 * POST /admin/asset/{action} with the target IDs and action arguments. One output item per asset
 * with its result (`isSuccess`, `message`, the asset status name and number).
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	let action = this.getNodeParameter('batchAction', i) as string;
	if (action === 'custom') action = (this.getNodeParameter('customAction', i, '') as string).trim();
	if (!ACTION_NAME.test(action)) {
		throw new NodeOperationError(this.getNode(), `"${action}" is not a batch action name`, {
			itemIndex: i,
			description: 'Batch action names are single words such as Archive or startWorkflow',
		});
	}
	const targetIds = getGuidList.call(this, 'assetIds', i, 'Asset IDs');
	const args: IDataObject = {};
	if (action === 'Move' || action === 'Copy') {
		args.destinationFolderAssetId = getGuid.call(
			this,
			'destinationFolderId',
			i,
			'Destination Folder',
		);
	}
	if (action === 'AddTag' || action === 'RemoveTag') {
		const tagName = (this.getNodeParameter('tagName', i, '') as string).trim();
		if (!tagName)
			throw new NodeOperationError(this.getNode(), '"Tag" is required for this action', {
				itemIndex: i,
			});
		args.tagName = tagName;
	}
	if (action === 'AddCollection' || action === 'RemoveCollection') {
		const collection = (this.getNodeParameter('collection', i, '') as string).trim();
		if (!collection)
			throw new NodeOperationError(this.getNode(), '"Collection" is required for this action', {
				itemIndex: i,
			});
		if (isGuid(collection)) args.collectionId = collection.toLowerCase();
		else args.collectionName = collection;
	}
	const extra = this.getNodeParameter('options.actionArguments', i, '{}') as string | IDataObject;
	if (extra && extra !== '{}') {
		const parsed =
			typeof extra === 'string'
				? jsonParse<IDataObject>(extra, {
						errorMessage: '"Extra Action Arguments" is not valid JSON',
					})
				: extra;
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
			throw new NodeOperationError(
				this.getNode(),
				'"Extra Action Arguments" must be a JSON object',
				{ itemIndex: i },
			);
		}
		Object.assign(args, parsed);
	}
	const answer = (await nomadActOnce.call(
		this,
		i,
		{
			url: `/admin/asset/${encodeURIComponent(action)}`,
			body: { targetIds, actionArguments: args },
		},
		`run ${action} on some or all of the assets (Get shows their state)`,
	)) as { items?: IDataObject[]; totalItemCount?: number };
	const items = answer.items ?? [];
	if (!items.length)
		return jsonItems({ action, targetIds, totalItemCount: answer.totalItemCount ?? 0 });
	return jsonItems(items.map((item) => ({ action, ...toOutput(item) })));
}
