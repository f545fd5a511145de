import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { optionsCollection } from '../shared/descriptions';
import { emitExistingOption, knownEvent } from '../shared/trigger/descriptions';
import { pollFeed } from '../shared/trigger/changeFeed';
import {
	isWebhookMode,
	receiveDelivery,
	subscriptionMethods,
	TRIGGER_WEBHOOKS,
	triggerOnProperty,
} from '../shared/trigger/webhook';
import { folderLocator } from './helpers/descriptions';
import type { Hit } from './transport';
import { searchFolders } from './methods/listSearch';
import { EVENTS, type Scope, woodWingSource } from './trigger/source';
import { woodWingDeliveries, woodWingSubscriptions } from './trigger/webhook';

/** The folder and query the trigger watches, checked before they go into a query. */
function scopeOf(this: IPollFunctions | IHookFunctions | IWebhookFunctions): Scope {
	const raw = this.getNodeParameter('folderPath', '', { extractValue: true }) as unknown;
	const folder = String(raw ?? '')
		.trim()
		.replace(/\/+$/, '');
	if (String(raw ?? '').trim() && !folder.startsWith('/')) {
		throw new NodeOperationError(
			this.getNode(),
			`The folder path "${String(raw)}" must start with "/" (parameter "Folder")`,
			{ description: 'Use the full path of the folder, e.g. /Demo Zone/Images' },
		);
	}
	const options = this.getNodeParameter('options', {}) as IDataObject;
	return {
		folder: String(raw ?? '').trim() === '/' ? '' : folder,
		includeSubfolders: options.includeSubfolders !== false,
		query: String(this.getNodeParameter('query', '') ?? ''),
	};
}

export class WoodWingAssetsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WoodWing Assets Trigger',
		name: 'woodWingAssetsTrigger',
		icon: { light: 'file:woodWingAssets.svg', dark: 'file:woodWingAssets.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"On " + $parameter["event"]}}',
		description:
			'Starts the workflow when assets are created, modified, checked in or checked out on a WoodWing Assets Server',
		defaults: { name: 'WoodWing Assets Trigger' },
		credentials: [{ name: 'woodWingAssetsApi', required: true }],
		polling: true,
		webhooks: TRIGGER_WEBHOOKS,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			triggerOnProperty(
				'Webhooks need a super user and a Pro or API licence (Assets Server 6.49 or later).',
			),
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				default: 'newAsset',
				options: [
					{
						name: 'Asset Checked In',
						value: 'checkedIn',
						description: 'A new version of the file was uploaded (assetFileModified moved)',
					},
					{
						name: 'Asset Checked Out',
						value: 'checkedOut',
						description: 'Someone checked the asset out (its checkedOut time)',
					},
					{
						name: 'Metadata Changed',
						value: 'metadataChanged',
						description:
							'The asset was modified without a new file (metadata, a move or a rename), as its latest state shows it',
					},
					{
						name: 'New Asset',
						value: 'newAsset',
						description: 'An asset was created or imported (assetCreated)',
					},
					{
						name: 'Updated Asset',
						value: 'updatedAsset',
						description: 'Any modification: metadata, a new version, a move (assetModified)',
					},
				],
			},
			{
				...folderLocator(
					'Only assets in this folder (and, unless turned off in the options, its subfolders). Leave empty for every folder.',
					false,
				),
			},
			{
				displayName: 'Query',
				name: 'query',
				type: 'string',
				default: '',
				placeholder: 'e.g. assetDomain:image AND status:Production',
				description:
					'Only assets matching this WoodWing Assets query (ANDed with the folder). Leave empty for every asset.',
			},
			optionsCollection([
				emitExistingOption,
				{
					displayName: 'Include Subfolders',
					name: 'includeSubfolders',
					type: 'boolean',
					default: true,
					description: 'Whether assets in subfolders of the folder count too',
				},
			]),
		],
	};

	methods = {
		listSearch: { searchFolders },
	};

	webhookMethods = subscriptionMethods(woodWingSubscriptions(scopeOf));

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return receiveDelivery.call(this, woodWingDeliveries(scopeOf));
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// Webhook mode: the deliveries start the workflow, the poll has nothing to do.
		if (isWebhookMode.call(this)) return null;
		const event = knownEvent(this.getNode(), EVENTS, this.getNodeParameter('event', 'newAsset'));
		const spec = EVENTS[event];
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const wanted = spec.wanted;
		return await pollFeed.call(this, woodWingSource.call(this, event, scopeOf.call(this)), {
			emitExisting: options.emitExisting === true,
			wanted: wanted ? (change) => wanted(change.item as Hit) : undefined,
			emptyHint:
				'Create or change an asset in WoodWing Assets that matches the trigger (folder, query, event) and fetch again',
		});
	}
}
