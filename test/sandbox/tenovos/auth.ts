import { randomBytes, randomUUID } from 'crypto';

import { HttpError, type Router, type SimRequest } from '../core/http';
import type { SimClock } from '../core/kit';
import {
	TENOVOS_API_KEY,
	TENOVOS_CLIENT_ID,
	TENOVOS_PASSWORD,
	TENOVOS_USER,
	TENOVOS_USER_ID,
} from './data';

const HOUR = 3600 * 1000;
const REFRESH_LIFE = 30 * 24 * HOUR;
const POOL = 'us-east-1_SandBox01';

const b64url = (value: object | Buffer) =>
	(Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

/** A Cognito-looking JWT (not verifiable: the sandbox keeps its own table of issued tokens). */
function jwt(payload: Record<string, unknown>): string {
	return `${b64url({ kid: 'sandbox', alg: 'RS256' })}.${b64url(payload)}.${b64url(randomBytes(32))}`;
}

interface Session {
	username: string;
	idToken: string;
	accessToken: string;
	expires: number;
	refreshToken: string;
}

export interface AuthStats {
	logins: number;
	refreshes: number;
	failedLogins: number;
	unauthorized: number;
}

/** Tenovos' token operation (Cognito behind API Gateway): login, refresh, expiry, header checks. */
export class TenovosAuth {
	private sessions = new Map<string, Session>(); // by access token
	private refreshTokens = new Map<string, { username: string; expires: number }>();
	requireClientId = false;
	stats: AuthStats = { logins: 0, refreshes: 0, failedLogins: 0, unauthorized: 0 };

	/** Tokens expire on the simulator's clock (tests move it with POST /sims/tenovos/clock). */
	constructor(private readonly clock: SimClock) {}

	now(): number {
		return this.clock.now();
	}

	reset(): void {
		this.sessions.clear();
		this.refreshTokens.clear();
		this.requireClientId = false;
		this.stats = { logins: 0, refreshes: 0, failedLogins: 0, unauthorized: 0 };
	}

	/** API Gateway's key check, before anything else: 403 {"message":"Forbidden"}. */
	checkApiKey(req: SimRequest): void {
		if (req.header('x-api-key') !== TENOVOS_API_KEY)
			throw new HttpError(403, { message: 'Forbidden' });
	}

	/** The authorizer: raw ID token in Authorization and the access token of the same session in AccessToken. */
	checkTokens(req: SimRequest): Session {
		this.checkApiKey(req);
		const accessToken = req.header('accesstoken');
		const authorization = req.header('authorization');
		const session = accessToken ? this.sessions.get(accessToken) : undefined;
		if (!session || authorization !== session.idToken || session.expires <= this.now()) {
			this.stats.unauthorized++;
			throw new HttpError(401, { message: 'Unauthorized' });
		}
		return session;
	}

	private issue(username: string, refreshToken?: string): Session {
		const iat = Math.floor(this.now() / 1000);
		const exp = iat + 3600;
		const common = {
			sub: TENOVOS_USER_ID,
			iss: `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`,
			iat,
			exp,
			jti: randomUUID(),
		};
		const session: Session = {
			username,
			idToken: jwt({
				...common,
				token_use: 'id',
				aud: TENOVOS_CLIENT_ID,
				'cognito:username': username,
				email: username,
			}),
			accessToken: jwt({ ...common, token_use: 'access', client_id: TENOVOS_CLIENT_ID, username }),
			expires: exp * 1000,
			refreshToken:
				refreshToken ??
				`eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.${b64url(randomBytes(48))}`,
		};
		this.sessions.set(session.accessToken, session);
		if (!refreshToken)
			this.refreshTokens.set(session.refreshToken, {
				username,
				expires: this.now() + REFRESH_LIFE,
			});
		return session;
	}

	private answer(session: Session, clientId: string) {
		return {
			endpointUrl: 'https://api.tenovos.io/v1',
			clientId,
			userPoolId: POOL,
			username: session.username,
			password: '',
			session: {
				authorization: session.idToken,
				accessToken: session.accessToken,
				refreshToken: session.refreshToken,
				expireEpoch: session.expires,
			},
		};
	}

	/** POST /auth/token: a login with username/password, or a refresh with { session }. */
	async token(req: SimRequest) {
		this.checkApiKey(req);
		const body = await req.json().catch(() => undefined);
		if (!body || typeof body !== 'object' || Array.isArray(body)) {
			throw new HttpError(400, { status: 'error', message: 'Invalid Authentication Parameters' });
		}
		if (body.session && typeof body.session === 'object') {
			const entry = this.refreshTokens.get(String(body.session.refreshToken ?? ''));
			if (!entry || entry.expires <= this.now()) {
				throw new HttpError(401, { status: 'error', message: 'Invalid Refresh Token' });
			}
			this.stats.refreshes++;
			return {
				body: this.answer(
					this.issue(entry.username, String(body.session.refreshToken)),
					TENOVOS_CLIENT_ID,
				),
			};
		}
		const { username, password, clientId } = body as Record<string, unknown>;
		if (this.requireClientId && !clientId) {
			this.stats.failedLogins++;
			throw new HttpError(401, {
				status: 'error',
				message:
					"2 validation errors detected: Value '' at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+; Value '' at 'clientId' failed to satisfy constraint: Member must have length greater than or equal to 1",
			});
		}
		if (!username) {
			this.stats.failedLogins++;
			throw new HttpError(401, { status: 'error', message: 'Invalid Authentication Parameters' });
		}
		if (!password) {
			this.stats.failedLogins++;
			throw new HttpError(401, { status: 'error', message: 'Missing required parameter PASSWORD' });
		}
		if (
			(clientId && clientId !== TENOVOS_CLIENT_ID) ||
			username !== TENOVOS_USER ||
			password !== TENOVOS_PASSWORD
		) {
			this.stats.failedLogins++;
			throw new HttpError(401, { status: 'error', message: 'Incorrect username or password.' });
		}
		this.stats.logins++;
		return {
			body: this.answer(this.issue(String(username)), String(clientId ?? TENOVOS_CLIENT_ID)),
		};
	}

	/** DELETE /auth/token: ends the session of the given access token. */
	async expire(req: SimRequest) {
		this.checkApiKey(req);
		const accessToken = req.header('accesstoken');
		const session = accessToken ? this.sessions.get(accessToken) : undefined;
		if (!session)
			throw new HttpError(401, {
				status: 'error',
				message: 'Failed to Expire Session and Logout 1',
			});
		this.sessions.delete(session.accessToken);
		this.refreshTokens.delete(session.refreshToken);
		return { body: this.answer(session, TENOVOS_CLIENT_ID) };
	}

	/** Control: revoke every access token (the next call gets 401), optionally the refresh tokens too. */
	revoke(refresh: boolean): void {
		this.sessions.clear();
		if (refresh) this.refreshTokens.clear();
	}
}

/** POST /auth/token (login, refresh) and DELETE /auth/token (logout). */
export function registerAuthRoutes(router: Router, auth: TenovosAuth): void {
	router
		.post('/auth/token', (req) => auth.token(req))
		.delete('/auth/token', (req) => auth.expire(req));
}
