import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from '@jest/globals';

import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine';
import { PollHarness } from '../harness/poll';
import { registrationTests, useSandbox, useWebhookHarnesses } from '../harness/lifecycle';
import { webhookMethodOf } from '../harness/webhook';
import { IDS } from '../sandbox/tenovos/data';
import { byId, tenovos, tenovosCredentials } from './helpers';

const TRIGGER_TYPE = 'n8n-nodes-dam.tenovosTrigger';

interface SimWebhooks {
	subscriptions: Array<{
		id: string;
		url: string;
		events: string[];
		secret: string;
		extra?: IDataObject;
	}>;
	deliveries: Array<{
		event: string;
		body: string;
		headers: Record<string, string>;
		status?: number;
		error?: string;
	}>;
}

describe('Tenovos Trigger in webhook mode (n8n-core HookContext and WebhookContext)', () => {
	const sandbox = useSandbox();
	const listening = useWebhookHarnesses(TRIGGER_TYPE);

	const params = (event: string, extra: IDataObject = {}) => ({
		triggerOn: 'webhook',
		event,
		searchTerm: '',
		options: {},
		...extra,
	});
	async function harness(event: string, extra: IDataObject = {}) {
		return await listening(params(event, extra), tenovosCredentials(sandbox));
	}
	/** The simulator's registrations and deliveries, once every delivery in flight was answered. */
	const webhooks = async () => await sandbox.sim<SimWebhooks>('tenovos', 'GET', '/webhooks');
	const seed = async (count: number, prefix = 'seed') =>
		(await sandbox.sim<{ objectIds: string[] }>('tenovos', 'POST', '/seed', { count, prefix }))
			.objectIds;
	const touch = async (objectIds: string[]) =>
		await sandbox.sim('tenovos', 'POST', '/touch', { objectIds, title: 'Touched' });
	const forge = async (body: unknown, headers: Record<string, string>) =>
		await sandbox.sim('tenovos', 'POST', '/webhooks/forge', { event: 'forged', body, headers });
	/** A delivery signed the Svix way with the registration's secret. */
	const svix = (
		secret: string,
		raw: string,
		id: string,
		seconds = Math.floor(Date.now() / 1000),
	) => {
		const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
		const signature = createHmac('sha256', key).update(`${id}.${seconds}.${raw}`).digest('base64');
		return {
			'webhook-id': id,
			'webhook-timestamp': String(seconds),
			'webhook-signature': `v1,${signature}`,
		};
	};
	const endpointCalls = async (since = 0) =>
		(await sandbox.journal('tenovos', since)).filter((e) => e.path.startsWith('/webhooks/'));

	it('in polling mode n8n gets no webhook method, so it registers nothing; in webhook mode the poll asks nothing', async () => {
		assert.equal(
			webhookMethodOf(TRIGGER_TYPE, { ...params('newAsset'), triggerOn: 'polling' }),
			'',
		);
		assert.equal(
			webhookMethodOf(TRIGGER_TYPE, { event: 'newAsset' }),
			'',
			'saved before Trigger On',
		);
		assert.equal(webhookMethodOf(TRIGGER_TYPE, params('newAsset')), 'POST');

		await seed(1);
		const poll = new PollHarness(TRIGGER_TYPE, params('newAsset'), tenovosCredentials(sandbox));
		const mark = await sandbox.mark();
		assert.deepEqual(await poll.poll(), []);
		assert.deepEqual(await sandbox.journal('tenovos', mark), [], 'no request in webhook mode');
	});

	it('activation registers once; new assets start one execution each; deactivation removes it', async () => {
		const h = await harness('newAsset');
		const mark = await sandbox.mark();
		await h.activate();
		let sim = await webhooks();
		assert.equal(sim.subscriptions.length, 1);
		const [registration] = sim.subscriptions;
		assert.equal(registration.url, h.url);
		assert.deepEqual(registration.events, ['asset.created', 'version.created']);
		assert.match(String(registration.extra?.description), /^n8n: .{1,95}/);
		const [create] = await endpointCalls(mark);
		assert.equal(create.method, 'POST');
		assert.ok(Array.isArray(create.body), 'the create body is an array of endpoints');
		assert.equal((h.staticData.registration as IDataObject).id, registration.id);
		assert.equal((h.staticData.registration as IDataObject).secret, registration.secret);

		const made = await seed(2, 'fresh');
		await touch([made[0]]);
		sim = await webhooks();
		assert.deepEqual(
			sim.deliveries.map((d) => [d.event, d.status]),
			[
				['asset.created', 200],
				['asset.created', 200],
			],
			'Tenovos sends only what was registered',
		);
		assert.equal(h.executions.length, 2);
		assert.deepEqual(
			h.executions.map(([item]) => item.json.id),
			made,
		);
		for (const [item] of h.executions) {
			assert.equal(item.json.event, 'newAsset');
			assert.equal(item.json.eventType, 'asset.created');
			assert.match(String(item.json.eventId), /^asset-created-/);
			assert.equal(typeof item.json.time, 'string');
			assert.equal(typeof (item.json.user as IDataObject).id, 'string');
			assert.equal((item.json.asset as IDataObject).id, item.json.id);
			assert.ok(!JSON.stringify(item.json).includes(registration.secret), 'no secret in items');
		}

		// n8n restarts: the registration is still there, nothing is registered twice.
		h.restart();
		await h.activate('init');
		assert.equal((await webhooks()).subscriptions.length, 1);

		assert.equal(await h.deactivate(), true);
		assert.equal((await webhooks()).subscriptions.length, 0);
		assert.equal(h.staticData.registration, undefined);
		assert.equal(await h.deactivate(), true, 'nothing left to delete');
	});

	it('Updated Asset: metadata updates and deletes through the action node start one execution each', async () => {
		const [objectId] = await seed(1, 'report');
		const h = await harness('updatedAsset');
		await h.activate();
		assert.deepEqual((await webhooks()).subscriptions[0].events, [
			'asset.metadata.updated',
			'asset.security.updated',
			'version.created',
			'asset.deleted',
			'asset.restored',
		]);
		await seed(1, 'not-an-update');
		const credentials = tenovosCredentials(sandbox);
		const updated = await runWorkflow(
			[
				tenovos('update', {
					asset: byId(objectId),
					metadataInput: 'fields',
					metadataFields: { field: [{ attributeId: IDS.attrTitle, value: 'Final' }] },
				}),
			],
			{ credentials },
		);
		assert.equal(updated.error, undefined, updated.error?.message);
		const deleted = await runWorkflow([tenovos('delete', { asset: byId(objectId) })], {
			credentials,
		});
		assert.equal(deleted.error, undefined, deleted.error?.message);
		await webhooks();
		assert.deepEqual(
			h.executions.map(([item]) => [item.json.event, item.json.eventType, item.json.id]),
			[
				['updatedAsset', 'asset.metadata.updated', objectId],
				['updatedAsset', 'asset.deleted', objectId],
			],
		);
	});

	it('refuses unsigned, forged, tampered and stale deliveries with 401; a replay, a retry or an unwatched event starts nothing', async () => {
		const h = await harness('newAsset');
		await h.activate();
		const [objectId] = await seed(1);
		const sim = await webhooks();
		const secret = sim.subscriptions[0].secret;
		const genuine = sim.deliveries[0];
		const messageId = genuine.headers['webhook-id'];
		assert.match(messageId, /^msg_/);
		assert.equal(h.executions.length, 1);

		const tampered = genuine.body.replace(objectId, '00000000-0000-4000-8000-000000000000');
		await forge(genuine.body, {}); // 1: unsigned
		await forge(
			genuine.body,
			svix(`whsec_${Buffer.from('not-it').toString('base64')}`, genuine.body, 'msg_f'),
		); // 2
		await forge(tampered, svix(secret, genuine.body, 'msg_tampered')); // 3: changed after signing
		// 4: correctly signed, but six minutes old (a captured delivery sent again later).
		const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
		await forge(genuine.body, svix(secret, genuine.body, 'msg_stale', sixMinutesAgo));
		// 5: the same delivery again, byte for byte.
		await sandbox.sim('tenovos', 'POST', '/webhooks/replay', { index: 0 });
		// 6: Tenovos retrying the message: same webhook-id, signed anew, body formatted differently.
		const retried = JSON.stringify(JSON.parse(genuine.body), null, 2);
		await forge(retried, svix(secret, retried, messageId));
		// 7: an event type the trigger does not watch, correctly signed.
		const deleted = JSON.stringify({ ...JSON.parse(genuine.body), eventType: 'asset.deleted' });
		await forge(deleted, svix(secret, deleted, 'msg_deleted'));

		assert.deepEqual(
			h.deliveries.map((d) => d.status),
			[200, 401, 401, 401, 401, 200, 200, 200],
		);
		assert.equal(h.executions.length, 1, 'only the genuine delivery started the workflow');

		// A fresh, correctly signed message (new id) of a watched type does start it.
		const fresh = JSON.stringify({ ...JSON.parse(genuine.body), note: 'fresh' });
		await forge(fresh, svix(secret, fresh, 'msg_fresh'));
		assert.equal(h.executions.length, 2);
	});

	it('activation refuses an unknown event, naming the parameter, and registers nothing', async () => {
		const unknown = await harness('deletedAsset');
		await assert.rejects(unknown.activate(), (error: Error & { description?: string }) => {
			assert.equal(error.name, 'NodeOperationError');
			assert.match(error.message, /Unknown event "deletedAsset" \(parameter "Event"\)/);
			return true;
		});
		assert.equal(unknown.staticData.registration, undefined);
		assert.equal((await webhooks()).subscriptions.length, 0);
		assert.deepEqual(
			(await endpointCalls()).filter((e) => e.method === 'POST'),
			[],
			'nothing was sent to register',
		);
	});

	it('registered, but the secret could not be read: removed again, and the activation fails', async () => {
		const h = await harness('newAsset');
		await sandbox.fault({
			target: 'tenovos',
			method: 'GET',
			path: '^/webhooks/endpoint/ep_',
			status: 500,
			body: { message: 'Internal server error' },
			times: 0,
		});
		await assert.rejects(h.activate(), /no endpoint id and signing secret/);
		assert.equal((await webhooks()).subscriptions.length, 0);
		assert.equal(h.staticData.registration, undefined);
		await sandbox.clearFaults();
		await h.activate();
		assert.equal((await webhooks()).subscriptions.length, 1, 'the next activation registers');
	});

	registrationTests({
		sandbox,
		target: 'tenovos',
		createPath: '^/webhooks/endpoint$',
		refusal: {
			body: { message: 'Webhooks are not enabled for this customer' },
			message: /Webhooks are not enabled for this customer/,
		},
		deletePath: '^/webhooks/endpoint/',
		deleteRefusal: { message: 'Forbidden' },
		harness: async () => await harness('newAsset'),
	});
});
