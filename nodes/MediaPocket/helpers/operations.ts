import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { assetLocator } from './descriptions';
import { getAssetId } from './ids';
import { listOf } from './utils';
import { returnAllAndLimit } from '../../shared/descriptions';
import { jsonItems } from '../../shared/items';
import { getLimit, limitList } from '../../shared/pagination';
import type { OperationModule } from '../../shared/registry';
import { assetPath, mediaPocketRequest } from '../transport';

/**
 * Operations that differ only by what they ask Media Pocket: one implementation each, and an
 * operation file that names its request.
 */

/**
 * A list Media Pocket returns for the asset in one answer (GET /assets/<id>/<segment>, the array
 * under `key`), cut to Return All / Limit. Media Pocket does not page these lists.
 */
export async function getAssetList(
	this: IExecuteFunctions,
	i: number,
	segment: string,
	options: { key?: string; qs?: IDataObject } = {},
): Promise<IDataObject[]> {
	const assetId = getAssetId.call(this, i);
	const limit = getLimit.call(this, i);
	const response = await mediaPocketRequest.call(this, 'GET', assetPath(assetId, segment), {
		qs: options.qs,
		itemIndex: i,
	});
	return limitList(listOf(response, options.key ?? segment), limit);
}

/**
 * An action on the asset that Media Pocket answers with {"ok": "..."} (trash, restore, assign...):
 * one item with the outcome, `extra` (what the action was about) and the DAM's word.
 */
export async function assetCommand(
	this: IExecuteFunctions,
	i: number,
	method: IHttpRequestMethods,
	segments: string[],
	request: { body?: IDataObject; idempotent?: boolean; extra?: IDataObject } = {},
): Promise<INodeExecutionData[]> {
	const assetId = getAssetId.call(this, i);
	const response = await mediaPocketRequest.call(this, method, assetPath(assetId, ...segments), {
		body: request.body,
		idempotent: request.idempotent,
		itemIndex: i,
	});
	return jsonItems({
		success: true,
		asset_id: assetId,
		...request.extra,
		message: (response.ok as string | undefined) ?? null,
	});
}

/** An Asset operation that is one {"ok"} request on the asset: `request` is its method and path below the asset. */
export function assetCommandOperation(spec: {
	operation: string;
	option: OperationModule['option'];
	request: [IHttpRequestMethods, ...string[]];
}): OperationModule {
	const [method, ...segments] = spec.request;
	return {
		option: spec.option,
		description: updateDisplayOptions(
			{ show: { resource: ['asset'], operation: [spec.operation] } },
			[assetLocator],
		),
		async execute(this: IExecuteFunctions, i: number) {
			return await assetCommand.call(this, i, method, segments);
		},
	};
}

/** A Get Many operation that lists what Media Pocket holds for the asset under `list` (its path and key). */
export function assetListOperation(spec: {
	resource: string;
	operation: string;
	option: OperationModule['option'];
	list: string;
	/** What each entry becomes in the output (as it came by default). */
	map?: (entry: IDataObject) => IDataObject;
}): OperationModule {
	return {
		option: spec.option,
		description: updateDisplayOptions(
			{ show: { resource: [spec.resource], operation: [spec.operation] } },
			[assetLocator, ...returnAllAndLimit()],
		),
		async execute(this: IExecuteFunctions, i: number) {
			const list = await getAssetList.call(this, i, spec.list);
			return jsonItems(spec.map ? list.map(spec.map) : list);
		},
	};
}
