import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, jsonParse, updateDisplayOptions } from 'n8n-workflow';

import { checkDamId } from '../../shared/ids';
import { tenovosRequest } from '../transport';
import { TENOVOS_ID, isTenovosId } from './ids';

/** One metadata value as Tenovos reads and writes it. */
export interface MetadataItem extends IDataObject {
	metadataDefinitionId: string;
}

export interface TemplateAttribute {
	id: string;
	name: string;
	group: string;
	type: string;
	isMultipleSelect: boolean;
	readonly: boolean;
	visible: boolean;
	controlledVocabularyId?: string;
	dateFormat?: string;
}

export interface MetadataTemplate {
	id: string;
	name: string;
	types: string[];
	attributes: TemplateAttribute[];
}

/**
 * A template as GET /metadata/template(/{id}) returns it. The spec wraps each one in `template`,
 * Tenovos' own sample code reads the fields at the top level: both are accepted.
 */
export function parseTemplate(raw: unknown): MetadataTemplate | undefined {
	const outer = (raw ?? {}) as IDataObject;
	const body = ((outer.template as IDataObject | undefined) ?? outer) as IDataObject;
	const id = body.templateId ?? body.id;
	if (typeof id !== 'string') return undefined;
	const groups = (Array.isArray(body.metadataGroups) ? body.metadataGroups : []) as IDataObject[];
	const attributes: TemplateAttribute[] = groups.flatMap((group) =>
		(
			(Array.isArray(group.metadataAttributes) ? group.metadataAttributes : []) as IDataObject[]
		).map((a) => ({
			id: String(a.id),
			name: String(a.name ?? a.id),
			group: String(group.metadataGroupName ?? ''),
			type: String(a.type ?? 'text'),
			isMultipleSelect: a.isMultipleSelect === true,
			readonly: a.readonly === true,
			visible: a.visible !== false,
			controlledVocabularyId:
				typeof a.controlledVocabularyId === 'string' ? a.controlledVocabularyId : undefined,
			dateFormat: typeof a.dateFormat === 'string' ? a.dateFormat : undefined,
		})),
	);
	const types = Array.isArray(body.templateType) ? body.templateType.map(String) : [];
	return { id, name: String(body.templateName ?? body.name ?? id), types, attributes };
}

type Context = IExecuteFunctions | ILoadOptionsFunctions;

/** Templates and vocabularies fetched during one execution, so each is read once for all items. */
const caches = new WeakMap<object, Map<string, Promise<unknown>>>();

function cached<T>(context: Context, key: string, load: () => Promise<T>): Promise<T> {
	let cache = caches.get(context);
	if (!cache) {
		cache = new Map();
		caches.set(context, cache);
	}
	let entry = cache.get(key) as Promise<T> | undefined;
	if (!entry) {
		entry = load();
		cache.set(key, entry);
		entry.catch(() => cache.delete(key));
	}
	return entry;
}

/**
 * GET `/metadata/<kind>/<id>`, once per execution. The ID may come from an asset Tenovos returned
 * (its template) or from a template (its vocabularies): checked before it goes into the path.
 */
async function readDefinition(
	this: Context,
	kind: 'template' | 'vocabulary',
	id: string,
	itemIndex?: number,
): Promise<IDataObject> {
	const what = kind === 'template' ? 'a metadata template ID' : 'a controlled vocabulary ID';
	const checked = checkDamId.call(this, id, what, TENOVOS_ID, itemIndex);
	const path = `/metadata/${kind}/${checked}`;
	return await cached(
		this,
		path,
		async () => await tenovosRequest.call(this, 'GET', path, undefined, { itemIndex }),
	);
}

export async function loadTemplate(
	this: Context,
	templateId: string,
	itemIndex?: number,
): Promise<MetadataTemplate> {
	const template = parseTemplate(
		await readDefinition.call(this, 'template', templateId, itemIndex),
	);
	if (!template) {
		throw new NodeOperationError(
			this.getNode(),
			`Tenovos returned no metadata template for ID "${templateId}"`,
			{ itemIndex },
		);
	}
	return template;
}

