import { Router } from '../core/http';
import type { Simulator } from '../core/server';
import type { SandboxEnv } from '../env';

/** Placeholder until the MediaValet simulator lands. */
export function mediaValetSimulator(_env: SandboxEnv): Simulator {
	return { name: 'mediavalet', router: new Router(), reset() {} };
}
