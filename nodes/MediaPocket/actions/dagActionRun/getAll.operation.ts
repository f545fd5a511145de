import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listRuns, withState } from './runs';
import { getLimit, returnAllOrLimit } from '../../../shared/pagination';
import { assetLocator } from '../../helpers/descriptions';
import { getId, limitList } from '../../helpers/utils';

export const description: INodeProperties[] = [
	assetLocator({ resource: ['dagActionRun'], operation: ['getAll'] }),
	...returnAllOrLimit('dagActionRun', ['getAll']),
];

/** The DAG action runs of an asset with their status and messages (needs ACTIONS_VIEW). */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const limit = getLimit.call(this, i);
	return limitList(await listRuns.call(this, assetId, i), limit).map(withState);
}
