import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { readTimeCode, timeCodeProperty } from '../../helpers/timeCodes';
import { nomadRequest } from '../../transport';
import {
	adBreakIdProperty,
	adBreakOutput,
	adBreakPath,
	lookupNamesProperty,
	lookupsOf,
} from './fields';
import { listAdBreaks } from './getMany.operation';

export const option = {
	name: 'Update',
	description: 'Move an ad break or change its tags and labels',
	action: 'Update an ad break',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['adBreak'],
			operation: ['update'],
		},
	},
	[
		assetLocator('The video the ad break is on'),
		adBreakIdProperty,
		{
			...optionsCollection(
				[
					{
						...lookupNamesProperty('Labels'),
						description: 'Labels of the ad break, separated by commas (replace the current ones)',
					},
					{
						...lookupNamesProperty('Tags'),
						description: 'Tags of the ad break, separated by commas (replace the current ones)',
					},
					timeCodeProperty({
						displayName: 'Time Code',
						name: 'timeCode',
						description: 'New position of the ad break in the video',
					}),
				],
				{ displayName: 'Update Fields', name: 'updateFields' },
			),
			placeholder: 'Add Field',
		},
	],
);

/**
 * PUT /admin/asset/{assetId}/adbreak/{id} replaces the ad break: the node reads it first and sends
 * it with the changes, so that what is not changed stays.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { assetId, adBreakId, path } = adBreakPath.call(this, i);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const changes: IDataObject = {};
	const timeCode = readTimeCode.call(this, fields.timeCode, 'Time Code', i);
	if (timeCode) changes.timeCode = timeCode;
	for (const key of ['tags', 'labels'] as const) {
		const lookups = lookupsOf(fields[key]);
		if (lookups) changes[key] = lookups;
	}
	if (!Object.keys(changes).length)
		throw new NodeOperationError(this.getNode(), 'Nothing to update: add an update field', {
			itemIndex: i,
		});
	const current = (await listAdBreaks.call(this, assetId, i)).find(
		(adBreak) => String(adBreak.id ?? '').toLowerCase() === adBreakId,
	);
	// Not listed: sent as it is, and Nomad Media answers for the unknown ad break.
	const body: IDataObject = {};
	if (current?.timeCode) body.timeCode = current.timeCode;
	for (const key of ['tags', 'labels'] as const) {
		const kept = current?.[key];
		// The current lookups by ID (and name): what Nomad Media answered, reduced to what it takes.
		if (Array.isArray(kept))
			body[key] = (kept as IDataObject[]).map((lookup) => ({
				...(lookup.id ? { id: lookup.id } : {}),
				...(lookup.description ? { description: lookup.description } : {}),
			}));
	}
	Object.assign(body, changes);
	const updated = await nomadRequest.call(
		this,
		{ method: 'PUT', url: path, body },
		{ itemIndex: i },
	);
	return jsonItems(adBreakOutput(updated, assetId));
}
