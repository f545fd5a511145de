import { Router } from '../core/http';
import type { Simulator } from '../core/server';
import type { SandboxEnv } from '../env';

/** Placeholder until the Tenovos simulator lands. */
export function tenovosSimulator(_env: SandboxEnv): Simulator {
	return { name: 'tenovos', router: new Router(), reset() {} };
}
