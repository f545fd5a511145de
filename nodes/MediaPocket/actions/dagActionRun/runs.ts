import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pause } from '../../../shared/retry';
import { listOf } from '../../helpers/utils';
import { assetPath, mediaPocketRequest } from '../../transport';

/**
 * What a run's status says. The seed shows only "running"; the other words are the usual job
 * (Airflow-style) ones. A status outside these lists is `unknown`: never taken for a failure.
 */
export type RunState = 'pending' | 'succeeded' | 'failed' | 'unknown';

const PENDING = new Set([
	'queued',
	'pending',
	'scheduled',
	'waiting',
	'created',
	'started',
	'running',
	'in_progress',
	'processing',
	'up_for_retry',
	'up_for_reschedule',
	'deferred',
	'restarting',
]);
const SUCCEEDED = new Set([
	'finished',
	'completed',
	'complete',
	'done',
	'success',
	'succeeded',
	'ok',
]);
const FAILED = new Set([
	'failed',
	'failure',
	'error',
	'errored',
	'upstream_failed',
	'cancelled',
	'canceled',
	'aborted',
	'timed_out',
	'timeout',
]);

export function runState(status: unknown): RunState {
	const word = String(status ?? '')
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
	if (PENDING.has(word)) return 'pending';
	if (SUCCEEDED.has(word)) return 'succeeded';
	if (FAILED.has(word)) return 'failed';
	return 'unknown';
}

/** The run as the DAM gave it, with `status_kind` saying how the node read its status. */
export function withState(run: IDataObject): IDataObject {
	return { ...run, status_kind: runState(run.status) };
}

/** The runs of an asset (needs ACTIONS_VIEW), newest first as Media Pocket lists them. */
export async function listRuns(
	this: IExecuteFunctions,
	assetId: string,
	itemIndex: number,
): Promise<IDataObject[]> {
	const response = await mediaPocketRequest.call(
		this,
		'GET',
		assetPath(assetId, 'dag_action_runs'),
		{ itemIndex },
	);
	return listOf(response, 'dag_action_runs');
}

export async function findRun(
	this: IExecuteFunctions,
	assetId: string,
	runId: string,
	itemIndex: number,
): Promise<IDataObject> {
	const run = (await listRuns.call(this, assetId, itemIndex)).find(
		(entry) => String(entry.id) === runId,
	);
	if (!run) {
		throw new NodeOperationError(
			this.getNode(),
			`Asset ${assetId} has no DAG action run with ID ${runId}`,
			{ itemIndex },
		);
	}
	return run;
}

function messagesOf(run: IDataObject): string[] {
	const messages = run.dag_action_run_messages;
	return Array.isArray(messages)
		? messages.map((entry) => String((entry as IDataObject).message ?? '')).filter(Boolean)
		: [];
}

/** The error for a run that ended with a failure status, with its progress log as the description. */
export function runFailedError(
	this: IExecuteFunctions,
	run: IDataObject,
	itemIndex: number,
): NodeOperationError {
	const messages = messagesOf(run);
	const action = (run.dag_action as IDataObject | undefined)?.name;
	const last = messages[messages.length - 1];
	return new NodeOperationError(
		this.getNode(),
		`The DAG action run ${run.id}${action ? ` ("${action}")` : ''} ended with status "${run.status}"${last ? `: ${last}` : ''}`,
		{
			itemIndex,
			description: messages.length ? `Run messages:\n${messages.join('\n')}` : undefined,
		},
	);
}

export interface WaitOptions {
	intervalMs: number;
	timeoutMs: number;
}

/**
 * Polls the asset's runs while `run` has a status known to mean "not ended yet", then returns it.
 * A status the node does not know ends the wait too: the run is returned as the DAM reports it
 * (status_kind "unknown"), neither taken for a success nor for a failure. Fails when the timeout
 * passes (the run goes on in Media Pocket) or the execution is cancelled.
 */
export async function waitForRun(
	this: IExecuteFunctions,
	assetId: string,
	run: IDataObject,
	options: WaitOptions,
	itemIndex: number,
): Promise<IDataObject> {
	const runId = String(run.id);
	const deadline = Date.now() + options.timeoutMs;
	const signal = this.getExecutionCancelSignal();
	let current = run;
	while (runState(current.status) === 'pending') {
		const left = deadline - Date.now();
		if (left <= 0) {
			throw new NodeOperationError(
				this.getNode(),
				`The DAG action run ${runId} is still "${current.status}" after ${Math.round(options.timeoutMs / 1000)} s`,
				{
					itemIndex,
					description: `The run goes on in Media Pocket. Check it later with DAG Action Run > Get (run ID ${runId}), or raise "Timeout".`,
				},
			);
		}
		await pause(Math.min(options.intervalMs, left), signal);
		if (signal?.aborted)
			throw new NodeOperationError(this.getNode(), 'The execution was cancelled', { itemIndex });
		current = await findRun.call(this, assetId, runId, itemIndex);
	}
	return current;
}
