/** Redirects as the shared transport follows them: by hand, never with credentials to another origin. */

/** How many redirects one request may take before it is refused. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface RedirectPlan {
	/** Absolute URL to go to next. */
	url: URL;
	/** Method of the next request (a 303, or a 301/302 after a POST, turns into a GET without a body). */
	method: string;
	/** Whether the body and its headers go along (307/308 keep them). */
	keepsBody: boolean;
}

function headerValue(
	headers: Record<string, unknown> | undefined,
	name: string,
): string | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' && first.length > 0 ? first : undefined;
}

/** The redirect an answer asks for, or undefined when it is not one. Throws on a Location that is no URL. */
export function redirectOf(
	status: number,
	headers: Record<string, unknown> | undefined,
	currentUrl: string,
	method: string,
): RedirectPlan | undefined {
	if (!REDIRECT_STATUSES.has(status)) return undefined;
	const location = headerValue(headers, 'location');
	if (!location) return undefined;
	const url = new URL(location, currentUrl);
	const upper = method.toUpperCase();
	const toGet =
		(status === 303 && upper !== 'HEAD') ||
		((status === 301 || status === 302) && upper === 'POST');
	return { url, method: toGet ? 'GET' : upper, keepsBody: !toGet };
}

export function sameOrigin(a: string | URL, b: string | URL): boolean {
	try {
		return new URL(a).origin === new URL(b).origin;
	} catch {
		return false;
	}
}

/** A URL as it may be named in an error: the host only, never the path or the query (they may carry signatures). */
export function hostOf(url: string | URL): string {
	try {
		return new URL(url).host;
	} catch {
		return 'an invalid address';
	}
}

/** Joins a base URL and a path the way n8n's request helper does with `baseURL` and `url`. */
export function joinUrl(base: string, path: string): string {
	if (/^https?:\/\//i.test(path)) return path;
	return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