async function loadVocabulary(
	this: IExecuteFunctions,
	vocabularyId: string,
	itemIndex: number,
): Promise<Array<{ valueId: string; valueName: string }>> {
	const raw = await readDefinition.call(this, 'vocabulary', vocabularyId, itemIndex);
	const values = ((raw.metadata as IDataObject | undefined)?.values ??
		raw.values ??
		[]) as IDataObject[];
	return values.map((v) => ({
		valueId: String(v.valueId),
		valueName: String(v.valueName ?? v.valueId),
	}));
}

/** An ISO date (YYYY-MM-DD...) written in the attribute's date format (MM/dd/yyyy unless the template says otherwise). */
export function formatDate(value: string, format = 'MM/dd/yyyy'): string | undefined {
	const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(value);
	if (iso) {
		return format.replace(/yyyy/g, iso[1]).replace(/MM/g, iso[2]).replace(/dd/g, iso[3]);
	}
	return /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/.test(value) ? value : undefined;
}

async function fieldValue(
	this: IExecuteFunctions,
	attribute: TemplateAttribute,
	value: string,
	itemIndex: number,
): Promise<MetadataItem> {
	const item: MetadataItem = { metadataDefinitionId: attribute.id };
	if (value === '') return item; // an item without a value empties the field
	if (attribute.type === 'date') {
		const date = formatDate(value, attribute.dateFormat);
		if (!date) {
			throw new NodeOperationError(
				this.getNode(),
				`The value "${value}" of metadata field "${attribute.name}" is not a date`,
				{ itemIndex, description: `Use ${attribute.dateFormat ?? 'MM/dd/yyyy'} or YYYY-MM-DD` },
			);
		}
		item.metadataDefinitionValue = date;
		return item;
	}
	if (attribute.type !== 'controlledVocabulary') {
		item.metadataDefinitionValue = value;
		return item;
	}
	const wanted = attribute.isMultipleSelect
		? value
				.split(',')
				.map((v) => v.trim())
				.filter((v) => v !== '')
		: [value.trim()];
	const vocabulary = attribute.controlledVocabularyId
		? await loadVocabulary.call(this, attribute.controlledVocabularyId, itemIndex)
		: [];
	const ids = wanted.map((entry) => {
		const match =
			vocabulary.find((v) => v.valueId === entry) ??
			vocabulary.find((v) => v.valueName.toLowerCase() === entry.toLowerCase());
		if (match) return match.valueId;
		if (isTenovosId(entry) && vocabulary.length === 0) return entry;
		const allowed = vocabulary.map((v) => v.valueName);
		throw new NodeOperationError(
			this.getNode(),
			`"${entry}" is not a value of metadata field "${attribute.name}"`,
			{
				itemIndex,
				description: allowed.length
					? `Allowed values: ${allowed.slice(0, 30).join(', ')}${allowed.length > 30 ? ', ...' : ''}`
					: undefined,
			},
		);
	});
	item.metadataDefinitionValue = attribute.isMultipleSelect
		? ids.map((valueId) => ({ valueId }))
		: { valueId: ids[0] };
	return item;
}

/**
 * The metadata the user entered for item `i`: the "Metadata (JSON)" array as it is, or the
 * field list turned into Tenovos' value shapes using the template (dates, vocabulary value IDs).
 */
