import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { getAssetId, sendOnce } from '../../helpers/utils';
import { field, listOf, mvRequest } from '../../transport';
import { assetLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	assetLocator,
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'Text of the comment',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['comment'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getAssetId.call(this, i);
	const text = (this.getNodeParameter('comment', i, '') as string).trim();
	if (!text) {
		throw new NodeOperationError(this.getNode(), 'The "Comment" parameter is empty', {
			itemIndex: i,
		});
	}
	// Sent once: a repeat after a lost answer would store the comment twice.
	await sendOnce(
		async () =>
			await mvRequest.call(
				this,
				{ method: 'POST', url: `/assets/${assetId}/comments`, body: [text] },
				{ itemIndex: i, commit: true },
			),
		(error) => {
			const note = `MediaValet may have stored the comment on asset ${assetId} before its answer was lost; it was not sent again. Check the asset's comments before running this again.`;
			error.description = [note, error.description].filter(Boolean).join(' ');
		},
	);
	// MediaValet answers 201 without the comment: read it back to return its ID and author.
	const body = await mvRequest.call(
		this,
		{ method: 'GET', url: `/assets/${assetId}/comments` },
		{ itemIndex: i },
	);
	const mine = listOf(body, 'comments').filter((comment) => field(comment, 'comment') === text);
	return mine.length ? mine[mine.length - 1] : { assetId, comment: text };
}
