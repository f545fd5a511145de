import { randomBytes } from 'crypto';
import type {
	IDataObject,
	IHookFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { outcomeWasLost } from '../../shared/transport';
import {
	type DeliveryHandling,
	headerOf,
	rawBodyOf,
	readRegistration,
	receiveDelivery,
	rejectDelivery,
	removeUnlessGone,
	safeEqual,
	type Subscriptions,
} from '../../shared/trigger/webhook';
import { field, mvRequest, payloadOf } from '../transport';
import type { TriggerEvent } from './query';
import { knownEvent } from '../../shared/trigger/descriptions';

/**
 * MediaValet SkyHOOK (reference §1.7 and §1.11): subscriptions need the Enterprise plan; every
 * delivery is one CloudEvents 1.0 JSON event per POST, and the endpoint is first validated with
 * Azure Event Grid's handshake (`aeg-event-type: SubscriptionValidation`).
 *
 * GUESSES, all here (docs/mediavalet.md#webhook-mode; the simulator follows them):
 * - the create body `{"endpointType":"Webhook","endpointUri","eventTypes"}`, its answer carrying
 *   `subscriptionId`, and the list answer (an array of records with `subscriptionId`/`id` and
 *   `endpointUri`, possibly in MediaValet's envelope);
 * - SkyHOOK signs nothing: the endpoint URI carries a random secret as a query parameter, which
 *   every delivery must bring back;
 * - `Asset.MediaFileAdded` with `Version` 1 is a new asset, a higher version a check-in.
 */

/** The SkyHOOK event types each trigger event subscribes to. */
export const WEBHOOK_EVENT_TYPES: Record<TriggerEvent, string[]> = {
	newAsset: ['Asset.MediaFileAdded'],
	updatedAsset: [
		'Asset.MediaFileAdded',
		'Asset.StatusUpdated',
		'Asset.AttributesAdded',
		'Asset.KeywordsAdded',
		'Asset.KeywordRemoved',
		'Category.AssetsAssigned',
		'Category.AssetUnassigned',
	],
};

const MEDIA_FILE_ADDED = 'Asset.MediaFileAdded';

/** GUESS: an asset's first media file is version 1; later ones are new versions (check-ins). */
function isFirstVersion(data: IDataObject): boolean {
	return Number(field(data, 'Version')) === 1;
}

/** Whether the trigger event starts on this SkyHOOK event. */
function watches(event: TriggerEvent, type: string, data: IDataObject): boolean {
	if (!WEBHOOK_EVENT_TYPES[event].includes(type)) return false;
	if (type !== MEDIA_FILE_ADDED) return true;
	return isFirstVersion(data) === (event === 'newAsset');
}

/** GUESS: the query parameter of the endpoint URI that carries the trigger's secret. */
export const SECRET_PARAMETER = 'n8nSecret';

/** The endpoint SkyHOOK calls: n8n's webhook URL plus the secret. */
export function endpointUriOf(url: string, secret: string): string {
	return `${url}${url.includes('?') ? '&' : '?'}${SECRET_PARAMETER}=${encodeURIComponent(secret)}`;
}

/**
 * Secrets of registrations being created, by workflow and node: SkyHOOK validates the endpoint
 * before it answers the create, so before n8n has saved the registration.
 */
const pendingSecrets = new Map<string, string>();

function pendingKey(this: IHookFunctions | IWebhookFunctions): string {
	return `${this.getWorkflow().id}/${this.getNode().id}`;
}

const SUBSCRIPTIONS = '/skyhook/subscriptions';

function idOf(record: unknown): string | undefined {
	const id = field(record, 'subscriptionId') ?? field(record, 'id');
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** The list answer: an array of subscriptions, enveloped or not, or an object holding one. */
function recordsOf(answer: unknown): IDataObject[] {
	const payload = payloadOf(answer);
	if (Array.isArray(payload)) return payload as IDataObject[];
	const list = field(payload, 'subscriptions') ?? field(payload, 'items');
	return Array.isArray(list) ? (list as IDataObject[]) : [];
}

async function listSubscriptions(this: IHookFunctions): Promise<IDataObject[]> {
	return recordsOf(await mvRequest.call(this, { method: 'GET', url: `${SUBSCRIPTIONS}/list` }));
}

async function deleteSubscription(this: IHookFunctions, id: string): Promise<void> {
	// A DELETE sent again finds it gone, which counts as deleted.
	await removeUnlessGone(
		async () =>
			await mvRequest.call(this, {
				method: 'DELETE',
				url: `${SUBSCRIPTIONS}/${encodeURIComponent(id)}`,
			}),
	);
}

export const mediaValetSubscriptions: Subscriptions = {
	async create(this: IHookFunctions, url: string) {
		const event = knownEvent(
			this.getNode(),
			WEBHOOK_EVENT_TYPES,
			this.getNodeParameter('event', 'newAsset'),
		);
		const eventTypes = WEBHOOK_EVENT_TYPES[event];
		const secret = randomBytes(24).toString('hex');
		const endpointUri = endpointUriOf(url, secret);
		const key = pendingKey.call(this);
		pendingSecrets.set(key, secret);
		const answer = await mvRequest
			.call(
				this,
				{
					method: 'POST',
					url: SUBSCRIPTIONS,
					body: { endpointType: 'Webhook', endpointUri, eventTypes },
					json: true,
				},
				{ commit: true },
			)
			.catch(async (error: unknown) => {
				// MediaValet may have subscribed without us learning the id: remove it, so that the
				// next activation starts clean, and report the failure.
				if (outcomeWasLost(error)) {
					const left = await listSubscriptions.call(this).catch(() => []);
					for (const record of left) {
						const id = idOf(record);
						if (id && field(record, 'endpointUri') === endpointUri)
							await deleteSubscription.call(this, id).catch(() => undefined);
					}
				}
				throw error;
			})
			.finally(() => pendingSecrets.delete(key));
		const id = idOf(payloadOf(answer));
		if (!id)
			throw new NodeOperationError(
				this.getNode(),
				'MediaValet created the SkyHOOK subscription but its answer has no subscriptionId',
			);
		return { id, secret };
	},
	async exists(this: IHookFunctions, registration) {
		return (await listSubscriptions.call(this)).some((record) => idOf(record) === registration.id);
	},
	async remove(this: IHookFunctions, registration) {
		await deleteSubscription.call(this, registration.id);
	},
};

/** Why the request does not carry the secret (undefined: it does). */
function secretProblem(this: IWebhookFunctions, secrets: Array<string | undefined>) {
	const given = (this.getQueryData() as IDataObject)[SECRET_PARAMETER];
	if (typeof given !== 'string' || !given) return 'The delivery does not carry the secret';
	return secrets.some((secret) => !!secret && safeEqual(given, secret))
		? undefined
		: 'The secret does not match';
}

/** The body as JSON: CloudEvents arrive as application/cloudevents+json, which n8n leaves unparsed. */
function jsonOf(this: IWebhookFunctions): unknown {
	const body = this.getBodyData() as unknown;
	if (body && typeof body === 'object' && Object.keys(body).length > 0) return body;
	try {
		return JSON.parse(rawBodyOf.call(this).toString('utf8')) as unknown;
	} catch {
		return undefined;
	}
}

const isObject = (value: unknown): value is IDataObject =>
	!!value && typeof value === 'object' && !Array.isArray(value);

/** The assets an event is about: `AssetIds`, `AssetId`, or the `/assets/<id>` of its subject. */
function assetIdsOf(data: IDataObject, subject: unknown): Array<string | null> {
	const many = field(data, 'AssetIds');
	if (Array.isArray(many) && many.length > 0) return many.map(String);
	const one = field(data, 'AssetId');
	if (typeof one === 'string' && one) return [one];
	const match = /\/assets\/([^/]+)/i.exec(String(subject ?? ''));
	return [match ? match[1] : null];
}

export const mediaValetDeliveries: DeliveryHandling = {
	verify(this: IWebhookFunctions, secret) {
		return secretProblem.call(this, [secret]);
	},
	deliveryKey(this: IWebhookFunctions) {
		// A CloudEvent's id is unique per event: SkyHOOK sends it again unchanged on a retry.
		const body = jsonOf.call(this);
		const id = isObject(body) ? body.id : undefined;
		return typeof id === 'string' && id ? `cloudevent:${id}` : undefined;
	},
	events(this: IWebhookFunctions) {
		const event = knownEvent(
			this.getNode(),
			WEBHOOK_EVENT_TYPES,
			this.getNodeParameter('event', 'newAsset'),
		);
		const body = jsonOf.call(this);
		const cloudEvents = (Array.isArray(body) ? body : [body]).filter(isObject);
		return cloudEvents.flatMap((cloudEvent) => {
			const type = String(cloudEvent.type ?? '');
			const data = isObject(cloudEvent.data) ? cloudEvent.data : {};
			if (!watches(event, type, data)) return [];
			return assetIdsOf(data, cloudEvent.subject).map((id) => ({
				event,
				eventType: type,
				id,
				eventId: cloudEvent.id,
				time: cloudEvent.time,
				source: cloudEvent.source,
				subject: cloudEvent.subject,
				data,
			}));
		});
	},
};

/** Answers Event Grid's validation handshake, once the request carries the secret. */
function answerValidation(this: IWebhookFunctions): IWebhookResponseData {
	const problem = secretProblem.call(this, [
		pendingSecrets.get(pendingKey.call(this)),
		readRegistration.call(this)?.secret,
	]);
	if (problem) return rejectDelivery.call(this, problem);
	const body = jsonOf.call(this);
	const first: unknown = Array.isArray(body) ? body[0] : body;
	const code = field(field(first, 'data'), 'validationCode');
	const response = this.getResponseObject();
	if (typeof code !== 'string' || !code)
		response.status(400).json({ error: 'The validation request has no validationCode' });
	else response.status(200).json({ validationResponse: code });
	return { noWebhookResponse: true };
}

/**
 * One request to the trigger's URL: the validation handshake, or a delivery (receiveDelivery).
 * Every answer allows the origin that asks (CloudEvents webhook validation headers).
 */
export function receiveSkyhook(this: IWebhookFunctions): IWebhookResponseData {
	const origin = headerOf.call(this, 'webhook-request-origin');
	if (origin) {
		const response = this.getResponseObject();
		response.setHeader('WebHook-Allowed-Origin', origin);
		response.setHeader('WebHook-Allowed-Rate', '*');
	}
	if (headerOf.call(this, 'aeg-event-type')?.toLowerCase() === 'subscriptionvalidation')
		return answerValidation.call(this);
	return receiveDelivery.call(this, mediaValetDeliveries);
}
