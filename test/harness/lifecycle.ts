import assert from 'node:assert/strict';

import { afterAll, afterEach, beforeAll, beforeEach, it } from '@jest/globals';

import { Sandbox } from './sandbox';
import { WebhookHarness } from './webhook';

/**
 * The sandbox of a test file, as most files use it: started before the first test, reset before
 * each, stopped after the last. The returned object stands for the sandbox started then.
 */
export function useSandbox(): Sandbox {
	let started: Sandbox | undefined;
	beforeAll(async () => {
		started = await Sandbox.start();
	});
	afterAll(async () => {
		await started?.stop();
	});
	beforeEach(async () => {
		await started!.reset();
	});
	return new Proxy({} as Sandbox, {
		get(_target, key) {
			if (!started) throw new Error('The sandbox is used before beforeAll started it');
			const value = Reflect.get(started, key, started) as unknown;
			return typeof value === 'function' ? value.bind(started) : value;
		},
	});
}

/**
 * Webhook triggers for a test file: each one listening as n8n's webhook server would, closed
 * after the test that started it.
 */
export function useWebhookHarnesses(type: string) {
	const open: WebhookHarness[] = [];
	afterEach(async () => {
		for (const harness of open.splice(0)) await harness.close();
	});
	return async (
		parameters: ConstructorParameters<typeof WebhookHarness>[1],
		credentials: ConstructorParameters<typeof WebhookHarness>[2],
	): Promise<WebhookHarness> => {
		const harness = new WebhookHarness(type, parameters, credentials);
		await harness.listen();
		open.push(harness);
		return harness;
	};
}

/**
 * The registration test every webhook trigger shares: a delete the DAM refuses keeps the
 * registration in static data, and the next activation reuses it instead of registering again.
 */
export function itKeepsARegistrationWhoseDeleteFailed(spec: {
	sandbox: Sandbox;
	/** The simulator, as the sandbox names it. */
	target: string;
	/** The DAM's delete route, as a fault path (a regular expression). */
	deletePath: string;
	/** The DAM's refusal body. */
	refusal: unknown;
	harness(): Promise<WebhookHarness>;
}): void {
	it('a failed delete keeps the registration, so the next activation reuses it', async () => {
		const { sandbox, target } = spec;
		const registered = async () =>
			(await sandbox.sim<{ subscriptions: Array<{ id: string }> }>(target, 'GET', '/webhooks'))
				.subscriptions;
		const h = await spec.harness();
		await h.activate();
		await sandbox.fault({
			target,
			method: 'DELETE',
			path: spec.deletePath,
			status: 403,
			body: spec.refusal,
			times: 0,
		});
		assert.equal(await h.deactivate(), false);
		const kept = h.staticData.registration as { id?: string } | undefined;
		assert.ok(kept?.id, 'kept for the next activation');
		await sandbox.clearFaults();
		h.restart();
		await h.activate();
		assert.deepEqual(
			(await registered()).map((registration) => registration.id),
			[kept.id],
			'reused, not registered again',
		);
		assert.equal(await h.deactivate(), true);
		assert.deepEqual(await registered(), []);
	});
}
