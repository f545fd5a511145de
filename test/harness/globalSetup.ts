import type { Config } from '@jest/types';

import { SHARED_SANDBOX_ENV, Sandbox } from './sandbox';

/**
 * Jest global setup: the run's sandboxes (five simulators, the foreign host, Azurite and s3rver),
 * one per worker, started once. Test files find theirs through the environment and reset what
 * they use.
 */
export default async function globalSetup(globalConfig: Config.GlobalConfig): Promise<void> {
	const count = Math.max(1, globalConfig.maxWorkers);
	const sandboxes = await Promise.all(
		Array.from({ length: count }, async () => await Sandbox.spawn()),
	);
	process.env[SHARED_SANDBOX_ENV] = JSON.stringify(sandboxes.map((sandbox) => sandbox.info));
	(globalThis as { damSandboxes?: Sandbox[] }).damSandboxes = sandboxes;
}
