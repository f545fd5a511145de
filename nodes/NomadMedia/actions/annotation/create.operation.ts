import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { timeCodeProperty } from '../../helpers/timeCodes';
import { nomadActOnce } from '../common';
import { annotationFields, annotationOutput, propertiesProperty, readAnnotation } from './fields';

export const option = {
	name: 'Create',
	description: 'Add an annotation (a comment at a time code) to an asset',
	action: 'Create an annotation',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['annotation'],
			operation: ['create'],
		},
	},
	[
		assetLocator('The asset to annotate'),
		timeCodeProperty({
			displayName: 'Start Time Code',
			name: 'startTimeCode',
			description: 'Where the annotation starts in the media',
			required: true,
		}),
		{
			...optionsCollection(annotationFields, {
				displayName: 'Additional Fields',
				name: 'additionalFields',
			}),
			placeholder: 'Add Field',
		},
		propertiesProperty,
	],
);

/** POST /asset/{assetId}/annotation (sent once): the new annotation as Nomad Media answered it. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getGuid.call(this, 'assetId', i, 'Asset');
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const startTimeCode = this.getNodeParameter('startTimeCode', i, '') as string;
	const entries = this.getNodeParameter('properties.property', i, []) as Array<{
		name?: string;
		value?: string;
	}>;
	const body = readAnnotation.call(this, i, { ...fields, startTimeCode }, entries);
	if (body.startTimeCode === undefined) {
		throw new NodeOperationError(this.getNode(), 'The "Start Time Code" parameter is empty', {
			itemIndex: i,
		});
	}
	const created = await nomadActOnce.call(
		this,
		i,
		{ url: `/asset/${assetId}/annotation`, body },
		'added the annotation (Get Many lists it)',
	);
	return jsonItems(annotationOutput(created, assetId));
}
