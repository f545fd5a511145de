import { randomBytes } from 'crypto';

import type { Router, SimRequest } from '../core/http';
import { readParams, service, wwError } from './services';
import type { Session, WoodWingState } from './state';

/**
 * Sign-in: `/services/apilogin` issues a bearer token (JWT-like) with an inactivity expiry;
 * `/services/login` sets an `authToken` cookie and returns a `csrfToken`. Cookie sessions must
 * send `X-CSRF-TOKEN` on every POST (403 otherwise); bearer sessions need none.
 */

/** Fake but JWT-shaped token (header.payload.signature, base64url). */
function newToken(user: string): string {
	const header = Buffer.from(JSON.stringify({ alg: 'HS512', zip: 'DEF' })).toString('base64url');
	const payload = Buffer.from(
		JSON.stringify({ sub: user, jti: randomBytes(12).toString('hex') }),
	).toString('base64url');
	return `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
}

function cookieToken(req: SimRequest): string | undefined {
	const match = /(?:^|;\s*)authToken=([^;]+)/.exec(req.header('cookie') ?? '');
	return match ? match[1] : undefined;
}

/** The caller's session, enforcing token expiry and (for cookie sessions) CSRF on POST. */
export function authenticate(state: WoodWingState, req: SimRequest): Session {
	const bearer = /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '')?.[1];
	const token = bearer ?? cookieToken(req);
	const session = token ? state.sessions.get(token) : undefined;
	if (!session) throw wwError(401, 'Not logged in');
	if (state.now() - session.lastUsed > state.config.sessionTtlMs) {
		state.sessions.delete(session.token);
		throw wwError(401, 'Not logged in: your session has expired');
	}
	if (!bearer && session.kind === 'cookie' && req.method === 'POST') {
		const csrf = req.header('x-csrf-token');
		if (!csrf)
			throw wwError(
				403,
				'Missing CSRF token: send the csrfToken from the login response as X-CSRF-TOKEN',
			);
		if (csrf !== session.csrf) throw wwError(403, 'Invalid CSRF token');
	}
	session.lastUsed = state.now();
	return session;
}

const LOGIN_REFUSED = 'Invalid username or password';

export function authRoutes(router: Router, state: WoodWingState): Router {
	const openSession = (user: string, kind: Session['kind'], client: string, csrf?: string) => {
		const token = newToken(user);
		state.sessions.set(token, { token, user, kind, client, csrf, lastUsed: state.now() });
		return token;
	};
	const profile = service(state, async (req) => {
		const session = authenticate(state, req);
		const user = state.users[session.user];
		return {
			body: {
				username: session.user,
				fullName: user?.fullName ?? session.user,
				email: user?.email ?? '',
				locale: 'en_US',
				authorities: ['ROLE_USER', ...(session.user === 'admin' ? ['ROLE_ADMIN'] : [])],
				userZone: 'Users',
				groups: user?.groups ?? [],
			},
		};
	});
	return router
		.post(
			'/services/apilogin',
			service(state, async (req) => {
				const params = await readParams(state, req);
				const username = params.get('username') ?? '';
				const user = state.users[username];
				if (!user || user.password !== params.get('password')) {
					return {
						body: { loginSuccess: false, loginFaultMessage: LOGIN_REFUSED, authToken: null },
					};
				}
				const token = openSession(username, 'api', params.get('clientId') || 'api');
				return { body: { loginSuccess: true, serverVersion: '6.118.0.1', authToken: token } };
			}),
		)
		.post(
			'/services/login',
			service(state, async (req) => {
				const params = await readParams(state, req);
				let username = params.get('username') ?? '';
				let password = params.get('password');
				const cred = params.get('cred');
				if (cred) {
					const decoded = Buffer.from(cred, 'base64').toString('utf8');
					const colon = decoded.indexOf(':');
					username = decoded.slice(0, colon);
					password = decoded.slice(colon + 1);
				}
				const user = state.users[username];
				if (!user || user.password !== password)
					return { body: { loginSuccess: false, loginFaultMessage: LOGIN_REFUSED } };
				const csrf = randomBytes(16).toString('base64url');
				const client = params.get('clientType') || 'webclient';
				const token = openSession(username, 'cookie', client, csrf);
				const body: Record<string, unknown> = {
					loginSuccess: true,
					serverVersion: '6.118.0.1',
					csrfToken: csrf,
				};
				if (params.get('returnProfile') === 'true')
					body.userProfile = { username, fullName: user.fullName, email: user.email };
				return { headers: { 'Set-Cookie': [`authToken=${token}; Path=/; HttpOnly`] }, body };
			}),
		)
		.post(
			'/services/logout',
			service(state, async (req) => {
				const session = authenticate(state, req);
				state.sessions.delete(session.token);
				return { body: { logoutSuccess: true } };
			}),
		)
		.get('/services/profile', profile)
		.post('/services/profile', profile);
}
