import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { resourceLocator } from '../../../shared/descriptions';
import { TENOVOS_ID_REGEX } from '../../helpers/ids';

/** An operation's parameters: shown for the asset resource and that operation only. */
export function assetOperation(
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return updateDisplayOptions(
		{ show: { resource: ['asset'], operation: [operation] } },
		properties,
	);
}

/** The "Asset" resource locator: pick from a filename search, paste a link, or give the object ID. */
export function assetLocator(description: string): INodeProperties {
	return resourceLocator({
		displayName: 'Asset',
		name: 'asset',
		description,
		modes: {
			list: { searchListMethod: 'searchAssets', placeholder: 'Select an asset...' },
			url: {
				regex: `https?://.*${TENOVOS_ID_REGEX}.*`,
				extract: `^https?://.*(${TENOVOS_ID_REGEX})`,
				placeholder: 'https://acme.tenovos.io/asset/e55bdb0c-022b-475d-9e26-9d74552e1e81',
				errorMessage: 'Not a link to a Tenovos asset (it must contain the asset ID)',
			},
			id: {
				regex: `\\s*${TENOVOS_ID_REGEX}\\s*`,
				placeholder: 'e55bdb0c-022b-475d-9e26-9d74552e1e81',
				errorMessage: 'Not a Tenovos ID (a UUID)',
			},
		},
	});
}

const EXPRESSION = '<a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** The two template pickers: which list they load and what they hold. */
const PICKERS = {
	metadataTemplateId: {
		displayName: 'Metadata Template Name or ID',
		type: 'options',
		loadOptionsMethod: 'getMetadataTemplates',
		choose: `Choose from the list, or specify an ID using an ${EXPRESSION}`,
	},
	securityTemplateIds: {
		displayName: 'Security Template Names or IDs',
		type: 'multiOptions',
		loadOptionsMethod: 'getSecurityTemplates',
		choose: `Choose from the list, or specify IDs using an ${EXPRESSION}`,
	},
} as const;

/**
 * A template picker: required on Create (no `about`), optional inside Options on Create Version
 * and Update, where `about` says what it does there.
 */
export function templatePicker(name: keyof typeof PICKERS, about?: string): INodeProperties {
	const picker = PICKERS[name];
	return {
		displayName: picker.displayName,
		name,
		type: picker.type,
		typeOptions: { loadOptionsMethod: picker.loadOptionsMethod },
		default: picker.type === 'multiOptions' ? [] : '',
		description: about ? `${about} ${picker.choose}.` : picker.choose,
		...(about ? {} : { required: true }),
	};
}

/** The security templates on Create: at least one. */
export const securityTemplatesRequired: INodeProperties = {
	...templatePicker('securityTemplateIds'),
	description: `Who may see and use the asset (at least one). ${PICKERS.securityTemplateIds.choose}.`,
};

/** The "File Name" option of the uploads. */
export const fileNameOption: INodeProperties = {
	displayName: 'File Name',
	name: 'fileName',
	type: 'string',
	default: '',
	description:
		'Name of the file in Tenovos, with its extension. Defaults to the name of the binary file.',
};
