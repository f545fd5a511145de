import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';

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
