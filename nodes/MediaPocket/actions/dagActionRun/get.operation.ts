import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { findRun, withState } from './runs';
import { assetLocator } from '../../helpers/descriptions';
import { getId, getNumericId } from '../../helpers/utils';

export const description: INodeProperties[] = [
	assetLocator({ resource: ['dagActionRun'], operation: ['get'] }),
	{
		displayName: 'Run ID',
		name: 'runId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 17',
		description: 'ID of the run, as "Start" returned it',
		displayOptions: { show: { resource: ['dagActionRun'], operation: ['get'] } },
	},
];

/**
 * One run of the asset, found in the asset's run list (Media Pocket has no single-run route), as
 * the DAM reports it, with status_kind: pending, succeeded, failed, or unknown for another status.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const runId = getNumericId.call(this, 'runId', 'Run ID', i);
	return withState(await findRun.call(this, assetId, runId, i));
}
