import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { getGuid } from '../../helpers/ids';
import { cancelUpload } from '../../helpers/upload';

export const option = {
	name: 'Cancel Upload',
	description: 'Cancel an unfinished upload: Nomad Media drops its parts',
	action: 'Cancel an upload',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['cancelUpload'],
		},
	},
	[
		{
			displayName: 'Upload ID',
			name: 'uploadId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
			description:
				'ID of the upload to cancel (Nomad Media answers it when an upload starts; GET /admin/asset/upload lists the unfinished ones)',
		},
		optionsCollection([
			{
				displayName: 'Reason',
				name: 'message',
				type: 'string',
				default: '',
				description:
					'Why the upload is cancelled, kept by Nomad Media with it (up to 500 characters)',
			},
		]),
	],
);

/**
 * POST /asset/upload/{id}/cancel, the same request a failed Upload sends for its own upload.
 * Cancelling a cancelled upload changes nothing; a completed one cannot be cancelled (Nomad
 * Media's error).
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const uploadId = getGuid.call(this, 'uploadId', i, 'Upload ID');
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const message = typeof options.message === 'string' ? options.message.trim() : '';
	await cancelUpload.call(this, i, uploadId, message || undefined);
	return jsonItems({ uploadId, cancelled: true });
}
