import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { outcomeWasLost } from '../../shared/transport';
import {
	type DeliveryHandling,
	headerOf,
	removeUnlessGone,
	registrationName,
	type Subscriptions,
	verifyHexHmac,
} from '../../shared/trigger/webhook';
import { wwRequest } from '../transport';
import { scopeClauses, type Scope, type WoodWingEvent } from './source';
import { knownEvent } from '../../shared/trigger/descriptions';

/**
 * WoodWing Assets webhooks (§2.9 of the reference): registered with the admin API, which needs a
 * super user and a Pro or API licence. Every delivery carries X-Hook-Signature, the hex
 * HMAC-SHA256 of the raw body keyed with the registration's secretToken.
 */

/** The webhook event types each trigger event registers for and starts on. */
export const WEBHOOK_EVENT_TYPES: Record<WoodWingEvent, string[]> = {
	newAsset: ['asset_create', 'asset_create_by_copy', 'asset_create_from_filestore_rescue'],
	updatedAsset: ['asset_update_metadata', 'asset_checkin', 'asset_move', 'asset_rename'],
	checkedIn: ['asset_checkin'],
	checkedOut: ['asset_checkout'],
	metadataChanged: ['asset_update_metadata', 'asset_move', 'asset_rename'],
};

/** What each delivery returns of the asset (the payload's `metadata`). */
const METADATA_TO_RETURN = [
	'assetPath',
	'folderPath',
	'filename',
	'assetDomain',
	'assetType',
	'status',
	'versionNumber',
	'assetModifier',
	'checkedOutBy',
];

const ADMIN_PATH = '/services/admin/webhook';

interface WebhookRecord {
	id?: string;
	url?: string;
	secretToken?: string;
}

/** The list answer: an array, or an object holding one (the list path and shape are guesses). */
function recordsOf(answer: unknown): WebhookRecord[] {
	if (Array.isArray(answer)) return answer as WebhookRecord[];
	const object = (answer ?? {}) as IDataObject;
	const list = object.webhooks ?? object.items ?? object.results;
	return Array.isArray(list) ? (list as WebhookRecord[]) : [];
}

async function listWebhooks(this: IHookFunctions): Promise<WebhookRecord[]> {
	return recordsOf(
		await wwRequest.call(this, { method: 'GET', url: ADMIN_PATH }, { effect: 'read' }),
	);
}

async function deleteWebhook(this: IHookFunctions, id: string): Promise<void> {
	// A DELETE may be sent again: a repeat finds it gone, which counts as deleted.
	await removeUnlessGone(
		async () =>
			await wwRequest.call(
				this,
				{ method: 'DELETE', url: `${ADMIN_PATH}/${encodeURIComponent(id)}` },
				{ effect: 'read' },
			),
	);
}

export function woodWingSubscriptions(scopeOf: (this: IHookFunctions) => Scope): Subscriptions {
	return {
		async create(this: IHookFunctions, url: string) {
			const event = knownEvent(
				this.getNode(),
				WEBHOOK_EVENT_TYPES,
				this.getNodeParameter('event', 'newAsset'),
			);
			const scope = scopeOf.call(this);
			const body = {
				name: registrationName.call(this),
				url,
				eventTypes: WEBHOOK_EVENT_TYPES[event],
				metadataToReturn: METADATA_TO_RETURN,
				foldersAndQuery: {
					folders: scope.folder ? [scope.folder] : [],
					query: scopeClauses(scope).join(' AND '),
				},
				enabled: true,
			};
			const answer = (await wwRequest
				.call(this, { method: 'POST', url: ADMIN_PATH, body, json: true }, { effect: 'acts' })
				.catch(async (error: unknown) => {
					// The server may have registered it without us learning the secret: remove it, so
					// that the next activation starts clean, and report the failure.
					if (outcomeWasLost(error)) {
						const left = await listWebhooks.call(this).catch(() => []);
						for (const record of left)
							if (record.url === url && record.id)
								await deleteWebhook.call(this, record.id).catch(() => undefined);
					}
					throw error;
				})) as WebhookRecord;
			if (!answer?.id || !answer.secretToken)
				throw new NodeOperationError(
					this.getNode(),
					'WoodWing Assets registered the webhook but its answer has no id and secretToken',
				);
			return { id: String(answer.id), secret: String(answer.secretToken) };
		},
		async exists(this: IHookFunctions, registration) {
			return (await listWebhooks.call(this)).some((record) => record.id === registration.id);
		},
		async remove(this: IHookFunctions, registration) {
			await deleteWebhook.call(this, registration.id);
		},
	};
}

/** Whether a path is the folder or inside it (WoodWing paths compare without case). */
function within(path: unknown, folder: string, includeSubfolders: boolean): boolean {
	if (typeof path !== 'string') return true;
	const p = path.toLowerCase();
	const f = folder.toLowerCase();
	return p === f || (includeSubfolders && p.startsWith(`${f}/`));
}

export function woodWingDeliveries(scopeOf: (this: IWebhookFunctions) => Scope): DeliveryHandling {
	return {
		verify(this: IWebhookFunctions, secret, rawBody) {
			return verifyHexHmac(secret, headerOf.call(this, 'x-hook-signature'), rawBody);
		},
		events(this: IWebhookFunctions, body) {
			const event = knownEvent(
				this.getNode(),
				WEBHOOK_EVENT_TYPES,
				this.getNodeParameter('event', 'newAsset'),
			);
			const payload = (body ?? {}) as IDataObject;
			if (!WEBHOOK_EVENT_TYPES[event].includes(String(payload.type))) return [];
			const scope = scopeOf.call(this);
			const metadata = (payload.metadata ?? {}) as IDataObject;
			// The server filters by folder too; a delivery from elsewhere is not this trigger's.
			if (scope.folder && !within(metadata.folderPath, scope.folder, scope.includeSubfolders))
				return [];
			return [
				{
					event,
					eventType: payload.type,
					id: payload.assetId,
					timestamp: payload.timestamp,
					...(payload.userName !== undefined ? { userName: payload.userName } : {}),
					metadata,
					...(payload.changedMetadata !== undefined
						? { changedMetadata: payload.changedMetadata }
						: {}),
				},
			];
		},
	};
}
