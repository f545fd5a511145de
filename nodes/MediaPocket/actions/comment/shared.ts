import type { INodeProperties } from 'n8n-workflow';

export function commentIdProperty(operations: string[]): INodeProperties {
	return {
		displayName: 'Comment ID',
		name: 'commentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 42',
		description: 'ID of the comment ("Get Many" lists them)',
		displayOptions: { show: { resource: ['comment'], operation: operations } },
	};
}

export function commentTextProperty(operations: string[], description: string): INodeProperties {
	return {
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description,
		displayOptions: { show: { resource: ['comment'], operation: operations } },
	};
}
