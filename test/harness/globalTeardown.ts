import type { Sandbox } from './sandbox';

/** Jest global teardown: stops the run's sandboxes. */
export default async function globalTeardown(): Promise<void> {
	const sandboxes = (globalThis as { damSandboxes?: Sandbox[] }).damSandboxes ?? [];
	await Promise.all(sandboxes.map(async (sandbox) => await sandbox.stop()));
}
