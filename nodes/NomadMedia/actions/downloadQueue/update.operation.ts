import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getGuid } from '../../helpers/ids';
import { nomadRequest } from '../../transport';

const show = { resource: ['downloadQueue'], operation: ['update'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Queue Item ID',
		name: 'queueItemId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
		description: 'ID of the download queue entry (assetDownloadQueueId)',
		displayOptions: { show },
	},
	{
		displayName: 'Transfer Status',
		name: 'transferStatus',
		type: 'options',
		options: [
			{ name: 'Cancelled', value: 'Cancelled' },
			{ name: 'Complete', value: 'Complete' },
			{ name: 'Downloading', value: 'Downloading' },
			{ name: 'Error', value: 'Error' },
			{ name: 'Queued', value: 'Queued' },
			{ name: 'Uploading', value: 'Uploading' },
		],
		default: 'Downloading',
		description: 'New transfer status of the entry',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Complete Percentage',
				name: 'completePercentage',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 1 },
				default: 0,
				description: 'Progress of the transfer, 0 to 100',
			},
			{
				displayName: 'Error Message',
				name: 'errorMessage',
				type: 'string',
				default: '',
				description: 'Why the transfer failed (with the Error status)',
			},
		],
	},
];

/** PATCH /asset-queue: the transfer status, progress and error of one queue entry. */
export async function execute(this: IExecuteFunctions, i: number) {
	const assetDownloadQueueId = getGuid.call(this, 'queueItemId', i, 'Queue Item ID');
	const transferStatus = this.getNodeParameter('transferStatus', i) as string;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const body: IDataObject = { assetDownloadQueueId, transferStatus };
	if (options.completePercentage !== undefined) {
		const pct = Number(options.completePercentage);
		if (!Number.isFinite(pct) || pct < 0 || pct > 100) {
			throw new NodeOperationError(this.getNode(), '"Complete Percentage" must be between 0 and 100', { itemIndex: i });
		}
		body.completePercentage = pct;
	}
	if (options.errorMessage) body.errorMessage = String(options.errorMessage);
	await nomadRequest.call(this, { method: 'PATCH', url: '/asset-queue', body }, { itemIndex: i, idempotent: true });
	return { ...body, updated: true };
}
