import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { runFailedError, runState, waitForRun, withState } from '../dagActionRun/runs';
import { checkDamId, getId, WHOLE_NUMBER } from '../../../shared/ids';
import { jsonItems } from '../../../shared/items';
import { getInteger } from '../../../shared/parameters';
import { assetLocator, dagActionLocator } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/ids';
import { recordOf } from '../../helpers/utils';
import { assetPath, mediaPocketCreate } from '../../transport';

export const option = {
	name: 'Start',
	description: 'Start a DAG action on an asset, optionally waiting for the run to finish',
	action: 'Start a DAG action',
};

const whileWaiting: INodeProperties[] = [
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: 5,
		description: 'How often to check the run while waiting',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 600,
		description:
			'How long to wait at most, in whole seconds. The run goes on in Media Pocket after a timeout; the node fails with its run ID.',
	},
	{
		displayName: 'Error If Run Fails',
		name: 'errorIfRunFails',
		type: 'boolean',
		default: true,
		description:
			'Whether a run that ends with a failure status (for example "failed") stops the node with an error holding the run messages; off returns the failed run as the output item. A status the node does not know is never taken for a failure: the run is returned as it is, with status_kind "unknown".',
	},
];

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['dagAction'],
			operation: ['start'],
		},
	},
	[
		assetLocator,
		dagActionLocator,
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			description:
				'Whether to wait until the run has finished or failed and return the final run with its messages (needs the ACTIONS_VIEW permission to follow the run)',
		},
		...updateDisplayOptions({ show: { waitForCompletion: [true] } }, whileWaiting),
	],
);

/** How often to look at the run while waiting: tenths of a second are allowed, as in the editor. */
function getPollIntervalMs(this: IExecuteFunctions, i: number): number {
	const raw = this.getNodeParameter('pollInterval', i, 5) as unknown;
	const seconds = raw === '' || raw === null || raw === undefined ? 5 : Number(raw);
	if (!Number.isFinite(seconds) || seconds < 0.1 || seconds > 3600) {
		throw new NodeOperationError(
			this.getNode(),
			`The "Poll Interval (Seconds)" parameter must be a number from 0.1 to 3600, got "${String(raw)}"`,
			{ itemIndex: i },
		);
	}
	return Math.round(seconds * 1000);
}

/** How long to wait for the run at most. */
function getTimeoutMs(this: IExecuteFunctions, i: number): number {
	const seconds = getInteger.call(this, 'timeout', i, {
		label: 'Timeout (Seconds)',
		min: 1,
		max: 86_400,
		fallback: 600,
	});
	return seconds * 1000;
}

/** Starts the action; optionally waits for the run to leave the statuses known to be in progress. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getAssetId.call(this, i);
	const actionId = getId.call(this, 'dagActionId', i, { ...WHOLE_NUMBER, label: 'DAG Action' });
	const wait = this.getNodeParameter('waitForCompletion', i, false) as boolean;
	// Read before the run is started: a bad value must not leave a run behind.
	const waiting = wait
		? { intervalMs: getPollIntervalMs.call(this, i), timeoutMs: getTimeoutMs.call(this, i) }
		: undefined;
	const response = await mediaPocketCreate.call(
		this,
		assetPath(assetId, 'dag_actions', actionId),
		i,
		"created the DAG action run (see the asset's runs: DAG Action Run > Get Many)",
	);
	const run = recordOf(response, 'dag_action_run');
	if (!waiting) return jsonItems(withState(run));

	checkDamId.call(this, run.id, 'a run ID', WHOLE_NUMBER, i);
	const final = await waitForRun.call(this, assetId, run, waiting, i);
	if (runState(final.status) === 'failed' && this.getNodeParameter('errorIfRunFails', i, true)) {
		throw runFailedError.call(this, final, i);
	}
	return jsonItems(withState(final));
}
