/**
 * What every simulator with outbound webhooks shares: the registrations, deliveries sent to
 * them (signed by the DAM's own scheme), and control routes for tests to list them, wait for
 * them, replay one, or send a forged one.
 */
import type { Router } from './http';

export interface Subscription {
	id: string;
	url: string;
	/** Event types it wants; empty: every event. */
	events: string[];
	secret: string;
	createdAt: string;
	/** Whatever else the DAM stores with it (filters, metadata to return...). */
	extra?: Record<string, unknown>;
}

export interface SentDelivery {
	subscriptionId: string;
	url: string;
	event: string;
	body: string;
	headers: Record<string, string>;
	status?: number;
	error?: string;
}

/** Signs a delivery the DAM's way: the headers to add for this subscription and raw body. */
export type Signer = (subscription: Subscription, rawBody: string) => Record<string, string>;

export class WebhookOutbox {
	readonly subscriptions = new Map<string, Subscription>();
	readonly sent: SentDelivery[] = [];
	private pending = new Set<Promise<void>>();

	constructor(private readonly sign: Signer) {}

	add(subscription: Subscription): Subscription {
		this.subscriptions.set(subscription.id, subscription);
		return subscription;
	}

	remove(id: string): boolean {
		return this.subscriptions.delete(id);
	}

	/** Sends the event to every subscription that wants it; returns at once (deliveries run on). */
	publish(event: string, payload: unknown, wants?: (subscription: Subscription) => boolean): void {
		for (const subscription of this.subscriptions.values()) {
			if (subscription.events.length > 0 && !subscription.events.includes(event)) continue;
			if (wants && !wants(subscription)) continue;
			this.deliver(subscription, event, payload);
		}
	}

	/** Sends the event to one subscription, signed; returns at once (the delivery runs on). */
	deliver(subscription: Subscription, event: string, payload: unknown): void {
		const body = JSON.stringify(payload);
		void this.send({
			subscriptionId: subscription.id,
			url: subscription.url,
			event,
			body,
			headers: { 'content-type': 'application/json', ...this.sign(subscription, body) },
		});
	}

	/** Sends one delivery as given (also forged or replayed ones) and records the answer. */
	send(delivery: SentDelivery): Promise<void> {
		this.sent.push(delivery);
		const task = fetch(delivery.url, {
			method: 'POST',
			headers: delivery.headers,
			body: delivery.body,
		})
			.then(async (response) => {
				delivery.status = response.status;
				await response.arrayBuffer();
			})
			.catch((error: Error) => {
				delivery.error = error.message;
			})
			.finally(() => this.pending.delete(task));
		this.pending.add(task);
		return task;
	}

	/** Resolves when every delivery sent so far has been answered. */
	async idle(): Promise<void> {
		while (this.pending.size > 0) await Promise.all([...this.pending]);
	}

	reset(): void {
		this.subscriptions.clear();
		this.sent.length = 0;
	}
}

/**
 * Control routes under the simulator's prefix:
 *   GET  /webhooks           registrations and deliveries (after waiting for those in flight)
 *   POST /webhooks/replay    { index } sends delivery `index` again, byte for byte
 *   POST /webhooks/forge     { subscriptionId?, url?, event, body, headers? } an unsigned or
 *                            badly signed delivery ("headers" replace the DAM's signature)
 *   POST /webhooks/publish   { event, payload } a delivery signed by the DAM
 */
export function webhookControlRoutes(router: Router, outbox: WebhookOutbox): Router {
	return router
		.get('/webhooks', async () => {
			await outbox.idle();
			return {
				body: { subscriptions: [...outbox.subscriptions.values()], deliveries: outbox.sent },
			};
		})
		.post('/webhooks/replay', async (req) => {
			const { index } = (await req.json()) as { index: number };
			const original = outbox.sent[index];
			if (!original) return { status: 404, body: { error: `no delivery ${index}` } };
			await outbox.send({ ...original, headers: { ...original.headers }, status: undefined });
			return { body: outbox.sent[outbox.sent.length - 1] };
		})
		.post('/webhooks/forge', async (req) => {
			const input = (await req.json()) as {
				subscriptionId?: string;
				url?: string;
				event: string;
				body: unknown;
				headers?: Record<string, string>;
			};
			const subscription = input.subscriptionId
				? outbox.subscriptions.get(input.subscriptionId)
				: [...outbox.subscriptions.values()][0];
			const url = input.url ?? subscription?.url;
			if (!url) return { status: 404, body: { error: 'no subscription to send to' } };
			const body = typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
			await outbox.send({
				subscriptionId: subscription?.id ?? '',
				url,
				event: input.event,
				body,
				headers: { 'content-type': 'application/json', ...input.headers },
			});
			return { body: outbox.sent[outbox.sent.length - 1] };
		})
		.post('/webhooks/publish', async (req) => {
			const { event, payload } = (await req.json()) as { event: string; payload: unknown };
			outbox.publish(event, payload);
			await outbox.idle();
			return { body: { sent: outbox.sent.length } };
		});
}
