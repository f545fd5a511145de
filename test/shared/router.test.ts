import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';

import { runWorkflow } from '../harness/engine';
import { Sandbox } from '../harness/sandbox';

describe('shared item router through the engine', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await Sandbox.start();
	});
	afterAll(async () => {
		await sandbox.stop();
	});

	const input = [{ json: { n: 0 } }, { json: { n: 1, fail: true } }, { json: { n: 2 } }];
	const node = (continueOnFail: boolean) => ({
		type: 'test.sharedProbe',
		name: 'Probe',
		parameters: { resource: 'probe', operation: 'request', url: '/echo' },
		credentials: ['sandboxProbeApi'],
		continueOnFail,
	});
	const credentials = () => ({ sandboxProbeApi: { baseUrl: sandbox.url('probe'), apiKey: 'k' } });

	it('under Continue On Fail returns an error item paired with the failing input and goes on', async () => {
		const result = await runWorkflow([node(true)], { credentials: credentials(), input });
		assert.equal(result.error, undefined);
		const out = result.output('Probe');
		assert.equal(out.length, 3);
		assert.deepEqual(
			out.map((item) => item.pairedItem),
			[{ item: 0 }, { item: 1 }, { item: 2 }],
		);
		assert.equal(out[1].json.error, 'Item asked to fail');
		assert.equal(typeof out[0].json.count, 'number');
		assert.equal(typeof out[2].json.count, 'number');
	});

	it('without Continue On Fail stops with the failing item index', async () => {
		const result = await runWorkflow([node(false)], { credentials: credentials(), input });
		assert.ok(result.error);
		assert.equal(result.error.context?.itemIndex, 1);
		assert.equal(result.output('Probe').length, 0);
	});

	it('pairs a DAM error item too', async () => {
		const result = await runWorkflow(
			[
				{
					...node(true),
					parameters: { resource: 'probe', operation: 'request', url: '/status/422' },
				},
			],
			{ credentials: credentials(), input: [{ json: {} }] },
		);
		const [item] = result.output('Probe');
		assert.match(String(item.json.error), /Probe answered 422/);
		assert.equal(item.json.httpCode, '422');
		assert.deepEqual(item.pairedItem, { item: 0 });
	});
});
