import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';

import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';

import { useSandbox, useWebhookHarnesses } from '../harness/lifecycle';
import { PollHarness } from '../harness/poll';
import type { Sandbox } from '../harness/sandbox';
import { mvCredentials } from '../mediavalet/helpers';
import { credentials as nomadCredentials } from '../nomad/helpers';
import { tenovosCredentials } from '../tenovos/helpers';
import { credentials as woodWingCredentials } from '../woodwing/helpers';

type Credentials = Record<string, ICredentialDataDecryptedObject>;

/** The triggers with an "Event" parameter, each with its simulator and whether it has webhooks. */
const TRIGGERS: Array<{
	type: string;
	sim: string;
	credentials: (sandbox: Sandbox) => Credentials;
	webhooks: boolean;
}> = [
	{
		type: 'mediaValetTrigger',
		sim: 'mediavalet',
		credentials: (s) => mvCredentials(s) as Credentials,
		webhooks: true,
	},
	{
		type: 'woodWingAssetsTrigger',
		sim: 'woodwing',
		credentials: (s) => woodWingCredentials(s),
		webhooks: true,
	},
	{
		type: 'tenovosTrigger',
		sim: 'tenovos',
		credentials: (s) => tenovosCredentials(s) as Credentials,
		webhooks: true,
	},
	{
		type: 'nomadMediaTrigger',
		sim: 'nomad',
		credentials: (s) => nomadCredentials(s) as Credentials,
		webhooks: false,
	},
];

// "constructor" is a key every object has through its prototype: it must not pass for an event.
const UNKNOWN = ['deletedAsset', 'constructor'];

const refusesTheEvent = (event: string) => (error: Error & { description?: string }) => {
	assert.equal(error.name, 'NodeOperationError');
	assert.equal(error.message, `Unknown event "${event}" (parameter "Event")`);
	assert.equal(error.description, 'Choose one of the events under "Event"');
	return true;
};

describe('an "Event" value a trigger does not know, in every trigger with one', () => {
	const sandbox = useSandbox();

	for (const trigger of TRIGGERS) {
		const type = `n8n-nodes-dam.${trigger.type}`;
		const listening = useWebhookHarnesses(type);

		it(`${trigger.type}: the poll and Fetch Test Event refuse it, naming the parameter, before any request`, async () => {
			for (const event of UNKNOWN) {
				for (const mode of ['trigger', 'manual'] as const) {
					const h = new PollHarness(
						type,
						{ event } as INode['parameters'],
						trigger.credentials(sandbox),
					);
					const mark = await sandbox.mark();
					await assert.rejects(
						h.poll(mode, mode === 'manual' ? 'manual' : 'activate'),
						refusesTheEvent(event),
					);
					assert.deepEqual(await sandbox.journal(trigger.sim, mark), [], `${event}, ${mode}`);
					assert.deepEqual(h.staticData, {}, 'no state');
				}
			}
		});

		if (trigger.webhooks)
			it(`${trigger.type}: webhook activation refuses it, naming the parameter, and registers nothing`, async () => {
				for (const event of UNKNOWN) {
					const h = await listening(
						{ triggerOn: 'webhook', event } as INode['parameters'],
						trigger.credentials(sandbox),
					);
					const mark = await sandbox.mark();
					await assert.rejects(h.activate(), refusesTheEvent(event));
					assert.deepEqual(await sandbox.journal(trigger.sim, mark), [], event);
					assert.equal(h.staticData.registration, undefined);
				}
			});
	}
});
