import { HttpError, type Router } from '../core/http';
import { WebhookOutbox } from '../core/webhooks';
import { envelope, gateway, type ApiHandler } from './gateway';
import type { Asset, MediaValetState, Version } from './model';
import { CONTAINER, LIBRARY_ID } from './seed';

/**
 * MediaValet SkyHOOK (reference §1.7, §1.11): subscriptions with an endpoint URI and event types,
 * validated with Azure Event Grid's handshake before they are created, then one CloudEvents 1.0
 * event per POST whenever an asset changes. Nothing is signed.
 *
 * Follows the trigger's guesses (nodes/MediaValet/trigger/webhook.ts): the create body
 * `{endpointType, endpointUri, eventTypes}` answering `subscriptionId`, the list as an array of
 * records in the envelope, and `Asset.MediaFileAdded` with `Version` 1 for a new asset.
 */

export const SKYHOOK_EVENT_TYPES = [
	'Asset.StatusUpdated',
	'Asset.MediaFileAdded',
	'Category.AssetsAssigned',
	'Category.AssetUnassigned',
	'Asset.KeywordsAdded',
	'Asset.KeywordRemoved',
	'Asset.AttributesAdded',
	'Asset.VideoRenditionsAdded',
];

/** Where the events come from: Event Grid's delivery headers (no signature). */
export function newSkyhookOutbox(): WebhookOutbox {
	return new WebhookOutbox(() => ({
		'content-type': 'application/cloudevents+json; charset=utf-8',
		'aeg-event-type': 'Notification',
		'webhook-request-origin': 'eventgrid.azure.net',
	}));
}

/** A validation handshake the simulator sent, and how it was answered. */
export interface Validation {
	/** The endpoint without its query (which may hold a secret). */
	endpoint: string;
	status?: number;
	error?: string;
	validated: boolean;
}

function publish(
	state: MediaValetState,
	type: string,
	subject: string,
	data: Record<string, unknown>,
): void {
	if (state.skyhook.subscriptions.size === 0) return;
	state.skyhook.publish(type, {
		id: state.uuid(),
		source: LIBRARY_ID,
		type,
		subject: `/library/${LIBRARY_ID}${subject}`,
		time: state.clock.iso(),
		specversion: '1.0',
		dataschema: '#',
		contenttype: 'application/json',
		data,
	});
}

/** A new media file: an asset's first (an upload, a seeded asset) or a check-in's new version. */
export function publishMediaFileAdded(state: MediaValetState, asset: Asset, version: Version) {
	publish(state, 'Asset.MediaFileAdded', `/assets/${asset.id}/MediaFile.FromUploadProcess`, {
		LibraryId: LIBRARY_ID,
		AssetId: asset.id,
		Version: version.version,
		FileName: version.fileName,
		FileSize: version.sizeInBytes,
		Reason: 'FromUploadProcess',
		CreatedAt: version.uploadedAt,
		MediaFileBlobUrl: state.env.azure.sasUrl(CONTAINER, version.blobName, 'r', 1).split('?')[0],
	});
}

export function publishAttributesAdded(
	state: MediaValetState,
	asset: Asset,
	attributes: Record<string, string>,
) {
	publish(state, 'Asset.AttributesAdded', `/assets/${asset.id}`, {
		LibraryId: LIBRARY_ID,
		AssetId: asset.id,
		Attributes: Object.entries(attributes).map(([Id, Value]) => ({ Id, Value })),
	});
}

export function publishAssetsAssigned(
	state: MediaValetState,
	assetIds: string[],
	categoryId: string,
) {
	publish(state, 'Category.AssetsAssigned', `/categories/${categoryId}`, {
		AssetIds: assetIds,
		CategoryId: categoryId,
		LibraryId: LIBRARY_ID,
		Name: state.categories.get(categoryId)?.name ?? '',
	});
}

