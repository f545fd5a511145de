import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { Sandbox } from '../harness/sandbox';
import type { JournalEntry } from '../sandbox/core/control';
import { TRIGGER_TYPE, byId, createAsset, credentials, mp, runMp } from '../mediapocket/helpers';
import { ReportingPollHarness, type N8nLine } from '../mediapocket/reportingPoll';
import { clone } from '../harness/random';

type Event = { id: number; event_type: string; created_at: string };
type NodeError = Error & { httpCode?: string; description?: string | null };

const ids = (items: INodeExecutionData[]) => items.map((item) => item.json.id as number);
/** A resource locator whose value comes from the input item, as an expression. */
const fromItem = (field: string) => ({ __rl: true, mode: 'id', value: `={{ $json.${field} }}` });

/**
 * Media Pocket as a hostile or broken server would treat the node, and expressions feeding it
 * what the editor would never let through (issue 11, points 3, 5, 6 and 7 as they apply here).
 */
describe('hostile: Media Pocket', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await Sandbox.start();
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	beforeEach(async () => {
		await sandbox.reset();
	});

	const journalSince = async (mark: number): Promise<JournalEntry[]> =>
		await sandbox.journal('mediapocket', mark);

	/** Runs the node with `value` in the input item, expecting a parameter error and no request at all. */
	async function refusedBeforeAnyRequest(
		parameters: INodeParameters,
		value: string | number,
		label: string,
	): Promise<NodeError> {
		const mark = await sandbox.mark();
		const result = await runMp(sandbox, parameters, { input: [{ json: { value } }] });
		assert.ok(result.error, `${label} = ${JSON.stringify(value)} is refused`);
		assert.equal(result.error.name, 'NodeOperationError');
		assert.ok(
			result.error.message.includes(`"${label}"`),
			`the error names "${label}": ${result.error.message}`,
		);
		assert.deepEqual(
			(await journalSince(mark)).map((entry) => `${entry.method} ${entry.path}`),
			[],
			'no request reached Media Pocket',
		);
		return result.error as NodeError;
	}

	describe('ids from expressions are checked before any request', () => {
		for (const value of ['.', '..', '../..', 'a b', '%2e%2e', 'x?y']) {
			it(`asset id ${JSON.stringify(value)} (Delete Permanently, Remove Media, Comment > Create)`, async () => {
				await refusedBeforeAnyRequest(
					{ resource: 'asset', operation: 'delete', assetId: fromItem('value') },
					value,
					'Asset',
				);
				await refusedBeforeAnyRequest(
					{ resource: 'asset', operation: 'removeMedia', assetId: fromItem('value') },
					value,
					'Asset',
				);
				await refusedBeforeAnyRequest(
					{
						resource: 'comment',
						operation: 'create',
						assetId: fromItem('value'),
						comment: 'hello',
					},
					value,
					'Asset',
				);
			});
		}

		it('comment, media, DAG action and run ids must be whole numbers; project ids are Media Pocket ids', async () => {
			const assetId = await createAsset(sandbox, 'Target');
			for (const value of ['..', '.', '1.5', '-1', '1e3', '7/..']) {
				await refusedBeforeAnyRequest(
					{
						resource: 'comment',
						operation: 'delete',
						assetId: byId(assetId),
						commentId: '={{ $json.value }}',
					},
					value,
					'Comment ID',
				);
				await refusedBeforeAnyRequest(
					{
						resource: 'asset',
						operation: 'download',
						assetId: byId(assetId),
						mediaId: fromItem('value'),
						binaryPropertyName: 'data',
					},
					value,
					'Media',
				);
				await refusedBeforeAnyRequest(
					{
						resource: 'dagAction',
						operation: 'start',
						assetId: byId(assetId),
						dagActionId: fromItem('value'),
					},
					value,
					'DAG Action',
				);
				await refusedBeforeAnyRequest(
					{
						resource: 'dagActionRun',
						operation: 'get',
						assetId: byId(assetId),
						runId: '={{ $json.value }}',
					},
					value,
					'Run ID',
				);
			}
			for (const value of ['..', 'a/b', '']) {
				await refusedBeforeAnyRequest(
					{
						resource: 'asset',
						operation: 'assignToProject',
						assetId: byId(assetId),
						projectId: '={{ $json.value }}',
					},
					value,
					'Project ID',
				);
			}
		});

		it('a well-formed id still goes out, and Continue On Fail turns a bad one into an error item', async () => {
			const assetId = await createAsset(sandbox, 'Fine');
			const result = await runMp(
				sandbox,
				{ resource: 'asset', operation: 'get', assetId: fromItem('value') },
				{ input: [{ json: { value: '..' } }, { json: { value: assetId } }], continueOnFail: true },
			);
			assert.equal(result.error, undefined);
			assert.match(
				String(result.items[0].json.error),
				/"Asset" parameter must be a Media Pocket ID .*, got "\.\."/,
			);
			assert.equal(result.items[1].json.id, assetId);
		});

		it('a history cursor of ".." from the DAM is not followed up the path', async () => {
			const assetId = await createAsset(sandbox, 'Cursor');
			await sandbox.fault({
				target: 'mediapocket',
				path: '/history/0$',
				status: 200,
				body: {
					history: {
						results: [{ id: 5, event_type: 'ASSET_ADDED', created_at: new Date().toISOString() }],
						next_cursor: '..',
					},
				},
			});
			const mark = await sandbox.mark();
			const result = await runMp(sandbox, {
				resource: 'history',
				operation: 'getAll',
				assetId: byId(assetId),
				returnAll: true,
			});
			assert.match(result.error?.message ?? '', /"\.\." cannot be part of a request path/);
			assert.deepEqual(
				(await journalSince(mark)).map((entry) => entry.path),
				[`/api/v2/assets/${assetId}/history/0`],
			);
		});

		it('a run ID from the DAM that is not a whole number is refused before the node follows the run', async () => {
			const assetId = await createAsset(sandbox, 'Odd run');
			await sandbox.fault({
				target: 'mediapocket',
				method: 'POST',
				path: '/dag_actions/1$',
				status: 200,
				body: { dag_action_run: { id: '../x', status: 'running' } },
			});
			const mark = await sandbox.mark();
			const result = await runMp(sandbox, {
				resource: 'dagAction',
				operation: 'start',
				assetId: byId(assetId),
				dagActionId: byId('1'),
				waitForCompletion: true,
				pollInterval: 0.1,
				timeout: 5,
			});
			assert.equal(result.error?.name, 'NodeOperationError');
			assert.equal(
				result.error?.message,
				'The DAM returned a run ID that is not a whole number: "../x"',
			);
			assert.deepEqual(
				(await journalSince(mark)).map((entry) => entry.method),
				['POST'],
				'the run is not looked for',
			);
		});

		it('the trigger checks every watched asset id before it polls any', async () => {
			const assetId = await createAsset(sandbox, 'Watched');
			for (const bad of ['..', '.', 'a/b', '%2e%2e']) {
				const h = new ReportingPollHarness(
					TRIGGER_TYPE,
					{ assetIds: `${assetId}, ${bad}`, eventTypes: [], options: {} },
					credentials(sandbox),
				);
				const mark = await sandbox.mark();
				assert.deepEqual(await h.poll(), []);
				const [failure] = h.failedExecutions as NodeError[];
				assert.equal(failure?.name, 'NodeOperationError');
				assert.equal(
					failure.message,
					`"${bad}" is not a valid Media Pocket asset ID (parameter "Asset IDs")`,
				);
				assert.deepEqual(await journalSince(mark), [], 'no request');
			}
		});
	});

	describe('Remove Media reads the 200-with-errors answer the seed documents', () => {
		it("no media to remove: the asset with removed: false and the DAM's message, not an error", async () => {
			const assetId = await createAsset(sandbox, 'Bare');
			const [item] = await mp(sandbox, {
				resource: 'asset',
				operation: 'removeMedia',
				assetId: byId(assetId),
			});
			assert.equal(item.json.id, assetId);
			assert.equal(item.json.removed, false);
			assert.equal(item.json.message, 'No media found on this asset.');
		});

		it('other 200-with-error answers stay errors: assign, unassign, an "errors" 5xx or one without the asset', async () => {
			const assetId = await createAsset(sandbox, 'Loose');
			const assign = await runMp(sandbox, {
				resource: 'asset',
				operation: 'assignToProject',
				assetId: byId(assetId),
				projectId: 'missingProject',
			});
			assert.equal(assign.error?.message, 'Media Pocket: Project not found.');
			const unassign = await runMp(sandbox, {
				resource: 'asset',
				operation: 'unassignFromProject',
				assetId: byId(assetId),
			});
			assert.equal(
				unassign.error?.message,
				`Media Pocket: ${assetId} does not have a parent project`,
			);

			await sandbox.fault({
				target: 'mediapocket',
				method: 'DELETE',
				path: '/media$',
				status: 200,
				body: {
					asset: { id: assetId },
					errors: { error: 'Storage backend unavailable', status: 503 },
				},
			});
			const broken = await runMp(sandbox, {
				resource: 'asset',
				operation: 'removeMedia',
				assetId: byId(assetId),
			});
			assert.equal(broken.error?.message, 'Media Pocket: Storage backend unavailable (HTTP 503)');
			await sandbox.fault({
				target: 'mediapocket',
				method: 'DELETE',
				path: '/media$',
				status: 200,
				body: { errors: { error: 'Something went wrong' } },
			});
			const bare = await runMp(sandbox, {
				resource: 'asset',
				operation: 'removeMedia',
				assetId: byId(assetId),
			});
			assert.match(bare.error?.message ?? '', /^Media Pocket: Something went wrong/);
		});
	});

	describe('DAG action runs with a status the node does not know', () => {
		/** Makes the run list report `status` for the run (the seed documents only "running"). */
		async function reportStatus(assetId: string, runId: number, status: string): Promise<void> {
			await sandbox.fault({
				target: 'mediapocket',
				method: 'GET',
				path: `/assets/${assetId}/dag_action_runs$`,
				status: 200,
				times: 0,
				body: {
					dag_action_runs: [
						{
							id: runId,
							status,
							created_at: new Date().toISOString(),
							dag_action: {
								id: 1,
								name: 'Create web proxies',
								description: '',
								category: 'Transcoding',
							},
							dag_action_run_messages: [
								{ id: 1, message: 'Set in queue...', created_at: new Date().toISOString() },
							],
						},
					],
				},
			});
		}
		const start = (assetId: string, extra: INodeParameters = {}): INodeParameters => ({
			resource: 'dagAction',
			operation: 'start',
			assetId: byId(assetId),
			dagActionId: { __rl: true, mode: 'id', value: '1' },
			...extra,
		});

		it('Start and wait returns the run as it is (status_kind "unknown"), never as a failed run', async () => {
			await sandbox.sim('mediapocket', 'POST', '/config', { runStepMs: 60_000 });
			const assetId = await createAsset(sandbox, 'Odd run');
			// Run ids start at 1 in a freshly reset simulator.
			await reportStatus(assetId, 1, 'awaiting_approval');
			const [run] = await mp(
				sandbox,
				start(assetId, {
					waitForCompletion: true,
					pollInterval: 0.1,
					timeout: 10,
					errorIfRunFails: true,
				}),
			);
			assert.equal(run.json.id, 1);
			assert.equal(run.json.status, 'awaiting_approval');
			assert.equal(run.json.status_kind, 'unknown');

			const [got] = await mp(sandbox, {
				resource: 'dagActionRun',
				operation: 'get',
				assetId: byId(assetId),
				runId: '1',
			});
			assert.equal(got.json.status_kind, 'unknown');
			const listed = await mp(sandbox, {
				resource: 'dagActionRun',
				operation: 'getAll',
				assetId: byId(assetId),
				returnAll: true,
			});
			assert.deepEqual(
				listed.map((item) => item.json.status_kind),
				['unknown'],
			);
		});

		it('known words keep their meaning: in progress is waited for, a failure is still an error', async () => {
			await sandbox.sim('mediapocket', 'POST', '/config', { runStepMs: 60_000 });
			const assetId = await createAsset(sandbox, 'Known run');
			await reportStatus(assetId, 1, 'up_for_retry');
			const slow = await runMp(
				sandbox,
				start(assetId, { waitForCompletion: true, pollInterval: 0.2, timeout: 1 }),
			);
			assert.match(
				slow.error?.message ?? '',
				/^The DAG action run 1 is still "up_for_retry" after 1 s$/,
			);
			await sandbox.clearFaults();
			await reportStatus(assetId, 2, 'error');
			const failed = await runMp(
				sandbox,
				start(assetId, { waitForCompletion: true, pollInterval: 0.1, timeout: 10 }),
			);
			assert.match(
				failed.error?.message ?? '',
				/^The DAG action run 2 \("Create web proxies"\) ended with status "error"/,
			);
		});
	});

	describe('numeric parameters from expressions are checked before the run is started', () => {
		const waiting = (assetId: string, extra: INodeParameters): INodeParameters => ({
			resource: 'dagAction',
			operation: 'start',
			assetId: byId(assetId),
			dagActionId: { __rl: true, mode: 'id', value: '1' },
			waitForCompletion: true,
			pollInterval: 1,
			timeout: 60,
			...extra,
		});

		it('Poll Interval and Timeout: words, zero, negative and out-of-range values', async () => {
			const assetId = await createAsset(sandbox, 'Numbers');
			for (const value of ['soon', 0, -1, 0.01, 100_000]) {
				await refusedBeforeAnyRequest(
					waiting(assetId, { pollInterval: '={{ $json.value }}' }),
					value,
					'Poll Interval (Seconds)',
				);
			}
			for (const value of ['never', 0, -5, 2.5, 10_000_000]) {
				await refusedBeforeAnyRequest(
					waiting(assetId, { timeout: '={{ $json.value }}' }),
					value,
					'Timeout (Seconds)',
				);
			}
			const runs = await mp(sandbox, {
				resource: 'dagActionRun',
				operation: 'getAll',
				assetId: byId(assetId),
				returnAll: true,
			});
			assert.equal(runs.length, 0, 'no run was started');
		});

		it('Limit: a word from an expression', async () => {
			const assetId = await createAsset(sandbox, 'Limited');
			await refusedBeforeAnyRequest(
				{
					resource: 'comment',
					operation: 'getAll',
					assetId: byId(assetId),
					returnAll: false,
					limit: '={{ $json.value }}',
				},
				'many',
				'Limit',
			);
		});
	});

	describe('side effects: one action on the DAM per intended action, whatever happens to the answer', () => {
		const lostAnswers: Array<{
			name: string;
			fault: { status?: number; drop?: boolean; headers?: Record<string, string> };
		}> = [
			{ name: '503 without Retry-After', fault: { status: 503 } },
			{ name: '502', fault: { status: 502 } },
			{ name: 'a dropped connection', fault: { drop: true } },
		];

		for (const { name, fault } of lostAnswers) {
			it(`Comment > Create answered with ${name} after the DAM stored it: exactly one comment, an error saying it may exist`, async () => {
				const assetId = await createAsset(sandbox, 'Commented');
				await sandbox.fault({
					target: 'mediapocket',
					method: 'POST',
					path: `/assets/${assetId}/comments$`,
					after: true,
					...fault,
				});
				const mark = await sandbox.mark();
				const result = await runMp(sandbox, {
					resource: 'comment',
					operation: 'create',
					assetId: byId(assetId),
					comment: 'Only once',
				});
				assert.ok(result.error, 'the node reports an error');
				if (fault.status) assert.equal(result.error.httpCode, String(fault.status));
				assert.match(
					result.error.description ?? '',
					/Media Pocket's answer was lost, so the request was not sent again\. Media Pocket may have created the comment/,
				);
				const posts = (await journalSince(mark)).filter((entry) => entry.method === 'POST');
				assert.equal(posts.length, 1, 'one POST');
				assert.equal(posts[0].acted, 200, 'the DAM acted on it');
				const comments = await mp(sandbox, {
					resource: 'comment',
					operation: 'getAll',
					assetId: byId(assetId),
					returnAll: true,
				});
				assert.deepEqual(
					comments.map((item) => item.json.message),
					['Only once'],
				);
			});

			it(`DAG Action > Start answered with ${name} after the DAM started it: exactly one run`, async () => {
				await sandbox.sim('mediapocket', 'POST', '/config', { runStepMs: 60_000 });
				const assetId = await createAsset(sandbox, 'Started');
				await sandbox.fault({
					target: 'mediapocket',
					method: 'POST',
					path: '/dag_actions/1$',
					after: true,
					...fault,
				});
				const result = await runMp(sandbox, {
					resource: 'dagAction',
					operation: 'start',
					assetId: byId(assetId),
					dagActionId: { __rl: true, mode: 'id', value: '1' },
				});
				assert.ok(result.error);
				assert.match(result.error.description ?? '', /may have created the DAG action run/);
				const runs = await mp(sandbox, {
					resource: 'dagActionRun',
					operation: 'getAll',
					assetId: byId(assetId),
					returnAll: true,
				});
				assert.equal(runs.length, 1, 'one run');
			});
		}

		it('a 503 with Retry-After (the DAM did nothing) is sent again and creates one comment, reported as created', async () => {
			const assetId = await createAsset(sandbox, 'Retried');
			await sandbox.fault({
				target: 'mediapocket',
				method: 'POST',
				path: '/comments$',
				status: 503,
				headers: { 'Retry-After': '0' },
			});
			const [comment] = await mp(sandbox, {
				resource: 'comment',
				operation: 'create',
				assetId: byId(assetId),
				comment: 'After a pause',
			});
			assert.equal(comment.json.message, 'After a pause');
			const comments = await mp(sandbox, {
				resource: 'comment',
				operation: 'getAll',
				assetId: byId(assetId),
				returnAll: true,
			});
			assert.equal(comments.length, 1);
		});
	});

	describe('the history trigger: one bad asset does not stall the others', () => {
		const addEvents = async (
			assetId: string,
			count: number,
			extra: IDataObject = {},
		): Promise<Event[]> =>
			(await sandbox.sim('mediapocket', 'POST', `/assets/${assetId}/events`, { count, ...extra }))
				.events;
		const trigger = (assetIds: string[], line: N8nLine = '1.x') =>
			new ReportingPollHarness(
				TRIGGER_TYPE,
				{ assetIds: assetIds.join(', '), eventTypes: [], options: {} },
				credentials(sandbox),
				line,
			);
		const activate = async (h: ReportingPollHarness) => {
			const items = await h.poll('trigger', 'activate');
			h.persisted = clone(h.staticData);
			return items;
		};
		const cursors = (h: ReportingPollHarness) =>
			(h.nodeState.assets ?? {}) as Record<string, { w: number; r: number[] }>;

		for (const line of ['1.x', '2.x'] as N8nLine[]) {
			it(`n8n ${line}: a 403 on one watched asset: the others' events go out once, the failure is reported, its cursor waits`, async () => {
				const [a, b, c] = [
					await createAsset(sandbox, 'A'),
					await createAsset(sandbox, 'B'),
					await createAsset(sandbox, 'C'),
				];
				const h = trigger([a, b, c], line);
				await activate(h);
				const blocked = clone(cursors(h)[b]);
				await sandbox.fault({
					target: 'mediapocket',
					path: `/assets/${b}/history/`,
					status: 403,
					body: { error: 'Permission denied. Must have HISTORY_VIEW permissions.' },
					times: 0,
				});
				const ea = await addEvents(a, 2);
				const eb = await addEvents(b, 3);
				const ec = await addEvents(c, 1);

				const first = await h.poll();
				assert.deepEqual(
					ids(first),
					[...ea, ...ec].map((event) => event.id),
				);
				assert.equal(h.reported.length, 1);
				const [report] = h.reported as NodeError[];
				assert.equal(report.httpCode, '403');
				assert.match(report.message, /Permission denied/);
				assert.match(
					report.description ?? '',
					new RegExp(
						`^While reading the history of asset ${b}\\. The other watched assets were read`,
					),
				);
				assert.deepEqual(cursors(h)[b], blocked, "the failing asset's cursor is kept");

				assert.deepEqual(await h.poll(), [], 'nothing twice');
				assert.equal(
					h.failedExecutions.length,
					2,
					'a failed execution again while it fails (nothing else changed: thrown)',
				);

				await sandbox.clearFaults();
				h.restart(); // what was persisted is enough
				assert.deepEqual(
					ids(await h.poll()),
					eb.map((event) => event.id),
					"the blocked asset's events, once it can be read",
				);
				assert.deepEqual(await h.poll(), []);
			});

			it(`n8n ${line}: a purged asset (404) is reported once and never polled again, also after a restart`, async () => {
				const [a, b] = [await createAsset(sandbox, 'Kept'), await createAsset(sandbox, 'Purged')];
				const h = trigger([a, b], line);
				await activate(h);
				await mp(sandbox, { resource: 'asset', operation: 'delete', assetId: byId(b) });
				const ea = await addEvents(a, 2);
				assert.deepEqual(
					ids(await h.poll()),
					ea.map((event) => event.id),
				);
				assert.equal(h.reported.length, 1);
				assert.match(
					(h.reported[0] as NodeError).description ?? '',
					/was not found in Media Pocket \(deleted or purged\): the trigger no longer polls it/,
				);

				h.restart();
				const mark = await sandbox.mark();
				const eb = await addEvents(a, 1);
				assert.deepEqual(
					ids(await h.poll()),
					eb.map((event) => event.id),
				);
				const paths = (await journalSince(mark))
					.filter((entry) => entry.path.includes('/history/'))
					.map((entry) => entry.path);
				assert.ok(
					paths.every((path) => !path.includes(b)),
					`the purged asset is not polled: ${paths.join(', ')}`,
				);
				assert.equal(h.reported.length, 1, 'said once');
			});
		}

		it('a quiet poll where only a purged asset changed keeps that news on n8n 2.x (a cursor-only commit)', async () => {
			const [a, b] = [await createAsset(sandbox, 'Quiet'), await createAsset(sandbox, 'Gone')];
			const h = trigger([a, b], '2.x');
			await activate(h);
			await mp(sandbox, { resource: 'asset', operation: 'delete', assetId: byId(b) });
			assert.deepEqual(await h.poll(), []);
			assert.equal(h.reported.length, 1, 'reported, not thrown');
			assert.deepEqual(
				Object.keys((h.persisted['node:Trigger'] as IDataObject).gone as IDataObject),
				[b],
			);
		});

		it('several failing assets: one summary report, the rest delivered; all failing with nothing to keep: the poll fails', async () => {
			const [a, b, c] = [
				await createAsset(sandbox, 'Fine'),
				await createAsset(sandbox, 'Denied'),
				await createAsset(sandbox, 'Broken'),
			];
			const h = trigger([a, b, c]);
			await activate(h);
			await sandbox.fault({
				target: 'mediapocket',
				path: `/assets/${b}/history/`,
				status: 403,
				body: { error: 'Permission denied.' },
				times: 0,
			});
			await sandbox.fault({
				target: 'mediapocket',
				path: `/assets/${c}/history/`,
				status: 500,
				body: { error: 'Internal Server Error' },
				times: 0,
			});
			const ea = await addEvents(a, 1);
			assert.deepEqual(
				ids(await h.poll()),
				ea.map((event) => event.id),
			);
			assert.equal(h.reported.length, 1);
			assert.equal(h.reported[0].message, 'The history of 2 of 3 watched assets could not be read');
			assert.match(
				(h.reported[0] as NodeError).description ?? '',
				new RegExp(`asset ${b}: .*Permission denied[\\s\\S]*asset ${c}: .*Internal Server Error`),
			);

			await sandbox.fault({
				target: 'mediapocket',
				path: `/assets/${a}/history/`,
				status: 500,
				body: { error: 'Internal Server Error' },
				times: 0,
			});
			const state = clone(h.staticData);
			const persisted = clone(h.persisted);
			assert.deepEqual(await h.poll(), []);
			assert.equal(h.reported.length, 1, 'not reported beside: thrown');
			assert.equal(h.failedExecutions.length, 2);
			assert.deepEqual(h.staticData, state);
			assert.deepEqual(h.persisted, persisted);
		});

		for (const [label, offsetMs] of [
			['behind', -30 * 60 * 1000],
			['ahead of', 30 * 60 * 1000],
		] as Array<[string, number]>) {
			it(`the DAM's clock 30 minutes ${label} n8n's: a late-committed event is delivered, nothing twice`, async () => {
				await sandbox.sim('mediapocket', 'POST', '/clock', { advanceMs: offsetMs });
				const assetId = await createAsset(sandbox, 'Skewed');
				const h = trigger([assetId]);
				await activate(h);
				const { id: lateId } = await sandbox.sim(
					'mediapocket',
					'POST',
					`/assets/${assetId}/events/reserve`,
					{ type: 'ASSET_APPROVED' },
				);
				const newer = await addEvents(assetId, 3);
				assert.deepEqual(
					ids(await h.poll()),
					newer.map((event) => event.id),
				);
				assert.deepEqual(await h.poll(), []);
				await sandbox.sim('mediapocket', 'POST', `/events/${lateId}/commit`);
				assert.deepEqual(ids(await h.poll()), [lateId], 'the late event is not lost');
				h.restart();
				assert.deepEqual(await h.poll(), [], 'and not delivered twice, also after a restart');
				const more = await addEvents(assetId, 2);
				assert.deepEqual(
					ids(await h.poll()),
					more.map((event) => event.id),
				);
				assert.deepEqual(await h.poll(), []);
			});
		}
	});
});
