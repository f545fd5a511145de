import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { GUID_PATTERN } from '../helpers/ids';
import { toOutput } from '../helpers/output';
import { nomadRequest } from '../transport';

export type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

/** A resource locator for a Nomad Media asset or folder: pick from a search, paste the ID or a URL holding it. */
export function locator(
	kind: 'asset' | 'folder',
	props: { displayName: string; name: string; description: string; show: Show; required?: boolean },
): INodeProperties {
	return {
		displayName: props.displayName,
		name: props.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: props.required ?? true,
		description: props.description,
		displayOptions: { show: props.show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: kind === 'folder' ? 'Select a folder...' : 'Select an asset...',
				typeOptions: { searchListMethod: kind === 'folder' ? 'searchFolders' : 'searchAssets', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
				validation: [
					{
						type: 'regex',
						properties: { regex: `\\s*${GUID_PATTERN}\\s*`, errorMessage: 'Not a Nomad Media ID (GUID)' },
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'https://admin-app.example.nomad-cms.com/assets/3fa85f64-5717-4562-b3fc-2c963f66afa6',
				extractValue: { type: 'regex', regex: `(${GUID_PATTERN})` },
				validation: [
					{
						type: 'regex',
						properties: { regex: `https?://.*${GUID_PATTERN}.*`, errorMessage: 'Not a URL that contains a Nomad Media ID' },
					},
				],
			},
		],
	};
}

/** GET /admin/asset/{id}, ready for output (type and status names and numbers). */
export async function fetchAsset(this: IExecuteFunctions, id: string, i: number): Promise<IDataObject> {
	return toOutput(await nomadRequest.call(this, { method: 'GET', url: `/admin/asset/${id}` }, { itemIndex: i }));
}

/** Upload settings shared by Upload and Upload Related File (entries of their Options collection). */
export const uploadTuningOptions: INodeProperties[] = [
	{
		displayName: 'Parallel Parts',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 16 },
		default: 4,
		description:
			'How many parts are sent to storage at the same time. Memory use is about this number times the part size (capped at 256 MiB).',
	},
	{
		displayName: 'Part Size (MiB)',
		name: 'partSizeMiB',
		type: 'number',
		typeOptions: { minValue: 5, maxValue: 5120 },
		default: 8,
		description:
			'Part size to ask Nomad Media for. Nomad Media decides the final size (at least 5 MiB, larger when a file would need more than 10,000 parts) and the upload follows its answer.',
	},
];
