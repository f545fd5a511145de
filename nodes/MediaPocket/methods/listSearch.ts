import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { MEDIA_POCKET_ID } from '../helpers/ids';
import { listOf } from '../helpers/utils';
import { assetPath, mediaPocketRequest } from '../transport';

/**
 * The list `segment` of the asset chosen in the node (the array under the same key), those of its
 * entries whose `fields` contain the filter; none while no usable asset is chosen yet.
 */
async function chosenAssetList(
	this: ILoadOptionsFunctions,
	segment: string,
	filter: string | undefined,
	fields: string[],
): Promise<IDataObject[]> {
	const value = this.getCurrentNodeParameter('assetId', { extractValue: true }) as unknown;
	const assetId = typeof value === 'string' ? value.trim() : '';
	if (!MEDIA_POCKET_ID.pattern.test(assetId)) return [];
	const response = await mediaPocketRequest.call(this, 'GET', assetPath(assetId, segment));
	const needle = filter?.toLowerCase();
	return listOf(response, segment).filter(
		(entry) =>
			!needle ||
			fields.some((field) =>
				String(entry[field] ?? '')
					.toLowerCase()
					.includes(needle),
			),
	);
}

/** DAG actions available for the chosen asset (needs ACTIONS_VIEW: the DAM's 403 is shown as it is). */
export async function searchDagActions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const actions = await chosenAssetList.call(this, 'dag_actions', filter, [
		'name',
		'category',
		'description',
	]);
	const results = actions
		.map((action) => ({
			name: action.category ? `${action.name} (${action.category})` : String(action.name),
			value: String(action.id),
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

/** Media (files) of the chosen asset. */
export async function searchMedia(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const media = await chosenAssetList.call(this, 'media', filter, ['filename', 'kind', 'id']);
	const results = media.map((entry) => {
		const label = [entry.filename ?? `Media ${entry.id}`, entry.kind].filter(Boolean).join(' – ');
		return { name: String(label), value: String(entry.id) };
	});
	return { results };
}
