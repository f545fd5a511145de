import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { getId } from '../../../shared/ids';
import { jsonItems, type OperationItems } from '../../../shared/items';
import { ASSET, ATTRIBUTE_ID, isIdOf } from '../../helpers/ids';
import { assetOutput } from '../../helpers/utils';
import { mvRequest, payloadOf } from '../../transport';
import { assetLocator, includeMediaUrlsOption } from '../common.descriptions';

const properties: INodeProperties[] = [
	assetLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add field',
		default: {},
		options: [
			{
				displayName: 'Alt Text',
				name: 'altText',
				type: 'string',
				default: '',
				description: 'Alternative text for accessibility',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
			},
		],
	},
	{
		displayName: 'Attributes',
		name: 'attributes',
		type: 'fixedCollection',
		placeholder: 'Add attribute',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Custom attribute values to set on the asset',
		options: [
			{
				displayName: 'Attribute',
				name: 'attribute',
				values: [
					{
						displayName: 'Attribute Name or ID',
						name: 'attributeId',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getAttributes' },
						default: '',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'New value. Leave empty to clear the attribute.',
					},
				],
			},
		],
	},
	optionsCollection([includeMediaUrlsOption]),
];

interface PatchOperation extends IDataObject {
	op: 'replace';
	path: string;
	value: string;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<OperationItems> {
	const assetId = getId.call(this, 'assetId', i, ASSET);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const attributes = (this.getNodeParameter('attributes.attribute', i, []) as IDataObject[]) ?? [];
	const options = this.getNodeParameter('options', i, {}) as IDataObject;

	const patch: PatchOperation[] = [];
	for (const name of ['title', 'description', 'altText']) {
		if (fields[name] !== undefined)
			patch.push({ op: 'replace', path: `/${name}`, value: String(fields[name]) });
	}
	for (const attribute of attributes) {
		const id = String(attribute.attributeId ?? '').trim();
		if (!isIdOf(ATTRIBUTE_ID, id)) {
			throw new NodeOperationError(
				this.getNode(),
				`The attribute "${id}" in "Attributes" is not a MediaValet attribute ID`,
				{
					itemIndex: i,
				},
			);
		}
		patch.push({ op: 'replace', path: `/attributes/${id}`, value: String(attribute.value ?? '') });
	}
	if (patch.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			'Nothing to update: add at least one field under "Update Fields" or "Attributes"',
			{
				itemIndex: i,
			},
		);
	}
	const body = await mvRequest.call(
		this,
		{
			method: 'PATCH',
			url: `/assets/${assetId}`,
			body: patch,
			headers: { 'Content-Type': 'application/json' },
		},
		{ itemIndex: i },
	);
	const asset = payloadOf<IDataObject>(body);
	return jsonItems(
		assetOutput(
			asset && typeof asset === 'object' ? asset : { id: assetId },
			options.includeMediaUrls === true,
		),
	);
}

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['update'] } },
	properties,
);

export const option = {
	name: 'Update',
	description: 'Update the title, description, alt text or attributes of an asset',
	action: 'Update an asset',
};
