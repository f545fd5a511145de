import { createHmac, randomBytes } from 'crypto';

import { HttpError, type Router } from '../core/http';
import type { Signer, Subscription } from '../core/webhooks';
import { TENOVOS_USER_ID } from './data';
import type { TenovosState, Version } from './state';

/**
 * Tenovos webhooks (§1.9): endpoints under /webhooks/endpoint, and a delivery of every asset
 * change to the endpoints that want its event type, signed the Svix way.
 *
 * The answers are not documented; the simulator follows the node's guess
 * (nodes/Tenovos/trigger/webhook.ts): create answers with the array of endpoints made (id, no
 * secret), GET /webhooks/endpoint/{id} carries the `secret` "whsec_<base64>", the list answers
 * {data: [...], done: true}, an unknown endpoint answers 404.
 */

/** What Tenovos' Svix-based sender adds: the message id, real time in seconds, `v1,<base64>`. */
export const svixSigner: Signer = (subscription, rawBody) => {
	const id = `msg_${randomBytes(12).toString('hex')}`;
	// Real time, not the simulator's clock: the node checks the timestamp against its own clock.
	const timestamp = String(Math.floor(Date.now() / 1000));
	const key = Buffer.from(subscription.secret.replace(/^whsec_/, ''), 'base64');
	const signature = createHmac('sha256', key)
		.update(`${id}.${timestamp}.${rawBody}`)
		.digest('base64');
	return {
		'webhook-id': id,
		'webhook-timestamp': timestamp,
		'webhook-signature': `v1,${signature}`,
	};
};

/** Sends `eventType` about this asset version to the endpoints that want it. */
export function publishChange(state: TenovosState, eventType: string, version: Version): void {
	if (state.webhooks.subscriptions.size === 0) return;
	const noun = eventType.replace(/\./g, '-');
	state.webhooks.publish(eventType, {
		eventType,
		event: {
			id: `${noun}-${state.uuid()}`,
			time: new Date(state.clock.now()).toISOString(),
			user: { id: TENOVOS_USER_ID },
		},
		// Thin, as Tenovos sends it: call back into the API for more.
		asset: {
			id: version.objectId,
			filename: version.filename,
			metadataTemplate: { id: version.metadataTemplateId },
			securityTemplates: version.securityTemplateIds.map((id) => ({ id })),
		},
	});
}

const notFound = (id: string) => new HttpError(404, { message: `Endpoint not found: ${id}` });

export function registerWebhookRoutes(router: Router, state: TenovosState): void {
	const { auth, webhooks } = state;
	const record = (subscription: Subscription) => ({
		id: subscription.id,
		description: subscription.extra?.description,
		eventTypes: subscription.events,
		url: subscription.url,
		rateLimit: subscription.extra?.rateLimit,
		createdAt: subscription.createdAt,
	});
	const find = (id: string) => {
		const subscription = webhooks.subscriptions.get(id);
		if (!subscription) throw notFound(id);
		return subscription;
	};
	router
		.post('/webhooks/endpoint', async (req) => {
			auth.checkTokens(req);
			const body: unknown = await req.json();
			if (!Array.isArray(body) || body.length === 0)
				throw new HttpError(400, { message: 'The body must be an array of endpoints' });
			const valid = body.every(
				(entry: Record<string, unknown>) =>
					typeof entry?.description === 'string' &&
					entry.description.length >= 5 &&
					entry.description.length <= 100 &&
					typeof entry.url === 'string' &&
					/^https?:\/\//.test(entry.url) &&
					Array.isArray(entry.eventTypes) &&
					entry.eventTypes.length > 0,
			);
			if (!valid)
				throw new HttpError(400, {
					message: 'Each endpoint needs a description (5-100 characters), a url and eventTypes',
				});
			const made = (body as Array<Record<string, unknown>>).map((entry) =>
				webhooks.add({
					id: `ep_${randomBytes(12).toString('hex')}`,
					url: String(entry.url),
					events: (entry.eventTypes as unknown[]).map(String),
					secret: `whsec_${randomBytes(24).toString('base64')}`,
					createdAt: new Date(state.clock.now()).toISOString(),
					extra: { description: entry.description, rateLimit: entry.rateLimit },
				}),
			);
			return { status: 201, body: made.map(record) };
		})
		.get('/webhooks/endpoint/list', async (req) => {
			auth.checkTokens(req);
			return { body: { data: [...webhooks.subscriptions.values()].map(record), done: true } };
		})
		.get('/webhooks/endpoint/:id', async (req) => {
			auth.checkTokens(req);
			const subscription = find(req.params.id);
			return { body: { ...record(subscription), secret: subscription.secret } };
		})
		.delete('/webhooks/endpoint/:id', async (req) => {
			auth.checkTokens(req);
			find(req.params.id);
			webhooks.remove(req.params.id);
			return { status: 204 };
		});
}
