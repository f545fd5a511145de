import type { INodeProperties } from 'n8n-workflow';

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
