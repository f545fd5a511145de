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

/** What the shared registration tests need to know of a DAM's webhook API and simulator. */
export interface RegistrationSpec {
	sandbox: Sandbox;
	/** The simulator, as the sandbox names it. */
	target: string;
	/** The DAM's register and delete routes, as fault paths (regular expressions). */
	createPath: string;
	deletePath: string;
	/** A refused registration: the DAM's body and the message the error must carry. */
	refusal: { body: unknown; message: RegExp };
	/** The DAM's body refusing a delete. */
	deleteRefusal: unknown;
	harness(): Promise<WebhookHarness>;
}

/**
 * The registration tests every webhook trigger shares, through n8n-core's HookContext: a
 * registration the DAM lost, or one for an old n8n URL, is replaced; a refused registration
 * fails the activation with the DAM's message and status; a lost answer leaves nothing
 * registered; a delete the DAM refuses keeps the registration for the next activation.
 */
export function registrationTests(spec: RegistrationSpec): void {
	const { sandbox, target } = spec;
	const registered = async () =>
		(
			await sandbox.sim<{ subscriptions: Array<{ id: string; url: string }> }>(
				target,
				'GET',
				'/webhooks',
			)
		).subscriptions;
	const ids = async () => (await registered()).map((registration) => registration.id);

	it('registers again when the DAM lost the registration, or when n8n moved to another URL', async () => {
		const h = await spec.harness();
		await h.activate();
		const [first] = await ids();
		await sandbox.reset();
		h.restart();
		await h.activate('init');
		const second = await ids();
		assert.equal(second.length, 1);
		assert.notEqual(second[0], first);

		// The same workflow behind a new public URL: the old registration goes, a new one comes.
		await h.close();
		await h.listen();
		h.restart();
		await h.activate('init');
		const third = await registered();
		assert.equal(third.length, 1);
		assert.equal(third[0].url.split('?')[0], h.url);
		assert.notEqual(third[0].id, second[0]);
	});

	it("a refused registration fails activation with the DAM's message and status; a lost answer leaves nothing registered", async () => {
		const h = await spec.harness();
		await sandbox.fault({
			target,
			method: 'POST',
			path: spec.createPath,
			status: 403,
			body: spec.refusal.body,
		});
		await assert.rejects(h.activate(), (error: Error & { httpCode?: string }) => {
			assert.match(error.message, spec.refusal.message);
			assert.equal(error.httpCode, '403');
			return true;
		});
		assert.equal(h.staticData.registration, undefined);

		await sandbox.fault({ target, method: 'POST', path: spec.createPath, after: true, drop: true });
		await assert.rejects(h.activate());
		assert.deepEqual(await ids(), [], 'the half-made registration was removed');
		assert.equal(h.staticData.registration, undefined);

		await h.activate();
		assert.equal((await ids()).length, 1, 'the next activation registers');
	});

	it('a failed delete keeps the registration, so the next activation reuses it', async () => {
		const h = await spec.harness();
		await h.activate();
		await sandbox.fault({
			target,
			method: 'DELETE',
			path: spec.deletePath,
			status: 403,
			body: spec.deleteRefusal,
			times: 0,
		});
		assert.equal(await h.deactivate(), false);
		const kept = h.staticData.registration as { id?: string } | undefined;
		assert.ok(kept?.id, 'kept for the next activation');
		await sandbox.clearFaults();
		h.restart();
		await h.activate();
		assert.deepEqual(await ids(), [kept.id], 'reused, not registered again');
		assert.equal(await h.deactivate(), true);
		assert.deepEqual(await ids(), []);
	});
}
