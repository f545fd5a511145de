import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { getJsonObjectList } from '../../../shared/parameters';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { nomadActOnce } from '../common';
import { annotationOutput, readAnnotation } from './fields';

export const option = {
	name: 'Bulk Import',
	description: 'Add many annotations to an asset in one request',
	action: 'Import annotations',
};

const EXAMPLE =
	'[{ "startTimeCode": "00:00:05;00", "endTimeCode": "00:00:09;00", "title": "Intro", "description": "Logo on screen" }]';

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['annotation'],
			operation: ['bulkImport'],
		},
	},
	[
		assetLocator('The asset to annotate'),
		{
			displayName: 'Annotations',
			name: 'annotations',
			type: 'json',
			default: '[]',
			required: true,
			placeholder: EXAMPLE,
			description:
				'A JSON array of annotations, or an array from an expression. Each has startTimeCode and may have endTimeCode, title, summary, description, properties (an object), imageUrl and contentId.',
		},
	],
);

/** The fields an entry may have (any case), and the AddAnnotationModel field each one sets. */
const ENTRY_FIELDS: Record<string, string> = {
	starttimecode: 'startTimeCode',
	endtimecode: 'endTimeCode',
	title: 'title',
	summary: 'summary',
	description: 'description',
	properties: 'properties',
	imageurl: 'imageUrl',
	contentid: 'contentId',
};

function readEntries(this: IExecuteFunctions, i: number): IDataObject[] {
	return getJsonObjectList.call(
		this,
		'annotations',
		i,
		{ label: 'Annotations', example: EXAMPLE },
		(entry, where) => {
			const fields: IDataObject = {};
			for (const [key, value] of Object.entries(entry)) {
				const name = ENTRY_FIELDS[key.toLowerCase()];
				if (!name)
					throw new NodeOperationError(this.getNode(), `${where} has an unknown field "${key}"`, {
						itemIndex: i,
						description: `Known fields: ${Object.values(ENTRY_FIELDS).join(', ')}`,
					});
				fields[name] = value;
			}
			const properties = fields.properties;
			if (properties !== undefined && (typeof properties !== 'object' || Array.isArray(properties)))
				throw new NodeOperationError(this.getNode(), `${where}: "properties" must be an object`, {
					itemIndex: i,
				});
			const body = readAnnotation.call(this, i, fields, []);
			if (properties)
				body.properties = {
					...(properties as IDataObject),
					...((body.properties as IDataObject) ?? {}),
				};
			if (body.startTimeCode === undefined)
				throw new NodeOperationError(this.getNode(), `${where} has no startTimeCode`, {
					itemIndex: i,
				});
			return body;
		},
	);
}

/**
 * POST /asset/{assetId}/annotation/import (sent once) with every entry checked first: one item
 * per annotation Nomad Media created.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getGuid.call(this, 'assetId', i, 'Asset');
	const entries = readEntries.call(this, i);
	const answer = (await nomadActOnce.call(
		this,
		i,
		{ url: `/asset/${assetId}/annotation/import`, body: entries },
		'imported the annotations (Get Many lists them)',
	)) as unknown;
	const created = Array.isArray(answer) ? (answer as IDataObject[]) : [];
	return jsonItems(created.map((annotation) => annotationOutput(annotation, assetId)));
}
