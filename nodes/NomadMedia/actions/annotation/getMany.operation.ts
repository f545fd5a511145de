import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { getLimit, limitList, listIn } from '../../../shared/pagination';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { nomadRequest } from '../../transport';
import { annotationOutput } from './fields';

export const option = {
	name: 'Get Many',
	description: 'List the annotations of an asset',
	action: 'Get many annotations',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['annotation'],
			operation: ['getMany'],
		},
	},
	[assetLocator('The asset whose annotations to get'), ...returnAllAndLimit()],
);

/** The annotations of an asset (GET /asset/{assetId}/annotation); a bare array or one in `items`. */
export async function listAnnotations(
	this: IExecuteFunctions,
	assetId: string,
	i: number,
): Promise<IDataObject[]> {
	const answer = (await nomadRequest.call(
		this,
		{ method: 'GET', url: `/asset/${assetId}/annotation` },
		{ itemIndex: i },
	)) as unknown;
	return listIn(answer, 'items');
}

/** One item per annotation, in Nomad Media's order (Nomad Media answers the whole list at once). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getGuid.call(this, 'assetId', i, 'Asset');
	const list = await listAnnotations.call(this, assetId, i);
	const limit = getLimit.call(this, i);
	return jsonItems(
		limitList(list, limit).map((annotation) => annotationOutput(annotation, assetId)),
	);
}
