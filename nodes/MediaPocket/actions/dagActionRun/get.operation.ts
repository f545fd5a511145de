import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { findRun, withState } from './runs';
import { getId, WHOLE_NUMBER } from '../../../shared/ids';
import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/ids';

export const option = {
	name: 'Get',
	description: 'Get a run of a DAG action',
	action: 'Get a DAG action run',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['dagActionRun'],
			operation: ['get'],
		},
	},
	[
		assetLocator,
		{
			displayName: 'Run ID',
			name: 'runId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 17',
			description: 'ID of the run, as "Start" returned it',
		},
	],
);

/**
 * One run of the asset, found in the asset's run list (Media Pocket has no single-run route), as
 * the DAM reports it, with status_kind: pending, succeeded, failed, or unknown for another status.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getAssetId.call(this, i);
	const runId = getId.call(this, 'runId', i, { ...WHOLE_NUMBER, label: 'Run ID' });
	return jsonItems(withState(await findRun.call(this, assetId, runId, i)));
}
