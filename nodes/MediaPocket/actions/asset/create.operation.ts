import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { assetFieldsBody, assetFieldsCollection } from './fields';
import { jsonItems } from '../../../shared/items';
import { getText, recordOf } from '../../helpers/utils';
import { mediaPocketCreate } from '../../transport';

export const option = { name: 'Create', description: 'Create an asset', action: 'Create an asset' };

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['create'],
		},
	},
	[
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			required: true,
			default: '',
			description: 'Title of the new asset (at most 255 characters)',
		},
		assetFieldsCollection('Additional Fields', 'additionalFields', {
			displayName: 'Type',
			name: 'mediaType',
			type: 'options',
			default: 'placeholder',
			description:
				'An asset starts as a placeholder without media (add media from a URL afterwards), or as an article whose text you write in Media Pocket',
			options: [
				{ name: 'Article', value: 'article' },
				{ name: 'Placeholder (No Media Yet)', value: 'placeholder' },
			],
		}),
	],
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const title = getText.call(this, 'title', i, 'Title').trim();
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const body: IDataObject = { title, ...assetFieldsBody(fields) };
	if (fields.mediaType === 'article') body.media_type = 'article';
	const response = await mediaPocketCreate.call(
		this,
		'/api/v2/assets',
		i,
		'created the asset (look for an asset with this title)',
		body,
	);
	return jsonItems(recordOf(response, 'asset'));
}
