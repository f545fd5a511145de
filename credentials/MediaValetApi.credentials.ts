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

import { signInError, signInRequest } from '../nodes/shared/signIn';

/** An OAuth2 token error as "code: description" (invalid_grant: ...): the code says which part is wrong. */
function oauthError(body: unknown): string | undefined {
	const { error, error_description: description } = (body ?? {}) as Record<string, unknown>;
	if (typeof error !== 'string' || !error) return undefined;
	return typeof description === 'string' && description ? `${error}: ${description}` : error;
}

/**
 * MediaValet: an OAuth2 password-grant token (fetched here, kept in an expirable field so n8n
 * fetches a new one when it is empty or a request answers 401) plus the API Management
 * subscription key and the API version header on every call.
 */
export class MediaValetApi implements ICredentialType {
	name = 'mediaValetApi';

	displayName = 'MediaValet API';

	icon: Icon = {
		light: 'file:../nodes/MediaValet/mediaValet.svg',
		dark: 'file:../nodes/MediaValet/mediaValet.dark.svg',
	};

	documentationUrl = 'https://docs.mediavalet.com/';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: 'https://login.mediavalet.com/connect/token',
			required: true,
			description: 'The OAuth2 token endpoint of your MediaValet identity server',
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: 'https://api.mediavalet.com',
			required: true,
			description: 'Base URL of the MediaValet API',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'Client ID issued by MediaValet Support for API access',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Client secret issued with the client ID. Leave empty for a public client.',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			description: 'MediaValet user the workflow acts as (OAuth2 password grant)',
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
			displayName: 'Subscription Key',
			name: 'subscriptionKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'API Management subscription key from the MediaValet developer portal, sent as Ocp-Apim-Subscription-Key',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			options: [
				{ name: '1.0', value: '1.0' },
				{ name: '1.1', value: '1.1' },
				{ name: '1.2', value: '1.2' },
			],
			default: '1.2',
			description:
				'Sent as x-mv-api-version. With 1.2 a permission failure answers 403; older versions answer 401 for it.',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'openid api',
			description: 'OAuth2 scopes asked for with the token',
		},
	];

	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		const clientId = String(credentials.clientId ?? '');
		const clientSecret = String(credentials.clientSecret ?? '');
		const form = new URLSearchParams({
			grant_type: 'password',
			username: String(credentials.username ?? ''),
			password: String(credentials.password ?? ''),
			scope: String(credentials.scope || 'openid api'),
		});
		// A confidential client authenticates with HTTP Basic; a public one names itself in the form.
		if (!clientSecret) form.set('client_id', clientId);
		const answer = await signInRequest(this, 'MediaValet', {
			method: 'POST',
			url: String(credentials.tokenUrl),
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: form.toString(),
			auth: clientSecret ? { username: clientId, password: clientSecret } : undefined,
			json: false,
		});
		const body = answer.body;
		const token = (body as { access_token?: unknown } | undefined)?.access_token;
		if (answer.statusCode >= 400 || typeof token !== 'string' || token.length === 0) {
			const oauth = oauthError(body);
			throw signInError(
				'MediaValet',
				oauth ? { ...answer, body: oauth } : answer,
				'Check the token URL, client ID, client secret, username and password.',
			);
		}
		return { accessToken: token };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
				'Ocp-Apim-Subscription-Key': '={{$credentials.subscriptionKey}}',
				'x-mv-api-version': '={{$credentials.apiVersion}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.apiBaseUrl.replace(/\\/+$/, "")}}',
			url: '/users/current',
		},
	};
}
