import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isSucceeded, runFailedError, waitForRun } from '../dagActionRun/runs';
import { assetLocator, dagActionLocator } from '../../helpers/descriptions';
import { getId, getNumericId } from '../../helpers/utils';
import { assetPath, mediaPocketRequest } from '../../transport';

const show = { resource: ['dagAction'], operation: ['start'] };
const whenWaiting = { ...show, waitForCompletion: [true] };

export const description: INodeProperties[] = [
	assetLocator(show),
	dagActionLocator(show),
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until the run has finished or failed and return the final run with its messages (needs the ACTIONS_VIEW permission to follow the run)',
		displayOptions: { show },
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: 5,
		description: 'How often to check the run while waiting',
		displayOptions: { show: whenWaiting },
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 600,
		description: 'How long to wait at most. The run goes on in Media Pocket after a timeout; the node fails with its run ID.',
		displayOptions: { show: whenWaiting },
	},
	{
		displayName: 'Error If Run Fails',
		name: 'errorIfRunFails',
		type: 'boolean',
		default: true,
		description:
			'Whether a run that ends without success (for example "failed") stops the node with an error holding the run messages; off returns the failed run as the output item',
		displayOptions: { show: whenWaiting },
	},
];

/** Starts the action; optionally waits for the run to leave queued/running. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const actionId = getNumericId.call(this, 'dagActionId', 'DAG Action', i);
	const response = await mediaPocketRequest.call(this, 'POST', assetPath(assetId, 'dag_actions', actionId), { itemIndex: i });
	const run = (response.dag_action_run as IDataObject) ?? response;
	if (!this.getNodeParameter('waitForCompletion', i, false)) return run;

	const intervalMs = Math.max(100, Number(this.getNodeParameter('pollInterval', i, 5)) * 1000);
	const timeoutMs = Math.max(1000, Number(this.getNodeParameter('timeout', i, 600)) * 1000);
	const final = await waitForRun.call(this, assetId, run, { intervalMs, timeoutMs }, i);
	if (!isSucceeded(final.status) && this.getNodeParameter('errorIfRunFails', i, true)) {
		throw runFailedError.call(this, final, i);
	}
	return final;
}
