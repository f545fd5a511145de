import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { listOf } from '../../helpers/utils';
import { assetPath, mediaPocketRequest } from '../../transport';

/** Statuses of a run that has not ended yet ("running" is in the seed; the others are the usual job words). */
const PENDING = new Set(['queued', 'pending', 'scheduled', 'waiting', 'created', 'started', 'running', 'in_progress', 'processing']);
/** Statuses of a run that ended well. Anything else that is not pending counts as a failure. */
const SUCCEEDED = new Set(['finished', 'completed', 'complete', 'done', 'success', 'succeeded', 'ok']);

export function isPending(status: unknown): boolean {
	return PENDING.has(String(status ?? '').toLowerCase());
}

export function isSucceeded(status: unknown): boolean {
	return SUCCEEDED.has(String(status ?? '').toLowerCase());
}

/** The runs of an asset (needs ACTIONS_VIEW), newest first as Media Pocket lists them. */
export async function listRuns(this: IExecuteFunctions, assetId: string, itemIndex: number): Promise<IDataObject[]> {
	const response = await mediaPocketRequest.call(this, 'GET', assetPath(assetId, 'dag_action_runs'), { itemIndex });
	return listOf(response, 'dag_action_runs');
}

export async function findRun(this: IExecuteFunctions, assetId: string, runId: string, itemIndex: number): Promise<IDataObject> {
	const run = (await listRuns.call(this, assetId, itemIndex)).find((entry) => String(entry.id) === runId);
	if (!run) {
		throw new NodeOperationError(this.getNode(), `Asset ${assetId} has no DAG action run with ID ${runId}`, { itemIndex });
	}
	return run;
}

function messagesOf(run: IDataObject): string[] {
	const messages = run.dag_action_run_messages;
	return Array.isArray(messages) ? messages.map((entry) => String((entry as IDataObject).message ?? '')).filter(Boolean) : [];
}

/** The error for a run that ended without success, with its progress log as the description. */
export function runFailedError(this: IExecuteFunctions, run: IDataObject, itemIndex: number): NodeOperationError {
	const messages = messagesOf(run);
	const action = (run.dag_action as IDataObject | undefined)?.name;
	const last = messages[messages.length - 1];
	return new NodeOperationError(
		this.getNode(),
		`The DAG action run ${run.id}${action ? ` ("${action}")` : ''} ended with status "${run.status}"${last ? `: ${last}` : ''}`,
		{ itemIndex, description: messages.length ? `Run messages:\n${messages.join('\n')}` : undefined },
	);
}

export interface WaitOptions {
	intervalMs: number;
	timeoutMs: number;
}

/**
 * Polls the asset's runs until `run` leaves queued/running, then returns it with its messages.
 * Fails when the timeout passes (the run goes on in Media Pocket) or the execution is cancelled.
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
	while (isPending(current.status)) {
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
		await sleep(Math.min(options.intervalMs, left));
		if (signal?.aborted) throw new NodeOperationError(this.getNode(), 'The execution was cancelled', { itemIndex });
		current = await findRun.call(this, assetId, runId, itemIndex);
	}
	return current;
}
