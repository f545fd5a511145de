import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** The binary property to upload (create, create version). */
export function binaryInputProperty(operations: string[]): INodeProperties {
	return {
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to upload',
		displayOptions: { show: { resource: ['asset'], operation: operations } },
	};
}

export function metadataTemplateProperty(operations: string[]): INodeProperties {
	return {
		displayName: 'Metadata Template Name or ID',
		name: 'metadataTemplateId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getMetadataTemplates' },
		required: true,
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: { show: { resource: ['asset'], operation: operations } },
	};
}

export function securityTemplatesProperty(operations: string[]): INodeProperties {
	return {
		displayName: 'Security Template Names or IDs',
		name: 'securityTemplateIds',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getSecurityTemplates' },
		required: true,
		default: [],
		description:
			'Who may see and use the asset (at least one). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { resource: ['asset'], operation: operations } },
	};
}

/** A multiOptions value, also when an expression gave a comma-separated string. */
export function idList(value: unknown): string[] {
	const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return list.map((id) => String(id).trim()).filter((id) => id !== '');
}

export function getString(this: IExecuteFunctions, name: string, i: number, fallback = ''): string {
	return String(this.getNodeParameter(name, i, fallback) ?? '').trim();
}
