/**
 * Fixed data the MediaValet simulator starts with (and returns to on reset). Tests import these
 * constants; the IDs are in MediaValet's format (UUIDs).
 */
export const LIBRARY_ID = '6689ba35-b0a0-4ba6-b9f7-6e0da614d19e';
export const CONTAINER = `medialibrary-${LIBRARY_ID.replace(/-/g, '')}`;

export const CLIENT = { id: 'n8n-dam-client', secret: 'n8n-dam-client-secret' };
/** A public client: no secret, names itself with client_id in the form. */
export const PUBLIC_CLIENT = { id: 'n8n-dam-public' };
export const SUBSCRIPTION_KEY = 'b7d2c1f0a9e84d3c9a1e5f6071829304';

export interface SeedUser {
	id: string;
	username: string;
	password: string;
	firstName: string;
	lastName: string;
	permissions: string[];
}

export const ALL_PERMISSIONS = [
	'asset:view',
	'asset:edit',
	'asset:delete',
	'asset:checkout',
	'asset:upload',
	'asset:comment',
	'asset:downloadFromPortal',
	'category:assign',
];

export const EDITOR: SeedUser = {
	id: '0f5c3f1e-8a7b-4c1d-9e2f-3a4b5c6d7e8f',
	username: 'editor@example.com',
	password: 'editor-password',
	firstName: 'Erin',
	lastName: 'Editor',
	permissions: ALL_PERMISSIONS,
};

export const VIEWER: SeedUser = {
	id: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
	username: 'viewer@example.com',
	password: 'viewer-password',
	firstName: 'Val',
	lastName: 'Viewer',
	permissions: ['asset:view', 'asset:downloadFromPortal'],
};

export const USERS: SeedUser[] = [EDITOR, VIEWER];

export interface SeedCategory {
	id: string;
	name: string;
	parentId: string | null;
}

export const CATEGORIES: SeedCategory[] = [
	{ id: 'a1000000-0000-4000-8000-000000000001', name: 'Marketing', parentId: null },
	{
		id: 'a1000000-0000-4000-8000-000000000002',
		name: 'Campaigns',
		parentId: 'a1000000-0000-4000-8000-000000000001',
	},
	{ id: 'a1000000-0000-4000-8000-000000000003', name: 'Products', parentId: null },
	{ id: 'a1000000-0000-4000-8000-000000000004', name: 'Archive', parentId: null },
];

export const [MARKETING, CAMPAIGNS, PRODUCTS, ARCHIVE] = CATEGORIES.map((category) => category.id);

export interface SeedAttribute {
	id: string;
	name: string;
	isSystemProperty: boolean;
	dataType: string;
}

export const ATTRIBUTES: SeedAttribute[] = [
	{
		id: '115a5cf5-4be4-40ee-b1e0-1da0cb814d61',
		name: 'Model',
		isSystemProperty: false,
		dataType: 'Text',
	},
	{
		id: '2c6b7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e',
		name: 'Photographer',
		isSystemProperty: false,
		dataType: 'Text',
	},
	{
		id: '3d7c8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f',
		name: 'Copyright',
		isSystemProperty: true,
		dataType: 'Text',
	},
];

export const [MODEL_ATTRIBUTE, PHOTOGRAPHER_ATTRIBUTE] = ATTRIBUTES.map(
	(attribute) => attribute.id,
);
