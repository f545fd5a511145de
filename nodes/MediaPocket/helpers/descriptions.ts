import type { INodeProperties } from 'n8n-workflow';

import { MEDIA_POCKET_ID_REGEX } from './ids';
import { resourceLocator } from '../../shared/descriptions';

/** An asset address from the web app: the last path segment that looks like an asset id. */
export const ASSET_URL_REGEX =
	'https?://[^/]+/(?:.*/)?(?:[#!/=]*)([A-Za-z0-9_-]{20})(?:[/?#&].*)?$';

const WHOLE_NUMBER_REGEX = '\\d+';

/** The Asset every operation works on: by ID or a web app URL (Media Pocket has no asset search to list from). */
export const assetLocator: INodeProperties = resourceLocator({
	displayName: 'Asset',
	name: 'assetId',
	description: 'The asset to work on',
	defaultMode: 'id',
	modes: {
		url: {
			regex: ASSET_URL_REGEX,
			extract: ASSET_URL_REGEX,
			placeholder: 'e.g. https://yourcompany.mediapocket.fi/assets/7UhQGdm3p9MJHRBI9Ohu',
			errorMessage: 'Not a Media Pocket asset address',
		},
		id: {
			regex: MEDIA_POCKET_ID_REGEX,
			placeholder: 'e.g. 7UhQGdm3p9MJHRBI9Ohu',
			errorMessage: 'Not a valid Media Pocket asset ID',
		},
	},
});

/** The media of an asset: picked from the asset's media list, or by ID. */
export const mediaLocator: INodeProperties = resourceLocator({
	displayName: 'Media',
	name: 'mediaId',
	description: 'The media (file) of the asset; "Get Media" lists them',
	modes: {
		list: {
			searchListMethod: 'searchMedia',
			searchable: false,
			placeholder: 'Select a media file...',
		},
		id: {
			regex: WHOLE_NUMBER_REGEX,
			placeholder: 'e.g. 12',
			errorMessage: 'Media IDs are whole numbers',
		},
	},
});

/** A DAG action available for the asset: from the DAM's list (needs ACTIONS_VIEW), or by ID. */
export const dagActionLocator: INodeProperties = resourceLocator({
	displayName: 'DAG Action',
	name: 'dagActionId',
	description:
		'The automation to start. The list needs the ACTIONS_VIEW permission; with only ACTIONS_START, enter the ID.',
	modes: {
		list: { searchListMethod: 'searchDagActions', placeholder: 'Select a DAG action...' },
		id: {
			regex: WHOLE_NUMBER_REGEX,
			placeholder: 'e.g. 2',
			errorMessage: 'DAG action IDs are whole numbers',
		},
	},
});
