import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isStringId } from '../helpers/ids';
import { listOf } from '../helpers/utils';
import { assetPath, mediaPocketRequest } from '../transport';

/** The asset chosen in the node, if it is set to something usable yet. */
function currentAsset(this: ILoadOptionsFunctions): string | undefined {
	const value = this.getCurrentNodeParameter('assetId', { extractValue: true }) as unknown;
	const id = typeof value === 'string' ? value.trim() : '';
	return isStringId(id) ? id : undefined;
}

function matches(filter: string | undefined, ...texts: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return texts.some((text) =>
		String(text ?? '')
			.toLowerCase()
			.includes(needle),
	);
}

/** DAG actions available for the chosen asset (needs ACTIONS_VIEW: the DAM's 403 is shown as it is). */
export async function searchDagActions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const assetId = currentAsset.call(this);
	if (!assetId) return { results: [] };
	const response = await mediaPocketRequest.call(this, 'GET', assetPath(assetId, 'dag_actions'));
	const results = listOf(response, 'dag_actions')
		.filter((action) => matches(filter, action.name, action.category, action.description))
		.map((action: IDataObject) => ({
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
	const assetId = currentAsset.call(this);
	if (!assetId) return { results: [] };
	const response = await mediaPocketRequest.call(this, 'GET', assetPath(assetId, 'media'));
	const results = listOf(response, 'media')
		.filter((media) => matches(filter, media.filename, media.kind, media.id))
		.map((media: IDataObject) => {
			const label = [media.filename ?? `Media ${media.id}`, media.kind].filter(Boolean).join(' – ');
			return { name: String(label), value: String(media.id) };
		});
	return { results };
}
