import { createHash, createHmac, timingSafeEqual } from 'crypto';
import type {
	IDataObject,
	IHookFunctions,
	INodeProperties,
	IPollFunctions,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

/**
 * Webhook triggers are a mode of each DAM's trigger node ("Trigger On"), beside polling.
 *
 * n8n asks a node with `webhooks` for its HTTP method when it activates the workflow: in polling
 * mode the method is empty, so n8n registers no webhook, calls none of the webhook methods and
 * runs "Fetch Test Event" as a poll; in webhook mode the poll returns at once without a request.
 */
export const TRIGGER_WEBHOOKS: IWebhookDescription[] = [
	{
		name: 'default',
		httpMethod: '={{$parameter["triggerOn"] === "webhook" ? "POST" : ""}}',
		responseMode: 'onReceived',
		path: 'webhook',
		ndvHideUrl: '={{$parameter["triggerOn"] !== "webhook"}}',
		ndvHideMethod: true,
	},
];

/** The "Trigger On" choice; `webhookHint` says what the DAM needs for webhooks (plan, rights). */
export function triggerOnProperty(webhookHint: string): INodeProperties {
	return {
		displayName: 'Trigger On',
		name: 'triggerOn',
		type: 'options',
		noDataExpression: true,
		default: 'polling',
		options: [
			{
				name: 'Polling',
				value: 'polling',
				description: 'Search the DAM for changes at the Poll Times',
			},
			{
				name: 'Webhook',
				value: 'webhook',
				description: `The DAM calls n8n the moment something happens: the trigger registers a webhook when the workflow is activated and removes it when it is deactivated. ${webhookHint} n8n must be reachable from the DAM at its public URL (WEBHOOK_URL).`,
			},
		],
	};
}

export function isWebhookMode(this: IHookFunctions | IPollFunctions | IWebhookFunctions) {
	return this.getNodeParameter('triggerOn', 'polling') === 'webhook';
}

/**
 * What a webhook trigger keeps in the workflow's static data ("node"): the DAM's id for the
 * registration and the secret it signs deliveries with. Written on create, removed on delete.
 */
export interface Registration {
	id: string;
	secret?: string;
	/** The URL registered, so that a changed n8n URL registers again. */
	url: string;
}

/** The node static-data key of the registration; poll-state writers leave it alone. */
export const REGISTRATION_KEY = 'registration';

export function readRegistration(
	this: IHookFunctions | IWebhookFunctions,
): Registration | undefined {
	const data = this.getWorkflowStaticData('node');
	const registration = data[REGISTRATION_KEY] as IDataObject | undefined;
	if (!registration || typeof registration.id !== 'string' || !registration.id) return undefined;
	return {
		id: registration.id,
		url: String(registration.url ?? ''),
		...(typeof registration.secret === 'string' ? { secret: registration.secret } : {}),
	};
}

export function saveRegistration(this: IHookFunctions, registration: Registration): void {
	this.getWorkflowStaticData('node')[REGISTRATION_KEY] = { ...registration };
}

export function forgetRegistration(this: IHookFunctions): void {
	delete this.getWorkflowStaticData('node')[REGISTRATION_KEY];
}

/** What a DAM offers to manage its webhook registrations. */
export interface Subscriptions {
	/** Registers `url` for what the node's parameters ask; the DAM's id and signing secret. */
	create(this: IHookFunctions, url: string): Promise<Omit<Registration, 'url'>>;
	/** Whether the DAM still has the registration. */
	exists(this: IHookFunctions, registration: Registration): Promise<boolean>;
	/** Deletes it; a registration the DAM no longer has counts as deleted. */
	remove(this: IHookFunctions, registration: Registration): Promise<void>;
}

/**
 * n8n's webhook methods on a DAM's registrations: activation registers unless the DAM still has
 * the registration for this URL (a changed n8n URL registers again), deactivation deletes it.
 * The id and secret live in the workflow's static data; the secret never goes into an item.
 */
export function subscriptionMethods(subscriptions: Subscriptions) {
	return {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (!isWebhookMode.call(this)) return true;
				const registration = readRegistration.call(this);
				if (!registration) return false;
				if (registration.url === this.getNodeWebhookUrl('default')) {
					if (await subscriptions.exists.call(this, registration)) return true;
				} else {
					await subscriptions.remove.call(this, registration).catch(() => undefined);
				}
				forgetRegistration.call(this);
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (!isWebhookMode.call(this)) return true;
				const url = this.getNodeWebhookUrl('default') as string;
				saveRegistration.call(this, { ...(await subscriptions.create.call(this, url)), url });
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const registration = readRegistration.call(this);
				if (!registration) return true;
				try {
					await subscriptions.remove.call(this, registration);
				} catch {
					// Kept: the next activation finds and reuses it, or deletes it then.
					return false;
				}
				forgetRegistration.call(this);
				return true;
			},
		},
	};
}

