import { Router } from '../core/http';
import type { Simulator } from '../core/server';
import type { SandboxEnv } from '../env';

/** Placeholder until the Nomad Media simulator lands. */
export function nomadSimulator(_env: SandboxEnv): Simulator {
	return { name: 'nomad', router: new Router(), reset() {} };
}
