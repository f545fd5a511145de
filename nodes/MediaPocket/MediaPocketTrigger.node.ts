import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { fetchHistoryPage, type HistoryPage } from './helpers/history';
import { mediaPocketNodeBase } from './helpers/node';
import { watchedAssetIds } from './trigger/assetIds';
import {
	type AssetCursor,
	advance,
	baseline,
	eventId,
	isAscending,
	newEvents,
	readState,
	sameState,
	type TriggerState,
	writeState,
} from './trigger/cursor';
import { EVENT_TYPE_OPTIONS } from './trigger/eventTypes';
import { mediaPocketDeliveries, mediaPocketSubscriptions } from './trigger/webhook';
import { optionsCollection } from '../shared/descriptions';
import {
	isWebhookMode,
	receiveDelivery,
	subscriptionMethods,
	TRIGGER_WEBHOOKS,
	triggerOnProperty,
} from '../shared/trigger/webhook';

/** Pages one asset's history may take in one poll before the trigger gives up (a cursor that never ends). */
const MAX_PAGES = 2000;
/** Times a poll starts an asset's history over after a 422 "Invalid cursor". */
const MAX_CURSOR_RESTARTS = 3;
/** Pages the manual "fetch test event" looks through for a matching event. */
const SAMPLE_PAGES = 5;

type Read = { events: IDataObject[] };

function isInvalidCursor(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '422';
}

/**
 * Reads an asset's history from the newest page on ("0", then each next_cursor) until it reaches
 * an event at or below `floor` on a newest-first page, or the last page. With `firstPageOnly`, one
 * newest-first page is enough. Returns every event above `floor` it saw, once each. A 422 on a
 * later page (the DAM no longer accepts that cursor) starts the read over from "0".
 */
async function readHistory(
	this: IPollFunctions,
	assetId: string,
	floor: number,
	firstPageOnly = false,
): Promise<Read> {
	const collected = new Map<number, IDataObject>();
	let cursor = '0';
	let restarts = 0;
	let seenCursors = new Set<string>();
	for (let pages = 0; ; pages++) {
		if (pages >= MAX_PAGES) {
			throw new NodeOperationError(
				this.getNode(),
				`The history of asset ${assetId} did not end after ${MAX_PAGES} pages`,
			);
		}
		const outcome: { page?: HistoryPage; error?: unknown } = await fetchHistoryPage
			.call(this, assetId, cursor)
			.then(
				(page) => ({ page }),
				(error: unknown) => ({ error }),
			);
		if (!outcome.page) {
			if (cursor !== '0' && restarts < MAX_CURSOR_RESTARTS && isInvalidCursor(outcome.error)) {
				restarts++;
				cursor = '0';
				seenCursors = new Set();
				continue;
			}
			throw outcome.error;
		}
		const { events, nextCursor } = outcome.page;
		let reachedFloor = false;
		for (const event of events) {
			const id = eventId(event);
			if (id === undefined) continue;
			if (id > floor) collected.set(id, event);
			else reachedFloor = true;
		}
		const newestFirst = !isAscending(events);
		if (newestFirst && (reachedFloor || firstPageOnly)) break;
		if (!nextCursor || seenCursors.has(nextCursor)) break;
		seenCursors.add(nextCursor);
		cursor = nextCursor;
	}
	return { events: [...collected.values()] };
}

interface Failure {
	assetId: string;
	error: unknown;
	/** The DAM said the asset does not exist (404 "asset not found"): it is no longer watched. */
	gone: boolean;
}

/** A 404 with Media Pocket's "asset not found": the asset was deleted or purged. */
function isGone(error: unknown): boolean {
	return (
		error instanceof NodeApiError &&
		error.httpCode === '404' &&
		/asset not found/i.test(error.message)
	);
}

function failureNote(failure: Failure): string {
	return failure.gone
		? `Asset ${failure.assetId} was not found in Media Pocket (deleted or purged): the trigger no longer polls it. Remove it from "Asset IDs"; adding it again later watches it afresh.`
		: `While reading the history of asset ${failure.assetId}`;
}

