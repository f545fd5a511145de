import { Router } from '../core/http';
import type { Simulator } from '../core/server';
import type { SandboxEnv } from '../env';

/** Placeholder until the Media Pocket simulator lands. */
export function mediaPocketSimulator(_env: SandboxEnv): Simulator {
	return { name: 'mediapocket', router: new Router(), reset() {} };
}
