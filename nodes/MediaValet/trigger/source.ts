import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkDamId } from '../../shared/ids';
import type { Change, ChangeSource } from '../../shared/trigger/changeFeed';
import { ASSET_ID } from '../helpers/ids';
import { field, listOf, mvRequest, totalOf } from '../transport';
import { EVENT_QUERIES, type TriggerEvent } from './query';

/** Assets asked for per search page. */
const PAGE_SIZE = 100;
/** Pages one read may take before the trigger gives up (a search that never ends). */
const MAX_PAGES = 2000;

export interface AssetChangeOptions {
	event: TriggerEvent;
	/** search, containerfilter... of GET /assets (the action node's assetQuery), without sort or paging. */
	qs: IDataObject;
	/** Shapes an AssetDto into the item the trigger outputs. */
	output: (asset: IDataObject) => IDataObject;
}

/**
 * The changes of one event kind over MediaValet's GET /assets: newest first by the event's
 * timestamp (query.ts), paged with count/offset.
 */
export function assetChangeSource(this: IPollFunctions, options: AssetChangeOptions): ChangeSource {
	const query = EVENT_QUERIES[options.event];
	const node = this.getNode();

	const toChange = (asset: IDataObject): Change | undefined => {
		const id = checkDamId.call(this, field(asset, 'id'), 'an asset ID', ASSET_ID);
		const time = query.timeOf(asset);
		// An asset without the timestamp cannot be placed in the feed (MediaValet always sends it).
		if (time === undefined) return undefined;
		const key = options.event === 'newAsset' ? id : `${id}@${new Date(time).toISOString()}`;
		return { key, time, item: options.output(asset) };
	};

	const page = async (offset: number, count: number) => {
		const body = await mvRequest.call(this, {
			method: 'GET',
			url: '/assets',
			qs: { ...options.qs, sort: query.sort, count, offset },
		});
		return { assets: listOf(body, 'assets'), total: totalOf(body) };
	};

	return {
		async since(since: number): Promise<Change[]> {
			const changes = new Map<string, Change>();
			const ids = new Set<string>();
			let offset = 0;
			let ordered = true;
			let previous = Number.POSITIVE_INFINITY;
			for (let pages = 0; ; pages++) {
				if (pages >= MAX_PAGES) {
					throw new NodeOperationError(
						node,
						`MediaValet's asset search did not end after ${MAX_PAGES} pages`,
					);
				}
				const { assets, total } = await page(offset, PAGE_SIZE);
				let fresh = 0;
				let passed = false;
				for (const asset of assets) {
					const change = toChange(asset);
					if (!change) continue;
					const id = change.key.split('@')[0];
					if (!ids.has(id)) fresh++;
					ids.add(id);
					if (change.time > previous) ordered = false;
					previous = change.time;
					if (change.time >= since) changes.set(change.key, change);
					else passed = true;
				}
				offset += assets.length;
				// Newest first: once a page reaches below `since`, the rest is older. If MediaValet did
				// not sort as asked (query.ts), every page is read.
				if (passed && ordered) break;
				if (assets.length === 0 || fresh === 0) break;
				if (total !== undefined ? offset >= total : assets.length < PAGE_SIZE) break;
			}
			return [...changes.values()];
		},
		async newest(): Promise<Change | undefined> {
			const { assets } = await page(0, 1);
			return assets.length ? toChange(assets[0]) : undefined;
		},
	};
}
