import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { collectPages, getLimit, nextOffset, returnAllOrLimit } from '../../../shared/pagination';
import { getInteger } from '../../../shared/parameters';
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
					{
						name: 'Changes to File and Location',
						value: 3,
						description: 'Everything except check-outs, metadata updates and previews',
					},
					{
						name: 'Selected Actions',
						value: 0,
						description: 'Only the actions chosen under Actions',
					},
					{
						name: 'Versions',
						value: 1,
						description: 'Actions that created a version: create, copy, check-in',
					},
					{ name: 'Versions, Moves and Renames', value: 2 },
				],
			},
		],
	},
];

/** The Actions option: a list from the editor, or a comma-separated text from an expression; only known actions. */
function getActions(this: IExecuteFunctions, i: number): string[] {
	const raw = this.getNodeParameter('options.actions', i, []) as unknown;
	const list = (Array.isArray(raw) ? raw : String(raw ?? '').split(','))
		.map((action) => String(action).trim().toUpperCase())
		.filter(Boolean);
	const unknown = list.find((action) => !ACTIONS.includes(action));
	if (unknown) {
		throw new NodeOperationError(
			this.getNode(),
			`"${unknown}" is not a history action (parameter "Actions")`,
			{
				itemIndex: i,
				description: `Known actions: ${ACTIONS.join(', ')}`,
			},
		);
	}
	return list;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const id = getAssetId.call(this, i);
	const detailLevel = getInteger.call(this, 'options.detailLevel', i, {
		label: 'Detail Level',
		min: 0,
		max: 5,
		fallback: 1,
	});
	const actions = getActions.call(this, i);
	if (detailLevel === 0 && actions.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			'Choose at least one action under "Actions" for the detail level "Selected Actions"',
			{
				itemIndex: i,
			},
		);
	}
	const limit = getLimit.call(this, i);
	return await collectPages<IDataObject, number>(
		async (start = 0, wanted) => {
			const num = Math.min(PAGE_SIZE, wanted ?? PAGE_SIZE);
			const page = await wwGet.call<
				IExecuteFunctions,
				Parameters<typeof wwGet>,
				Promise<{ totalHits?: number; hits?: IDataObject[] }>
			>(
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
