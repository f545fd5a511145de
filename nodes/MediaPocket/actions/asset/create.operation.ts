import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { assetFieldProperties, assetFieldsBody } from './fields';
import { mediaPocketRequest } from '../../transport';

export const description: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		description: 'Title of the new asset (at most 255 characters)',
		displayOptions: { show: { resource: ['asset'], operation: ['create'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: ['asset'], operation: ['create'] } },
		options: (
			[
				...assetFieldProperties,
				{
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
				},
			] as INodeProperties[]
		).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const title = String(this.getNodeParameter('title', i, '')).trim();
	if (!title)
		throw new NodeOperationError(this.getNode(), 'The parameter "Title" is empty', {
			itemIndex: i,
		});
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const body: IDataObject = { title, ...assetFieldsBody(fields) };
	if (fields.mediaType === 'article') body.media_type = 'article';
	const response = await mediaPocketRequest.call(this, 'POST', '/api/v2/assets', {
		body,
		itemIndex: i,
		creates: { what: 'asset', check: 'Media Pocket for an asset with this title' },
	});
	return (response.asset as IDataObject) ?? response;
}
