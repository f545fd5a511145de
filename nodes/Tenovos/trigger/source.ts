import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkDamId } from '../../shared/ids';
import type { Change, ChangeSource } from '../../shared/trigger/changeFeed';
import { TENOVOS_ID } from '../helpers/ids';
import { SEARCH_PAGE_SIZE, SEARCH_WINDOW, filterString } from '../helpers/utils';
import { tenovosRequest } from '../transport';

export type TenovosEvent = 'newAsset' | 'updatedAsset';

/** The asset timestamp each event follows; Tenovos sorts its keyword search by either. */
export const EVENT_FIELD: Record<TenovosEvent, 'createdEpoch' | 'lastUpdatedEpoch'> = {
	newAsset: 'createdEpoch',
	updatedAsset: 'lastUpdatedEpoch',
};

/** Times one read starts over when the result list moved under it (see `readSince`). */
const MAX_RESTARTS = 3;

/** What the trigger's search is scoped to (the Search operation's term, field and filters). */
export interface TenovosScope {
	searchTerm: string;
	searchIn: string;
	filters: Array<{ attribute: string; value: string }>;
}

/**
 * The keyword-search body for one event, newest first by the event's timestamp. Tenovos documents
 * no date-range filter for /search/keyword, only the sort: the read pages down from the newest
 * change and stops at the first one older than the poll's start. No filter is guessed.
 */
export function searchBody(event: TenovosEvent, scope: TenovosScope): IDataObject {
	const body: IDataObject = {
		searchTerm: [scope.searchTerm || '*'],
		operation: 'AND',
		includeDeleted: false,
		includeVersions: false,
		sortBy: [{ metadataDefinitionSearchField: EVENT_FIELD[event], order: 'desc' }],
	};
	if (scope.searchIn && scope.searchIn !== 'all') body.keywordSearchField = scope.searchIn;
	const filters = scope.filters
		.filter((f) => f.attribute.trim() !== '')
		.map((f) => filterString(f.attribute.trim(), f.value));
	if (filters.length) body.filters = filters;
	return body;
}

/** An asset from the search as a change of `event`: its id (and modification time), its time. */
export function toChange(
	this: IPollFunctions,
	event: TenovosEvent,
	asset: IDataObject,
): Change | undefined {
	const objectId = checkDamId.call(this, asset.objectId, 'an asset object ID', TENOVOS_ID);
	const time = Number(asset[EVENT_FIELD[event]]);
	if (!Number.isFinite(time)) return undefined;
	const key = event === 'newAsset' ? objectId : `${objectId}@${time}`;
	return { key, time, item: { ...asset, event } };
}

/**
 * The change feed of one event over POST /search/keyword. Pages are read newest first with an
 * overlap of one asset: the first asset of each page must be one the read already has, otherwise
 * assets left the result list between two pages (deleted, superseded by a new version, changed
 * out of the scope), the list moved up and an asset may have been skipped, so the read starts
 * over (what it already has is kept). Changes that move the list down (new or modified assets)
 * only make assets show twice, and the feed knows them by key.
 */
export function tenovosSource(
	this: IPollFunctions,
	event: TenovosEvent,
	scope: TenovosScope,
): ChangeSource {
	const body = searchBody(event, scope);
	const page = async (from: number, limit: number): Promise<IDataObject[]> => {
		const answer = await tenovosRequest.call(
			this,
			'POST',
			'/search/keyword',
			{ ...body, from, limit },
			{ idempotent: true },
		);
		return (Array.isArray(answer.result) ? answer.result : []) as IDataObject[];
	};
	const changesOf = (assets: IDataObject[]) =>
		assets.map((asset) => toChange.call(this, event, asset)).filter((c): c is Change => !!c);

	const readSince = async (since: number): Promise<Change[]> => {
		const found = new Map<string, Change>();
		for (let restarts = 0; ; restarts++) {
			// The assets this pass has read, for the overlap check.
			const objects = new Set<string>();
			let from = 0;
			let moved = false;
			for (;;) {
				const limit = Math.min(SEARCH_PAGE_SIZE, SEARCH_WINDOW - from);
				if (limit <= 1) {
					throw new NodeOperationError(
						this.getNode(),
						`More than ${SEARCH_WINDOW} assets changed since the last poll: Tenovos' keyword search serves only the first ${SEARCH_WINDOW} results`,
						{
							description:
								'Narrow the trigger with a search term or filters, or let it start afresh (a new trigger node records a new starting point)',
						},
					);
				}
				const assets = await page(from, limit);
				const changes = changesOf(assets);
				if (from > 0 && changes.length > 0 && !objects.has(String(changes[0].item.objectId))) {
					moved = true;
					break;
				}
				for (const change of changes) {
					objects.add(String(change.item.objectId));
					if (change.time >= since) found.set(change.key, change);
				}
				const reachedSince = changes.some((change) => change.time < since);
				if (reachedSince || assets.length < limit) break;
				from += assets.length - 1;
			}
			if (!moved) return [...found.values()];
			if (restarts >= MAX_RESTARTS) {
				throw new NodeOperationError(
					this.getNode(),
					'The Tenovos search results kept changing while the trigger read them',
					{ description: 'Nothing was marked as seen; the next poll reads them again' },
				);
			}
		}
	};

	return {
		since: readSince,
		async newest() {
			return changesOf(await page(0, 1))[0];
		},
	};
}
