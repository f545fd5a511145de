import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getGuid } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';

/**
 * Ad breaks: the cue points (VMAP/VAST) of a video, each a time code with tags and labels.
 * Requests use AdBreakSubmitModel of Nomad Media's OpenAPI document: `timeCode`, and `tags` /
 * `labels` as lookups, which the node sends by name (`{ "description": "<name>" }`).
 */

export const adBreakIdProperty: INodeProperties = {
	displayName: 'Ad Break ID',
	name: 'adBreakId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
	description: 'ID of the ad break (Get Many lists them with their IDs)',
};

/** Tags and Labels: names separated by commas. */
export function lookupNamesProperty(displayName: 'Tags' | 'Labels'): INodeProperties {
	return {
		displayName,
		name: displayName.toLowerCase(),
		type: 'string',
		default: '',
		placeholder: displayName === 'Tags' ? 'sports, family' : 'scene change',
		description: `${displayName} of the ad break, separated by commas (used to pick the ads)`,
	};
}

/** Names separated by commas as lookups by name; undefined when the parameter was not given. */
export function lookupsOf(value: unknown): IDataObject[] | undefined {
	if (value === undefined || value === null) return undefined;
	const names = (Array.isArray(value) ? value.map(String) : String(value).split(','))
		.map((name) => name.trim())
		.filter(Boolean);
	return [...new Set(names)].map((description) => ({ description }));
}

/** Asset ID and Ad Break ID, both checked before they go into the path. */
export function adBreakPath(
	this: IExecuteFunctions,
	i: number,
): { assetId: string; adBreakId: string; path: string } {
	const assetId = getGuid.call(this, 'assetId', i, 'Asset');
	const adBreakId = getGuid.call(this, 'adBreakId', i, 'Ad Break ID');
	return { assetId, adBreakId, path: `/admin/asset/${assetId}/adbreak/${adBreakId}` };
}

/** An ad break for output: as Nomad Media answered it, with the asset it is on. */
export function adBreakOutput(adBreak: IDataObject, assetId: string): IDataObject {
	return { ...toOutput(adBreak), assetId };
}
