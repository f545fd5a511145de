/**
 * What the MediaValet Trigger assumes about MediaValet's search, in one place.
 *
 * GUESS (docs/mediavalet.md#trigger, /work/shared/api/mediavalet-woodwing.md §1.5): the `sort`
 * parameter of GET /assets takes "<field> A|D", as in the one example seen ("record.createdAt D");
 * the syntax is not documented. The trigger sorts newest first by the asset's own timestamps and
 * sends no date filter (no date filter syntax is known). It checks the order it gets: when a page
 * is not newest first, it reads every page rather than stop early, so a wrong guess costs requests,
 * not changes. The simulator follows the same assumption (test/sandbox/mediavalet/search.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import { field } from '../transport';

export type TriggerEvent = 'newAsset' | 'updatedAsset';

interface EventQuery {
	/** The sort expression: newest first by this event's timestamp. */
	sort: string;
	/** The event's time of an AssetDto, in ms (undefined when the asset has none). */
	timeOf(asset: IDataObject): number | undefined;
}

function msOf(value: unknown): number | undefined {
	if (typeof value !== 'string' || !value.trim()) return undefined;
	const ms = Date.parse(value);
	return Number.isFinite(ms) ? ms : undefined;
}

const record = (asset: IDataObject) => field(asset, 'record');

/** When the asset was created (uploaded): record.createdAt, else the top-level createdAt. */
export function createdAtOf(asset: IDataObject): number | undefined {
	return msOf(field(record(asset), 'createdAt')) ?? msOf(field(asset, 'createdAt'));
}

/** When the asset was last modified: record.modifiedAt, else file.modifiedAt. */
export function modifiedAtOf(asset: IDataObject): number | undefined {
	return (
		msOf(field(record(asset), 'modifiedAt')) ?? msOf(field(field(asset, 'file'), 'modifiedAt'))
	);
}

export const EVENT_QUERIES: Record<TriggerEvent, EventQuery> = {
	newAsset: { sort: 'record.createdAt D', timeOf: createdAtOf },
	updatedAsset: { sort: 'record.modifiedAt D', timeOf: modifiedAtOf },
};
