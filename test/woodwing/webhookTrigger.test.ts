import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from '@jest/globals';

import type { IDataObject } from 'n8n-workflow';

import { registrationTests, useSandbox, useWebhookHarnesses } from '../harness/lifecycle';
import { webhookMethodOf } from '../harness/webhook';
import { credentials, seedAsset } from './helpers';

const TRIGGER_TYPE = 'n8n-nodes-dam.woodWingAssetsTrigger';

interface SimWebhooks {
	subscriptions: Array<{
		id: string;
		url: string;
		events: string[];
		secret: string;
		extra?: IDataObject;
	}>;
	deliveries: Array<{ event: string; body: string; status?: number; error?: string }>;
}

describe('WoodWing Assets Trigger in webhook mode (n8n-core HookContext and WebhookContext)', () => {
	const sandbox = useSandbox();
	const listening = useWebhookHarnesses(TRIGGER_TYPE);

	const params = (event: string, extra: { folder?: string; query?: string } = {}) => ({
		triggerOn: 'webhook',
		event,
		folderPath: { __rl: true, mode: 'path', value: extra.folder ?? '' },
		query: extra.query ?? '',
		options: {},
	});
	async function harness(event: string, extra: Parameters<typeof params>[1] = {}) {
		return await listening(params(event, extra), credentials(sandbox));
	}
	/** The simulator's registrations and deliveries, once every delivery in flight was answered. */
	const webhooks = async () => await sandbox.sim<SimWebhooks>('woodwing', 'GET', '/webhooks');
	const change = async (id: string, body: IDataObject) =>
		await sandbox.sim('woodwing', 'POST', `/assets/${id}/change`, body);
	const forge = async (body: unknown, headers: Record<string, string>) =>
		await sandbox.sim('woodwing', 'POST', '/webhooks/forge', {
			event: 'forged',
			body,
			headers,
		});
	const sign = (secret: string, raw: string) =>
		createHmac('sha256', secret).update(raw).digest('hex');

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

	it('activation registers once; check-ins start one execution each; deactivation removes it', async () => {
		const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/a.txt', content: 'a' });
		const h = await harness('checkedIn');
		await h.activate();
		let sim = await webhooks();
		assert.equal(sim.subscriptions.length, 1);
		const [registration] = sim.subscriptions;
		assert.equal(registration.url, h.url);
		assert.deepEqual(registration.events, ['asset_checkin']);
		assert.equal(
			h.staticData.registration && (h.staticData.registration as IDataObject).id,
			registration.id,
		);

		await change(asset.id, { checkIn: true, content: 'v2' });
		await change(asset.id, { metadata: { description: 'not a check-in' } });
		await change(asset.id, { checkIn: true, content: 'v3' });
		sim = await webhooks();
		assert.deepEqual(
			sim.deliveries.map((d) => [d.event, d.status]),
			[
				['asset_checkin', 200],
				['asset_checkin', 200],
			],
			'the server sends only what was registered',
		);
		assert.equal(h.executions.length, 2);
		for (const [item] of h.executions) {
			assert.equal(item.json.event, 'checkedIn');
			assert.equal(item.json.eventType, 'asset_checkin');
			assert.equal(item.json.id, asset.id);
			assert.equal((item.json.metadata as IDataObject).assetPath, '/Demo Zone/a.txt');
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

	it('refuses unsigned, forged and tampered deliveries with 401; a replay or an unwatched event starts nothing', async () => {
		const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/b.txt', content: 'b' });
		const h = await harness('checkedIn');
		await h.activate();
		await change(asset.id, { checkIn: true, content: 'v2' });
		const sim = await webhooks();
		const secret = sim.subscriptions[0].secret;
		const genuine = sim.deliveries[0].body;
		assert.equal(h.executions.length, 1);

		const tampered = genuine.replace(asset.id, 'AAAAAAAAAAAAAAAAAAAAAA');
		await forge(genuine, {});
		await forge(genuine, { 'x-hook-signature': sign('not-the-secret', genuine) });
		await forge(tampered, { 'x-hook-signature': sign(secret, genuine) });
		await sandbox.sim('woodwing', 'POST', '/webhooks/replay', { index: 0 });
		const checkout = JSON.stringify({ ...JSON.parse(genuine), type: 'asset_checkout' });
		await forge(checkout, { 'x-hook-signature': sign(secret, checkout) });

		assert.deepEqual(
			h.deliveries.map((d) => d.status),
			[200, 401, 401, 401, 200, 200],
		);
		assert.equal(h.executions.length, 1, 'only the genuine delivery started the workflow');
		assert.match(h.deliveries[2].body, /asset_checkin/);
	});

	it('registers the folder and query; a delivery from another folder starts nothing', async () => {
		const inside = await seedAsset(sandbox, { assetPath: '/Demo Zone/A/in.txt', content: 'i' });
		const outside = await seedAsset(sandbox, { assetPath: '/Demo Zone/B/out.txt', content: 'o' });
		const h = await harness('metadataChanged', { folder: '/Demo Zone/A', query: 'status:Draft' });
		await h.activate();
		const [registration] = (await webhooks()).subscriptions;
		assert.deepEqual(registration.extra?.foldersAndQuery, {
			folders: ['/Demo Zone/A'],
			query: 'ancestorPaths:"/Demo Zone/A" AND (status:Draft)',
		});
		await change(inside.id, { metadata: { status: 'Draft' } });
		await change(outside.id, { metadata: { status: 'Draft' } });
		await change(inside.id, { metadata: { status: 'Final' } });
		const sim = await webhooks();
		assert.equal(sim.deliveries.length, 1, 'the server filters by folder and query');
		assert.equal(h.executions.length, 1);
		assert.equal(h.executions[0][0].json.id, inside.id);

		// Had the server sent it anyway: signed, but outside the folder.
		const body = JSON.stringify({
			...JSON.parse(sim.deliveries[0].body),
			assetId: outside.id,
			metadata: { folderPath: '/Demo Zone/B', assetPath: '/Demo Zone/B/out.txt' },
		});
		await forge(body, { 'x-hook-signature': sign(registration.secret, body) });
		assert.equal(h.deliveries[h.deliveries.length - 1].status, 200);
		assert.equal(h.executions.length, 1);
	});

	registrationTests({
		sandbox,
		target: 'woodwing',
		createPath: '^/services/admin/webhook$',
		refusal: {
			body: { errorcode: 403, message: 'Webhooks need a Pro or API licence' },
			message: /Webhooks need a Pro or API licence/,
		},
		deletePath: '^/services/admin/webhook/',
		deleteRefusal: { errorcode: 403, message: 'Not allowed' },
		harness: async () => await harness('newAsset'),
	});
});
