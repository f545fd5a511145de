import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { signInError, signInRequest } from '../nodes/shared/signIn';

const SERVICE = 'WoodWing Assets';

/** The two ways WoodWing Assets Server lets an integration log in. */
type LoginStyle = 'apiLogin' | 'sessionLogin';

interface LoginResponse {
	loginSuccess?: boolean;
	loginFaultMessage?: string;
	authToken?: string | null;
	csrfToken?: string;
	errorcode?: number;
	message?: string;
}

function serverUrl(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.url ?? '')
		.trim()
		.replace(/\/+$/, '');
}

/** `name=value` pairs of every Set-Cookie header (n8n gives an array, fetch a comma-joined string). */
function cookiesFrom(header: unknown): string {
	const list = Array.isArray(header)
		? header.map(String)
		: typeof header === 'string'
			? header.split(/,(?=\s*[A-Za-z0-9_.-]+=)/)
			: [];
	return list
		.map((cookie) => cookie.split(';')[0].trim())
		.filter((pair) => /^[^=\s]+=[^;]*$/.test(pair))
		.join('; ');
}

export class WoodWingAssetsApi implements ICredentialType {
	name = 'woodWingAssetsApi';

	displayName = 'WoodWing Assets API';

	icon: Icon = {
		light: 'file:../nodes/WoodWingAssets/woodWingAssets.svg',
		dark: 'file:../nodes/WoodWingAssets/woodWingAssets.dark.svg',
	};

	// This legacy rule targets docs.n8n.io slugs of n8n's own nodes; a community package links a full URL
	// (which @n8n/community-nodes/credential-documentation-url requires).
	documentationUrl = 'https://github.com/n8n-nodes-dam/n8n-nodes-dam/blob/main/docs/woodwing.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://acme.woodwing.cloud',
			description:
				'Address of your WoodWing Assets Server (self-hosted or WoodWing cloud), without /services',
		},
		{
			displayName: 'Login Style',
			name: 'loginStyle',
			type: 'options',
			options: [
				{
					name: 'API Login (Recommended)',
					value: 'apiLogin',
					description:
						'Logs in at /services/apilogin with an API user and sends the token as a bearer header. No CSRF token needed.',
				},
				{
					name: 'Session Login',
					value: 'sessionLogin',
					description:
						'Logs in at /services/login like a browser: a session cookie, plus the CSRF token on every POST. Does not use an API licence.',
				},
			],
			default: 'apiLogin',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
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
			placeholder: 'e.g. 7f1c2a4e-0d5b-4a8e-9c1e-3b6f0a2d9e11',
			description:
				'Optional stable identifier of this n8n installation, sent with the API login. Assets checked out under a client ID can only be checked in with the same ID.',
			displayOptions: { show: { loginStyle: ['apiLogin'] } },
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to connect even if the server certificate cannot be validated (self-signed certificates)',
		},
		{
			// Bearer token (API login) or session cookie(s) (session login). Filled by preAuthentication,
			// renewed by n8n when a request answers 401.
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'CSRF Token',
			name: 'csrfToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	/** Logs in and returns the token(s) n8n stores in the hidden fields. */
	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		const style = (credentials.loginStyle as LoginStyle | undefined) ?? 'apiLogin';
		const form = new URLSearchParams({
			username: String(credentials.username ?? ''),
			password: String(credentials.password ?? ''),
		});
		if (style === 'apiLogin' && credentials.clientId)
			form.set('clientId', String(credentials.clientId));
		if (style === 'sessionLogin') form.set('clientType', 'api_n8n');
		const request: IHttpRequestOptions = {
			method: 'POST',
			url: `${serverUrl(credentials)}/services/${style === 'sessionLogin' ? 'login' : 'apilogin'}`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: form.toString(),
			json: true,
			skipSslCertificateValidation: credentials.ignoreSslIssues === true,
		};
		const response = await signInRequest(this, SERVICE, request);
		const body = response.body;
		const result = (body && typeof body === 'object' ? body : {}) as LoginResponse;
		if (result.loginSuccess !== true) {
			// The server's own refusal (HTTP 200 with loginFaultMessage) in its words; an HTTP error
			// (a wrong URL, a server failure) as every sign-in of the package reports one.
			if (result.loginFaultMessage) throw new Error(`Login failed: ${result.loginFaultMessage}`);
			if (response.statusCode >= 400) {
				const hint = response.statusCode === 404 ? 'Check the Server URL (without /services)' : '';
				throw signInError(SERVICE, response, hint);
			}
			throw new Error(`Login failed: ${result.message ?? 'the server did not confirm the login'}`);
		}
		if (style === 'sessionLogin') {
			const cookies = cookiesFrom(response.headers?.['set-cookie']);
			if (!cookies) throw new Error('Login succeeded but the server set no session cookie');
			if (!result.csrfToken)
				throw new Error('Login succeeded but the server returned no csrfToken');
			return { sessionToken: cookies, csrfToken: result.csrfToken };
		}
		if (!result.authToken)
			throw new Error('API login succeeded but the server returned no authToken');
		return { sessionToken: result.authToken, csrfToken: '' };
	}

	/** Bearer token (API login) or cookie + X-CSRF-TOKEN on POST (session login). */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
		const token = String(credentials.sessionToken ?? '');
		if (credentials.loginStyle === 'sessionLogin') {
			// Keep other cookies of the request, but replace the session's own (after a renewal n8n
			// authenticates the already authenticated request again).
			const existing = Object.keys(headers).find((key) => key.toLowerCase() === 'cookie');
			const names = new Set(token.split(';').map((pair) => pair.split('=')[0].trim()));
			const others = existing
				? String(headers[existing])
						.split(';')
						.map((pair) => pair.trim())
						.filter((pair) => pair && !names.has(pair.split('=')[0].trim()))
				: [];
			if (existing) delete headers[existing];
			headers.Cookie = [...others, token].join('; ');
			if ((requestOptions.method ?? 'GET').toUpperCase() === 'POST')
				headers['X-CSRF-TOKEN'] = String(credentials.csrfToken ?? '');
		} else {
			headers.Authorization = `Bearer ${token}`;
		}
		const options: IHttpRequestOptions = { ...requestOptions, headers };
		if (credentials.ignoreSslIssues === true) options.skipSslCertificateValidation = true;
		return options;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.url.trim().replace(/\\/+$/, "")}}',
			url: '/services/profile',
			method: 'POST',
		},
		rules: [
			{
				// Servers with returnStatusOkOnErrorForServicesApi answer errors with HTTP 200.
				type: 'responseSuccessBody',
				properties: {
					key: 'errorcode',
					value: 401,
					message: 'Not logged in: check the username, password and login style',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errorcode',
					value: 403,
					message: 'The server refused the request (for session login: the CSRF token)',
				},
			},
		],
	};
}
