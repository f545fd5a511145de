import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runFailedError, runState, waitForRun, withState } from '../dagActionRun/runs';
import { getInteger } from '../../../shared/parameters';
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
		description:
			'How long to wait at most, in whole seconds. The run goes on in Media Pocket after a timeout; the node fails with its run ID.',
		displayOptions: { show: whenWaiting },
	},
	{
		displayName: 'Error If Run Fails',
		name: 'errorIfRunFails',
		type: 'boolean',
		default: true,
		description:
			'Whether a run that ends with a failure status (for example "failed") stops the node with an error holding the run messages; off returns the failed run as the output item. A status the node does not know is never taken for a failure: the run is returned as it is, with status_kind "unknown".',
		displayOptions: { show: whenWaiting },
	},
];

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

/** Starts the action; optionally waits for the run to leave the statuses known to be in progress. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getId.call(this, 'assetId', 'Asset', i);
	const actionId = getNumericId.call(this, 'dagActionId', 'DAG Action', i);
	const wait = this.getNodeParameter('waitForCompletion', i, false) as boolean;
	// Read before the run is started: a bad value must not leave a run behind.
	const intervalMs = wait ? getPollIntervalMs.call(this, i) : 0;
	const timeoutMs = wait
		? getInteger.call(this, 'timeout', i, {
				label: 'Timeout (Seconds)',
				min: 1,
				max: 86_400,
				fallback: 600,
			}) * 1000
		: 0;
	const response = await mediaPocketRequest.call(
		this,
		'POST',
		assetPath(assetId, 'dag_actions', actionId),
		{
			itemIndex: i,
			creates: { what: 'DAG action run', check: "the asset's runs (DAG Action Run > Get Many)" },
		},
	);
	const run = (response.dag_action_run as IDataObject) ?? response;
	if (!wait) return withState(run);

	const final = await waitForRun.call(this, assetId, run, { intervalMs, timeoutMs }, i);
	if (runState(final.status) === 'failed' && this.getNodeParameter('errorIfRunFails', i, true)) {
		throw runFailedError.call(this, final, i);
	}
	return withState(final);
}