/** How a DAM's deliveries are checked and read. */
export interface DeliveryHandling {
	/** Why the delivery is not the DAM's (undefined: it is), checked on the raw body. */
	verify(this: IWebhookFunctions, secret: string, rawBody: Buffer): string | undefined;
	/** What identifies the delivery, to recognise one sent again; the raw body's hash by default. */
	deliveryKey?(this: IWebhookFunctions, rawBody: Buffer): string | undefined;
	/** The events the trigger watches in the delivery (none: answered 200, nothing started). */
	events(this: IWebhookFunctions, body: unknown): IDataObject[];
}

/** Deliveries seen recently by this n8n process (key -> when), to start nothing twice. */
const recentDeliveries = new Map<string, number>();
const RECENT_MS = 24 * 3600 * 1000;
const RECENT_MAX = 10_000;

/** Whether the key was seen in the last day by this process; records it. */
export function seenBefore(key: string, nowMs = Date.now()): boolean {
	const at = recentDeliveries.get(key);
	if (at !== undefined && nowMs - at < RECENT_MS) return true;
	recentDeliveries.set(key, nowMs);
	// Oldest first (insertion order): drop what is past the window or beyond the cap.
	for (const [oldKey, when] of recentDeliveries) {
		if (recentDeliveries.size <= RECENT_MAX && nowMs - when < RECENT_MS) break;
		recentDeliveries.delete(oldKey);
	}
	return false;
}

/**
 * One delivery to the trigger's URL: refused with 401 unless signed with the registration's
 * secret, answered 200 without an execution when it is a delivery seen before or holds no event
 * the trigger watches, and otherwise starts the workflow with one item per event (n8n answers
 * at once: responseMode onReceived).
 */
export function receiveDelivery(
	this: IWebhookFunctions,
	handling: DeliveryHandling,
): IWebhookResponseData {
	const registration = readRegistration.call(this);
	if (!registration?.secret) return rejectDelivery.call(this, 'The trigger is not registered');
	const rawBody = rawBodyOf.call(this);
	const problem = handling.verify.call(this, registration.secret, rawBody);
	if (problem) return rejectDelivery.call(this, problem);
	const key =
		handling.deliveryKey?.call(this, rawBody) ?? createHash('sha256').update(rawBody).digest('hex');
	if (seenBefore(`${this.getWorkflow().id}/${this.getNode().id}/${registration.id}/${key}`))
		return acknowledge.call(this);
	const events = handling.events.call(this, this.getBodyData());
	if (events.length === 0) return acknowledge.call(this);
	return { workflowData: [events.map((json) => ({ json }))] };
}

