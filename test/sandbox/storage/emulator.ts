import { type ChildProcess, spawn } from 'child_process';

import { freePort, waitForPort } from './ports';

/**
 * A storage emulator in a Node process of its own, listening on a free port: the sandbox's
 * recording proxies and simulators then do not share one thread with the emulator's ingest.
 */
export class EmulatorProcess {
	private constructor(
		private readonly child: ChildProcess,
		readonly port: number,
	) {}

	/** Runs `script` with `args(port)` and waits until it listens. */
	static async start(
		name: string,
		script: string,
		args: (port: number) => string[],
	): Promise<EmulatorProcess> {
		const port = await freePort();
		const child = spawn(process.execPath, [script, ...args(port)], {
			stdio: ['ignore', 'ignore', 'inherit'],
		});
		// Our child: it must not outlive this process, however this process ends.
		process.on('exit', () => child.kill('SIGKILL'));
		child.on('exit', (code) => {
			if (code !== null && code !== 0) console.error(`${name} exited with code ${code}`);
		});
		await waitForPort(port);
		return new EmulatorProcess(child, port);
	}

	/** Stops the emulator and waits for it to exit (its files are in use until then). */
	async stop(): Promise<void> {
		const child = this.child;
		if (child.exitCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
		if (child.exitCode === null) child.kill('SIGKILL');
	}
}
