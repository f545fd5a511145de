import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { runWorkflow } from '../harness/engine';
import { Sandbox } from '../harness/sandbox';

describe('shared transport through the engine', () => {
	let sandbox: Sandbox;
	const credentials = () => ({
		sandboxProbeApi: { baseUrl: sandbox.url('probe'), apiKey: 'probe-key' },
	});
	const probe = (parameters: Record<string, string>, continueOnFail = false) => ({
		type: 'test.sharedProbe',
		name: 'Probe',
		parameters: { resource: 'probe', operation: 'request', ...parameters },
		credentials: ['sandboxProbeApi'],
		continueOnFail,
	});

	beforeAll(async () => {
		sandbox = await Sandbox.start();
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	beforeEach(async () => {
		await sandbox.reset();
	});

	it('retries a 429 after the Retry-After the server asked for, then succeeds', async () => {
		await sandbox.fault({
			target: 'probe',
			path: '^/echo$',
			status: 429,
			headers: { 'Retry-After': '1' },
			body: { message: 'Slow down' },
		});
		const result = await runWorkflow([probe({ url: '/echo' })], { credentials: credentials() });
		assert.equal(result.error, undefined);
		const [item] = result.output('Probe');
		assert.equal(item.json.count, 1);
		const journal = await sandbox.journal('probe');
		assert.equal(journal.length, 2);
		assert.equal(journal[0].status, 429);
		assert.equal(journal[1].status, 200);
		assert.ok(
			journal[1].time - journal[0].time >= 950,
			`waited ${journal[1].time - journal[0].time} ms`,
		);
		assert.equal(
			journal[1].headers['x-api-key'],
			'probe-key',
			'credential applied by the credential type',
		);
	});

	it('gives up after the bounded number of attempts with the DAM message and status', async () => {
		await sandbox.fault({
			target: 'probe',
			path: '^/echo$',
			status: 503,
			headers: { 'Retry-After': '0' },
			body: { message: 'Maintenance' },
			times: 0,
		});
		const result = await runWorkflow([probe({ url: '/echo' })], { credentials: credentials() });
		assert.ok(result.error);
		assert.match(result.error.message, /Maintenance/);
		assert.equal(result.error.httpCode, '503');
		assert.equal((await sandbox.journal('probe')).length, 5);
	});

	it('retries a dropped connection on GET', async () => {
		await sandbox.fault({ target: 'probe', path: '^/echo$', drop: true });
		const result = await runWorkflow([probe({ url: '/echo' })], { credentials: credentials() });
		assert.equal(result.error, undefined, result.error?.message);
		assert.equal((await sandbox.journal('probe')).length, 2);
	});

	it('does not repeat a POST after a 502 (it may have been carried out) but does after a 503', async () => {
		await sandbox.fault({ target: 'probe', method: 'POST', status: 502 });
		const failed = await runWorkflow([probe({ url: '/echo', method: 'POST' })], {
			credentials: credentials(),
		});
		assert.equal(failed.error?.httpCode, '502');
		assert.equal((await sandbox.journal('probe')).length, 1);

		await sandbox.reset();
		await sandbox.fault({
			target: 'probe',
			method: 'POST',
			status: 503,
			headers: { 'Retry-After': '0' },
		});
		const retried = await runWorkflow([probe({ url: '/echo', method: 'POST' })], {
			credentials: credentials(),
		});
		assert.equal(retried.error, undefined);
		assert.equal((await sandbox.journal('probe')).length, 2);
	});

	it('maps a DAM error body to a NodeApiError with the DAM message, status and item index', async () => {
		const result = await runWorkflow([probe({ url: '/status/404' })], {
			credentials: credentials(),
		});
		assert.ok(result.error);
		assert.equal(result.error.name, 'NodeApiError');
		assert.match(result.error.message, /Probe answered 404/);
		assert.equal(result.error.httpCode, '404');
		assert.equal(result.error.context?.itemIndex, 0);
	});

	it('raises an error reported inside an HTTP 200 body', async () => {
		const result = await runWorkflow([probe({ url: '/errorcode' })], {
			credentials: credentials(),
		});
		assert.ok(result.error);
		assert.match(result.error.message, /checked out by someone else/);
		assert.equal(result.error.httpCode, '409');
	});
});