/** Equal strings in time that does not depend on where they differ. */
export function safeEqual(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

/** The request body exactly as it arrived (what signatures are computed over). */
export function rawBodyOf(this: IWebhookFunctions): Buffer {
	const request = this.getRequestObject() as unknown as { rawBody?: Buffer; body?: unknown };
	if (Buffer.isBuffer(request.rawBody)) return request.rawBody;
	// n8n keeps rawBody for JSON bodies; anything else falls back to the parsed body re-serialised.
	return Buffer.from(
		typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? {}),
	);
}

export function hmacSha256(
	key: string | Buffer,
	data: string | Buffer,
	encoding: 'hex' | 'base64',
) {
	return createHmac('sha256', key).update(data).digest(encoding);
}

/** A header as one string (n8n hands over Node's lower-cased headers). */
export function headerOf(this: IWebhookFunctions, name: string): string | undefined {
	const value = this.getHeaderData()[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : typeof value === 'string' ? value : undefined;
}

/** Answers 401 and starts nothing: the delivery was not signed by the DAM. */
export function rejectDelivery(this: IWebhookFunctions, reason: string): IWebhookResponseData {
	const response = this.getResponseObject();
	response.status(401).json({ error: reason });
	return { noWebhookResponse: true };
}

/** Answers 200 and starts nothing (an event type the trigger does not watch, a handshake). */
export function acknowledge(this: IWebhookFunctions): IWebhookResponseData {
	const response = this.getResponseObject();
	response.status(200).json({ received: true });
	return { noWebhookResponse: true };
}

/**
 * Svix-style signatures (Tenovos): `webhook-signature` holds space-separated `v1,<base64>` entries,
 * each an HMAC-SHA256 of `id.timestamp.rawBody` keyed with the base64 part of the secret after
 * `whsec_`. Deliveries older or newer than `toleranceSeconds` are refused (replays).
 */
export function verifySvix(
	secret: string,
	headers: { id?: string; timestamp?: string; signature?: string },
	rawBody: Buffer,
	nowMs = Date.now(),
	toleranceSeconds = 300,
): string | undefined {
	const { id, timestamp, signature } = headers;
	if (!id || !timestamp || !signature) return 'The delivery is not signed';
	const seconds = Number(timestamp);
	if (!Number.isFinite(seconds) || Math.abs(nowMs / 1000 - seconds) > toleranceSeconds)
		return 'The delivery is too old or from the future';
	const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
	const expected = hmacSha256(
		key,
		Buffer.concat([Buffer.from(`${id}.${timestamp}.`), rawBody]),
		'base64',
	);
	const matches = signature
		.split(' ')
		.map((entry) => entry.split(','))
		.some(([version, value]) => version === 'v1' && !!value && safeEqual(value, expected));
	return matches ? undefined : 'The signature does not match';
}

/** A hex HMAC-SHA256 of the raw body (WoodWing's X-Hook-Signature, Media Pocket's guess). */
export function verifyHexHmac(secret: string, signature: string | undefined, rawBody: Buffer) {
	if (!signature) return 'The delivery is not signed';
	const expected = hmacSha256(secret, rawBody, 'hex');
	return safeEqual(
		signature
			.trim()
			.toLowerCase()
			.replace(/^sha256=/, ''),
		expected,
	)
		? undefined
		: 'The signature does not match';
}

/** A DAM answer saying the registration is not there (deleted already, or never made). */
export function isGone(error: unknown): boolean {
	const code = (error as { httpCode?: string | null })?.httpCode;
	return code === '404' || code === '410';
}

/** Sends a removal; a registration the DAM no longer has counts as removed. */
export async function removeUnlessGone(request: () => Promise<unknown>): Promise<void> {
	await request().then(
		() => undefined,
		(error: unknown) => {
			if (!isGone(error)) throw error;
		},
	);
}

/** The name a trigger gives its registrations, so a DAM administrator knows whose they are. */
export function registrationName(this: IHookFunctions): string {
	return `n8n: ${this.getWorkflow().name ?? this.getWorkflow().id} / ${this.getNode().name}`.slice(
		0,
		100,
	);
}
