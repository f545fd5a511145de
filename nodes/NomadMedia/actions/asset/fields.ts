import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Bucket Name and Object Key: where a file is in storage (Register, Get by Storage Location). */
export const bucketNameProperty: INodeProperties = {
	displayName: 'Bucket Name',
	name: 'bucketName',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'my-media-bucket',
	description: 'Name of the storage bucket Nomad Media is configured with',
};

export const objectKeyProperty: INodeProperties = {
	displayName: 'Object Key',
	name: 'objectKey',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'Incoming/interview-03.mp4',
	description: 'Key of the object in the bucket (its path, without the bucket name)',
};

/** Both, trimmed and required; a leading slash is not part of a key. */
export function readStorageLocation(
	this: IExecuteFunctions,
	i: number,
): { bucketName: string; objectKey: string } {
	const bucketName = String(this.getNodeParameter('bucketName', i, '') ?? '').trim();
	const objectKey = String(this.getNodeParameter('objectKey', i, '') ?? '')
		.trim()
		.replace(/^\/+/, '');
	for (const [label, value] of [
		['Bucket Name', bucketName],
		['Object Key', objectKey],
	])
		if (!value)
			throw new NodeOperationError(this.getNode(), `"${label}" is required`, { itemIndex: i });
	return { bucketName, objectKey };
}

/** Names separated by commas (or an array from an expression): trimmed, without repeats. */
export function readNames(
	this: IExecuteFunctions,
	name: string,
	i: number,
	label: string,
	required = false,
): string[] {
	const raw = this.getNodeParameter(name, i, '') as unknown;
	const names = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(','))
		.map((entry) => entry.trim())
		.filter(Boolean);
	if (required && !names.length)
		throw new NodeOperationError(this.getNode(), `"${label}" needs at least one name`, {
			itemIndex: i,
		});
	return [...new Set(names)];
}

/** Restore Profile Names of the local restores. */
export const restoreProfilesProperty: INodeProperties = {
	displayName: 'Restore Profile Names',
	name: 'restoreProfileNames',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'Studio NAS',
	description:
		'Names of the on-premises restore profiles configured in Nomad Media, separated by commas',
};
