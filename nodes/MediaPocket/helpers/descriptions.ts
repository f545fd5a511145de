import type { INodeProperties } from 'n8n-workflow';

/** Media Pocket asset ids: URL-safe characters (letters, digits, "-" and "_"), 20 of them in practice. */
export const ASSET_ID_REGEX = '[A-Za-z0-9_-]+';
/** An asset address from the web app: the last path segment that looks like an asset id. */
export const ASSET_URL_REGEX =
	'https?://[^/]+/(?:.*/)?(?:[#!/=]*)([A-Za-z0-9_-]{20})(?:[/?#&].*)?$';

/** The Asset resource locator (ID or a web app URL; Media Pocket has no asset search to list from). */
export function assetLocator(show: { resource: string[]; operation?: string[] }): INodeProperties {
	return {
		displayName: 'Asset',
		name: 'assetId',
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: true,
		description: 'The asset to work on',
		displayOptions: { show },
		modes: [
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 7UhQGdm3p9MJHRBI9Ohu',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^${ASSET_ID_REGEX}$`,
							errorMessage: 'Not a valid Media Pocket asset ID',
						},
					},
				],
			},
			{
				displayName: 'URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://yourcompany.mediapocket.fi/assets/7UhQGdm3p9MJHRBI9Ohu',
				extractValue: { type: 'regex', regex: ASSET_URL_REGEX },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: ASSET_URL_REGEX,
							errorMessage: 'Not a Media Pocket asset address',
						},
					},
				],
			},
		],
	};
}

/** The media of an asset: picked from the asset's media list, or by ID. */
export function mediaLocator(show: { resource: string[]; operation: string[] }): INodeProperties {
	return {
		displayName: 'Media',
		name: 'mediaId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The media (file) of the asset; "Get Media" lists them',
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchMedia', searchable: false },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 12',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\d+$', errorMessage: 'Media IDs are whole numbers' },
					},
				],
			},
		],
	};
}

/** A DAG action available for the asset: from the DAM's list (needs ACTIONS_VIEW), or by ID. */
export function dagActionLocator(show: {
	resource: string[];
	operation: string[];
}): INodeProperties {
	return {
		displayName: 'DAG Action',
		name: 'dagActionId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'The automation to start. The list needs the ACTIONS_VIEW permission; with only ACTIONS_START, enter the ID.',
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchDagActions', searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 2',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\d+$', errorMessage: 'DAG action IDs are whole numbers' },
					},
				],
			},
		],
	};
}
