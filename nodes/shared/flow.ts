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
		return rewrapError(this.ctx, error, {
			service,
			message: `${this.options.name} failed${position} (${name})`,
			notes: [this.state?.(), ...notes],
			itemIndex,
			step: name,
		});
	}
}

/**
 * The error a user sees for a failure in a multi-call operation: `<Service>: <what>: <original
 * message>`, a description of what is known (notes, then the original description), the DAM's
 * HTTP status kept, and the original error as `cause`. Everything redacted.
 */
export function rewrapError(
	ctx: Pick<IExecuteFunctions, 'getNode'>,
	error: unknown,
	spec: {
		service: string;
		message?: string;
		notes: Array<string | undefined>;
		itemIndex?: number;
		step?: string;
	},
): NodeApiError | NodeOperationError {
	const original = messageOf(error).replace(new RegExp(`^${spec.service}: `), '');
	const message = `${spec.service}: ${spec.message ? `${spec.message}: ` : ''}${original}`;
	const originalDescription = (error as { description?: string | null })?.description;
	const description = redactUrls(
		[...spec.notes, originalDescription]
			.filter((part) => typeof part === 'string' && part)
			.join(' '),
	);
	const httpCode = (error as { httpCode?: string | null })?.httpCode ?? undefined;
	const { itemIndex } = spec;
	const wrapped =
		error instanceof NodeApiError || httpCode
			? new NodeApiError(
					ctx.getNode(),
					{ message, ...(spec.step ? { step: spec.step } : {}) } as JsonObject,
					{
						message,
						description,
						httpCode,
						itemIndex,
					},
				)
			: new NodeOperationError(ctx.getNode(), message, { description, itemIndex });
	(wrapped as { cause?: unknown }).cause = error;
	return wrapped;
}

/** What reading the DAM back after a lost answer found: done (with the result) or not, in words. */
export type ReadBack<T> = { done: true; value: T; found: string } | { done: false; found: string };

/**
 * One request that acts on the DAM (create, update, check out...), sent once (the transport
 * marks it with `commit: true`). When its answer is lost after the DAM may have acted, it is not
 * sent again: `readBack` looks at the DAM and the result is what the DAM holds: done gives the
 * value and how it was verified; not done or unreadable gives an error that says so. Without a
 * `readBack`, the error says what the DAM may have done (`mayHave`) and where to check. Any other
 * failure is thrown as it came.
 */
export async function actOnce<T>(
	ctx: Pick<IExecuteFunctions, 'getNode'>,
	spec: {
		service: string;
		itemIndex: number;
		work: () => Promise<T>;
		readBack?: () => Promise<ReadBack<T>>;
		/** e.g. "created the comment", "checked the asset out" */
		mayHave?: string;
	},
): Promise<{ value: T; verified?: string }> {
	let failure: unknown;
	try {
		return { value: await spec.work() };
	} catch (error) {
		failure = error;
	}
	const { service, itemIndex } = spec;
	if (!outcomeWasLost(failure)) throw failure;
	const lost = `${service}'s answer was lost, so the request was not sent again`;
	if (!spec.readBack) {
		const mayHave = spec.mayHave
			? `${service} may have ${spec.mayHave}: check before running this again.`
			: '';
		throw rewrapError(ctx, failure, { service, notes: [`${lost}.`, mayHave], itemIndex });
	}
	let found: ReadBack<T>;
	try {
		found = await spec.readBack();
	} catch (readError) {
		throw rewrapError(ctx, failure, {
			service,
			notes: [
				`${lost}, and reading it back failed too (${messageOf(readError)}): the outcome is unknown. Check in ${service} before running this again.`,
			],
			itemIndex,
		});
	}
	if (!found.done)
		throw rewrapError(ctx, failure, {
			service,
			notes: [`${lost}; reading it back showed ${found.found}.`],
			itemIndex,
		});
	return {
		value: found.value,
		verified: `The answer was lost; reading it back showed ${found.found}.`,
	};
}
