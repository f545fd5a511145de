import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { Sandbox } from '../harness/sandbox';
import { KEYS, byId, createAsset, listSearch, mp, runMp } from './helpers';

type Run = {
	id: number;
	status: string;
	dag_action: { id: number; name: string };
	dag_action_run_messages: Array<{ message: string }>;
};

describe('Media Pocket DAG actions and runs', () => {
	let sandbox: Sandbox;
	let assetId: string;
	beforeAll(async () => {
		sandbox = await Sandbox.start();
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	beforeEach(async () => {
		await sandbox.reset();
		assetId = await createAsset(sandbox, 'Automated');
	});

	const start = (dagActionId: string | number, extra: Record<string, unknown> = {}) => ({
		resource: 'dagAction',
		operation: 'start',
		assetId: byId(assetId),
		dagActionId: { __rl: true, mode: 'list', value: String(dagActionId) },
		...extra,
	});

	it("lists the actions available for an asset, in the node and in the editor's dropdown", async () => {
		const actions = await mp(sandbox, {
			resource: 'dagAction',
			operation: 'getAll',
			assetId: byId(assetId),
			returnAll: true,
		});
		assert.deepEqual(
			actions.map((item) => item.json.name),
			['Create web proxies', 'Auto-tag with AI', 'Export to archive'],
		);
		assert.deepEqual(Object.keys(actions[0].json).sort(), [
			'category',
			'description',
			'id',
			'name',
		]);
		const limited = await mp(sandbox, {
			resource: 'dagAction',
			operation: 'getAll',
			assetId: byId(assetId),
			returnAll: false,
			limit: 2,
		});
		assert.equal(limited.length, 2);

		const dropdown = await listSearch(sandbox, 'searchDagActions', {
			resource: 'dagAction',
			operation: 'start',
			assetId: byId(assetId),
		});
		assert.deepEqual(dropdown.results, [
			{ name: 'Auto-tag with AI (AI)', value: '2' },
			{ name: 'Create web proxies (Transcoding)', value: '1' },
			{ name: 'Export to archive (Delivery)', value: '3' },
		]);
		const filtered = await listSearch(
			sandbox,
			'searchDagActions',
			{ assetId: byId(assetId) },
			'proxies',
		);
		assert.deepEqual(
			filtered.results.map((entry) => entry.value),
			['1'],
		);
		const noAsset = await listSearch(sandbox, 'searchDagActions', { assetId: byId('') });
		assert.deepEqual(noAsset.results, []);
	});

	it("a key without ACTIONS_VIEW gets the DAM's permission error from the list, the dropdown and the run list", async () => {
		const list = await runMp(
			sandbox,
			{ resource: 'dagAction', operation: 'getAll', assetId: byId(assetId), returnAll: true },
			{ key: KEYS.starter },
		);
		assert.equal(list.error?.httpCode, '403');
		assert.match(
			list.error!.message,
			/^Media Pocket: Permission denied\. Must have ACTIONS_VIEW permissions\./,
		);
		await assert.rejects(
			listSearch(sandbox, 'searchDagActions', { assetId: byId(assetId) }, undefined, KEYS.guest),
			/Must have ACTIONS_VIEW permissions/,
		);
		const runs = await runMp(
			sandbox,
			{ resource: 'dagActionRun', operation: 'getAll', assetId: byId(assetId), returnAll: true },
			{ key: KEYS.guest },
		);
		assert.equal(runs.error?.httpCode, '403');
		assert.match(runs.error!.message, /ACTIONS_VIEW/);
		const missing = await runMp(sandbox, {
			resource: 'dagAction',
			operation: 'getAll',
			assetId: byId('not-found-id'),
			returnAll: true,
		});
		assert.equal(missing.error?.message, 'Media Pocket: asset not found (HTTP 404)');
	});

	it('starts an action and returns the run as the DAM reports it; without ACTIONS_START or with an unknown action it fails clearly', async () => {
		const [run] = await mp(sandbox, start(2));
		assert.equal(run.json.status, 'running');
		assert.equal((run.json.dag_action as Run['dag_action']).name, 'Auto-tag with AI');
		assert.deepEqual(
			(run.json.dag_action_run_messages as Run['dag_action_run_messages']).map((m) => m.message),
			['Set in queue...'],
		);
		const call = (await sandbox.journal('mediapocket')).pop()!;
		assert.equal(call.method, 'POST');
		assert.equal(call.path, `/api/v2/assets/${assetId}/dag_actions/2`);

		const denied = await runMp(sandbox, start(2), { key: KEYS.viewer });
		assert.equal(denied.error?.httpCode, '403');
		assert.equal(
			denied.error?.message,
			"Media Pocket: Permission denied. Must have ACTIONS_START permissions. (the API key's user needs a role with this permission; ask a Media Pocket admin) (HTTP 403)",
		);
		const unknown = await runMp(sandbox, start(99));
		assert.equal(
			unknown.error?.message,
			"Media Pocket: Couldn't find DagAction with 'id'=99 (HTTP 404)",
		);
		const notNumber = await runMp(sandbox, start('abc'));
		assert.match(notNumber.error!.message, /"DAG Action" parameter must be a whole number/);
	});

	it('runs advance over time: queued, running, finished, with messages; runs are listed and fetched by ID', async () => {
		await sandbox.sim('mediapocket', 'POST', '/config', { runQueuedMs: 60_000, runStepMs: 60_000 });
		const [run] = await mp(sandbox, start(1));
		assert.equal(run.json.status, 'queued');
		const [queued] = await mp(sandbox, {
			resource: 'dagActionRun',
			operation: 'get',
			assetId: byId(assetId),
			runId: String(run.json.id),
		});
		assert.equal(queued.json.status, 'queued');

		await sandbox.sim('mediapocket', 'POST', '/clock', { advanceMs: 61_000 });
		const [running] = await mp(sandbox, {
			resource: 'dagActionRun',
			operation: 'get',
			assetId: byId(assetId),
			runId: String(run.json.id),
		});
		assert.equal(running.json.status, 'running');
		assert.deepEqual(
			(running.json.dag_action_run_messages as Run['dag_action_run_messages']).map(
				(m) => m.message,
			),
			['Set in queue...', 'Started', 'Downloading original...'],
		);

		await sandbox.sim('mediapocket', 'POST', '/clock', { advanceMs: 180_000 });
		const [second] = await mp(sandbox, start(3));
		const runs = await mp(sandbox, {
			resource: 'dagActionRun',
			operation: 'getAll',
			assetId: byId(assetId),
			returnAll: true,
		});
		assert.deepEqual(
			runs.map((item) => item.json.id),
			[second.json.id, run.json.id],
			'newest first',
		);
		assert.equal(runs[1].json.status, 'finished');
		assert.equal(
			(runs[1].json.dag_action_run_messages as Run['dag_action_run_messages']).pop()!.message,
			'Finished',
		);
		const one = await mp(sandbox, {
			resource: 'dagActionRun',
			operation: 'getAll',
			assetId: byId(assetId),
			returnAll: false,
			limit: 1,
		});
		assert.equal(one.length, 1);

		const unknown = await runMp(sandbox, {
			resource: 'dagActionRun',
			operation: 'get',
			assetId: byId(assetId),
			runId: '4711',
		});
		assert.equal(unknown.error?.name, 'NodeOperationError');
		assert.match(unknown.error!.message, /has no DAG action run with ID 4711/);
	});

	it('waits for the run to finish and returns the final run with all its messages', async () => {
		await sandbox.sim('mediapocket', 'POST', '/config', { runQueuedMs: 300, runStepMs: 200 });
		const started = Date.now();
		const [run] = await mp(
			sandbox,
			start(1, { waitForCompletion: true, pollInterval: 0.2, timeout: 30 }),
		);
		const elapsed = Date.now() - started;
		assert.equal(run.json.status, 'finished');
		assert.deepEqual(
			(run.json.dag_action_run_messages as Run['dag_action_run_messages']).map((m) => m.message),
			[
				'Set in queue...',
				'Started',
				'Downloading original...',
				'Transcoding...',
				'Uploading proxies...',
				'Finished',
			],
		);
		assert.ok(elapsed >= 900, `finished only after the run's ~900 ms (${elapsed} ms)`);
		const polls = (await sandbox.journal('mediapocket')).filter((entry) =>
			entry.path.endsWith('/dag_action_runs'),
		);
		assert.ok(polls.length >= 3 && polls.length <= 12, `${polls.length} polls of the run list`);
		for (let i = 1; i < polls.length; i++)
			assert.ok(polls[i].time - polls[i - 1].time >= 150, 'the poll interval is kept');
	});

	it('a run that fails is an error with its messages, or the returned run when "Error If Run Fails" is off', async () => {
		await sandbox.sim('mediapocket', 'POST', '/config', { runStepMs: 100 });
		const failed = await runMp(
			sandbox,
			start(3, { waitForCompletion: true, pollInterval: 0.1, timeout: 30 }),
		);
		assert.equal(failed.error?.name, 'NodeOperationError');
		assert.match(
			failed.error!.message,
			/ended with status "failed": Failed: Archive target unreachable/,
		);
		assert.match(
			failed.error!.description ?? '',
			/Connecting to archive\.\.\.\nFailed: Archive target unreachable/,
		);

		const [returned] = await mp(
			sandbox,
			start(3, { waitForCompletion: true, pollInterval: 0.1, timeout: 30, errorIfRunFails: false }),
		);
		assert.equal(returned.json.status, 'failed');
	});

	it('gives up waiting after the timeout and names the run; following a run needs ACTIONS_VIEW', async () => {
		await sandbox.sim('mediapocket', 'POST', '/config', { runStepMs: 60_000 });
		const started = Date.now();
		const slow = await runMp(
			sandbox,
			start(1, { waitForCompletion: true, pollInterval: 0.3, timeout: 1 }),
		);
		const elapsed = Date.now() - started;
		assert.equal(slow.error?.name, 'NodeOperationError');
		assert.match(slow.error!.message, /^The DAG action run \d+ is still "running" after 1 s$/);
		assert.match(slow.error!.description ?? '', /Check it later with DAG Action Run > Get/);
		assert.ok(elapsed >= 950 && elapsed < 5000, `${elapsed} ms`);

		const blind = await runMp(
			sandbox,
			start(1, { waitForCompletion: true, pollInterval: 0.1, timeout: 5 }),
			{ key: KEYS.starter },
		);
		assert.equal(blind.error?.httpCode, '403');
		assert.match(blind.error!.message, /Must have ACTIONS_VIEW permissions/);
		const runs = await sandbox.sim('mediapocket', 'GET', '/runs/2');
		assert.equal(runs.status, 'running', 'the run itself was started');
	});
});