/** Event Grid's handshake: POSTs a validation code, which the endpoint must echo back. */
async function validate(state: MediaValetState, endpointUri: string): Promise<Validation> {
	const code = state.uuid();
	const validation: Validation = { endpoint: endpointUri.split('?')[0], validated: false };
	state.skyhookValidations.push(validation);
	try {
		const response = await fetch(endpointUri, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'aeg-event-type': 'SubscriptionValidation',
				'webhook-request-origin': 'eventgrid.azure.net',
			},
			body: JSON.stringify([
				{
					id: state.uuid(),
					topic: `/skyhook/libraries/${LIBRARY_ID}`,
					subject: '',
					data: { validationCode: code },
					eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
					eventTime: state.clock.iso(),
					metadataVersion: '1',
					dataVersion: '1',
				},
			]),
			signal: AbortSignal.timeout(10_000),
		});
		validation.status = response.status;
		const text = await response.text();
		let answer: unknown;
		try {
			answer = JSON.parse(text);
		} catch {
			answer = undefined;
		}
		validation.validated =
			response.status === 200 &&
			(answer as { validationResponse?: unknown } | undefined)?.validationResponse === code;
	} catch (error) {
		validation.error = (error as Error).message;
	}
	return validation;
}

export function skyhookRoutes(router: Router, state: MediaValetState): Router {
	const api = (method: 'get' | 'post' | 'delete', path: string, handler: ApiHandler) =>
		router[method](
			path,
			gateway(state, async (req, ctx) => {
				if (!state.config.skyhook)
					throw new HttpError(403, { message: 'SkyHOOK requires the MediaValet Enterprise plan' });
				return await handler(req, ctx);
			}),
		);
	const record = (id: string) => {
		const subscription = state.skyhook.subscriptions.get(id)!;
		return {
			subscriptionId: subscription.id,
			endpointType: 'Webhook',
			endpointUri: subscription.url,
			eventTypes: subscription.events,
			createdAt: subscription.createdAt,
		};
	};
	api('get', '/skyhook/events', (_req, ctx) => envelope(ctx, SKYHOOK_EVENT_TYPES));
	api('post', '/skyhook/subscriptions', async (req, ctx) => {
		let body: Record<string, unknown>;
		try {
			body = await req.json();
		} catch {
			throw new HttpError(400, { message: 'The request body is not valid JSON' });
		}
		if (body?.endpointType !== 'Webhook')
			throw new HttpError(400, { message: 'endpointType must be "Webhook" (or "EventGrid")' });
		const endpointUri = body.endpointUri;
		if (typeof endpointUri !== 'string' || !/^https?:\/\//.test(endpointUri))
			throw new HttpError(400, { message: 'endpointUri must be an http(s) URL' });
		const eventTypes = body.eventTypes;
		if (!Array.isArray(eventTypes) || eventTypes.length === 0)
			throw new HttpError(400, { message: 'eventTypes must list at least one event type' });
		const unknown = eventTypes.find((type) => !SKYHOOK_EVENT_TYPES.includes(String(type)));
		if (unknown !== undefined)
			throw new HttpError(400, { message: `Unknown event type '${String(unknown)}'` });
		// Only an endpoint that answers the handshake is subscribed.
		const validation = await validate(state, endpointUri);
		if (!validation.validated)
			throw new HttpError(400, {
				message: `The endpoint did not answer the subscription validation handshake (${
					validation.error ?? `HTTP ${validation.status}`
				})`,
			});
		const subscription = state.skyhook.add({
			id: state.uuid(),
			url: endpointUri,
			events: eventTypes.map(String),
			secret: '',
			createdAt: state.clock.iso(),
		});
		return envelope(ctx, record(subscription.id), { status: 201 });
	});
	api('get', '/skyhook/subscriptions/list', (_req, ctx) => {
		const list = [...state.skyhook.subscriptions.keys()].map(record);
		return envelope(ctx, list, {
			recordCount: { total: list.length, offset: 0, returned: list.length },
		});
	});
	api('delete', '/skyhook/subscriptions/:id', (req, ctx) => {
		if (!state.skyhook.remove(req.params.id))
			throw new HttpError(404, { message: `Subscription ${req.params.id} was not found` });
		return envelope(ctx, null);
	});
	return router;
}
