import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { getLimit, limitList, listIn } from '../../../shared/pagination';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { nomadRequest } from '../../transport';
import { adBreakOutput } from './fields';

export const option = {
	name: 'Get Many',
	description: 'List the ad breaks of a video',
	action: 'Get many ad breaks',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['adBreak'],
			operation: ['getMany'],
		},
	},
	[assetLocator('The video whose ad breaks to get'), ...returnAllAndLimit()],
);

/** The ad breaks of an asset (GET /admin/asset/{assetId}/adbreak); a bare array or one in `items`. */
export async function listAdBreaks(
	this: IExecuteFunctions,
	assetId: string,
	i: number,
): Promise<IDataObject[]> {
	const answer = (await nomadRequest.call(
		this,
		{ method: 'GET', url: `/admin/asset/${assetId}/adbreak` },
		{ itemIndex: i },
	)) as unknown;
	return listIn(answer, 'items');
}

/** One item per ad break (Nomad Media answers the whole list at once). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getGuid.call(this, 'assetId', i, 'Asset');
	const list = await listAdBreaks.call(this, assetId, i);
	const limit = getLimit.call(this, i);
	return jsonItems(limitList(list, limit).map((adBreak) => adBreakOutput(adBreak, assetId)));
}
