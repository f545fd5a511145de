import { createHmac, timingSafeEqual } from 'crypto';
import type {
	IDataObject,
	IHookFunctions,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

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

export function readRegistration(
	this: IHookFunctions | IWebhookFunctions,
): Registration | undefined {
	const data = this.getWorkflowStaticData('node');
	const registration = data.registration as IDataObject | undefined;
	if (!registration || typeof registration.id !== 'string' || !registration.id) return undefined;
	return {
		id: registration.id,
		url: String(registration.url ?? ''),
		...(typeof registration.secret === 'string' ? { secret: registration.secret } : {}),
	};
}

export function saveRegistration(this: IHookFunctions, registration: Registration): void {
	this.getWorkflowStaticData('node').registration = { ...registration };
}

export function forgetRegistration(this: IHookFunctions): void {
	delete this.getWorkflowStaticData('node').registration;
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
