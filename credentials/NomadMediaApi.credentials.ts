import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { signInError, signInRequest, type SignInAnswer } from '../nodes/shared/signIn';

/** `https://admin-app.example.com`, `.../` or `.../api` all mean the API at `.../api`. */
function apiBase(serviceUrl: unknown): string {
	return `${String(serviceUrl ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/api$/i, '')}/api`;
}

/** The message of a ProblemDetails answer (detail, title, or the validation errors). */
function problemText(body: unknown): string {
	if (body && typeof body === 'object') {
		const record = body as Record<string, unknown>;
		const errors =
			record.errors && typeof record.errors === 'object'
				? Object.values(record.errors as object).flat()
				: [];
		const text = [record.detail, record.title, record.message].find(
			(v) => typeof v === 'string' && v.length > 0,
		) as string | undefined;
		return (
			[text, ...errors.map(String)].filter(Boolean).join(' ') || JSON.stringify(body).slice(0, 200)
		);
	}
	return typeof body === 'string' && body.length > 0 ? body.slice(0, 200) : 'no details given';
}

/**
 * Nomad Media: signs in with user name and password (`POST /api/account/login`) and keeps the bearer
 * token in an expirable field, so n8n signs in again when it is empty or a request answers 401. A
 * stored refresh token is tried first (`POST /api/account/refresh-token`), the password login after.
 */
export class NomadMediaApi implements ICredentialType {
	name = 'nomadMediaApi';

	displayName = 'Nomad Media API';

	icon: Icon = {
		light: 'file:../nodes/NomadMedia/nomadMedia.svg',
		dark: 'file:../nodes/NomadMedia/nomadMedia.dark.svg',
	};

	documentationUrl = 'https://docs.nomad.media/docs/authentication';

	properties: INodeProperties[] = [
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
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Session Key',
			name: 'sessionKey',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Service URL',
			name: 'serviceUrl',
			type: 'string',
			default: '',
			placeholder: 'https://admin-app.example.nomad-cms.com',
			required: true,
			description: 'Address of your Nomad Media admin API (the API itself lives under /api)',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'Nomad Media user (usually an email address) the workflow acts as',
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
			displayName: 'Application ID',
			name: 'applicationId',
			type: 'string',
			default: '',
			description: 'Optional application ID (GUID) sent with the login, for session tracking',
		},
	];

	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		const base = apiBase(credentials.serviceUrl);
		const username = String(credentials.username ?? '');
		// A refresh token belongs to one user on one host: never use it after either changed.
		const sessionKey = `${base}|${username.toLowerCase()}`;
		const post = async (path: string, body: IDataObject): Promise<SignInAnswer> =>
			await signInRequest(this, 'Nomad Media', {
				method: 'POST',
				url: `${base}${path}`,
				headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
				body: JSON.stringify(body),
				json: false,
			});
		const tokens = (answer: SignInAnswer): IDataObject | undefined => {
			const body = answer.body as { token?: unknown; refreshToken?: unknown } | undefined;
			if (answer.statusCode >= 400 || typeof body?.token !== 'string' || !body.token)
				return undefined;
			return {
				accessToken: body.token,
				refreshToken: typeof body.refreshToken === 'string' ? body.refreshToken : '',
				sessionKey,
			};
		};

		const refreshToken = String(credentials.refreshToken ?? '');
		if (refreshToken && credentials.sessionKey === sessionKey) {
			const refreshed = tokens(await post('/account/refresh-token', { refreshToken }));
			if (refreshed) return refreshed;
		}

		const login: IDataObject = { userName: username, password: String(credentials.password ?? '') };
		if (credentials.applicationId) login.applicationId = String(credentials.applicationId);
		const answer = await post('/account/login', login);
		const signedIn = tokens(answer);
		if (signedIn) return signedIn;
		const body = answer.body as { loginStatus?: unknown } | undefined;
		const status =
			typeof body?.loginStatus === 'string' ? ` (login status ${body.loginStatus})` : '';
		const hint =
			answer.statusCode === 404
				? 'Check the username and password.'
				: answer.statusCode === 403
					? 'The account cannot sign in (disabled, expired or pending).'
					: '';
		throw signInError(
			'Nomad Media',
			{ ...answer, body: `${problemText(body).replace(/\.$/, '')}${status}` },
			hint,
		);
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.serviceUrl.trim().replace(/\\/+$/, "").replace(/\\/api$/i, "")}}/api',
			url: '/ping/auth',
		},
	};
}
