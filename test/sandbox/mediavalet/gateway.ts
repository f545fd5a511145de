import { randomBytes } from 'crypto';

import { HttpError, type Handler, type SimRequest, type SimResponse } from '../core/http';
import type { MediaValetState } from './model';
import { CLIENT, PUBLIC_CLIENT, SUBSCRIPTION_KEY, type SeedUser } from './seed';

const API_VERSIONS = ['1.0', '1.1', '1.2'];

/** Who is calling and which API version they asked for. */
export interface CallContext {
	user: SeedUser;
	version: string;
	state: MediaValetState;
}

export type ApiHandler = (req: SimRequest, ctx: CallContext) => Promise<SimResponse> | SimResponse;

/** MediaValet's response envelope (the superset of the documented and observed shapes). */
export function envelope(
	ctx: CallContext,
	payload: unknown,
	extra: {
		status?: number;
		errors?: unknown[];
		recordCount?: { total: number; offset: number; returned: number };
	} = {},
): SimResponse {
	const errors = extra.errors ?? [];
	const recordCount = extra.recordCount ?? {
		total: payload === null || payload === undefined ? 0 : 1,
		offset: 0,
		returned: payload === null || payload === undefined ? 0 : 1,
	};
	return {
		status: extra.status ?? 200,
		body: {
			apiVersion: ctx.version,
			warnings: [],
			errors,
			payload: payload ?? null,
			meta: {
				metaInformation: { ElapsedTimeInMS: 3 },
				warnings: [],
				errors,
				createdAt: ctx.state.clock.iso(),
			},
			recordCount: {
				totalRecordsFound: recordCount.total,
				startingRecord: recordCount.offset,
				recordsReturned: recordCount.returned,
			},
		},
	};
}

/** Permission failures: 403 with a message from API version 1.2 on, a bare 401 before it. */
export function requirePermission(ctx: CallContext, permission: string): void {
	if (ctx.user.permissions.includes(permission)) return;
	if (ctx.version === '1.2') {
		throw new HttpError(403, {
			message: `The current user does not have the '${permission}' permission`,
		});
	}
	throw new HttpError(401, '', { 'Content-Type': 'text/plain' });
}

function apim(status: number, message: string, headers: Record<string, string> = {}): HttpError {
	return new HttpError(status, { statusCode: status, message }, headers);
}

/**
 * The Azure API Management layer in front of the API: subscription key, quota, bearer token and
 * API version, in that order, then the handler.
 */
export function gateway(state: MediaValetState, handler: ApiHandler): Handler {
	return async (req) => {
		const key =
			req.header('ocp-apim-subscription-key') ?? req.query.get('subscription-key') ?? undefined;
		if (!key) {
			throw apim(
				401,
				'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
			);
		}
		if (key !== SUBSCRIPTION_KEY) {
			throw apim(
				401,
				'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
			);
		}
		if (state.config.quota > 0) {
			const now = state.clock.now();
			const used = state.quotaUsed.get(key);
			const windowMs = state.config.quotaWindowSeconds * 1000;
			if (!used || now - used.windowStart >= windowMs)
				state.quotaUsed.set(key, { windowStart: now, count: 1 });
			else if (used.count >= state.config.quota) {
				const wait = Math.max(1, Math.ceil((used.windowStart + windowMs - now) / 1000));
				throw apim(429, `Rate limit is exceeded. Try again in ${wait} seconds.`, {
					'Retry-After': String(wait),
				});
			} else used.count++;
		}
		const authorization = req.header('authorization') ?? '';
		const bearer = /^bearer\s+(\S+)$/i.exec(authorization);
		const token = bearer ? state.tokens.get(bearer[1]) : undefined;
		if (!token || token.expiresAt <= state.clock.now()) {
			const reason = !bearer
				? 'The access token is missing'
				: token
					? 'The access token expired'
					: 'The access token is invalid';
			throw new HttpError(401, '', {
				'Content-Type': 'text/plain',
				'WWW-Authenticate': `Bearer error="invalid_token", error_description="${reason}"`,
			});
		}
		const version = req.header('x-mv-api-version') ?? '1.0';
		if (!API_VERSIONS.includes(version)) {
			throw new HttpError(400, {
				message: `The API version '${version}' is not supported. Use one of ${API_VERSIONS.join(', ')}.`,
			});
		}
		const user = state.users.get(token.userId)!;
		return await handler(req, { user, version, state });
	};
}

