import type { Router } from '../core/http';
import type { Subscription } from '../core/webhooks';
import { authenticate } from './auth';
import { matchesQuery } from './query';
import { service, wwError } from './services';
import type { Actor, WoodWingState } from './state';
import { type Asset, metadataOf } from './store';

/**
 * WoodWing Assets webhooks (§2.9): the admin API keeps registrations, and every change logged in
 * an asset's history is POSTed to the registrations that want its event type, folders and query,
 * signed as the server does (state.ts): X-Hook-Signature = hex HMAC-SHA256 of the raw body with
 * the registration's secretToken.
 * The list route (GET /services/admin/webhook) is the reference's guess, followed here.
 */

/** History actions and the webhook event type the server sends for them. */
const EVENT_OF_ACTION: Record<string, string> = {
	CREATE: 'asset_create',
	COPY: 'asset_create_by_copy',
	CHECKIN: 'asset_checkin',
	CHECKOUT: 'asset_checkout',
	UNDO_CHECKOUT: 'asset_undo_checkout',
	METADATA_UPDATE: 'asset_update_metadata',
	MOVE: 'asset_move',
	RENAME: 'asset_rename',
	REMOVE: 'asset_remove',
};

interface FoldersAndQuery {
	folders?: string[];
	query?: string;
}

function wants(state: WoodWingState, asset: Asset, subscription: Subscription): boolean {
	const scope = (subscription.extra?.foldersAndQuery ?? {}) as FoldersAndQuery;
	const metadata = metadataOf(asset);
	const folder = String(metadata.folderPath ?? '').toLowerCase();
	const folders = (scope.folders ?? []).map((f) => f.toLowerCase());
	if (folders.length > 0 && !folders.some((f) => folder === f || folder.startsWith(`${f}/`)))
		return false;
	return matchesQuery(
		scope.query ?? '',
		(field) => (field === 'id' ? asset.id : metadata[field]),
		state.now(),
	);
}

/** Sends the webhook for a history entry just logged (nothing for actions without an event). */
export function publishChange(
	state: WoodWingState,
	asset: Asset,
	actor: Actor,
	action: string,
	changedMetadata: unknown,
): void {
	const type = EVENT_OF_ACTION[action];
	if (!type || state.webhooks.subscriptions.size === 0) return;
	const all = metadataOf(asset);
	for (const subscription of state.webhooks.subscriptions.values()) {
		if (subscription.events.length > 0 && !subscription.events.includes(type)) continue;
		if (!wants(state, asset, subscription)) continue;
		const fields = (subscription.extra?.metadataToReturn as string[] | undefined) ?? [];
		const metadata = Object.fromEntries(
			fields.filter((field) => all[field] !== undefined).map((field) => [field, all[field]]),
		);
		state.webhooks.deliver(subscription, type, {
			timestamp: state.now(),
			type,
			assetId: asset.id,
			userName: actor.user,
			metadata,
			...(changedMetadata ? { changedMetadata } : {}),
		});
	}
}

export function webhookRoutes(router: Router, state: WoodWingState): Router {
	const record = (subscription: Subscription) => ({
		id: subscription.id,
		name: subscription.extra?.name,
		url: subscription.url,
		eventTypes: subscription.events,
		metadataToReturn: subscription.extra?.metadataToReturn ?? [],
		foldersAndQuery: subscription.extra?.foldersAndQuery ?? {},
		enabled: true,
	});
	return router
		.post(
			'/services/admin/webhook',
			service(state, async (req) => {
				authenticate(state, req);
				const body = (await req.json()) as Record<string, unknown>;
				if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url))
					throw wwError(400, 'A webhook needs a url');
				if (!Array.isArray(body.eventTypes) || body.eventTypes.length === 0)
					throw wwError(400, 'A webhook needs at least one event type');
				const subscription = state.webhooks.add({
					id: state.uuid(),
					url: body.url,
					events: body.eventTypes.map(String),
					secret: state.uuid().replace(/-/g, ''),
					createdAt: new Date(state.now()).toISOString(),
					extra: {
						name: body.name,
						metadataToReturn: body.metadataToReturn,
						foldersAndQuery: body.foldersAndQuery,
					},
				});
				return { body: { ...record(subscription), secretToken: subscription.secret } };
			}),
		)
		.get(
			'/services/admin/webhook',
			service(state, async (req) => {
				authenticate(state, req);
				return { body: [...state.webhooks.subscriptions.values()].map(record) };
			}),
		)
		.delete(
			'/services/admin/webhook/:id',
			service(state, async (req) => {
				authenticate(state, req);
				if (!state.webhooks.remove(req.params.id))
					throw wwError(404, `Webhook not found: ${req.params.id}`);
				return { body: {} };
			}),
		);
}
