import type { INodeProperties } from 'n8n-workflow';

/** The detected face: Get Detail of the asset lists them under faceItems. */
export const faceIdProperty: INodeProperties = {
	displayName: 'Face ID',
	name: 'faceId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
	description:
		'ID of the face Nomad Media detected on the asset (Get Detail lists them under faceItems)',
};
