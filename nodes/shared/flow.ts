import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { redactUrls } from './redact';
import { outcomeWasLost } from './transport';

/** What reading the DAM's state back after a commit step with a lost answer found. */
export type Verified<T> = { committed: true; value: T } | { committed: false };

interface Cleanup {
	what: string;
	run: () => Promise<unknown>;
}

function messageOf(error: unknown): string {
	return redactUrls((error as { message?: string })?.message ?? String(error));
}

/**
 * An operation made of several DAM calls (create, upload, complete...). Each step is named; the
 * flow knows what a failure from here on leaves behind on the DAM and what to undo. When a step
 * fails or the execution is cancelled, the clean-ups run (their requests are sent as clean-up
 * requests, so a cancel does not stop them), and one error says which step failed, what the DAM
 * now holds and whether the clean-up worked, with the DAM's status and the original error as cause.
 * A commit step whose answer was lost is not reported as failed: its `verify` reads the DAM's
 * state back and the flow reports what is true.
 */
export class DamFlow {
	private state?: () => string;
	private cleanups: Cleanup[] = [];

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly options: {
			service: string;
			name: string;
			steps: readonly string[];
			itemIndex: number;
		},
	) {}

	/** What the DAM holds if a later step fails (shown in the error). */
	leaves(state: string | (() => string)): void {
		this.state = typeof state === 'string' ? () => state : state;
	}

	/** Undo work on the DAM if a later step fails; send the request with `{ cleanup: true }`. */
	onFailure(what: string, run: () => Promise<unknown>): void {
		this.cleanups.push({ what, run });
	}

	/** Runs one step; a failure runs the clean-ups and is reported with the step's name. */
	async step<T>(name: string, work: () => Promise<T>): Promise<T> {
		try {
			return await work();
		} catch (error) {
			throw await this.fail(name, error, []);
		}
	}

	/**
	 * Runs a commit step (finalize, complete): after it the work is the DAM's, so the clean-ups
	 * are dropped. When its answer was lost, `verify` reads the state back: committed is success,
	 * not committed is a failure (with clean-up), and an unreadable state is reported as unknown
	 * with nothing undone.
	 */
	async commit<T>(
		name: string,
		work: () => Promise<T>,
		verify: () => Promise<Verified<T>>,
	): Promise<T> {
		let value: T;
		try {
			value = await work();
		} catch (error) {
			if (!outcomeWasLost(error)) throw await this.fail(name, error, []);
			let found: Verified<T>;
			try {
				found = await verify();
			} catch (readBackError) {
				throw this.failure(name, error, [
					`Its answer was lost and reading the state back failed too (${messageOf(readBackError)}): the outcome is unknown, so nothing was undone. Check it in ${this.options.service}.`,
				]);
			}
			if (!found.committed) {
				throw await this.fail(name, error, [
					'Its answer was lost; reading the state back showed it was not done.',
				]);
			}
			value = found.value;
		}
		this.cleanups = [];
		return value;
	}

	private async fail(name: string, error: unknown, notes: string[]): Promise<Error> {
		const results: string[] = [];
		for (const cleanup of [...this.cleanups].reverse()) {
			try {
				await cleanup.run();
				results.push(`${cleanup.what}: done.`);
			} catch (cleanupError) {
				results.push(`${cleanup.what} failed as well: ${messageOf(cleanupError)}.`);
			}
		}
		this.cleanups = [];
		return this.failure(name, error, [...notes, ...results]);
	}

	private failure(name: string, error: unknown, notes: string[]): Error {
		const { service, steps, itemIndex } = this.options;
		const index = steps.indexOf(name);
		const position = index >= 0 ? ` at step ${index + 1} of ${steps.length}` : '';
		const original = messageOf(error).replace(new RegExp(`^${service}: `), '');
		const message = `${service}: ${this.options.name} failed${position} (${name}): ${original}`;
		const originalDescription = (error as { description?: string | null })?.description;
		const description = redactUrls(
			[this.state?.(), ...notes, originalDescription]
				.filter((part) => typeof part === 'string' && part)
				.join(' '),
		);
		const httpCode = (error as { httpCode?: string | null })?.httpCode ?? undefined;
		const wrapped =
			error instanceof NodeApiError || httpCode
				? new NodeApiError(this.ctx.getNode(), { message, step: name } as JsonObject, {
						message,
						description,
						httpCode,
						itemIndex,
					})
				: new NodeOperationError(this.ctx.getNode(), message, { description, itemIndex });
		(wrapped as { cause?: unknown }).cause = error;
		return wrapped;
	}
}
