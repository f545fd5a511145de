import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { optionsCollection } from '../shared/descriptions';
import { emitExistingOption, unknownEventError } from '../shared/trigger/descriptions';
import { searchFiltersField, searchInField } from './actions/asset/search.operation';
import { pollFeed, type Change } from '../shared/trigger/changeFeed';
import {
	isWebhookMode,
	receiveDelivery,
	subscriptionMethods,
	TRIGGER_WEBHOOKS,
	triggerOnProperty,
} from '../shared/trigger/webhook';
import { type TenovosEvent, type TenovosScope, tenovosSource } from './trigger/source';
import { tenovosDeliveries, tenovosSubscriptions } from './trigger/webhook';

const EVENTS: TenovosEvent[] = ['newAsset', 'updatedAsset'];

/** The scope parameters, read the way the Search operation reads its own. */
function scopeOf(this: IPollFunctions, options: IDataObject): TenovosScope {
	const filters = ((options.filters as IDataObject | undefined)?.filter ?? []) as IDataObject[];
	return {
		searchTerm: String(this.getNodeParameter('searchTerm', '') ?? '').trim(),
		searchIn: String(options.searchIn ?? 'all'),
		filters: filters.map((f) => ({
			attribute: String(f.attribute ?? ''),
			value: String(f.value ?? ''),
		})),
	};
}

/** An "updated" change of an asset that was never modified after its creation is not an update. */
const isModification = (change: Change) =>
	Number(change.item.lastUpdatedEpoch) > Number(change.item.createdEpoch);

/** Tenovos webhooks carry no search, so the search parameters apply to polling only. */
const pollingOnly = { show: { triggerOn: ['polling'] } };

export class TenovosTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tenovos Trigger',
		name: 'tenovosTrigger',
		icon: { light: 'file:tenovos.svg', dark: 'file:tenovos.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "updatedAsset" ? "Updated asset" : "New asset"}}',
		description: 'Starts the workflow when an asset is created or updated in the Tenovos DAM',
		defaults: { name: 'Tenovos Trigger' },
		polling: true,
		webhooks: TRIGGER_WEBHOOKS,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tenovosApi', required: true }],
		properties: [
			triggerOnProperty(
				'Webhooks need Tenovos API v1.5 or later (a base URL such as https://api.tenovos.io/v1) and a user allowed to manage webhook endpoints; they watch every asset (no search).',
			),
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				required: true,
				default: 'newAsset',
				options: [
					{
						name: 'New Asset',
						value: 'newAsset',
						description:
							'An asset (or a new version of one) was created: its created date is after the trigger started',
					},
					{
						name: 'Updated Asset',
						value: 'updatedAsset',
						description:
							'An asset was modified (metadata, content, moved to the recycle bin ...): once per modification the search shows',
					},
				],
			},
			{
				displayName: 'Search Term',
				name: 'searchTerm',
				type: 'string',
				default: '',
				placeholder: 'apples*',
				description:
					'Only assets that match these keywords (* is a wildcard), as the Search operation takes them. Leave empty to watch every asset.',
				displayOptions: pollingOnly,
			},
			{
				...optionsCollection([emitExistingOption, searchFiltersField, searchInField]),
				displayOptions: pollingOnly,
			},
		],
	};

	webhookMethods = subscriptionMethods(tenovosSubscriptions);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return receiveDelivery.call(this, tenovosDeliveries);
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// Webhook mode: the deliveries start the workflow, the poll has nothing to do.
		if (isWebhookMode.call(this)) return null;
		const event = String(this.getNodeParameter('event', 'newAsset')) as TenovosEvent;
		if (!EVENTS.includes(event)) {
			throw unknownEventError(this.getNode(), event);
		}
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const source = tenovosSource.call(this, event, scopeOf.call(this, options));
		return await pollFeed.call(this, source, {
			emitExisting: options.emitExisting === true,
			wanted: event === 'updatedAsset' ? isModification : undefined,
			emptyHint:
				event === 'updatedAsset'
					? 'Update an asset in Tenovos that matches the trigger (its metadata, for example) and fetch again'
					: 'Create an asset in Tenovos that matches the trigger and fetch again',
		});
	}
}
