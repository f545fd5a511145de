import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { redactUrls } from '../../shared/redact';
import { pause } from '../../shared/retry';
import { outcomeWasLost } from '../../shared/transport';
import { SERVICE } from '../transport';

/** What reading the asset back after a lost answer showed. */
export type ReadBack<T> = { done: true; value: T; found: string } | { done: false; found: string };

/** A new asset or version can take a moment to show in search: read this often, this far apart. */
export const READ_BACK = { attempts: 3, delayMs: 750 };

function messageOf(error: unknown): string {
	return redactUrls((error as { message?: string })?.message ?? String(error)).replace(
		new RegExp(`^${SERVICE}: `),
		'',
	);
}

/** How the answer was lost, in a few words: "HTTP 502" or "the connection broke". */
function lostHow(error: unknown): string {
	const httpCode = (error as { httpCode?: string | null })?.httpCode;
	return httpCode ? `HTTP ${httpCode}` : 'the connection broke';
}

/**
 * The error for an action whose answer was lost: the original status and cause, a message that
 * says so (`headline`, or the original message) and a description of what reading back found.
 */
export function lostAnswerError(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	note: string,
	headline?: string,
): Error {
	const original = messageOf(error);
	const message = `${SERVICE}: ${headline ? `${headline} (${original})` : original}`;
	const originalDescription = (error as { description?: string | null })?.description;
	const description = redactUrls([note, originalDescription].filter(Boolean).join(' '));
	const httpCode = (error as { httpCode?: string | null })?.httpCode ?? undefined;
	const wrapped =
		error instanceof NodeApiError || httpCode
			? new NodeApiError(this.getNode(), { message } as JsonObject, {
					message,
					description,
					httpCode,
					itemIndex,
				})
			: new NodeOperationError(this.getNode(), message, { description, itemIndex });
	(wrapped as { cause?: unknown }).cause = error;
	return wrapped;
}

/**
 * Reads until `settled` holds or the attempts run out (search shows a change a moment after it
 * happened); returns the last read.
 */
export async function readUntil<T>(
	ctx: IExecuteFunctions,
	read: () => Promise<T>,
	settled: (value: T) => boolean,
): Promise<T> {
	let value = await read();
	for (let attempt = 1; attempt < READ_BACK.attempts && !settled(value); attempt++) {
		await pause(READ_BACK.delayMs, ctx.getExecutionCancelSignal());
		value = await read();
	}
	return value;
}

/** Output fields that say the result was established by reading the asset back. */
export function verifiedFields(note: string): IDataObject {
	return { verified: true, verification: note };
}

/**
 * Sends a request that acts on the server exactly once. When its answer was lost after the server
 * may have acted (a 5xx, a reset connection), it is not sent again: `readBack` looks at the asset
 * and the result is what the server holds. Done: the value and a note saying how it was verified;
 * not done or unreadable: an error saying what was found. Any other failure is thrown as it is.
 */
export async function actOnce<T>(
	ctx: IExecuteFunctions,
	itemIndex: number,
	work: () => Promise<T>,
	readBack: () => Promise<ReadBack<T>>,
): Promise<{ value: T; verification?: string }> {
	let failure: unknown;
	try {
		return { value: await work() };
	} catch (error) {
		failure = error;
	}
	if (!outcomeWasLost(failure)) throw failure;
	let found: ReadBack<T>;
	try {
		found = await readBack();
	} catch (readError) {
		throw lostAnswerError.call(
			ctx,
			failure,
			itemIndex,
			`The server's answer was lost, so the request was not sent again, and reading the asset back failed too (${messageOf(readError)}): the outcome is unknown. Check the asset in ${SERVICE} before running this again.`,
		);
	}
	if (!found.done) {
		throw lostAnswerError.call(
			ctx,
			failure,
			itemIndex,
			`The server's answer was lost, so the request was not sent again; reading the asset back showed ${found.found}.`,
		);
	}
	return {
		value: found.value,
		verification: `The server's answer was lost (${lostHow(failure)}); reading the asset back showed ${found.found}.`,
	};
}
