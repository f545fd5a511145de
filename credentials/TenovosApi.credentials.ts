import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	Icon,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { signInError, signInRequest } from '../nodes/shared/signIn';

interface TenovosSession {
	authorization?: string;
	accessToken?: string;
	refreshToken?: string;
	expireEpoch?: number;
}

/** Which base URL, user and client the stored session belongs to: a refresh is only tried for the same. */
function sessionOwner(credentials: ICredentialDataDecryptedObject): string {
	return [tenovosBaseUrl(credentials), credentials.username, credentials.clientId ?? ''].join('|');
}

function tenovosBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
}

async function requestSession(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	body: IDataObject,
): Promise<TenovosSession> {
	const answer = await signInRequest(helper, 'Tenovos', {
		method: 'POST',
		url: `${tenovosBaseUrl(credentials)}/auth/token`,
		headers: { 'X-API-Key': String(credentials.apiKey ?? ''), 'Content-Type': 'application/json' },
		body,
		json: true,
	});
	if (answer.statusCode >= 400) {
		// API Gateway refuses a wrong key with 403 before the user is looked at.
		const hint = answer.statusCode === 403 ? 'Check the API key' : '';
		throw signInError('Tenovos', answer, hint);
	}
	const session = (answer.body as { session?: TenovosSession } | undefined)?.session;
	if (!session?.authorization || !session.accessToken) {
		throw new Error('Tenovos sign-in failed: the token response holds no session');
	}
	return session;
}

export class TenovosApi implements ICredentialType {
	name = 'tenovosApi';

	displayName = 'Tenovos API';

	icon: Icon = {
		light: 'file:../nodes/Tenovos/tenovos.svg',
		dark: 'file:../nodes/Tenovos/tenovos.dark.svg',
	};

	documentationUrl = 'https://api.tenovos.com/developer-portal';

	properties: INodeProperties[] = [
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.tenovos.io/v1',
			placeholder: 'https://enterprise.services.tenovos.io/content-store-v1',
			description:
				'The Tenovos API v1.5 URL (https://api.tenovos.io/v1, or https://api.uat.tenovos.io/v1 for UAT) or your v1 URL ending in /content-store-v1',
			required: true,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The customer API key issued by Tenovos Support, sent as X-API-Key',
			required: true,
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			description:
				'A Tenovos user, ideally a functional API user with the privileges the workflows need',
			required: true,
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			description:
				'Only for API v1 (content-store-v1 URLs): the client ID that came with the connection details',
		},
		{
			displayName: 'ID Token',
			name: 'idToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session For',
			name: 'sessionFor',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	];

	/**
	 * Runs when there is no session yet, or after a call was answered 401: refreshes the session with
	 * its refresh token when there is one for the same user, otherwise logs in (POST /auth/token).
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const owner = sessionOwner(credentials);
		if (credentials.refreshToken && credentials.accessToken && credentials.sessionFor === owner) {
			try {
				const session = await requestSession(this, credentials, {
					session: { accessToken: credentials.accessToken, refreshToken: credentials.refreshToken },
				});
				return {
					idToken: session.authorization,
					accessToken: session.accessToken,
					refreshToken: session.refreshToken || credentials.refreshToken,
					sessionFor: owner,
				};
			} catch {
				// The refresh token expired or was revoked: log in again below.
			}
		}
		const login: IDataObject = { username: credentials.username, password: credentials.password };
		if (credentials.clientId) login.clientId = credentials.clientId;
		const session = await requestSession(this, credentials, login);
		return {
			idToken: session.authorization,
			accessToken: session.accessToken,
			refreshToken: session.refreshToken ?? '',
			sessionFor: owner,
		};
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-API-Key': '={{$credentials.apiKey}}',
				// Tenovos expects the raw ID token here, without "Bearer "
				Authorization: '={{$credentials.idToken}}',
				AccessToken: '={{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/metadata/template',
		},
	};
}
