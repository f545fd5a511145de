/**
 * Keeps secrets out of anything stored with an execution: signed URLs (SAS tokens, presigned S3
 * signatures) and credentials a DAM may echo back in an error body.
 */

const REDACTED = '[redacted]';

/** A URL's query string, also when the URL sits JSON-escaped in a text (`https:\/\/host\/path?...`). */
const URL_QUERY = /(https?:(?:\/\/|\\\/\\\/)[^\s?"'<>\\]*(?:\\\/[^\s?"'<>\\]*)*)\?[^\s"'<>]*/gi;
/**
 * Signature-bearing query values that appear without their URL (`sig=`, `Signature=`, `X-Amz-*=`),
 * and webhook secrets (`n8nSecret=`, the parameter MediaValet's endpoint URI carries).
 */
const BARE_SIGNATURE =
	/\b(sig|signature|x-amz-[a-z-]+|x-goog-[a-z-]+|token|access_token|refresh_token|id_token|[a-z0-9_]*secret)=([^\s&"'<>;,)]+)/gi;

/** Removes query strings from URLs and the values of signature parameters, so no text can replay a signed request. */
export function redactUrls(text: string): string {
	return text
		.replace(URL_QUERY, `$1?${REDACTED}`)
		.replace(BARE_SIGNATURE, (match, name: string, value: string) =>
			value === REDACTED ? match : `${name}=${REDACTED}`,
		);
}

/** Keys whose values are secrets wherever they appear in a DAM body. */
const SECRET_KEY =
	/token|password|passwd|secret|authorization|api[-_ ]?key|apikey|cookie|credential|signature|session[-_ ]?key/i;

export function isSecretKey(key: string): boolean {
	return SECRET_KEY.test(key);
}

/**
 * A deep copy of `value` with every string redacted and every secret-named key dropped. Bounded
 * in depth and size: error bodies are meant for people, not for storage.
 */
export function redactDeep(value: unknown, depth = 0): unknown {
	if (typeof value === 'string') return redactUrls(value);
	if (value === null || typeof value !== 'object') return value;
	if (depth > 8) return '[truncated]';
	if (Array.isArray(value)) return value.slice(0, 100).map((entry) => redactDeep(entry, depth + 1));
	if (Buffer.isBuffer(value)) return redactUrls(value.toString('utf8', 0, 65_536));
	const copy: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
		if (isSecretKey(key)) continue;
		copy[key] = redactDeep(entry, depth + 1);
	}
	return copy;
}
