import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { runWorkflow, startWorkflow } from '../harness/engine';
import { Sandbox } from '../harness/sandbox';

/**
 * The shared transport and multi-step flow against a DAM that acts and then loses its answer,
 * keeps a request waiting, or is cancelled under: nothing done twice, nothing misreported,
 * clean-up still sent. Per-DAM versions of these live in test/hostile/<dam>.test.ts.
 */
describe('hostile DAM: side effects, lost answers and cancels (shared transport and flow)', () => {
	let sandbox: Sandbox;
	const credentials = () => ({
		sandboxProbeApi: { baseUrl: sandbox.url('probe'), apiKey: 'probe-key' },
	});
	const probe = (parameters: Record<string, string>, continueOnFail = false) => ({
		type: 'test.sharedProbe',
		name: 'Probe',
		parameters: { resource: 'probe', ...parameters },
		credentials: ['sandboxProbeApi'],
		continueOnFail,
	});
	const things = async () =>
		(
			JSON.parse(await (await fetch(`${sandbox.url('probe')}/things`)).text()) as {
				things: Array<{ id: string; committed: boolean }>;
			}
		).things;

	beforeAll(async () => {
		sandbox = await Sandbox.start();
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	beforeEach(async () => {
		await sandbox.reset();
	});

	for (const [label, fault] of [
		['503 without Retry-After', { status: 503 }],
		['502', { status: 502 }],
		['a dropped connection', { drop: true }],
	] as const) {
		it(`a POST answered with ${label} after the DAM acted is not sent again`, async () => {
			await sandbox.fault({
				target: 'probe',
				method: 'POST',
				path: '^/echo$',
				after: true,
				...fault,
			});
			const result = await runWorkflow(
				[probe({ operation: 'request', method: 'POST', url: '/echo' })],
				{ credentials: credentials() },
			);
			assert.ok(result.error, 'reported as a failure');
			assert.match(
				result.error.message,
				/^Probe: /,
				'the DAM named, whatever n8n makes of network errors',
			);
			assert.match(
				String(result.error.description),
				/may have carried the request out.*not sent again/,
			);
			const posts = (await sandbox.journal('probe')).filter((e) => e.method === 'POST');
			assert.equal(posts.length, 1, 'sent once');
			assert.equal(posts[0].acted, 200, 'the DAM did act');
		});
	}

	it('a GET answered with a dropped connection is sent again and succeeds', async () => {
		await sandbox.fault({
			target: 'probe',
			method: 'GET',
			path: '^/echo$',
			after: true,
			drop: true,
		});
		const result = await runWorkflow([probe({ operation: 'request', url: '/echo' })], {
			credentials: credentials(),
		});
		assert.equal(result.error, undefined, result.error?.message);
		assert.equal((await sandbox.journal('probe')).length, 2);
	});

	it('a commit whose answer was lost is read back: done means success, reported as verified', async () => {
		await sandbox.fault({
			target: 'probe',
			method: 'POST',
			path: '^/things/[^/]+/commit$',
			after: true,
			status: 502,
		});
		const result = await runWorkflow([probe({ operation: 'flow', url: '/echo' })], {
			credentials: credentials(),
		});
		assert.equal(result.error, undefined, result.error?.message);
		const [item] = result.output('Probe');
		assert.equal(item.json.committed, true);
		assert.equal(item.json.verified, true);
		const journal = await sandbox.journal('probe');
		assert.equal(
			journal.filter((e) => e.path.endsWith('/commit')).length,
			1,
			'the commit was not sent twice',
		);
		assert.equal(journal.filter((e) => e.method === 'DELETE').length, 0, 'nothing was undone');
		assert.deepEqual(
			(await things()).map((t) => t.committed),
			[true],
		);
	});

	it('a commit refused before acting (lost answer, nothing done) is reported as not done and cleaned up', async () => {
		await sandbox.fault({
			target: 'probe',
			method: 'POST',
			path: '^/things/[^/]+/commit$',
			status: 502,
		});
		const result = await runWorkflow([probe({ operation: 'flow', url: '/echo' })], {
			credentials: credentials(),
		});
		assert.ok(result.error);
		assert.match(result.error.message, /^Probe: Flow failed at step 3 of 3 \(Commit\)/);
		assert.match(String(result.error.description), /reading the state back showed it was not done/);
		assert.match(String(result.error.description), /Deleting thing thing-1: done/);
		assert.equal(result.error.httpCode, '502');
		assert.deepEqual(await things(), [], 'the half-made thing was deleted');
	});

	it('a failing step runs the clean-up and names the step, what is left and the DAM’s status', async () => {
		const result = await runWorkflow([probe({ operation: 'flow', url: '/status/409' })], {
			credentials: credentials(),
		});
		assert.ok(result.error);
		assert.match(
			result.error.message,
			/^Probe: Flow failed at step 2 of 3 \(Work\): Probe answered 409 \(HTTP 409\)$/,
		);
		assert.equal(result.error.httpCode, '409');
		assert.deepEqual(await things(), []);
	});

	it('a cancelled execution still sends the clean-up, and a Retry-After wait ends at once', async () => {
		// The work step waits on a 503 with a long Retry-After; the execution is cancelled meanwhile.
		await sandbox.fault({
			target: 'probe',
			method: 'GET',
			path: '^/echo$',
			status: 503,
			headers: { 'Retry-After': '30' },
			times: 0,
		});
		const running = await startWorkflow([probe({ operation: 'flow', url: '/echo' })], {
			credentials: credentials(),
		});
		const deadline = Date.now() + 10_000;
		while (
			!(await sandbox.journal('probe')).some((e) => e.path === '/echo') &&
			Date.now() < deadline
		)
			await new Promise((r) => setTimeout(r, 20));
		const cancelledAt = Date.now();
		running.cancel();
		await running.done.catch(() => undefined);
		let deleted;
		while (
			!(deleted = (await sandbox.journal('probe')).find((e) => e.method === 'DELETE')) &&
			Date.now() < cancelledAt + 10_000
		) {
			await new Promise((r) => setTimeout(r, 20));
		}
		assert.ok(deleted, 'the clean-up request went out after the cancel');
		assert.ok(
			deleted.time - cancelledAt < 5_000,
			`sent ${deleted.time - cancelledAt} ms after the cancel, not after the 30 s wait`,
		);
		assert.deepEqual(await things(), []);
	});
});