/**
 * One error for the user about the assets that could not be read this poll: the asset's own error
 * when it is one (status kept), a summary when there are several.
 */
function failureReport(this: IPollFunctions, failures: Failure[], watched: number): Error {
	if (failures.length === 1) {
		const [failure] = failures;
		const error =
			failure.error instanceof NodeApiError || failure.error instanceof NodeOperationError
				? failure.error
				: new NodeOperationError(this.getNode(), failure.error as Error);
		const others =
			watched > 1 && !failure.gone
				? '. The other watched assets were read; this one is read again from where it stopped at the next poll.'
				: '';
		error.description = `${failureNote(failure)}${others}`;
		return error;
	}
	const lines = failures.map(
		(failure) =>
			`${failureNote(failure)}: ${(failure.error as Error)?.message ?? String(failure.error)}`,
	);
	return new NodeOperationError(
		this.getNode(),
		`The history of ${failures.length} of ${watched} watched assets could not be read`,
		{
			description: `${lines.join('\n')}\nThe other watched assets were read; the failing ones are read again from where they stopped at the next poll.`,
		},
	);
}

/**
 * Tells the user about failed assets while the others' events go out. n8n (1.x and 2.x) records
 * __emitError as a failed execution in the executions list and runs the error workflow, and leaves
 * the poll's cursor to the poll. Without it the poll fails as a whole, before any state is written.
 */
function reportBeside(this: IPollFunctions, report: Error): void {
	try {
		this.__emitError(report);
	} catch {
		throw report;
	}
}

/** "Asset IDs" as polling has it (required); webhook mode shows a variant of it (below). */
const ASSET_IDS: INodeProperties = {
	displayName: 'Asset IDs',
	name: 'assetIds',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 7UhQGdm3p9MJHRBI9Ohu, rSkRlq2Aiw4wJvjvlqSm',
	description:
		'The assets to watch, separated by commas, spaces or new lines (Media Pocket has history per asset and no asset search)',
};

function toItem(event: IDataObject, assetId: string): INodeExecutionData {
	return { json: { ...event, asset_id: assetId } };
}

