import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';

import type { IDataObject } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { nodeTypes, runWorkflow } from '../harness/engine';
import { registrationTests, useSandbox, useWebhookHarnesses } from '../harness/lifecycle';
import { webhookMethodOf } from '../harness/webhook';
import { MARKETING, PHOTOGRAPHER_ATTRIBUTE } from '../sandbox/mediavalet/seed';
import { byId, file, mv, mvCredentials, seedAsset } from './helpers';

const TRIGGER_TYPE = 'n8n-nodes-dam.mediaValetTrigger';
const SECRET_PARAMETER = 'n8nSecret';

interface SimWebhooks {
	subscriptions: Array<{ id: string; url: string; events: string[] }>;
	deliveries: Array<{
		event: string;
		url: string;
		body: string;
		headers: Record<string, string>;
		status?: number;
		error?: string;
	}>;
}

describe('MediaValet Trigger in webhook mode (SkyHOOK; n8n-core HookContext and WebhookContext)', () => {
	const sandbox = useSandbox();
	const listening = useWebhookHarnesses(TRIGGER_TYPE);

	const params = (event: string, filters: IDataObject = {}) => ({
		triggerOn: 'webhook',
		event,
		filters: filters as never,
		options: {},
	});
	async function harness(event: string, filters: IDataObject = {}) {
		return await listening(params(event, filters), mvCredentials(sandbox));
	}
	/** The simulator's subscriptions and CloudEvents, once every delivery in flight was answered. */
	const webhooks = async () => await sandbox.sim<SimWebhooks>('mediavalet', 'GET', '/webhooks');
	const validations = async () =>
		await sandbox.sim<Array<{ endpoint: string; status?: number; validated: boolean }>>(
			'mediavalet',
			'GET',
			'/skyhook/validations',
		);
	const secretOf = (endpointUri: string) =>
		new URL(endpointUri).searchParams.get(SECRET_PARAMETER) ?? '';
	/** A POST to the trigger as anyone could send it (not through the simulator's outbox). */
	const forge = async (url: string, body: unknown, headers: Record<string, string> = {}) =>
		await sandbox.sim('mediavalet', 'POST', '/webhooks/forge', {
			url,
			event: 'forged',
			body,
			headers: { 'content-type': 'application/cloudevents+json', ...headers },
		});
	const run = async (...nodes: Parameters<typeof runWorkflow>[0]) => {
		const result = await runWorkflow(nodes, { credentials: mvCredentials(sandbox) });
		assert.equal(result.error, undefined, result.error?.message);
		return result;
	};
	const checkOutAndIn = async (id: string, fileName: string) => {
		await run(mv('asset', 'checkOut', { assetId: byId(id) }));
		await run(
			file(500, 2, fileName),
			mv('asset', 'checkIn', { assetId: byId(id), fileName, comment: 'v2' }),
		);
	};

	it('in polling mode n8n gets no webhook method, so it registers nothing', () => {
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
	});

	it('in webhook mode the search filters and options are hidden, so a saved filter is not kept', () => {
		const { description } = nodeTypes.getByNameAndVersion(TRIGGER_TYPE);
		const resolved = (triggerOn: string) =>
			NodeHelpers.getNodeParameters(
				description.properties,
				{ ...params('newAsset', { categoryId: MARKETING }), triggerOn },
				false,
				false,
				{ typeVersion: 1 },
				description,
			) as IDataObject;
		assert.deepEqual(resolved('polling').filters, { categoryId: MARKETING });
		assert.equal(resolved('webhook').filters, undefined, 'SkyHOOK events cannot be filtered');
		assert.equal(resolved('webhook').options, undefined);
	});

	it('activation answers the validation handshake and subscribes once; new assets start one execution each; deactivation removes it', async () => {
		const h = await harness('newAsset');
		await h.activate();
		let sim = await webhooks();
		assert.equal(sim.subscriptions.length, 1);
		const [subscription] = sim.subscriptions;
		assert.deepEqual(subscription.events, ['Asset.MediaFileAdded']);
		const registration = h.staticData.registration as IDataObject;
		assert.equal(registration.id, subscription.id);
		assert.equal(registration.url, h.url, 'the saved URL is n8n’s own, without the secret');
		const secret = secretOf(subscription.url);
		assert.match(secret, /^[0-9a-f]{48}$/);
		assert.equal(subscription.url, `${h.url}?${SECRET_PARAMETER}=${secret}`);
		assert.equal(registration.secret, secret);
		assert.deepEqual(await validations(), [{ endpoint: h.url, status: 200, validated: true }]);
		assert.equal(h.deliveries.length, 1, 'the handshake');
		assert.equal(h.executions.length, 0, 'the handshake starts nothing');

		const seeded = await seedAsset(sandbox, { fileName: 'a.txt', content: 'a' });
		const uploaded = await run(file(300, 1, 'b.txt', 'text/plain'), mv('asset', 'upload'));
		const uploadedId = uploaded.output('MediaValet')[0].json.id as string;
		await checkOutAndIn(seeded.id, 'a_v2.txt');
		sim = await webhooks();
		assert.deepEqual(
			sim.deliveries.map((d) => [d.event, d.status]),
			[
				['Asset.MediaFileAdded', 200],
				['Asset.MediaFileAdded', 200],
				['Asset.MediaFileAdded', 200],
			],
		);
		assert.equal(h.executions.length, 2, 'the check-in (version 2) is not a new asset');
		assert.deepEqual(
			h.executions.map(([item]) => item.json.id),
			[seeded.id, uploadedId],
		);
		for (const [item] of h.executions) {
			assert.equal(item.json.event, 'newAsset');
			assert.equal(item.json.eventType, 'Asset.MediaFileAdded');
			assert.equal((item.json.data as IDataObject).Version, 1);
			assert.equal((item.json.data as IDataObject).AssetId, item.json.id);
			assert.ok(item.json.eventId, 'the CloudEvent id');
			assert.ok(!JSON.stringify(item.json).includes(secret), 'no secret in items');
		}

		// n8n restarts: the subscription is still there, nothing is subscribed twice.
		h.restart();
		await h.activate('init');
		assert.equal((await webhooks()).subscriptions.length, 1);
		assert.equal((await validations()).length, 1);

		assert.equal(await h.deactivate(), true);
		assert.equal((await webhooks()).subscriptions.length, 0);
		assert.equal(h.staticData.registration, undefined);
		assert.equal(await h.deactivate(), true, 'nothing left to delete');
	});

	it('Updated Asset: check-ins, attribute changes and category assignments start one execution each; a new asset does not', async () => {
		const asset = await seedAsset(sandbox, { fileName: 'c.jpg', content: 'c' });
		const h = await harness('updatedAsset');
		await h.activate();
		const [subscription] = (await webhooks()).subscriptions;
		assert.ok(subscription.events.includes('Category.AssetsAssigned'));

		await checkOutAndIn(asset.id, 'c_v2.jpg');
		await run(
			mv('asset', 'update', {
				assetId: byId(asset.id),
				attributes: { attribute: [{ attributeId: PHOTOGRAPHER_ATTRIBUTE, value: 'Ann' }] },
			}),
		);
		await run(mv('category', 'addAsset', { assetId: byId(asset.id), categoryIds: [MARKETING] }));
		await run(mv('asset', 'update', { assetId: byId(asset.id), updateFields: { title: 'T' } }));
		await seedAsset(sandbox, { fileName: 'd.jpg', content: 'd' });

		const sim = await webhooks();
		assert.deepEqual(
			sim.deliveries.map((d) => d.event),
			[
				'Asset.MediaFileAdded',
				'Asset.AttributesAdded',
				'Category.AssetsAssigned',
				'Asset.MediaFileAdded',
			],
			'SkyHOOK has no event for a title edit',
		);
		assert.ok(sim.deliveries.every((d) => d.status === 200));
		assert.deepEqual(
			h.executions.map(([item]) => [item.json.eventType, item.json.id, item.json.event]),
			[
				['Asset.MediaFileAdded', asset.id, 'updatedAsset'],
				['Asset.AttributesAdded', asset.id, 'updatedAsset'],
				['Category.AssetsAssigned', asset.id, 'updatedAsset'],
			],
		);
		assert.equal((h.executions[0][0].json.data as IDataObject).Version, 2);
		assert.equal((h.executions[2][0].json.data as IDataObject).CategoryId, MARKETING);
	});

	it('refuses deliveries without the secret or with another one (401); a replay or a retry of the same event starts nothing', async () => {
		const h = await harness('newAsset');
		await h.activate();
		const asset = await seedAsset(sandbox, { fileName: 'e.txt', content: 'e' });
		const sim = await webhooks();
		const genuine = sim.deliveries[0];
		assert.equal(h.executions.length, 1);
		const event = JSON.parse(genuine.body) as IDataObject;

		const other = { ...event, id: '0d7f0f8e-1111-4222-8333-444455556666' };
		await forge(h.url, other);
		await forge(`${h.url}?${SECRET_PARAMETER}=${'0'.repeat(48)}`, other);
		await forge(`${h.url}?${SECRET_PARAMETER}=`, other);
		await sandbox.sim('mediavalet', 'POST', '/webhooks/replay', { index: 0 });
		// SkyHOOK's retry: the same CloudEvent (same id), other bytes.
		await forge(genuine.url, JSON.stringify(event, null, 2));
		// Signed with the secret, but an event type New Asset does not watch.
		await forge(genuine.url, {
			...other,
			id: '0d7f0f8e-1111-4222-8333-777788889999',
			type: 'Category.AssetsAssigned',
		});

		assert.deepEqual(
			h.deliveries.map((d) => d.status),
			[200, 200, 401, 401, 401, 200, 200, 200],
		);
		assert.equal(h.executions.length, 1, 'only the genuine delivery started the workflow');
		assert.equal(h.executions[0][0].json.id, asset.id);

		// The same event with the secret and a new id is a new event: the secret is all there is.
		await forge(genuine.url, other);
		assert.equal(h.executions.length, 2);
	});

	it('answers the handshake only with the secret, and allows the origin that asks on every answer', async () => {
		const h = await harness('newAsset');
		await h.activate();
		const [subscription] = (await webhooks()).subscriptions;
		const handshake = (code: string) => ({
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'aeg-event-type': 'SubscriptionValidation',
				'webhook-request-origin': 'eventgrid.azure.net',
			},
			body: JSON.stringify([{ id: 'x', data: { validationCode: code } }]),
		});
		const refused = await fetch(h.url, handshake('forged-code'));
		assert.equal(refused.status, 401);
		assert.doesNotMatch(await refused.text(), /forged-code/);
		assert.equal(refused.headers.get('webhook-allowed-origin'), 'eventgrid.azure.net');
		assert.equal(refused.headers.get('webhook-allowed-rate'), '*');

		const answered = await fetch(subscription.url, handshake('the-code'));
		assert.equal(answered.status, 200);
		assert.deepEqual(JSON.parse(await answered.text()), { validationResponse: 'the-code' });
		assert.equal(answered.headers.get('webhook-allowed-origin'), 'eventgrid.azure.net');
		assert.equal(h.executions.length, 0);

		await seedAsset(sandbox, { fileName: 'f.txt', content: 'f' });
		assert.equal(
			(await webhooks()).deliveries[0].headers['webhook-request-origin'],
			'eventgrid.azure.net',
		);
		assert.equal(h.executions.length, 1);
	});

	it('a new subscription gets a new secret; the old one is refused', async () => {
		const h = await harness('newAsset');
		await h.activate();
		const first = (await webhooks()).subscriptions[0];
		await sandbox.reset();
		h.restart();
		await h.activate('init');
		const second = (await webhooks()).subscriptions;
		assert.equal(second.length, 1);
		assert.notEqual(second[0].id, first.id);
		assert.notEqual(secretOf(second[0].url), secretOf(first.url), 'a new secret');

		const before = h.executions.length;
		await forge(`${h.url}?${SECRET_PARAMETER}=${secretOf(first.url)}`, {
			id: 'b5d9c6a0-0000-4000-8000-000000000001',
			type: 'Asset.MediaFileAdded',
			data: { AssetId: 'b5d9c6a0-0000-4000-8000-000000000002', Version: 1 },
		});
		assert.equal(h.deliveries[h.deliveries.length - 1].status, 401);
		assert.equal(h.executions.length, before);
	});

	it('without the Enterprise plan, or when the handshake fails, activation fails and nothing is subscribed', async () => {
		const h = await harness('newAsset');
		await sandbox.sim('mediavalet', 'POST', '/config', { skyhook: false });
		await assert.rejects(h.activate(), (error: Error & { httpCode?: string }) => {
			assert.match(error.message, /SkyHOOK requires the MediaValet Enterprise plan/);
			assert.equal(error.httpCode, '403');
			return true;
		});
		assert.equal(h.staticData.registration, undefined);
		await sandbox.sim('mediavalet', 'POST', '/config', { skyhook: true });

		// n8n unreachable: the handshake fails, MediaValet subscribes nothing.
		await h.close();
		await assert.rejects(h.activate(), /did not answer the subscription validation handshake/);
		assert.equal((await webhooks()).subscriptions.length, 0);
		await h.listen();

		await h.activate();
		assert.equal((await webhooks()).subscriptions.length, 1, 'the next activation subscribes');
	});

	registrationTests({
		sandbox,
		target: 'mediavalet',
		createPath: '^/skyhook/subscriptions$',
		refusal: {
			body: { message: 'SkyHOOK requires the MediaValet Enterprise plan' },
			message: /SkyHOOK requires the MediaValet Enterprise plan/,
		},
		deletePath: '^/skyhook/subscriptions/',
		deleteRefusal: { message: 'Not allowed' },
		harness: async () => await harness('newAsset'),
	});
});
