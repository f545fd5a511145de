import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { damRequest, outcomeWasLost } from '../../shared/transport';
import {
	type DeliveryHandling,
	headerOf,
	isGone,
	removeUnlessGone,
	registrationName,
	type Subscriptions,
	verifySvix,
} from '../../shared/trigger/webhook';
import { tenovosApi } from '../transport';
import type { TenovosEvent } from './source';
import { knownEvent } from '../../shared/trigger/descriptions';

/**
 * Tenovos webhooks (§1.9 of the reference, API v1.5/v2): endpoints registered under
 * /webhooks/endpoint, deliveries signed the Svix way (webhook-id, webhook-timestamp,
 * webhook-signature over `id.timestamp.rawBody`, keyed with the secret after `whsec_`).
 */

/** The webhook event types each trigger event registers for and starts on. */
export const WEBHOOK_EVENT_TYPES: Record<TenovosEvent, string[]> = {
	// As the poll sees it: a new asset or a new version of one (each version has its own id).
	newAsset: ['asset.created', 'version.created'],
	// Modifications: metadata, security, content (a new version), recycle bin and back.
	// asset.renditions.created is Tenovos' own processing after every upload, not a modification.
	updatedAsset: [
		'asset.metadata.updated',
		'asset.security.updated',
		'version.created',
		'asset.deleted',
		'asset.restored',
	],
};

/** Deliveries per second Tenovos may send the endpoint (the value of the reference's example). */
const RATE_LIMIT = 200;

const ENDPOINT_PATH = '/webhooks/endpoint';

/*
 * [GUESS] The reference documents the create body and the routes but not the answers. Assumed
 * here, and by the simulator (test/sandbox/tenovos/webhooks.ts), and nowhere else:
 * - create answers with the endpoints made: an array like the body (or one object, or either
 *   under `data`), each with its `id`;
 * - the signing secret `whsec_<base64>` is the `secret` of GET /webhooks/endpoint/{id} (taken
 *   from the create answer instead when it has one);
 * - the list answers with an array, or an object holding one under `data` (one page is read);
 * - an endpoint Tenovos does not have answers 404.
 */
interface EndpointRecord {
	id?: string;
	url?: string;
	secret?: string;
}

function recordsOf(answer: unknown): EndpointRecord[] {
	if (Array.isArray(answer)) return answer as EndpointRecord[];
	const object = (answer ?? {}) as IDataObject;
	if (object.data !== undefined) return recordsOf(object.data);
	return typeof object.id === 'string' ? [object as EndpointRecord] : [];
}

function secretOf(record: EndpointRecord | undefined): string | undefined {
	return typeof record?.secret === 'string' && record.secret.startsWith('whsec_')
		? record.secret
		: undefined;
}

const endpointUrl = (id: string) => `${ENDPOINT_PATH}/${encodeURIComponent(id)}`;

async function listEndpoints(this: IHookFunctions): Promise<EndpointRecord[]> {
	return recordsOf(
		await damRequest.call(this, tenovosApi, { method: 'GET', url: `${ENDPOINT_PATH}/list` }),
	);
}

async function deleteEndpoint(this: IHookFunctions, id: string): Promise<void> {
	// A DELETE may be sent again: a repeat finds it gone, which counts as deleted.
	await removeUnlessGone(
		async () => await damRequest.call(this, tenovosApi, { method: 'DELETE', url: endpointUrl(id) }),
	);
}

/** Removes what was registered for `url` (a create whose answer was lost or unusable). */
async function removeByUrl(this: IHookFunctions, url: string, id?: string): Promise<void> {
	const left = id ? [{ id, url }] : await listEndpoints.call(this).catch(() => []);
	for (const record of left)
		if (record.url === url && record.id)
			await deleteEndpoint.call(this, record.id).catch(() => undefined);
}

/** The event the trigger watches, refused at activation when it is not one the node knows. */
function eventOf(this: IHookFunctions | IWebhookFunctions): TenovosEvent {
	return knownEvent(
		this.getNode(),
		WEBHOOK_EVENT_TYPES,
		this.getNodeParameter('event', 'newAsset'),
	);
}

export const tenovosSubscriptions: Subscriptions = {
	async create(this: IHookFunctions, url: string) {
		const event = eventOf.call(this);
		const body = [
			{
				description: registrationName.call(this),
				eventTypes: WEBHOOK_EVENT_TYPES[event],
				url,
				rateLimit: RATE_LIMIT,
			},
		];
		const answer = await damRequest
			.call(this, tenovosApi, { method: 'POST', url: ENDPOINT_PATH, body }, { commit: true })
			.catch(async (error: unknown) => {
				// Tenovos may have registered it without us learning of it: remove it, so that
				// the next activation starts clean, and report the failure.
				if (outcomeWasLost(error)) await removeByUrl.call(this, url);
				throw error;
			});
		const made = recordsOf(answer).find((record) => record.url === undefined || record.url === url);
		const id = typeof made?.id === 'string' && made.id ? made.id : undefined;
		let secret = secretOf(made);
		if (id && !secret)
			secret = secretOf(
				recordsOf(
					await damRequest
						.call(this, tenovosApi, { method: 'GET', url: endpointUrl(id) })
						.catch(() => undefined),
				)[0],
			);
		if (!id || !secret) {
			await removeByUrl.call(this, url, id);
			throw new NodeOperationError(
				this.getNode(),
				'Tenovos registered the webhook but gave no endpoint id and signing secret (whsec_...)',
				{ description: 'The registration was removed again; activate the workflow once more' },
			);
		}
		return { id, secret };
	},
	async exists(this: IHookFunctions, registration) {
		return await damRequest
			.call(this, tenovosApi, { method: 'GET', url: endpointUrl(registration.id) })
			.then(
				() => true,
				(error: unknown) => {
					if (isGone(error)) return false;
					throw error;
				},
			);
	},
	async remove(this: IHookFunctions, registration) {
		await deleteEndpoint.call(this, registration.id);
	},
};

export const tenovosDeliveries: DeliveryHandling = {
	verify(this: IWebhookFunctions, secret, rawBody) {
		return verifySvix(
			secret,
			{
				id: headerOf.call(this, 'webhook-id'),
				timestamp: headerOf.call(this, 'webhook-timestamp'),
				signature: headerOf.call(this, 'webhook-signature'),
			},
			rawBody,
		);
	},
	// Svix keeps the message id across retries (each re-signed with a new timestamp).
	deliveryKey(this: IWebhookFunctions) {
		return headerOf.call(this, 'webhook-id');
	},
	events(this: IWebhookFunctions, body) {
		const event = eventOf.call(this);
		const payload = (body ?? {}) as IDataObject;
		const eventType = String(payload.eventType ?? '');
		if (!WEBHOOK_EVENT_TYPES[event].includes(eventType)) return [];
		// The payload's own `event` (id, time, user) would clash with the trigger's event name.
		const { event: about, eventType: _type, ...rest } = payload;
		void _type;
		const info = (about ?? {}) as IDataObject;
		return [
			{
				event,
				eventType,
				id: ((payload.asset ?? {}) as IDataObject).id,
				eventId: info.id,
				time: info.time,
				user: info.user,
				...rest,
			},
		];
	},
};
