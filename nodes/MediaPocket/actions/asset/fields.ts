import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** The asset fields that create and update share. */
export const assetFieldProperties: INodeProperties[] = [
	{
		displayName: 'Category',
		name: 'category',
		type: 'string',
		default: '',
		description: 'Media Pocket stores categories in lower case',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
	},
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		description:
			'Your own ID for the asset (for example from an ERP); Media Pocket refuses one that is already taken',
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'e.g. summer, campaign 2025',
		description:
			'Comma-separated tags (Media Pocket stores them in lower case). Replaces the existing tags on update.',
	},
];

/** A collection of asset fields (create's Additional Fields, update's Update Fields), sorted by name. */
export function assetFieldsCollection(
	displayName: string,
	name: string,
	extra: INodeProperties,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...assetFieldProperties, extra].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

/** Splits "a, b ,c" (or takes an array from an expression) into tags. */
export function toTags(raw: unknown): string[] {
	const values = Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(',');
	return values.map((tag) => tag.trim()).filter((tag) => tag.length > 0);
}

/** The API body for the fields the user set. */
export function assetFieldsBody(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (fields.title !== undefined) body.title = String(fields.title);
	if (fields.description !== undefined) body.description = String(fields.description);
	if (fields.category !== undefined) body.category = String(fields.category);
	if (fields.externalId !== undefined) body.external_id = String(fields.externalId);
	if (fields.tags !== undefined) body.tags = toTags(fields.tags);
	return body;
}
