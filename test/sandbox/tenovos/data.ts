/**
 * Fixed data of the Tenovos simulator: the API key, the user, metadata templates, controlled
 * vocabularies and security templates. Tests import these ids.
 */

export const TENOVOS_API_KEY = 'tnvs-sandbox-api-key-0001';
export const TENOVOS_USER = 'functional-api-user@sandbox.test';
export const TENOVOS_PASSWORD = 'correct horse battery staple';
export const TENOVOS_CLIENT_ID = '5hq7vj0b2sandboxclient0001';
export const TENOVOS_CUSTOMER_ID = '123203455';
export const TENOVOS_USER_ID = '7c1f4e2a-51b3-4c59-9d5e-0f8e6a3b2c10';

/** 100 MiB: the fixed part size of Tenovos multipart uploads. */
export const TENOVOS_PART_SIZE = 100 * 1024 * 1024;
export const TENOVOS_MAX_FILE_SIZE = 5 * 1024 * 1024 * 1024;

export const IDS = {
	templateCorporate: 'ea6eb24d-adef-4080-bd02-f64f567c437f',
	templateVideo: '2b0d6f38-6a3e-4f0e-a9a4-35d7c8f1e001',
	templateSearch: '9d3c1a77-0c2b-4d41-8e5f-7a6b5c4d3e21',
	attrTitle: 'dfeb57c1-b149-4b15-920f-3f40ff0b959a',
	attrAssetType: '4a2f7c9e-1b3d-4e5f-8a6b-9c0d1e2f3a4b',
	attrKeywords: '6c8e0a2b-4d6f-4871-a9b3-c5d7e9f1a3b5',
	attrReleaseDate: '3229e863-022b-4365-afe6-e9aa3807c386',
	attrFileSize: '8e0a2c4d-6f81-4a3b-9c5d-7e9f1a3b5c7d',
	attrVideoTitle: 'b1d3f5a7-c9e1-4b3d-8f5a-7c9e1b3d5f7a',
	attrCampaign: 'c2e4a6b8-d0f2-4c4e-9a6b-8d0f2c4e6a8b',
	vocabAssetType: '0f1e2d3c-4b5a-4697-8877-665544332211',
	vocabKeywords: '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d',
	securityPublic: '7d6f4e30-f423-11e9-8071-89c0c4052141',
	securityInternal: '8e7a5f41-0534-42fa-9182-9ad1d5163252',
	/** Exists, but the sandbox user is not granted it. */
	securityRestricted: '9f8b6a52-1645-43ab-a293-abe2e6274363',
} as const;

export interface VocabularyValue {
	valueId: string;
	valueName: string;
}

export const VOCABULARIES: Record<
	string,
	{ name: string; searchField: string; values: VocabularyValue[] }
> = {
	[IDS.vocabAssetType]: {
		name: 'Asset Type',
		searchField: 'asset_type',
		values: [
			{ valueId: 'a0000000-0000-4000-8000-000000000001', valueName: 'Photo' },
			{ valueId: 'a0000000-0000-4000-8000-000000000002', valueName: 'Illustration' },
			{ valueId: 'a0000000-0000-4000-8000-000000000003', valueName: 'Video' },
		],
	},
	[IDS.vocabKeywords]: {
		name: 'Keywords',
		searchField: 'keywords',
		values: [
			{ valueId: 'b0000000-0000-4000-8000-000000000001', valueName: 'Nature' },
			{ valueId: 'b0000000-0000-4000-8000-000000000002', valueName: 'City' },
			{ valueId: 'b0000000-0000-4000-8000-000000000003', valueName: 'People' },
			{ valueId: 'b0000000-0000-4000-8000-000000000004', valueName: 'Product' },
		],
	},
};

export interface Attribute {
	id: string;
	name: string;
	type: 'text' | 'date' | 'controlledVocabulary';
	searchField: string;
	isMultipleSelect: boolean;
	required: boolean;
	readonly: boolean;
	visible: boolean;
	controlledVocabularyId?: string;
	dateFormat?: string;
	sortable?: boolean;
}

