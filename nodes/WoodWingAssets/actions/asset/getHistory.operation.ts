import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, returnAllAndLimit } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { collectPages, getLimit, nextOffset } from '../../../shared/pagination';
import { getInteger } from '../../../shared/parameters';
import { assetLocator } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/ids';
import { PAGE_SIZE, wwGet } from '../../transport';

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

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['getHistory'] } },
	[
		assetLocator(),
		...returnAllAndLimit(),
		optionsCollection([
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
		]),
	],
);

export const option = {
	name: 'Get History',
	description: 'Get the versions and usage history of an asset',
	action: 'Get the history of an asset',
};

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

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
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
	const entries = await collectPages<IDataObject, number>(
		async (start = 0, wanted) => {
			const num = Math.min(PAGE_SIZE, wanted ?? PAGE_SIZE);
			const qs = { id, start, num, detailLevel, actions: actions.join(',') || undefined };
			const page = (await wwGet.call(this, '/services/asset/history', qs, { itemIndex: i })) as {
				totalHits?: number;
				hits?: IDataObject[];
			};
			const items = page.hits ?? [];
			return { items, next: nextOffset(start, items.length, num, page.totalHits) };
		},
		limit,
		0,
	);
	return jsonItems(entries);
}
