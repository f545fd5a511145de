import type { INodeProperties } from 'n8n-workflow';

/**
 * A transcript is a related file of an asset (a subtitle or transcription): Get Detail lists it
 * under relatedAssets, and its ID is what Update and Export Subtitle take.
 */
export function transcriptIdProperty(spec: {
	displayName: string;
	name: string;
	description: string;
}): INodeProperties {
	return {
		...spec,
		type: 'string',
		default: '',
		required: true,
		placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
	};
}
