import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from '@jest/globals';

import type { IDataObject } from 'n8n-workflow';

import { PollHarness } from '../harness/poll';
import { registrationTests, useSandbox, useWebhookHarnesses } from '../harness/lifecycle';
import { webhookMethodOf } from '../harness/webhook';
import { TRIGGER_TYPE, createAsset, credentials } from './helpers';

interface SimWebhooks {
	subscriptions: Array<{
		id: string;
		url: string;
		events: string[];
		secret: string;
		extra?: IDataObject;
	}>;
	deliveries: Array<{
		subscriptionId: string;
		event: string;
		body: string;
		headers: Record<string, string>;
		status?: number;
		error?: string;
	}>;
}

type Event = IDataObject & { id: number; event_type: string };

describe('Media Pocket Trigger in webhook mode (n8n-core HookContext and WebhookContext)', () => {
	const sandbox = useSandbox();
	const listening = useWebhookHarnesses(TRIGGER_TYPE);

	const params = (
		assetIds: string[] = [],
		eventTypes: string[] = [],
		options: IDataObject = {},
	) => ({
		triggerOn: 'webhook',
		assetIds: assetIds.join(', '),
		eventTypes,
		options: options as never,
	});
	async function harness(...args: Parameters<typeof params>) {
		return await listening(params(...args), credentials(sandbox));
	}
	/** The simulator's registrations and deliveries, once every delivery in flight was answered. */
	const webhooks = async () => await sandbox.sim<SimWebhooks>('mediapocket', 'GET', '/webhooks');
	const addEvents = async (assetId: string, types: string[]): Promise<Event[]> =>
		(
			await sandbox.sim('mediapocket', 'POST', `/assets/${assetId}/events`, {
				count: types.length,
				types,
			})
		).events;
	const historyOf = async (assetId: string): Promise<Event[]> =>
		(await sandbox.sim('mediapocket', 'GET', `/assets/${assetId}/history`)).events;
	const forge = async (body: unknown, headers: Record<string, string>) =>
		await sandbox.sim('mediapocket', 'POST', '/webhooks/forge', {
			event: 'forged',
			body,
			headers,
		});
	const sign = (secret: string, raw: string) =>
		createHmac('sha256', secret).update(raw).digest('hex');
	const registrations = async (since: number) =>
		(await sandbox.journal('mediapocket', since)).filter(
			(entry) => entry.method === 'POST' && entry.path === '/api/v2/webhooks',
		).length;

	it('in polling mode n8n gets no webhook method, so it registers nothing; in webhook mode the poll sends nothing', async () => {
		assert.equal(
			webhookMethodOf(TRIGGER_TYPE, { ...params(['7UhQGdm3p9MJHRBI9Ohu']), triggerOn: 'polling' }),
			'',
		);
		assert.equal(
			webhookMethodOf(TRIGGER_TYPE, { assetIds: '7UhQGdm3p9MJHRBI9Ohu' }),
			'',
			'saved before Trigger On',
		);
		assert.equal(webhookMethodOf(TRIGGER_TYPE, params()), 'POST');

		const since = await sandbox.mark();
		const poller = new PollHarness(
			TRIGGER_TYPE,
			params(['7UhQGdm3p9MJHRBI9Ohu']),
			credentials(sandbox),
		);
		assert.deepEqual(await poller.poll('trigger', 'activate'), []);
		assert.deepEqual(await sandbox.journal('mediapocket', since), [], 'no history read');
	});

	it('activation registers once; each history event starts one execution with the item polling would give; deactivation removes it', async () => {
		const h = await harness([], ['ASSET_ADDED', 'ASSET_EDITED_METADATA']);
		await h.activate();
		let sim = await webhooks();
		assert.equal(sim.subscriptions.length, 1);
		const [registration] = sim.subscriptions;
		assert.equal(registration.url, h.url);
		assert.deepEqual(registration.events, ['ASSET_ADDED', 'ASSET_EDITED_METADATA']);
		assert.equal(registration.extra?.httpMethod, 'POST');
		const [header] = registration.extra?.headers as Array<{
			key: string;
			value: string;
			type: string;
		}>;
		assert.equal(header.type, 'HMAC');
		assert.equal(header.key, 'X-Mediapocket-Signature');
		assert.match(header.value, /^[0-9a-f]{64}$/, 'a random secret made by the trigger');
		assert.equal(registration.secret, header.value);
		assert.equal((h.staticData.registration as IDataObject).id, registration.id);

		// A real API call (Asset > Create: ASSET_ADDED), then events the simulator records.
		const assetId = await createAsset(sandbox, 'Hooked');
		await addEvents(assetId, [
			'ASSET_EDITED_METADATA',
			'ASSET_ADDED_COMMENT',
			'ASSET_EDITED_METADATA',
		]);
		sim = await webhooks();
		assert.deepEqual(
			sim.deliveries.map((d) => [d.event, d.status]),
			[
				['ASSET_ADDED', 200],
				['ASSET_EDITED_METADATA', 200],
				['ASSET_EDITED_METADATA', 200],
			],
			'Media Pocket sends only the registered event types',
		);
		const wanted = (await historyOf(assetId)).filter((e) => e.event_type !== 'ASSET_ADDED_COMMENT');
		assert.deepEqual(
			h.executions.map((items) => items.map((item) => item.json)),
			wanted.map((event) => [{ ...event, asset_id: assetId }]),
			'one execution per event; the item is the event and its asset, as polling emits it',
		);
		const secret = registration.secret;
		for (const [item] of h.executions)
			assert.ok(!JSON.stringify(item.json).includes(secret), 'no secret in items');

		// n8n restarts: the registration is still there, nothing is registered twice.
		const since = await sandbox.mark();
		h.restart();
		await h.activate('init');
		assert.equal((await webhooks()).subscriptions.length, 1);
		assert.equal(await registrations(since), 0);

		assert.equal(await h.deactivate(), true);
		assert.equal((await webhooks()).subscriptions.length, 0);
		assert.equal(h.staticData.registration, undefined);
		assert.equal(await h.deactivate(), true, 'nothing left to delete');
	});

	it('without Event Types it registers every asset event type; an event that commits late is sent when it commits', async () => {
		const assetId = await createAsset(sandbox, 'Late');
		const h = await harness([assetId]);
		await h.activate();
		const [registration] = (await webhooks()).subscriptions;
		assert.ok(registration.events.includes('ASSET_FINISHED_INGEST'));
		assert.ok(registration.events.includes('OUTGOING_ASSET_ADDED_TO_DROP_FOLDER'));
		assert.equal(registration.events.length, 57);

		const { id } = await sandbox.sim('mediapocket', 'POST', `/assets/${assetId}/events/reserve`, {
			type: 'ASSET_APPROVED',
		});
		await addEvents(assetId, ['ASSET_REJECTED']);
		await sandbox.sim('mediapocket', 'POST', `/events/${id}/commit`);
		await webhooks();
		assert.deepEqual(
			h.executions.map(([item]) => [item.json.event_type, item.json.id === id]),
			[
				['ASSET_REJECTED', false],
				['ASSET_APPROVED', true],
			],
		);
	});

	it('Asset IDs filters deliveries to those assets; empty means every asset', async () => {
		const watched = await createAsset(sandbox, 'Watched');
		const other = await createAsset(sandbox, 'Other');
		const some = await harness([watched], ['ASSET_EDITED_METADATA']);
		const all = await harness([], ['ASSET_EDITED_METADATA']);
		await some.activate();
		await all.activate();
		await addEvents(other, ['ASSET_EDITED_METADATA']);
		await addEvents(watched, ['ASSET_EDITED_METADATA']);
		const sim = await webhooks();
		assert.equal(sim.deliveries.length, 4, 'Media Pocket sends every asset to both');
		assert.deepEqual(
			some.executions.map(([item]) => item.json.asset_id),
			[watched],
		);
		assert.deepEqual(
			all.executions.map(([item]) => item.json.asset_id),
			[other, watched],
		);
	});

	it('an invalid asset ID fails activation naming the parameter, and nothing is registered', async () => {
		const h = await harness(['ok-id', '../x']);
		const since = await sandbox.mark();
		await assert.rejects(
			h.activate(),
			/"\.\.\/x" is not a valid Media Pocket asset ID \(parameter "Asset IDs"\)/,
		);
		assert.deepEqual(await sandbox.journal('mediapocket', since), []);
		assert.equal(h.staticData.registration, undefined);
	});

	it('refuses unsigned, forged and tampered deliveries with 401; a replay or an unwatched event starts nothing', async () => {
		const assetId = await createAsset(sandbox, 'Signed');
		const h = await harness([assetId], ['ASSET_EDITED_METADATA']);
		await h.activate();
		await addEvents(assetId, ['ASSET_EDITED_METADATA']);
		const sim = await webhooks();
		const secret = sim.subscriptions[0].secret;
		const genuine = sim.deliveries[0].body;
		assert.equal(sim.deliveries[0].headers['x-mediapocket-signature'], sign(secret, genuine));
		assert.equal(h.executions.length, 1);

		const tampered = genuine.replace('ASSET_EDITED_METADATA', 'ASSET_EDITED_CLIP');
		await forge(genuine, {});
		await forge(genuine, { 'x-mediapocket-signature': sign('not-the-secret', genuine) });
		await forge(tampered, { 'x-mediapocket-signature': sign(secret, genuine) });
		await sandbox.sim('mediapocket', 'POST', '/webhooks/replay', { index: 0 });
		// The same event again, signed, with other bytes: still one event (its id).
		const resent = JSON.stringify({ ...JSON.parse(genuine), resent: true });
		await forge(resent, { 'x-mediapocket-signature': sign(secret, resent) });
		const unwatched = JSON.stringify({
			...JSON.parse(genuine),
			id: 9001,
			event_type: 'ASSET_DOWNLOADED',
		});
		await forge(unwatched, { 'x-mediapocket-signature': sign(secret, unwatched) });
		const otherAsset = JSON.parse(genuine) as IDataObject;
		const elsewhere = JSON.stringify({
			...otherAsset,
			id: 9002,
			event_targets: [
				{ target_type: 'Asset', target: { id: 99, elasticsearch_id: 'someOtherAsset' } },
			],
		});
		await forge(elsewhere, { 'x-mediapocket-signature': sign(secret, elsewhere) });

		assert.deepEqual(
			h.deliveries.map((d) => d.status),
			[200, 401, 401, 401, 200, 200, 200, 200],
		);
		assert.equal(h.executions.length, 1, 'only the genuine delivery started the workflow');
	});

	it('Include Raw Body adds the delivery as sent, so fields the trigger does not know can be read', async () => {
		const assetId = await createAsset(sandbox, 'Raw');
		const plain = await harness([assetId]);
		const raw = await harness([assetId], [], { includeRawBody: true });
		await plain.activate();
		await raw.activate();
		await addEvents(assetId, ['ASSET_PUBLISHED']);
		const sim = await webhooks();
		const sentToRaw = sim.deliveries.find((d) => d.subscriptionId === sim.subscriptions[1].id);
		assert.ok(sentToRaw);
		assert.equal(raw.executions[0][0].json.rawBody, sentToRaw.body, 'byte for byte');
		assert.equal(plain.executions[0][0].json.rawBody, undefined, 'off by default');

		// A field the trigger does not know: readable from the raw body (and the item).
		const extended = JSON.stringify({
			...JSON.parse(sentToRaw.body),
			id: 77,
			publishing_channel: { name: 'FTP out' },
		});
		await sandbox.sim('mediapocket', 'POST', '/webhooks/forge', {
			subscriptionId: sim.subscriptions[1].id,
			event: 'forged',
			body: extended,
			headers: { 'x-mediapocket-signature': sign(sim.subscriptions[1].secret, extended) },
		});
		const [item] = raw.executions[1];
		assert.equal(item.json.rawBody, extended);
		assert.deepEqual(JSON.parse(item.json.rawBody as string).publishing_channel, {
			name: 'FTP out',
		});
		assert.deepEqual(item.json.publishing_channel, { name: 'FTP out' });
		assert.equal(item.json.asset_id, assetId);
	});

	it('a tenant that answers 404 to the (guessed) GET route: the registration is deleted before registering again', async () => {
		const h = await harness();
		await h.activate();
		// A tenant without the (guessed) GET route answers 404 although the registration is there:
		// it is deleted before registering again, so no second one is left behind.
		const kept = (await webhooks()).subscriptions[0];
		await sandbox.fault({
			target: 'mediapocket',
			method: 'GET',
			path: `^/api/v2/webhooks/${kept.id}$`,
			status: 404,
			body: { error: 'Not Found' },
		});
		h.restart();
		await h.activate('init');
		const replaced = (await webhooks()).subscriptions;
		assert.equal(replaced.length, 1);
		assert.notEqual(replaced[0].id, kept.id);
	});

	registrationTests({
		sandbox,
		target: 'mediapocket',
		createPath: '^/api/v2/webhooks$',
		refusal: {
			body: { error: 'Permission denied. Must have WEBHOOKS_MANAGE permissions.' },
			message: /Permission denied\. Must have WEBHOOKS_MANAGE permissions/,
		},
		deletePath: '^/api/v2/webhooks/',
		deleteRefusal: { error: 'Not allowed' },
		harness: async () => await harness(),
	});
});
