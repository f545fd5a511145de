import type { Simulator } from './core/server';
import type { SandboxEnv } from './env';

/** Every simulated DAM, with the port it takes when the sandbox runs on fixed ports. */
export interface SimulatorEntry {
	name: string;
	port: number;
	create(env: SandboxEnv): Simulator;
}

export const CONTROL_PORT = 4100;
export const AZURE_PROXY_PORT = 4110;
export const S3_PROXY_PORT = 4111;

// Each DAM registers itself in its folder's index.ts; listed here so one place shows them all.
import { mediaValetSimulator } from './mediavalet';
import { woodWingSimulator } from './woodwing';
import { tenovosSimulator } from './tenovos';
import { nomadSimulator } from './nomad';
import { mediaPocketSimulator } from './mediapocket';
import { probeSimulator } from './probe';
import { foreignSimulator } from './foreign';

export const SIMULATORS: SimulatorEntry[] = [
	{ name: 'mediavalet', port: 4101, create: mediaValetSimulator },
	{ name: 'woodwing', port: 4102, create: woodWingSimulator },
	{ name: 'tenovos', port: 4103, create: tenovosSimulator },
	{ name: 'nomad', port: 4104, create: nomadSimulator },
	{ name: 'mediapocket', port: 4105, create: mediaPocketSimulator },
	// Neutral API for the shared machinery's own tests.
	{ name: 'probe', port: 4109, create: probeSimulator },
	// Another origin: where hostile redirects point, to see what reaches it.
	{ name: 'foreign', port: 4108, create: foreignSimulator },
];
