import { createHmac } from 'crypto';

import { HttpError, type Router, type SimRequest } from '../core/http';
import type { Subscription } from '../core/webhooks';
import type { HistoryEvent, MediaPocketState } from './state';

/**
 * Media Pocket webhooks (reference 3.5 and 3.8). The create body's name, http_url, http_method
 * and trigger_events are documented; the rest follows the GUESSES the trigger makes in one place
 * (nodes/MediaPocket/trigger/webhook.ts):
 * - routes POST/GET /api/v2/webhooks and GET/DELETE /api/v2/webhooks/:id, answers wrapped in
 *   "webhook" / "webhooks", 404 {"error": "webhook not found"};
 * - custom headers in the create body as `headers: [{key, value, type}]`: a type HMAC header is
 *   sent as the hex HMAC-SHA256 of the raw body keyed with its value, other headers as given;
 * - the payload: the history event just recorded, as the history route shows it.
 * Every history event that becomes visible (state.addEvent, a late commit) is sent to the
 * registrations whose trigger_events list its event_type. Deliveries go out as POST (the shared
 * outbox sends nothing else); http_method is kept and listed.
 */

interface HeaderSpec {
	key: string;
	value: string;
	type?: string;
}

function headersOf(subscription: Subscription): HeaderSpec[] {
	return (subscription.extra?.headers as HeaderSpec[] | undefined) ?? [];
}

/** The delivery's headers: HMAC ones computed over the raw body, the others as configured. */
export function signDelivery(subscription: Subscription, rawBody: string): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const header of headersOf(subscription)) {
		headers[header.key.toLowerCase()] =
			header.type === 'HMAC'
				? createHmac('sha256', header.value).update(rawBody).digest('hex')
				: header.value;
	}
	return headers;
}

/** Sends a history event that just became visible to the registrations that want it. */
export function publishEvent(state: MediaPocketState, event: HistoryEvent): void {
	if (state.webhooks.subscriptions.size === 0) return;
	state.webhooks.publish(event.event_type, state.publicEvent(event));
}

function fail(status: number, error: string): never {
	throw new HttpError(status, { error });
}

export function webhookRoutes(router: Router, state: MediaPocketState): Router {
	const authed = (req: SimRequest) => {
		const key = req.header('x-api-key');
		const apiKey = key ? state.keys.get(key) : undefined;
		if (!apiKey || !state.users.get(apiKey.userId)) fail(401, 'Unauthorized');
	};
	// Header values of type HMAC (and HIDE VALUE) are secrets: never shown again.
	const record = (subscription: Subscription) => ({
		id: Number(subscription.id),
		name: subscription.extra?.name,
		http_url: subscription.url,
		http_method: subscription.extra?.httpMethod,
		trigger_events: subscription.events,
		headers: headersOf(subscription).map((header) => ({
			key: header.key,
			value: header.type === 'HMAC' || header.type === 'HIDE VALUE' ? '********' : header.value,
			type: header.type ?? null,
		})),
		created_at: subscription.createdAt,
	});
	const find = (id: string) => {
		const subscription = state.webhooks.subscriptions.get(id);
		if (!subscription) fail(404, 'webhook not found');
		return subscription;
	};
	return router
		.post('/api/v2/webhooks', async (req) => {
			authed(req);
			const body = ((await req.json()) ?? {}) as Record<string, unknown>;
			for (const name of ['name', 'http_url', 'http_method', 'trigger_events'])
				if (body[name] === undefined || body[name] === null || body[name] === '')
					fail(422, `Missing parameter ${name}`);
			if (typeof body.http_url !== 'string' || !/^https?:\/\//.test(body.http_url))
				fail(400, 'not a valid HTTP URL');
			if (body.http_method !== 'POST' && body.http_method !== 'PUT')
				fail(
					422,
					`Invalid parameter 'http_method' value ${JSON.stringify(body.http_method)}: Must be one of: <code>POST</code>, <code>PUT</code>.`,
				);
			const events = body.trigger_events;
			if (
				!Array.isArray(events) ||
				events.length === 0 ||
				events.some((e) => typeof e !== 'string')
			)
				fail(
					422,
					`Invalid parameter 'trigger_events' value ${JSON.stringify(events)}: Must be an array of String`,
				);
			const headers = Array.isArray(body.headers) ? (body.headers as HeaderSpec[]) : [];
			if (headers.some((h) => !h || typeof h.key !== 'string' || typeof h.value !== 'string'))
				fail(422, "Invalid parameter 'headers': each needs a key and a value");
			const hmac = headers.find((h) => h.type === 'HMAC');
			const subscription = state.webhooks.add({
				id: state.nextWebhookId(),
				url: body.http_url,
				events: events as string[],
				secret: hmac?.value ?? '',
				createdAt: state.iso(),
				extra: { name: body.name, httpMethod: body.http_method, headers },
			});
			return { body: { webhook: record(subscription) } };
		})
		.get('/api/v2/webhooks', (req) => {
			authed(req);
			return { body: { webhooks: [...state.webhooks.subscriptions.values()].map(record) } };
		})
		.get('/api/v2/webhooks/:id', (req) => {
			authed(req);
			return { body: { webhook: record(find(req.params.id)) } };
		})
		.delete('/api/v2/webhooks/:id', (req) => {
			authed(req);
			find(req.params.id);
			state.webhooks.remove(req.params.id);
			return { body: { ok: 'ok' } };
		});
}
