import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { nomadRequest } from '../../transport';
import { fetchAsset } from '../common';

export const option = {
	name: 'Update',
	description: 'Update the properties of an asset',
	action: 'Update an asset',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['update'],
		},
	},
	[
		assetLocator('The asset to update'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Available From',
					name: 'availableStartDate',
					type: 'dateTime',
					default: '',
					description: 'Start of the availability window (entitlement)',
				},
				{
					displayName: 'Available Until',
					name: 'availableEndDate',
					type: 'dateTime',
					default: '',
					description: 'End of the availability window (entitlement)',
				},
				{
					displayName: 'Display Date',
					name: 'displayDate',
					type: 'dateTime',
					default: '',
					description: 'Date shown for the asset',
				},
				{
					displayName: 'Display Name',
					name: 'displayName',
					type: 'string',
					default: '',
					description: 'New name of the asset. For files it must keep a file extension.',
				},
			],
		},
		{
			displayName: 'Custom Properties',
			name: 'customProperties',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Custom Property',
			default: {},
			description: 'Custom properties to set on the asset',
			options: [
				{
					displayName: 'Property',
					name: 'property',
					values: [
						{
							displayName: 'Name',
							name: 'name',
							type: 'string',
							default: '',
							description: 'Name of the custom property',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description:
								'Value to store (JSON numbers, booleans, objects and arrays are sent as such)',
						},
					],
				},
			],
		},
		{
			displayName: 'Custom Properties to Remove',
			name: 'removeCustomProperties',
			type: 'string',
			default: '',
			placeholder: 'rating, reviewer',
			description: 'Comma-separated names of custom properties to remove from the asset',
		},
	],
);

function parseValue(value: string): unknown {
	const trimmed = value.trim();
	if (/^(-?\d+(\.\d+)?|true|false|null)$/.test(trimmed) || /^[[{]/.test(trimmed)) {
		try {
			return JSON.parse(trimmed);
		} catch {
			return value;
		}
	}
	return value;
}

/** PATCH /admin/asset/{id} (lightweight properties, no reprocessing), then the updated asset. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = getGuid.call(this, 'assetId', i, 'Asset');
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const body: IDataObject = {};
	if (typeof fields.displayName === 'string' && fields.displayName.trim())
		body.displayName = fields.displayName.trim();
	for (const date of ['displayDate', 'availableStartDate', 'availableEndDate']) {
		if (fields[date]) {
			const parsed = Date.parse(String(fields[date]));
			if (Number.isNaN(parsed))
				throw new NodeOperationError(this.getNode(), `"${date}" is not a valid date`, {
					itemIndex: i,
				});
			body[date] = new Date(parsed).toISOString();
		}
	}
	const custom: IDataObject = {};
	const entries =
		(this.getNodeParameter('customProperties.property', i, []) as Array<{
			name: string;
			value: string;
		}>) ?? [];
	for (const entry of entries) {
		const name = String(entry.name ?? '').trim();
		if (!name)
			throw new NodeOperationError(this.getNode(), 'A custom property has no name', {
				itemIndex: i,
			});
		custom[name] = parseValue(String(entry.value ?? '')) as IDataObject[string];
	}
	const removals = String(this.getNodeParameter('removeCustomProperties', i, '') ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	// Nomad Media removes a custom property whose value is null.
	for (const name of removals) custom[name] = null;
	if (Object.keys(custom).length) body.customProperties = custom;
	if (!Object.keys(body).length) {
		throw new NodeOperationError(
			this.getNode(),
			'Nothing to update: add an update field or a custom property',
			{ itemIndex: i },
		);
	}
	await nomadRequest.call(
		this,
		{ method: 'PATCH', url: `/admin/asset/${id}`, body },
		{ itemIndex: i, idempotent: true },
	);
	return jsonItems(await fetchAsset.call(this, id, i));
}
