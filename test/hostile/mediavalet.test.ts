import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import type { NodeParameterValueType } from 'n8n-workflow';

import { runWorkflow, startWorkflow, type RunResult } from '../harness/engine';
import { MiB } from '../harness/memory';
import type { Sandbox } from '../harness/sandbox';
import type { FaultRule, JournalEntry } from '../sandbox/core/control';
import { CAMPAIGNS, EDITOR, PRODUCTS } from '../sandbox/mediavalet/seed';
import {
	assetState,
	byId,
	file,
	mv,
	mvCredentials,
	seedAsset,
	startSandbox,
	stopSandbox,
} from '../mediavalet/helpers';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The answer lost after MediaValet acted: a 502, a 503 without Retry-After, or a dropped connection. */
const LOST_ANSWERS: Array<{ label: string; fault: Pick<FaultRule, 'status' | 'drop'> }> = [
	{ label: '502', fault: { status: 502 } },
	{ label: '503 without Retry-After', fault: { status: 503 } },
	{ label: 'a dropped connection', fault: { drop: true } },
];

/**
 * MediaValet as a hostile or broken server: answers lost after it acted, finalize steps refused
 * before acting, cancelled executions, and parameters from expressions that would reach its paths
 * or the upload engine. Each test counts what MediaValet holds afterwards and compares it with what
 * the node reported.
 */
