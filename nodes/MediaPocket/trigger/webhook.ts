import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { outcomeWasLost } from '../../shared/transport';
import {
	type DeliveryHandling,
	headerOf,
	isGone,
	rawBodyOf,
	registrationName,
	removeUnlessGone,
	type Subscriptions,
	verifyHexHmac,
} from '../../shared/trigger/webhook';
import { splitList } from '../helpers/utils';
import { mediaPocketRequest } from '../transport';
import { watchedAssetIds } from './assetIds';
import { eventId } from './cursor';
import { EVENT_TYPES } from './eventTypes';

/**
 * Media Pocket webhooks (reference 3.5 "Webhooks (API)" and 3.8). Documented: the create body's
 * name, http_url, http_method and trigger_events, and the event names (the history's event_type
 * vocabulary). Everything else below is a GUESS, kept in this one place and followed by the
 * simulator (test/sandbox/mediapocket/webhooks.ts) and docs/mediapocket.md:
 * - the routes: POST/GET /api/v2/webhooks, GET/DELETE /api/v2/webhooks/:id, answers wrapped in
 *   "webhook" / "webhooks" as Media Pocket wraps its other resources;
 * - the signature: the UI has custom headers with a type HMAC; the create body is assumed to take
 *   them as `headers: [{key, value, type: "HMAC"}]`, and each delivery to carry that header with
 *   the hex HMAC-SHA256 of the raw body keyed with the value (a secret the trigger makes);
 * - the payload: a history event ({id, event_type, created_at, event_targets, ...}).
 */
export const WEBHOOKS_PATH = '/api/v2/webhooks';
/** The HMAC header the trigger asks for (its name is ours to choose). */
export const SIGNATURE_HEADER = 'X-Mediapocket-Signature';

/** Each "Event Types" option and the webhook trigger events it registers (the same name: 3.8). */
export const WEBHOOK_EVENT_TYPES: Record<string, string[]> = Object.fromEntries(
	EVENT_TYPES.map((type) => [type, [type]]),
);

/** The event types chosen under "Event Types" (none: every event). */
function chosenTypes(this: IHookFunctions | IWebhookFunctions): string[] {
	return splitList(this.getNodeParameter('eventTypes', []));
}

/** What the registration asks Media Pocket to send: the chosen types, or every asset event. */
export function triggerEvents(types: string[]): string[] {
	const chosen = types.length > 0 ? types : EVENT_TYPES;
	return [...new Set(chosen.flatMap((type) => WEBHOOK_EVENT_TYPES[type] ?? [type]))];
}

function isRecord(value: unknown): value is IDataObject {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

function recordOf(answer: unknown): IDataObject {
	if (!isRecord(answer)) return {};
	return isRecord(answer.webhook) ? answer.webhook : answer;
}

function recordsOf(answer: unknown): IDataObject[] {
	if (Array.isArray(answer)) return answer.filter(isRecord);
	const list = isRecord(answer) ? answer.webhooks : undefined;
	return Array.isArray(list) ? list.filter(isRecord) : [];
}

function webhookPath(id: string): string {
	return `${WEBHOOKS_PATH}/${encodeURIComponent(id)}`;
}

async function deleteWebhook(this: IHookFunctions, id: string): Promise<void> {
	// A DELETE may be sent again: a repeat finds it gone, which counts as deleted.
	await removeUnlessGone(
		async () => await mediaPocketRequest.call(this, 'DELETE', webhookPath(id)),
	);
}

export const mediaPocketSubscriptions: Subscriptions = {
	async create(this: IHookFunctions, url: string) {
		watchedAssetIds.call(this, false);
		const secret = randomBytes(32).toString('hex');
		const body: IDataObject = {
			name: registrationName.call(this),
			http_url: url,
			http_method: 'POST',
			trigger_events: triggerEvents(chosenTypes.call(this)),
			headers: [{ key: SIGNATURE_HEADER, value: secret, type: 'HMAC' }],
		};
		const answer = await mediaPocketRequest
			.call(this, 'POST', WEBHOOKS_PATH, { body, commit: true })
			.catch(async (error: unknown) => {
				// Media Pocket may have registered it without us learning its id: remove what is
				// registered for this URL, so that the next activation starts clean.
				if (outcomeWasLost(error)) {
					const left = await mediaPocketRequest
						.call(this, 'GET', WEBHOOKS_PATH)
						.then(recordsOf, () => []);
					for (const record of left)
						if (record.http_url === url && record.id !== undefined && record.id !== null)
							await deleteWebhook.call(this, String(record.id)).catch(() => undefined);
				}
				throw error;
			});
		const id = recordOf(answer).id;
		if (id === undefined || id === null || id === '')
			throw new NodeOperationError(
				this.getNode(),
				'Media Pocket registered the webhook but its answer has no id',
			);
		return { id: String(id), secret };
	},
	async exists(this: IHookFunctions, registration) {
		const found = await mediaPocketRequest.call(this, 'GET', webhookPath(registration.id)).then(
			() => true,
			(error: unknown) => {
				if (isGone(error)) return false;
				throw error;
			},
		);
		// A 404 may also mean the tenant lacks this (guessed) route: delete it too, so that
		// registering again leaves no second registration behind.
		if (!found) await deleteWebhook.call(this, registration.id).catch(() => undefined);
		return found;
	},
	async remove(this: IHookFunctions, registration) {
		await deleteWebhook.call(this, registration.id);
	},
};

/** The public ids of the assets an event targets (elasticsearch_id; the integer id is internal). */
export function assetTargetsOf(payload: IDataObject): string[] {
	const targets = Array.isArray(payload.event_targets) ? payload.event_targets : [];
	const ids: string[] = [];
	for (const entry of targets) {
		if (!isRecord(entry) || entry.target_type !== 'Asset' || !isRecord(entry.target)) continue;
		const { elasticsearch_id: publicId, id } = entry.target;
		const value = publicId ?? (typeof id === 'string' ? id : undefined);
		if (typeof value === 'string' && value && !ids.includes(value)) ids.push(value);
	}
	return ids;
}

export const mediaPocketDeliveries: DeliveryHandling = {
	verify(this: IWebhookFunctions, secret, rawBody) {
		return verifyHexHmac(secret, headerOf.call(this, SIGNATURE_HEADER), rawBody);
	},
	deliveryKey(this: IWebhookFunctions) {
		// The event's own id: the same event sent again is one event, whatever else changed.
		const body = this.getBodyData();
		const id = isRecord(body) ? eventId(body) : undefined;
		return id === undefined ? undefined : `event:${id}`;
	},
	events(this: IWebhookFunctions, body) {
		const payload = isRecord(body) ? body : {};
		const types = chosenTypes.call(this);
		if (types.length > 0 && !types.includes(String(payload.event_type))) return [];
		const watched = splitList(this.getNodeParameter('assetIds', ''));
		const targets = assetTargetsOf(payload);
		const assetId = watched.length > 0 ? targets.find((id) => watched.includes(id)) : targets[0];
		if (watched.length > 0 && assetId === undefined) return [];
		const options = this.getNodeParameter('options', {}) as IDataObject;
		return [
			{
				...payload,
				...(assetId !== undefined ? { asset_id: assetId } : {}),
				...(options.includeRawBody === true
					? { rawBody: rawBodyOf.call(this).toString('utf8') }
					: {}),
			},
		];
	},
};
