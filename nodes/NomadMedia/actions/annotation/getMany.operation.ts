import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { getLimit } from '../../../shared/pagination';
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
	if (Array.isArray(answer)) return answer as IDataObject[];
	const items = (answer as IDataObject | undefined)?.items;
	return Array.isArray(items) ? (items as IDataObject[]) : [];
}

/** One item per annotation, in Nomad Media's order (Nomad Media answers the whole list at once). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getGuid.call(this, 'assetId', i, 'Asset');
	const list = await listAnnotations.call(this, assetId, i);
	const limit = getLimit.call(this, i);
	return jsonItems(
		(limit === undefined ? list : list.slice(0, limit)).map((annotation) =>
			annotationOutput(annotation, assetId),
		),
	);
}