describe('hostile MediaValet: one side effect per action, the reported state is the DAM state', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => {
		await stopSandbox(sandbox);
	});
	beforeEach(async () => {
		await sandbox.reset();
	});

	const credentials = () => mvCredentials(sandbox);
	const api = async (): Promise<JournalEntry[]> =>
		(await sandbox.journal('mediavalet')).filter((e) => e.path !== '/connect/token');
	const count = (entries: JournalEntry[], method: string, path: RegExp) =>
		entries.filter((e) => e.method === method && path.test(e.path)).length;
	const checkedOutAsset = async () =>
		await seedAsset(sandbox, {
			title: 'Hero',
			fileName: 'hero.jpg',
			content: 'version one',
			checkedOutBy: EDITOR.username,
		});
	const checkIn = (assetId: string, options: Record<string, unknown> = {}) =>
		mv('asset', 'checkIn', {
			assetId: byId(assetId),
			fileName: 'hero_v2.jpg',
			comment: 'Colour corrected',
			options,
		});
	const simState = async () =>
		await sandbox.sim<{ assets: number; uploads: Array<{ id: string; finalized: boolean }> }>(
			'mediavalet',
			'GET',
			'/state',
		);

	describe('check-in finalize (PUT /assetCheckIn/{id}) is a commit', () => {
		for (const lost of LOST_ANSWERS) {
			it(`answer lost after MediaValet acted (${lost.label}): 1 finalize, 1 new version, reported as success verified by reading back`, async () => {
				const asset = await checkedOutAsset();
				await sandbox.fault({
					target: 'mediavalet',
					method: 'PUT',
					path: '^/assetCheckIn/',
					after: true,
					...lost.fault,
				});
				const result = await runWorkflow([file(50_000, 7, 'hero.jpg'), checkIn(asset.id)], {
					credentials: credentials(),
				});
				assert.equal(result.error, undefined, result.error?.message);
				const [item] = result.output('MediaValet');
				const summary = item.json.checkIn as Record<string, unknown>;
				assert.equal(summary.verified, true, 'says it was verified by reading back');
				assert.match(String(summary.note), /answer to the finalize was lost/);
				assert.equal(summary.version, 2);
				assert.equal(item.json.checkedOutBy, null);

				const journal = await api();
				const finalizes = journal.filter(
					(e) => e.method === 'PUT' && e.path === `/assetCheckIn/${asset.id}`,
				);
				assert.equal(finalizes.length, 1, 'the finalize was sent once');
				assert.equal(finalizes[0].acted, 202, 'MediaValet carried it out');
				assert.ok(
					finalizes[0].seq < journal[journal.length - 1].seq,
					'the asset was read back after it',
				);
				const state = await assetState(sandbox, asset.id);
				assert.equal(state.versions.length, 2, 'one new version');
				assert.equal(state.checkedOutBy, null);
			});
		}

		it('finalize answered 502 before MediaValet acted: 1 finalize, reported as not finalized; still checked out with version 1', async () => {
			const asset = await checkedOutAsset();
			await sandbox.fault({
				target: 'mediavalet',
				method: 'PUT',
				path: '^/assetCheckIn/',
				status: 502,
			});
			const result = await runWorkflow([file(50_000, 7, 'hero.jpg'), checkIn(asset.id)], {
				credentials: credentials(),
			});
			assert.ok(result.error, 'reported as a failure');
			assert.equal(result.error.httpCode, '502');
			assert.match(
				result.error.message,
				/^MediaValet: Check-in failed at step 5 of 5 \(Finalize the check-in\)/,
			);
			assert.match(
				String(result.error.description),
				new RegExp(
					`Asset ${asset.id} is still checked out and keeps version 1; nothing was finalized`,
				),
			);
			assert.match(
				String(result.error.description),
				/reading the state back showed it was not done/,
			);
			const journal = await api();
			assert.equal(count(journal, 'PUT', /^\/assetCheckIn\//), 1, 'not sent a second time');
			assert.equal(journal[journal.length - 1].method, 'GET', 'read back after the lost answer');
			const state = await assetState(sandbox, asset.id);
			assert.equal(state.versions.length, 1);
			assert.equal(state.checkedOutBy, EDITOR.id);
		});

		it('finalize answer lost and the read-back shows neither the new version nor the lock: reported as unknown, not as success', async () => {
			const asset = await checkedOutAsset();
			await sandbox.fault({
				target: 'mediavalet',
				method: 'PUT',
				path: '^/assetCheckIn/',
				status: 502,
			});
			// The second read of the asset (the read-back; the first is step 1) as a MediaValet still processing would answer it.
			await sandbox.fault({
				target: 'mediavalet',
				method: 'GET',
				path: `^/assets/${asset.id}$`,
				skip: 1,
				status: 200,
				body: {
					payload: {
						id: asset.id,
						checkedOutBy: null,
						file: { id: '0a000000-0000-4000-8000-000000000001' },
						record: { version: { version: 1 } },
					},
				},
			});
			const result = await runWorkflow([file(50_000, 7, 'hero.jpg'), checkIn(asset.id)], {
				credentials: credentials(),
			});
			assert.ok(result.error, 'not reported as a success');
			assert.match(
				String(result.error.description),
				new RegExp(
					`Asset ${asset.id} is no longer checked out, but MediaValet shows no new version yet`,
				),
			);
			assert.match(
				String(result.error.description),
				/the outcome is unknown, so nothing was undone/,
			);
			assert.equal(count(await api(), 'PUT', /^\/assetCheckIn\//), 1);
		});
	});

	describe('upload finalize (PATCH /uploads/{id}) is a commit; the placeholder is cleaned up otherwise', () => {
		it('answer lost after MediaValet acted (502): 1 finalize, no cancel, the asset in the library, reported as success', async () => {
			await sandbox.fault({
				target: 'mediavalet',
				method: 'PATCH',
				path: '^/uploads/',
				status: 502,
				after: true,
			});
			const result = await runWorkflow([file(30_000, 3, 'flyer.pdf'), mv('asset', 'upload')], {
				credentials: credentials(),
			});
			assert.equal(result.error, undefined, result.error?.message);
			const [item] = result.output('MediaValet');
			assert.equal((item.json.upload as Record<string, unknown>).verified, true);
			assert.equal(item.json.status, 1);
			const journal = await api();
			assert.equal(count(journal, 'PATCH', /^\/uploads\//), 1);
			assert.equal(
				count(journal, 'DELETE', /^\/uploads\//),
				0,
				'a finalized upload is never cancelled',
			);
			const state = await simState();
			assert.equal(state.assets, 1);
			assert.deepEqual(
				state.uploads.map((u) => u.finalized),
				[true],
			);
		});

		it('finalize answered 502 before acting: 1 finalize, read back, the placeholder cancelled, reported as not created', async () => {
			await sandbox.fault({
				target: 'mediavalet',
				method: 'PATCH',
				path: '^/uploads/',
				status: 502,
			});
			const result = await runWorkflow([file(30_000, 3, 'flyer.pdf'), mv('asset', 'upload')], {
				credentials: credentials(),
			});
			assert.ok(result.error);
			assert.match(
				result.error.message,
				/^MediaValet: Upload failed at step 6 of 6 \(Finalize the upload\)/,
			);
			assert.match(
				String(result.error.description),
				/was cancelled in MediaValet; no asset was created/,
			);
			const journal = await api();
			assert.equal(count(journal, 'PATCH', /^\/uploads\//), 1);
			assert.equal(count(journal, 'DELETE', /^\/uploads\//), 1);
			const state = await simState();
			assert.equal(state.assets, 0, 'placeholder removed');
			assert.deepEqual(state.uploads, []);
		});

		it('an upload ID that is not a UUID never goes into a request path', async () => {
			await sandbox.fault({
				target: 'mediavalet',
				method: 'POST',
				path: '^/uploads$',
				status: 201,
				body: {
					payload: {
						id: '../assets/3b9d4cc3-b5be-481e-8ce1-d5ba00a1245b',
						uploadUrl: `${sandbox.url('foreign')}/blob?sig=x`,
						uploadFileName: 'a.txt',
					},
				},
			});
			const result = await runWorkflow([file(1000, 1, 'a.txt'), mv('asset', 'upload')], {
				credentials: credentials(),
			});
			assert.ok(result.error);
			assert.match(
				result.error.message,
				/step 1 of 6 \(Create the upload\): The DAM returned an upload ID that is not a MediaValet upload ID/,
			);
			assert.match(String(result.error.description), /no usable ID/);
			assert.deepEqual(
				(await api()).map((e) => `${e.method} ${e.path}`),
				['POST /uploads'],
				'nothing sent to the path it named',
			);
			assert.equal((await sandbox.journal('foreign')).length, 0);
		});
	});

	describe('comment create: one comment whatever happens to the answer', () => {
		for (const lost of LOST_ANSWERS) {
			it(`answer lost after MediaValet stored it (${lost.label}): exactly 1 comment, reported as an error that says so`, async () => {
				const asset = await seedAsset(sandbox, { title: 'Commented' });
				await sandbox.fault({
					target: 'mediavalet',
					method: 'POST',
					path: '/comments$',
					after: true,
					...lost.fault,
				});
				const result = await runWorkflow(
					[mv('comment', 'create', { assetId: byId(asset.id), comment: 'Looks good' })],
					{ credentials: credentials() },
				);
				assert.ok(result.error, 'not reported as a success');
				assert.match(
					String(result.error.description),
					/may have stored the comment .* it was not sent again/,
				);
				assert.equal(count(await api(), 'POST', /\/comments$/), 1, 'sent once');
				const stored = (await assetState(sandbox, asset.id)).comments.filter(
					(c: { comment: string }) => c.comment === 'Looks good',
				);
				assert.equal(stored.length, 1, 'exactly one comment in MediaValet');
			});
		}
	});

	describe('creating requests are sent once and say what MediaValet may hold', () => {
		it('check-out answered 502 after MediaValet locked the asset: 1 request, the error says it may be checked out now', async () => {
			const asset = await seedAsset(sandbox, { title: 'Lock me' });
			await sandbox.fault({
				target: 'mediavalet',
				method: 'POST',
				path: '/checkOut$',
				status: 502,
				after: true,
			});
			const result = await runWorkflow(
				[mv('asset', 'checkOut', { assetId: byId(asset.id), comment: 'Editing' })],
				{ credentials: credentials() },
			);
			assert.ok(result.error);
			assert.match(
				result.error.message,
				/^MediaValet: Check-out failed at step 1 of 2 \(Check out the asset\)/,
			);
			assert.match(
				String(result.error.description),
				new RegExp(`may have checked out asset ${asset.id}.*not sent again`),
			);
			assert.equal(count(await api(), 'POST', /\/checkOut$/), 1);
			assert.equal(
				(await assetState(sandbox, asset.id)).checkedOutBy,
				EDITOR.id,
				'what the error warns of is true',
			);
		});

		it('upload record (POST /uploads) answer dropped after MediaValet created it: 1 request, the error says a placeholder may exist', async () => {
			await sandbox.fault({
				target: 'mediavalet',
				method: 'POST',
				path: '^/uploads$',
				drop: true,
				after: true,
			});
			const result = await runWorkflow([file(1000, 1, 'a.txt'), mv('asset', 'upload')], {
				credentials: credentials(),
			});
			assert.ok(result.error);
			assert.match(
				result.error.message,
				/^MediaValet: Upload failed at step 1 of 6 \(Create the upload\)/,
			);
			assert.match(
				String(result.error.description),
				/may have created an empty upload placeholder/,
			);
			assert.equal(count(await api(), 'POST', /^\/uploads$/), 1, 'not sent again');
			assert.equal((await simState()).uploads.length, 1, 'what the error warns of is true');
		});
	});

	describe('a cancelled execution', () => {
		/** Every Put Block answered 503 with a 30 s Retry-After: the upload waits in back-off when cancelled. */
		const stallBlocks = async () =>
			await sandbox.fault({
				target: 'azure-blob',
				query: 'comp=block&',
				status: 503,
				headers: { 'Retry-After': '30' },
				times: 0,
			});
		const cancelWhileBlocksWait = async (chain: Parameters<typeof startWorkflow>[0]) => {
			const running = await startWorkflow(chain, { credentials: credentials() });
			const deadline = Date.now() + 30_000;
			while (!(await sandbox.journal('azure-blob')).some((e) => e.fault) && Date.now() < deadline)
				await sleep(50);
			assert.ok(
				(await sandbox.journal('azure-blob')).some((e) => e.fault),
				'blocks were in flight',
			);
			const cancelledAt = Date.now();
			running.cancel();
			await running.done.catch(() => undefined);
			return { cancelledAt, endedAfterMs: Date.now() - cancelledAt };
		};

		it('upload: the placeholder is deleted (a clean-up request after the cancel), never finalized, back-off ends at once', async () => {
			await stallBlocks();
			const { cancelledAt, endedAfterMs } = await cancelWhileBlocksWait([
				file(64 * MiB, 5, 'big.mov'),
				mv('asset', 'upload', { options: { blockSizeMiB: 4, concurrency: 2 } }),
			]);
			assert.ok(endedAfterMs < 5000, `the run ended ${endedAfterMs} ms after the cancel`);
			let deleted: JournalEntry | undefined;
			for (let n = 0; n < 100 && !deleted; n++) {
				deleted = (await api()).find((e) => e.method === 'DELETE' && /^\/uploads\//.test(e.path));
				if (!deleted) await sleep(50);
			}
			assert.ok(deleted, 'DELETE /uploads/{id} reached MediaValet after the cancel');
			assert.equal(deleted.status, 200);
			assert.ok(
				deleted.time - cancelledAt < 5000,
				`the clean-up left ${deleted.time - cancelledAt} ms after the cancel, not after the 30 s back-off`,
			);
			assert.equal(count(await api(), 'PATCH', /^\/uploads\//), 0, 'never finalized');
			const storage = await sandbox.journal('azure-blob');
			assert.equal(
				storage.filter((e) => e.query.comp === 'blocklist').length,
				0,
				'no block list committed',
			);
			const state = await simState();
			assert.equal(state.assets, 0, 'placeholder removed');
			assert.deepEqual(state.uploads, []);
		});

		it('check-in: no finalize, the asset stays checked out with its version, back-off ends at once', async () => {
			const asset = await checkedOutAsset();
			await stallBlocks();
			const { endedAfterMs } = await cancelWhileBlocksWait([
				file(64 * MiB, 6, 'hero.jpg'),
				checkIn(asset.id, { blockSizeMiB: 4, concurrency: 2 }),
			]);
			assert.ok(endedAfterMs < 5000, `the run ended ${endedAfterMs} ms after the cancel`);
			await sleep(500);
			assert.equal(count(await api(), 'PUT', /^\/assetCheckIn\//), 0, 'never finalized');
			assert.equal(
				(await sandbox.journal('azure-blob')).filter((e) => e.query.comp === 'blocklist').length,
				0,
			);
			const state = await assetState(sandbox, asset.id);
			assert.equal(state.versions.length, 1);
			assert.equal(state.checkedOutBy, EDITOR.id);
		});
	});

	describe('numbers and IDs from expressions are checked before any request', () => {
		const refusals: Array<{ option: string; value: NodeParameterValueType; label: RegExp }> = [
			{
				option: 'blockSizeMiB',
				value: '={{ "eight" }}',
				label: /"Part Size \(MiB\)" parameter must be a whole number from 1 to 64.*got "eight"/,
			},
			{
				option: 'blockSizeMiB',
				value: '={{ 65 }}',
				label: /"Part Size \(MiB\)" parameter .* got "65"/,
			},
			{
				option: 'blockSizeMiB',
				value: '={{ 2.5 }}',
				label: /"Part Size \(MiB\)" parameter .* got "2.5"/,
			},
			{
				option: 'concurrency',
				value: '={{ "four" }}',
				label: /"Parallel Parts" parameter must be a whole number from 1 to 16, got "four"/,
			},
			{
				option: 'concurrency',
				value: '={{ 0 }}',
				label: /"Parallel Parts" parameter .* got "0"/,
			},
			{
				option: 'concurrency',
				value: '={{ 1e9 }}',
				label: /"Parallel Parts" parameter .* got "1000000000"/,
			},
		];
		const assertNothingSent = async (result: RunResult, label: RegExp) => {
			assert.ok(result.error);
			assert.equal(result.error.name, 'NodeOperationError');
			assert.match(result.error.message, label);
			assert.deepEqual(
				await sandbox.journal('mediavalet'),
				[],
				'no MediaValet request, not even a sign-in',
			);
			assert.deepEqual(await sandbox.journal('azure-blob'), [], 'no storage request');
		};
		for (const { option, value, label } of refusals) {
			it(`${option} = ${String(value)}: refused by check-in and upload, naming the parameter`, async () => {
				const assetId = '3b9d4cc3-b5be-481e-8ce1-d5ba00a1245b';
				await assertNothingSent(
					await runWorkflow([file(1000), checkIn(assetId, { [option]: value })], {
						credentials: credentials(),
					}),
					label,
				);
				await assertNothingSent(
					await runWorkflow([file(1000), mv('asset', 'upload', { options: { [option]: value } })], {
						credentials: credentials(),
					}),
					label,
				);
			});
		}

		it('a category filter that is not an ID never reaches MediaValet’s filter expression', async () => {
			const result = await runWorkflow(
				[mv('asset', 'getAll', { returnAll: true, filters: { categoryId: "x') OR (1 EQ 1" } })],
				{ credentials: credentials() },
			);
			await assertNothingSent(result, /in "Filters → Category" is not a MediaValet category ID/);
		});

		it('category IDs given as one comma-separated expression are split and checked', async () => {
			const bad = await runWorkflow(
				[file(1000), mv('asset', 'upload', { categoryIds: `={{ "${CAMPAIGNS}, ../uploads" }}` })],
				{ credentials: credentials() },
			);
			await assertNothingSent(
				bad,
				/"\.\.\/uploads" in "Categories" is not a MediaValet category ID/,
			);
			const good = await runWorkflow(
				[file(1000), mv('asset', 'upload', { categoryIds: `={{ "${CAMPAIGNS},${PRODUCTS}" }}` })],
				{ credentials: credentials() },
			);
			assert.equal(good.error, undefined, good.error?.message);
			assert.deepEqual(good.output('MediaValet')[0].json.categories, [CAMPAIGNS, PRODUCTS]);
		});
	});
});