export class MediaPocketTrigger implements INodeType {
	description: INodeTypeDescription = {
		...mediaPocketNodeBase,
		displayName: 'Media Pocket Trigger',
		name: 'mediaPocketTrigger',
		group: ['trigger'],
		subtitle: '={{"Assets: " + ($parameter["assetIds"] || "all")}}',
		description:
			'Starts the workflow when something happens to the Media Pocket assets you list (their history), or to any asset (webhook)',
		defaults: { name: 'Media Pocket Trigger' },
		icon: { light: 'file:mediaPocket.svg', dark: 'file:mediaPocket.dark.svg' },
		polling: true,
		webhooks: TRIGGER_WEBHOOKS,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			triggerOnProperty(
				'Media Pocket keeps webhooks in its admin settings: the API key needs a user allowed to manage them (presumably an admin).',
			),
			{ ...ASSET_IDS, displayOptions: { show: { triggerOn: ['polling'] } } },
			{
				// Webhooks carry every asset's events: here the list only filters, and may be empty.
				...ASSET_IDS,
				required: false,
				placeholder: 'e.g. 7UhQGdm3p9MJHRBI9Ohu (empty: every asset)',
				description:
					'Only events of these assets start the workflow, separated by commas, spaces or new lines. Leave empty for every asset.',
				displayOptions: { show: { triggerOn: ['webhook'] } },
			},
			{
				displayName: 'Event Types',
				name: 'eventTypes',
				type: 'multiOptions',
				options: EVENT_TYPE_OPTIONS,
				default: [],
				description:
					'Only these kinds of history events start the workflow. None selected means every event.',
			},
			optionsCollection([
				{
					displayName: 'Emit Existing History',
					name: 'emitExistingHistory',
					type: 'boolean',
					default: false,
					description:
						'Whether the first poll of an asset emits the history it already has. Off: only events that happen after the trigger starts watching the asset.',
					// Polling only: a webhook trigger starts with the first delivery.
					displayOptions: { hide: { '/triggerOn': ['webhook'] } },
				},
				{
					displayName: 'Include Raw Body',
					name: 'includeRawBody',
					type: 'boolean',
					default: false,
					description:
						'Whether each item also gets the delivery exactly as Media Pocket sent it (rawBody, text), to read fields the trigger does not know (the payload format is not documented)',
					displayOptions: { show: { '/triggerOn': ['webhook'] } },
				},
			]),
		],
	};

	webhookMethods = subscriptionMethods(mediaPocketSubscriptions);

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return receiveDelivery.call(this, mediaPocketDeliveries);
	}

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		// Webhook mode: the deliveries start the workflow, the poll has nothing to do.
		if (isWebhookMode.call(this)) return null;
		const assetIds = watchedAssetIds.call(this, true);
		const types = new Set((this.getNodeParameter('eventTypes', []) as string[]).map(String));
		const wanted = (event: IDataObject) => types.size === 0 || types.has(String(event.event_type));
		const options = this.getNodeParameter('options', {}) as IDataObject;

		if (this.getMode() === 'manual') {
			// A sample for the editor: the newest matching event. The stored cursor is not read or moved.
			let sample: { event: IDataObject; assetId: string } | undefined;
			for (const assetId of assetIds) {
				let cursor: string | null = '0';
				for (let page = 0; cursor !== null && page < SAMPLE_PAGES; page++) {
					const { events, nextCursor }: HistoryPage = await fetchHistoryPage.call(
						this,
						assetId,
						cursor,
					);
					for (const event of events.filter(wanted)) {
						if (!sample || (eventId(event) ?? 0) > (eventId(sample.event) ?? 0))
							sample = { event, assetId };
					}
					if (events.some(wanted) && !isAscending(events)) break;
					cursor = nextCursor;
				}
			}
			if (!sample) {
				throw new NodeOperationError(
					this.getNode(),
					'No history event of the chosen types was found for these assets',
					{
						description:
							'Make a change to one of the assets in Media Pocket (or widen "Event Types") and fetch again',
					},
				);
			}
			return [[toItem(sample.event, sample.assetId)]];
		}

		const staticData = this.getWorkflowStaticData('node');
		const previous = readState(staticData);
		const next: TriggerState = { v: 1, assets: {}, gone: {} };
		const emitted: Array<{ id: number; order: number; item: INodeExecutionData }> = [];
		const failures: Failure[] = [];

		// Each asset is read on its own: one that fails keeps its cursor and the others go on.
		// Nothing is written to the static data before every asset has been read.
		for (const [order, assetId] of assetIds.entries()) {
			const known: AssetCursor | undefined = previous.assets[assetId];
			if (previous.gone[assetId]) {
				next.gone[assetId] = previous.gone[assetId];
				continue;
			}
			try {
				if (!known && !options.emitExistingHistory) {
					next.assets[assetId] = baseline((await readHistory.call(this, assetId, 0, true)).events);
					continue;
				}
				const cursor: AssetCursor = known ?? { w: 0, r: [] };
				const { events } = await readHistory.call(this, assetId, cursor.w);
				const fresh = newEvents(cursor, events).filter(wanted);
				next.assets[assetId] = advance(cursor, events);
				for (const event of fresh)
					emitted.push({ id: eventId(event)!, order, item: toItem(event, assetId) });
			} catch (error) {
				const gone = isGone(error);
				if (gone)
					next.gone[assetId] = { at: new Date().toISOString(), message: (error as Error).message };
				else if (known) next.assets[assetId] = known;
				failures.push({ assetId, error, gone });
			}
		}

		if (failures.length > 0) {
			const report = failureReport.call(this, failures, assetIds.length);
			// Nothing to deliver or keep: failing the poll is n8n's ordinary way to report it.
			if (emitted.length === 0 && sameState(previous, next)) throw report;
			reportBeside.call(this, report);
		}
		if (!sameState(previous, next) || staticData.v !== 1) writeState(staticData, next);
		if (emitted.length === 0) return null;
		emitted.sort((a, b) => a.id - b.id || a.order - b.order);
		return [emitted.map(({ item }) => item)];
	}
}
