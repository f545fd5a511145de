import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { getGuid } from '../../helpers/ids';
import { nomadRequest } from '../../transport';

export const option = {
	name: 'Update Item',
	description: 'Update the transfer status of a queue entry',
	action: 'Update a download queue item',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['downloadQueue'],
			operation: ['update'],
		},
	},
	[
		{
			displayName: 'Queue Item ID',
			name: 'queueItemId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
			description: 'ID of the download queue entry (assetDownloadQueueId)',
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
		},
		optionsCollection([
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
		]),
	],
);

/**
 * Complete Percentage, checked at run time (an expression can give a word): a number from 0 to 100.
 * Nomad Media takes a float here, so unlike the other numeric options it is not limited to whole numbers.
 */
function readPercentage(this: IExecuteFunctions, i: number, raw: unknown): number | undefined {
	if (raw === undefined || raw === null || raw === '') return undefined;
	const value =
		typeof raw === 'number'
			? raw
			: typeof raw === 'string' && raw.trim() !== ''
				? Number(raw)
				: NaN;
	if (!Number.isFinite(value) || value < 0 || value > 100) {
		throw new NodeOperationError(
			this.getNode(),
			`"Complete Percentage" must be between 0 and 100, got "${String(raw)}"`,
			{
				itemIndex: i,
			},
		);
	}
	return value;
}

/** PATCH /asset-queue: the transfer status, progress and error of one queue entry. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetDownloadQueueId = getGuid.call(this, 'queueItemId', i, 'Queue Item ID');
	const transferStatus = this.getNodeParameter('transferStatus', i) as string;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const body: IDataObject = { assetDownloadQueueId, transferStatus };
	const percentage = readPercentage.call(this, i, options.completePercentage);
	if (percentage !== undefined) body.completePercentage = percentage;
	if (options.errorMessage) body.errorMessage = String(options.errorMessage);
	await nomadRequest.call(
		this,
		{ method: 'PATCH', url: '/asset-queue', body },
		{ itemIndex: i, idempotent: true },
	);
	return jsonItems({ ...body, updated: true });
}