function formOf(raw: Buffer): URLSearchParams {
	return new URLSearchParams(raw.toString('utf8'));
}

function oauthError(status: number, error: string, description?: string): HttpError {
	return new HttpError(status, description ? { error, error_description: description } : { error });
}

const newToken = () => randomBytes(24).toString('base64url');

/** POST /connect/token: an IdentityServer-style token endpoint (password, refresh_token, client_credentials behind a flag). */
export function tokenEndpoint(state: MediaValetState): Handler {
	return async (req) => {
		const type = req.header('content-type') ?? '';
		if (!type.includes('application/x-www-form-urlencoded')) {
			throw oauthError(400, 'invalid_request', 'The token request must be form-encoded');
		}
		const form = formOf(await req.body());
		let clientId = form.get('client_id') ?? undefined;
		let clientSecret = form.get('client_secret') ?? undefined;
		const basic = /^basic\s+(\S+)$/i.exec(req.header('authorization') ?? '');
		if (basic) {
			const [id, ...rest] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
			clientId = decodeURIComponent(id);
			clientSecret = decodeURIComponent(rest.join(':'));
		}
		const confidential = clientId === CLIENT.id && clientSecret === CLIENT.secret;
		const publicClient = clientId === PUBLIC_CLIENT.id && !clientSecret;
		if (!confidential && !publicClient) throw oauthError(401, 'invalid_client');

		const grant = form.get('grant_type');
		const scope = form.get('scope') ?? 'openid api';
		if (!scope.split(/\s+/).includes('api')) throw oauthError(400, 'invalid_scope');
		let user: SeedUser | undefined;
		if (grant === 'password') {
			user = [...state.users.values()].find(
				(candidate) =>
					candidate.username.toLowerCase() === (form.get('username') ?? '').toLowerCase() &&
					candidate.password === form.get('password'),
			);
			if (!user) throw oauthError(400, 'invalid_grant', 'invalid_username_or_password');
		} else if (grant === 'refresh_token') {
			const refresh = state.refreshTokens.get(form.get('refresh_token') ?? '');
			if (!refresh || refresh.used || refresh.clientId !== clientId)
				throw oauthError(400, 'invalid_grant');
			refresh.used = true;
			user = state.users.get(refresh.userId);
		} else if (grant === 'client_credentials' && state.config.clientCredentials) {
			user = [...state.users.values()][0];
		} else {
			throw oauthError(400, 'unsupported_grant_type');
		}
		const accessToken = `mv.${newToken()}`;
		state.tokens.set(accessToken, {
			token: accessToken,
			userId: user!.id,
			clientId: clientId!,
			scope,
			expiresAt: state.clock.now() + state.config.tokenLifetimeSeconds * 1000,
		});
		state.tokensIssued++;
		const body: Record<string, unknown> = {
			access_token: accessToken,
			expires_in: state.config.tokenLifetimeSeconds,
			token_type: 'Bearer',
			scope,
		};
		if (scope.split(/\s+/).includes('offline_access') && grant !== 'client_credentials') {
			const refreshToken = newToken();
			state.refreshTokens.set(refreshToken, {
				token: refreshToken,
				userId: user!.id,
				clientId: clientId!,
				scope,
				used: false,
			});
			body.refresh_token = refreshToken;
		}
		if (scope.split(/\s+/).includes('openid'))
			body.id_token = `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify({ sub: user!.id })).toString('base64url')}.`;
		return { status: 200, body, headers: { 'Cache-Control': 'no-store' } };
	};
}
