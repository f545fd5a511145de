import { afterAll, beforeAll, beforeEach } from '@jest/globals';

import { Sandbox } from './sandbox';

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
