import { Router } from '../core/http';
import type { Simulator } from '../core/server';
import type { SandboxEnv } from '../env';

/** Placeholder until the WoodWing Assets simulator lands. */
export function woodWingSimulator(_env: SandboxEnv): Simulator {
	return { name: 'woodwing', router: new Router(), reset() {} };
}
