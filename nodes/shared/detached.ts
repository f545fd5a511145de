/**
 * A view of an n8n context whose cancel signal is a deadline of its own instead of the
 * execution's. n8n's httpRequestWithAuthentication always aborts on the execution's signal, so a
 * clean-up request (cancel an upload, delete a half-made one) sent through the original context
 * after a cancel would never leave. Everything else (credentials, helpers, node) is the original's.
 */
export function detachedContext<T extends object>(ctx: T, deadlineMs: number): T {
	const signal = AbortSignal.timeout(deadlineMs);
	return Object.create(ctx, { getExecutionCancelSignal: { value: () => signal } }) as T;
}