export async function buildMetadata(
	this: IExecuteFunctions,
	i: number,
	templateId: () => Promise<string>,
): Promise<MetadataItem[]> {
	const mode = this.getNodeParameter('metadataInput', i, 'fields') as string;
	if (mode === 'json') {
		const raw = this.getNodeParameter('metadataJson', i, '[]');
		let parsed: unknown = raw;
		if (typeof raw === 'string') {
			try {
				parsed = jsonParse(raw.trim() === '' ? '[]' : raw);
			} catch {
				throw new NodeOperationError(this.getNode(), 'Metadata (JSON) is not valid JSON', {
					itemIndex: i,
				});
			}
		}
		if (
			!Array.isArray(parsed) ||
			parsed.some(
				(entry) =>
					!entry || typeof entry !== 'object' || typeof entry.metadataDefinitionId !== 'string',
			)
		) {
			throw new NodeOperationError(
				this.getNode(),
				'Metadata (JSON) must be an array of objects, each with a "metadataDefinitionId"',
				{
					itemIndex: i,
					description:
						'For example [{"metadataDefinitionId": "<field ID>", "metadataDefinitionValue": "Photo"}]. Controlled vocabularies take {"valueId": "<ID>"}, multi-select fields an array of those',
				},
			);
		}
		return parsed as MetadataItem[];
	}
	const rows = (this.getNodeParameter('metadataFields.field', i, []) as IDataObject[]) ?? [];
	if (rows.length === 0) return [];
	const template = await loadTemplate.call(this, await templateId(), i);
	const items: MetadataItem[] = [];
	for (const row of rows) {
		const attributeId = String(row.attributeId ?? '').trim();
		const attribute = template.attributes.find((a) => a.id === attributeId);
		if (!attribute) {
			throw new NodeOperationError(
				this.getNode(),
				`The metadata field "${attributeId}" is not part of the metadata template "${template.name}"`,
				{ itemIndex: i },
			);
		}
		if (attribute.readonly) {
			throw new NodeOperationError(
				this.getNode(),
				`The metadata field "${attribute.name}" is read-only`,
				{ itemIndex: i },
			);
		}
		items.push(await fieldValue.call(this, attribute, String(row.value ?? ''), i));
	}
	return items;
}

/** `base` with `overrides` applied per field (the override wins). */
export function mergeMetadata(base: MetadataItem[], overrides: MetadataItem[]): MetadataItem[] {
	const replaced = new Set(overrides.map((item) => item.metadataDefinitionId));
	return [...base.filter((item) => !replaced.has(item.metadataDefinitionId)), ...overrides];
}

/**
 * The metadata parameters: the input mode, the field list (fields offered from the template the
 * parameters in `dependsOn` point to) and the JSON array. The operation file adds its own show.
 */
export function metadataProperties(dependsOn: string[]): INodeProperties[] {
	return [
		{
			displayName: 'Metadata Input',
			name: 'metadataInput',
			type: 'options',
			options: [
				{
					name: 'Define Below',
					value: 'fields',
					description: 'Pick metadata fields of the template and give their values',
				},
				{ name: 'JSON', value: 'json', description: "Give Tenovos' metadata array as JSON" },
			],
			default: 'fields',
		},
		...updateDisplayOptions({ show: { metadataInput: ['fields'] } }, [
			{
				displayName: 'Metadata Fields',
				name: 'metadataFields',
				type: 'fixedCollection',
				placeholder: 'Add Metadata Field',
				typeOptions: { multipleValues: true },
				default: {},
				options: [
					{
						displayName: 'Field',
						name: 'field',
						values: [
							{
								displayName: 'Field Name or ID',
								name: 'attributeId',
								type: 'options',
								typeOptions: {
									loadOptionsMethod: 'getMetadataFields',
									loadOptionsDependsOn: dependsOn,
								},
								default: '',
								description:
									'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								default: '',
								description:
									'Text; a date as MM/DD/YYYY or YYYY-MM-DD; for a controlled vocabulary the value name or ID (several separated by commas for multi-select fields). Empty clears the field.',
							},
						],
					},
				],
			},
		]),
		...updateDisplayOptions({ show: { metadataInput: ['json'] } }, [
			{
				displayName: 'Metadata (JSON)',
				name: 'metadataJson',
				type: 'json',
				default: '[]',
				description:
					'Array of {"metadataDefinitionId", "metadataDefinitionValue"} objects as Tenovos takes them (grid fields use "metadataDefinitionTableValue")',
			},
		]),
	];
}
