import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { timeCodeProperty } from '../../helpers/timeCodes';
import { nomadRequest } from '../../transport';
import {
	annotationFields,
	annotationIdProperty,
	annotationOutput,
	annotationPath,
	propertiesProperty,
	readAnnotation,
} from './fields';
import { listAnnotations } from './getMany.operation';

export const option = {
	name: 'Update',
	description: 'Change the time codes, text or properties of an annotation',
	action: 'Update an annotation',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['annotation'],
			operation: ['update'],
		},
	},
	[
		assetLocator('The asset the annotation is on'),
		annotationIdProperty,
		{
			...optionsCollection(
				[
					...annotationFields,
					timeCodeProperty({
						displayName: 'Start Time Code',
						name: 'startTimeCode',
						description: 'Where the annotation starts in the media',
					}),
				],
				{ displayName: 'Update Fields', name: 'updateFields' },
			),
			placeholder: 'Add Field',
		},
		{
			...propertiesProperty,
			description: 'Properties to set, by name (the others are kept)',
		},
	],
);

/**
 * The writable AddAnnotationModel fields of an annotation Nomad Media answered, read in any case
 * (the SDKs' `startTimecode` is `startTimeCode`) and named as the OpenAPI document names them.
 */
function writable(annotation: IDataObject | undefined): IDataObject {
	const body: IDataObject = {};
	const keys = Object.keys(annotation ?? {});
	for (const name of ['startTimeCode', 'endTimeCode', 'imageUrl', 'contentId', 'properties']) {
		const key = keys.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
		const value = key === undefined ? undefined : annotation![key];
		if (value !== undefined && value !== null) body[name] = value;
	}
	return body;
}

/**
 * PUT /asset/{assetId}/annotation/{id} replaces the annotation: the node reads it first and sends
 * it with the changes, so that what is not changed stays (properties are merged by name).
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { assetId, annotationId, path } = annotationPath.call(this, i);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const entries = this.getNodeParameter('properties.property', i, []) as Array<{
		name?: string;
		value?: string;
	}>;
	const changes = readAnnotation.call(this, i, fields, entries);
	if (!Object.keys(changes).length) {
		throw new NodeOperationError(
			this.getNode(),
			'Nothing to update: add an update field or a property',
			{ itemIndex: i },
		);
	}
	const current = (await listAnnotations.call(this, assetId, i)).find(
		(annotation) => String(annotation.id ?? '').toLowerCase() === annotationId,
	);
	// Not listed: sent as it is, and Nomad Media answers for the unknown annotation.
	const kept = writable(current);
	const body = { ...kept, ...changes };
	if (changes.properties)
		body.properties = {
			...((kept.properties as IDataObject | undefined) ?? {}),
			...(changes.properties as IDataObject),
		};
	const updated = await nomadRequest.call(
		this,
		{ method: 'PUT', url: path, body },
		{ itemIndex: i },
	);
	return jsonItems(annotationOutput(updated, assetId));
}
