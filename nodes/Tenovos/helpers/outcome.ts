import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { outcomeWasLost } from '../../shared/transport';

/** The error as n8n shows it: a node error as it is (with its HTTP status), anything else wrapped. */
export function nodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error);
}

/** The error with what is known of Tenovos' state put before its own description. */
export function withState(
	node: INode,
	error: unknown,
	state: string,
): NodeApiError | NodeOperationError {
	const wrapped = nodeError(node, error);
	wrapped.description = [state, wrapped.description]
		.filter((part) => typeof part === 'string' && part)
		.join(' ');
	return wrapped;
}

/**
 * A request that acts in Tenovos, sent once (`commit: true`). When its answer was lost, the asset
 * is read back: if it shows the change, `done` is the result; otherwise the error says whether
 * the change is missing or could not be checked.
 */
export async function sendOnce(
	this: IExecuteFunctions,
	send: () => Promise<IDataObject>,
	readBack: { applied: () => Promise<boolean>; done: IDataObject; missing: string },
): Promise<IDataObject> {
	try {
		return await send();
	} catch (error) {
		if (!outcomeWasLost(error)) throw nodeError(this.getNode(), error);
		let applied: boolean | undefined;
		try {
			applied = await readBack.applied();
		} catch {
			applied = undefined; // reported below as unknown
		}
		if (applied === true) return readBack.done;
		const state =
			applied === false
				? `Its answer was lost; reading the asset back shows ${readBack.missing}.`
				: 'Its answer was lost and the asset could not be read back: check the asset in Tenovos.';
		throw withState(this.getNode(), error, state);
	}
}
