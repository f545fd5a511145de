import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { fetchHistoryPage, type HistoryPage } from './helpers/history';
import { splitList } from './helpers/utils';
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
			throw new NodeOperationError(this.getNode(), `The history of asset ${assetId} did not end after ${MAX_PAGES} pages`);
		}
		const outcome: { page?: HistoryPage; error?: unknown } = await fetchHistoryPage.call(this, assetId, cursor).then(
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
			if (outcome.error instanceof NodeApiError) {
				outcome.error.description = `While reading the history of asset ${assetId}`;
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

function toItem(event: IDataObject, assetId: string): INodeExecutionData {
	return { json: { ...event, asset_id: assetId } };
}

export class MediaPocketTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Media Pocket Trigger',
		name: 'mediaPocketTrigger',
		icon: { light: 'file:mediaPocket.svg', dark: 'file:mediaPocket.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Assets: " + $parameter["assetIds"]}}',
		description: 'Starts the workflow when something happens to the Media Pocket assets you list (their history)',
		defaults: { name: 'Media Pocket Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'mediaPocketApi', required: true }],
		properties: [
			{
				displayName: 'Asset IDs',
				name: 'assetIds',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. 7UhQGdm3p9MJHRBI9Ohu, rSkRlq2Aiw4wJvjvlqSm',
				description:
					'The assets to watch, separated by commas, spaces or new lines (Media Pocket has history per asset and no asset search)',
			},
			{
				displayName: 'Event Types',
				name: 'eventTypes',
				type: 'multiOptions',
				options: EVENT_TYPE_OPTIONS,
				default: [],
				description: 'Only these kinds of history events start the workflow. None selected means every event.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Emit Existing History',
						name: 'emitExistingHistory',
						type: 'boolean',
						default: false,
						description:
							'Whether the first poll of an asset emits the history it already has. Off: only events that happen after the trigger starts watching the asset.',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const assetIds = splitList(this.getNodeParameter('assetIds', ''));
		if (assetIds.length === 0) throw new NodeOperationError(this.getNode(), 'Enter at least one asset ID under "Asset IDs"');
		const invalid = assetIds.find((id) => /[/?#]/.test(id));
		if (invalid) throw new NodeOperationError(this.getNode(), `"${invalid}" is not a valid Media Pocket asset ID`);
		const types = new Set((this.getNodeParameter('eventTypes', []) as string[]).map(String));
		const wanted = (event: IDataObject) => types.size === 0 || types.has(String(event.event_type));
		const options = this.getNodeParameter('options', {}) as IDataObject;

		if (this.getMode() === 'manual') {
			// A sample for the editor: the newest matching event. The stored cursor is not read or moved.
			let sample: { event: IDataObject; assetId: string } | undefined;
			for (const assetId of assetIds) {
				let cursor: string | null = '0';
				for (let page = 0; cursor !== null && page < SAMPLE_PAGES; page++) {
					const { events, nextCursor }: HistoryPage = await fetchHistoryPage.call(this, assetId, cursor);
					for (const event of events.filter(wanted)) {
						if (!sample || (eventId(event) ?? 0) > (eventId(sample.event) ?? 0)) sample = { event, assetId };
					}
					if (events.some(wanted) && !isAscending(events)) break;
					cursor = nextCursor;
				}
			}
			if (!sample) {
				throw new NodeOperationError(this.getNode(), 'No history event of the chosen types was found for these assets', {
					description: 'Make a change to one of the assets in Media Pocket (or widen "Event Types") and fetch again',
				});
			}
			return [[toItem(sample.event, sample.assetId)]];
		}

		const staticData = this.getWorkflowStaticData('node');
		const previous = readState(staticData);
		const next: TriggerState = { v: 1, assets: {} };
		const emitted: Array<{ id: number; order: number; item: INodeExecutionData }> = [];

		// Nothing is written to the static data before every asset has been read: a failure leaves the
		// stored cursor as it was, so nothing counts as seen that was not emitted.
		for (const [order, assetId] of assetIds.entries()) {
			const known: AssetCursor | undefined = previous.assets[assetId];
			if (!known && !options.emitExistingHistory) {
				next.assets[assetId] = baseline((await readHistory.call(this, assetId, 0, true)).events);
				continue;
			}
			const cursor: AssetCursor = known ?? { w: 0, r: [] };
			const { events } = await readHistory.call(this, assetId, cursor.w);
			for (const event of newEvents(cursor, events)) {
				if (wanted(event)) emitted.push({ id: eventId(event)!, order, item: toItem(event, assetId) });
			}
			next.assets[assetId] = advance(cursor, events);
		}

		if (!sameState(previous, next) || staticData.v !== 1) writeState(staticData, next);
		if (emitted.length === 0) return null;
		emitted.sort((a, b) => a.id - b.id || a.order - b.order);
		return [emitted.map(({ item }) => item)];
	}
}