export interface Template {
	templateId: string;
	templateName: string;
	templateType: string[];
	groups: Array<{ name: string; searchField: string; attributes: Attribute[] }>;
}

const attr = (
	partial: Partial<Attribute> & Pick<Attribute, 'id' | 'name' | 'type' | 'searchField'>,
): Attribute => ({
	isMultipleSelect: false,
	required: false,
	readonly: false,
	visible: true,
	...partial,
});

export const TEMPLATES: Template[] = [
	{
		templateId: IDS.templateCorporate,
		templateName: 'Corporate Images',
		templateType: ['default'],
		groups: [
			{
				name: 'General',
				searchField: 'general',
				attributes: [
					attr({
						id: IDS.attrTitle,
						name: 'Title',
						type: 'text',
						searchField: 'title',
						sortable: true,
					}),
					attr({
						id: IDS.attrAssetType,
						name: 'Asset Type',
						type: 'controlledVocabulary',
						searchField: 'asset_type',
						controlledVocabularyId: IDS.vocabAssetType,
					}),
					attr({
						id: IDS.attrKeywords,
						name: 'Keywords',
						type: 'controlledVocabulary',
						searchField: 'keywords',
						controlledVocabularyId: IDS.vocabKeywords,
						isMultipleSelect: true,
					}),
					attr({
						id: IDS.attrReleaseDate,
						name: 'Release Date',
						type: 'date',
						searchField: 'release_date',
						dateFormat: 'MM/dd/yyyy',
						sortable: true,
					}),
				],
			},
			{
				name: 'Technical',
				searchField: 'technical',
				attributes: [
					attr({
						id: IDS.attrFileSize,
						name: 'File Size',
						type: 'text',
						searchField: 'file_size',
						readonly: true,
					}),
				],
			},
		],
	},
	{
		templateId: IDS.templateVideo,
		templateName: 'Marketing Video',
		templateType: ['default'],
		groups: [
			{
				name: 'Video',
				searchField: 'video',
				attributes: [
					attr({ id: IDS.attrVideoTitle, name: 'Title', type: 'text', searchField: 'video_title' }),
					attr({ id: IDS.attrCampaign, name: 'Campaign', type: 'text', searchField: 'campaign' }),
				],
			},
		],
	},
	{
		templateId: IDS.templateSearch,
		templateName: 'Asset Search Layout',
		templateType: ['search'],
		groups: [],
	},
];

export const SECURITY_TEMPLATES = [
	{ templateId: IDS.securityPublic, templateName: 'Public', granted: true },
	{ templateId: IDS.securityInternal, templateName: 'Internal Only', granted: true },
	{ templateId: IDS.securityRestricted, templateName: 'Legal Hold', granted: false },
];

export function findAttribute(templateId: string, attributeId: string): Attribute | undefined {
	const template = TEMPLATES.find((t) => t.templateId === templateId);
	return template?.groups.flatMap((g) => g.attributes).find((a) => a.id === attributeId);
}

/** The template as GET /metadata/template returns it (the spec's wrapped shape, or flat). */
export function templateJson(
	template: Template,
	epoch: number,
	wrapped: boolean,
): Record<string, unknown> {
	const body = {
		templateId: template.templateId,
		templateName: template.templateName,
		templateType: template.templateType,
		createdEpoch: epoch,
		lastUpdatedEpoch: epoch,
		metadataGroups: template.groups.map((group, groupOrder) => ({
			groupOrder,
			metadataGroupName: group.name,
			metadataGroupSearchField: group.searchField,
			metadataAttributes: group.attributes.map((a, fieldOrder) => ({
				id: a.id,
				name: a.name,
				type: a.type,
				searchField: a.searchField,
				isMultipleSelect: a.isMultipleSelect,
				required: a.required,
				readonly: a.readonly,
				visible: a.visible,
				...(a.controlledVocabularyId ? { controlledVocabularyId: a.controlledVocabularyId } : {}),
				...(a.dateFormat ? { dateFormat: a.dateFormat } : {}),
				fieldOrder,
				facetable: a.type === 'controlledVocabulary',
				isRestricted: false,
			})),
		})),
	};
	return wrapped ? { template: body } : body;
}
