import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getGuid, isGuid } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { readTimeCode, timeCodeProperty } from '../../helpers/timeCodes';

/**
 * Nomad Media's annotations: a time code range on an asset with free properties. Nomad Media's SDKs
 * keep the text in the properties `title`, `summary` and `description`; the node names those three
 * and takes any other property by name. Requests use the field names of Nomad Media's OpenAPI
 * document (AddAnnotationModel: startTimeCode, endTimeCode, properties, imageUrl, contentId).
 */

export const annotationIdProperty: INodeProperties = {
	displayName: 'Annotation ID',
	name: 'annotationId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
	description: 'ID of the annotation (Get Many lists them with their IDs)',
};

/** The annotation fields a user sets, in Create's Additional Fields and Update's Update Fields. */
export const annotationFields: INodeProperties[] = [
	{
		displayName: 'Content ID',
		name: 'contentId',
		type: 'string',
		default: '',
		placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
		description: 'ID of the content record the annotation belongs to, if any',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'Text of the annotation (its "description" property)',
	},
	timeCodeProperty({
		displayName: 'End Time Code',
		name: 'endTimeCode',
		description: 'Where the annotated range ends; empty marks a single point',
	}),
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		description: 'URL of an image shown with the annotation',
	},
	{
		displayName: 'Summary',
		name: 'summary',
		type: 'string',
		default: '',
		description: 'Short summary (its "summary" property)',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		description: 'Title of the annotation (its "title" property)',
	},
];

/** Other properties of the annotation, by name. */
export const propertiesProperty: INodeProperties = {
	displayName: 'Properties',
	name: 'properties',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Property',
	default: {},
	description: 'Further properties of the annotation, by name (text values)',
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
					description: 'Name of the property, e.g. keyword',
				},
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					description: 'Value of the property',
				},
			],
		},
	],
};

/** Asset ID and Annotation ID, both checked before they go into the path. */
export function annotationPath(
	this: IExecuteFunctions,
	i: number,
): { assetId: string; annotationId: string; path: string } {
	const assetId = getGuid.call(this, 'assetId', i, 'Asset');
	const annotationId = getGuid.call(this, 'annotationId', i, 'Annotation ID');
	return { assetId, annotationId, path: `/asset/${assetId}/annotation/${annotationId}` };
}

/**
 * The AddAnnotationModel fields of a Fields collection and the Properties list: only what is set.
 * `startTimeCode` may come from its own parameter (Create) or from the collection (Update).
 */
export function readAnnotation(
	this: IExecuteFunctions,
	i: number,
	fields: IDataObject,
	entries: Array<{ name?: string; value?: string }>,
): IDataObject {
	const body: IDataObject = {};
	const start = readTimeCode.call(this, fields.startTimeCode, 'Start Time Code', i);
	const end = readTimeCode.call(this, fields.endTimeCode, 'End Time Code', i);
	if (start !== undefined) body.startTimeCode = start;
	if (end !== undefined) body.endTimeCode = end;
	const properties: IDataObject = {};
	for (const key of ['title', 'summary', 'description']) {
		if (typeof fields[key] === 'string' && fields[key] !== '') properties[key] = fields[key];
	}
	for (const entry of entries) {
		const name = String(entry.name ?? '').trim();
		if (!name)
			throw new NodeOperationError(this.getNode(), 'A property in "Properties" has no name', {
				itemIndex: i,
			});
		properties[name] = String(entry.value ?? '');
	}
	if (Object.keys(properties).length) body.properties = properties;
	if (typeof fields.imageUrl === 'string' && fields.imageUrl.trim())
		body.imageUrl = fields.imageUrl.trim();
	if (fields.contentId !== undefined && String(fields.contentId).trim() !== '') {
		const contentId = String(fields.contentId).trim();
		if (!isGuid(contentId))
			throw new NodeOperationError(
				this.getNode(),
				`"Content ID" must be a Nomad Media ID (a GUID), got "${contentId}"`,
				{ itemIndex: i },
			);
		body.contentId = contentId.toLowerCase();
	}
	return body;
}

/** An annotation for output: as Nomad Media answered it, with the asset it is on. */
export function annotationOutput(annotation: IDataObject, assetId: string): IDataObject {
	return { ...toOutput(annotation), assetId };
}
