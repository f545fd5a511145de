import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { optionsCollection } from '../shared/descriptions';
import { emitExistingOption, unknownEventError } from '../shared/trigger/descriptions';
import { pollFeed } from '../shared/trigger/changeFeed';
import {
	isWebhookMode,
	subscriptionMethods,
	TRIGGER_WEBHOOKS,
	triggerOnProperty,
} from '../shared/trigger/webhook';
import { assetQuery } from './actions/asset/getAll.operation';
import { includeMediaUrlsOption } from './actions/common.descriptions';
import { CATEGORY_ID, isIdOf } from './helpers/ids';
import { assetOutput } from './helpers/utils';
import { getCategories } from './methods/loadOptions';
import { createdAtOf, modifiedAtOf, type TriggerEvent } from './trigger/query';
import { assetChangeSource } from './trigger/source';
import { mediaValetSubscriptions, receiveSkyhook } from './trigger/webhook';

const EVENTS: TriggerEvent[] = ['newAsset', 'updatedAsset'];

/** Filters and options apply to the search; SkyHOOK events carry neither (trigger/webhook.ts). */
const POLLING_ONLY = { show: { triggerOn: ['polling'] } };

export class MediaValetTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'MediaValet Trigger',
		name: 'mediaValetTrigger',
		icon: { light: 'file:mediaValet.svg', dark: 'file:mediaValet.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when assets are added to or changed in MediaValet',
		defaults: { name: 'MediaValet Trigger' },
		credentials: [{ name: 'mediaValetApi', required: true }],
		polling: true,
		webhooks: TRIGGER_WEBHOOKS,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			triggerOnProperty(
				'Webhooks use MediaValet SkyHOOK, which needs the MediaValet Enterprise plan.',
			),
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{
						name: 'New Asset',
						value: 'newAsset',
						description: 'An asset was added to the library (by its creation time)',
					},
					{
						name: 'Updated Asset',
						value: 'updatedAsset',
						description:
							'An asset was changed: metadata, a new version, a category (by its modification time). Once per modification.',
					},
				],
				default: 'newAsset',
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add filter',
				default: {},
				displayOptions: POLLING_ONLY,
				options: [
					{
						displayName: 'Category Name or ID',
						name: 'categoryId',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getCategories' },
						default: '',
						description:
							'Only assets in this category (and its subcategories). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Search Text',
						name: 'searchText',
						type: 'string',
						default: '',
						placeholder: 'e.g. sunset',
						description:
							"Only assets MediaValet's free-text search finds (titles, descriptions, file names, keywords)",
					},
				],
			},
			{
				...optionsCollection([emitExistingOption, includeMediaUrlsOption]),
				displayOptions: POLLING_ONLY,
			},
		],
	};

	methods = { loadOptions: { getCategories } };

	webhookMethods = subscriptionMethods(mediaValetSubscriptions);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return receiveSkyhook.call(this);
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// Webhook mode: the deliveries start the workflow, the poll has nothing to do.
		if (isWebhookMode.call(this)) return null;
		const event = this.getNodeParameter('event', 'newAsset') as TriggerEvent;
		if (!EVENTS.includes(event)) {
			throw unknownEventError(this.getNode(), event);
		}
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const categoryId = String(filters.categoryId ?? '').trim();
		if (categoryId && !isIdOf(CATEGORY_ID, categoryId)) {
			// It goes into MediaValet's container filter: a UUID or nothing.
			throw new NodeOperationError(
				this.getNode(),
				`"${categoryId}" in "Filters → Category" is not a MediaValet category ID`,
			);
		}
		const qs = assetQuery(String(filters.searchText ?? ''), categoryId ? { categoryId } : {});
		const source = assetChangeSource.call(this, {
			event,
			qs,
			output: (asset) => ({
				...assetOutput(asset, options.includeMediaUrls === true),
				event,
			}),
		});
		return await pollFeed.call(this, source, {
			emitExisting: options.emitExisting === true,
			// An asset's first version is its creation, not a modification: "New Asset" reports it.
			wanted:
				event === 'updatedAsset'
					? (change) => modifiedAtOf(change.item) !== createdAtOf(change.item)
					: undefined,
			emptyHint:
				event === 'newAsset'
					? 'Add an asset in MediaValet that matches the filters and fetch again'
					: 'Change an asset in MediaValet that matches the filters and fetch again',
		});
	}
}
