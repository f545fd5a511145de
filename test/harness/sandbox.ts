import { type ChildProcess, spawn } from 'child_process';
import { join } from 'path';
import { createInterface } from 'readline';

import type { AuditDrain, FaultRule, JournalEntry } from '../sandbox/core/control';
import type { SandboxInfo } from '../sandbox/main';

/**
 * Where the test run's sandboxes announce themselves to the test files (set by the jest global
 * setup): one per jest worker, each worker running its files one at a time against its own.
 */
export const SHARED_SANDBOX_ENV = 'DAM_SANDBOXES';

/** A running sandbox (its own process, its own ports) and the test-side handle on it. */
export class Sandbox {
	private constructor(
		private child: ChildProcess | undefined,
		readonly info: SandboxInfo,
	) {}

	/**
	 * The sandbox of this test run: the one the jest global setup started (tests reset what they
	 * use through the control API), or, outside jest, one of this process's own.
	 */
	static async start(): Promise<Sandbox> {
		const sandbox = Sandbox.shared();
		if (!sandbox) return await Sandbox.spawn();
		// Every test file starts from a clean sandbox, as if it were its own.
		await sandbox.reset();
		return sandbox;
	}

	/** This worker's sandbox of the jest run as it is (not reset); undefined outside jest. */
	static shared(): Sandbox | undefined {
		const shared = process.env[SHARED_SANDBOX_ENV];
		if (!shared) return undefined;
		const all = JSON.parse(shared) as SandboxInfo[];
		return new Sandbox(undefined, all[(Number(process.env.JEST_WORKER_ID ?? 1) - 1) % all.length]);
	}

	/** Starts a sandbox process on free ports; it stops with this process at the latest. */
	static async spawn(): Promise<Sandbox> {
		const main = join(__dirname, '..', 'sandbox', 'main.js');
		const child = spawn(process.execPath, [main, '--ports', 'auto', '--exit-with-stdin'], {
			stdio: ['pipe', 'pipe', 'inherit'],
		});
		const info = await new Promise<SandboxInfo>((resolve, reject) => {
			const lines = createInterface({ input: child.stdout! });
			const timer = setTimeout(
				() => reject(new Error('The sandbox did not start within 60 s')),
				60_000,
			);
			lines.on('line', (line) => {
				if (!line.startsWith('SANDBOX_READY ')) return;
				clearTimeout(timer);
				resolve(JSON.parse(line.slice('SANDBOX_READY '.length)));
			});
			child.once('exit', (code) => reject(new Error(`The sandbox exited with code ${code}`)));
		});
		return new Sandbox(child, info);
	}

	url(simulator: string): string {
		const url = this.info.simulators[simulator];
		if (!url) throw new Error(`No simulator named ${simulator}`);
		return url;
	}

	async call<T = any>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.info.control}${path}`, {
			method,
			headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(`Sandbox control ${method} ${path}: ${response.status} ${text}`);
		return (text ? JSON.parse(text) : undefined) as T;
	}

	async journal(target?: string, since = 0): Promise<JournalEntry[]> {
		const query = new URLSearchParams({ since: String(since), ...(target ? { target } : {}) });
		return await this.call('GET', `/journal?${query}`);
	}

	/**
	 * Every request to `target` since the last call, resets notwithstanding; the first call starts
	 * keeping them (test/harness/nomadSpecAudit.ts).
	 */
	async drainAudit(target: string): Promise<AuditDrain> {
		return await this.call('POST', '/audit', { target });
	}

	/** The journal's current high-water mark, to read only what follows. */
	async mark(): Promise<number> {
		const entries = await this.journal();
		return entries.length ? entries[entries.length - 1].seq : 0;
	}

	async fault(rule: FaultRule): Promise<string> {
		return (await this.call<{ id: string }>('POST', '/faults', rule)).id;
	}

	async clearFaults(): Promise<void> {
		await this.call('DELETE', '/faults');
	}

	/** Resets every simulator's state, the journal and the faults. */
	async reset(): Promise<void> {
		await this.call('POST', '/reset');
	}

	/** A simulator's own control route (seed data, inspect state, move its clock). */
	async sim<T = any>(name: string, method: string, path: string, body?: unknown): Promise<T> {
		return await this.call(method, `/sims/${name}${path}`, body);
	}

	/** Stops a sandbox this handle started; the run's shared one stops with the run. */
	async stop(): Promise<void> {
		const child = this.child;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM');
		await exited;
	}
}
