import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collectPages, getLimit, nextOffset, returnAllOrLimit } from '../../../shared/pagination';
import { assetLocator } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/utils';
import { wwGet } from '../../transport';

const PAGE_SIZE = 100;

const ACTIONS = [
	'CHECKIN',
	'CHECKOUT',
	'COPY',
	'COPY_VERSION',
	'CREATE',
	'CREATE_VARIATION',
	'DOWNLOAD',
	'METADATA_UPDATE',
	'MOVE',
	'PREVIEW',
	'REMOVE',
	'REMOVE_VERSION',
	'RENAME',
	'RENDITION',
	'UNDO_CHECKOUT',
];

export const description: INodeProperties[] = [
	assetLocator(['getHistory']),
	...returnAllOrLimit('asset', ['getHistory']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['asset'], operation: ['getHistory'] } },
		options: [
			{
				displayName: 'Actions',
				name: 'actions',
				type: 'multiOptions',
				default: [],
				description: 'The actions to return. Used only with the detail level "Selected Actions".',
				options: ACTIONS.map((action) => ({
					name: action
						.toLowerCase()
						.split('_')
						.map((word) => word[0].toUpperCase() + word.slice(1))
						.join(' '),
					value: action,
				})),
			},
			{
				displayName: 'Detail Level',
				name: 'detailLevel',
				type: 'options',
				default: 1,
				description: 'Which history entries to return',
				options: [
					{ name: 'All Actions', value: 5 },
					{ name: 'All but Previews', value: 4 },
					{ name: 'Changes to File and Location', value: 3, description: 'Everything except check-outs, metadata updates and previews' },
					{ name: 'Selected Actions', value: 0, description: 'Only the actions chosen under Actions' },
					{ name: 'Versions', value: 1, description: 'Actions that created a version: create, copy, check-in' },
					{ name: 'Versions, Moves and Renames', value: 2 },
				],
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const id = getAssetId.call(this, i);
	const detailLevel = this.getNodeParameter('options.detailLevel', i, 1) as number;
	const actions = this.getNodeParameter('options.actions', i, []) as string[];
	if (detailLevel === 0 && actions.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Choose at least one action under "Actions" for the detail level "Selected Actions"', {
			itemIndex: i,
		});
	}
	const limit = getLimit.call(this, i);
	return await collectPages<IDataObject, number>(
		async (start = 0, wanted) => {
			const num = Math.min(PAGE_SIZE, wanted ?? PAGE_SIZE);
			const page = await wwGet.call<IExecuteFunctions, Parameters<typeof wwGet>, Promise<{ totalHits?: number; hits?: IDataObject[] }>>(
				this,
				'/services/asset/history',
				{ id, start, num, detailLevel, actions: actions.length ? actions.join(',') : undefined },
				{ itemIndex: i },
			);
			const items = page.hits ?? [];
			return { items, next: nextOffset(start, items.length, num, page.totalHits) };
		},
		limit,
		0,
	);
}
