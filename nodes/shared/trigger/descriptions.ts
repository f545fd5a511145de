import type { INode, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Every polling trigger's first-poll choice (see pollFeed). */
export const emitExistingOption: INodeProperties = {
	displayName: 'Emit Existing',
	name: 'emitExisting',
	type: 'boolean',
	default: false,
	description:
		'Whether the first poll emits the matching assets that are already there. Off: only changes after the trigger starts.',
	// Polling only: a webhook trigger starts with the first delivery.
	displayOptions: { hide: { '/triggerOn': ['webhook'] } },
};

/** The error for an "Event" value the trigger does not know (a workflow edited by hand, an expression). */
export function unknownEventError(node: INode, event: unknown): NodeOperationError {
	return new NodeOperationError(node, `Unknown event "${String(event)}" (parameter "Event")`, {
		description: 'Choose one of the events under "Event"',
	});
}

/** The "Event" parameter's value, refused unless `known` has it as its own key (not "constructor"...). */
export function knownEvent<K extends string>(
	node: INode,
	known: Record<K, unknown>,
	value: unknown,
): K {
	if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(known, value))
		return value as K;
	throw unknownEventError(node, value);
}
