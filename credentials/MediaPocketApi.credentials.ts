import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

export class MediaPocketApi implements ICredentialType {
	name = 'mediaPocketApi';

	displayName = 'Media Pocket API';

	icon: Icon = {
		light: 'file:../nodes/MediaPocket/mediaPocket.svg',
		dark: 'file:../nodes/MediaPocket/mediaPocket.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-dam/n8n-nodes-dam/blob/main/docs/mediapocket.md#credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://yourcompany.mediapocket.fi',
			description: 'Address of your Media Pocket tenant, without /api/v2',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"An API key created in Media Pocket under your profile settings. The key acts as its user, with that user's role and permissions.",
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'X-API-KEY': '={{$credentials.apiKey}}',
			},
		},
	};

	// Lists the key owner's API keys: a cheap call that needs a valid key and nothing else.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/api\\/v2$/, "")}}',
			url: '/api/v2/user/api_keys',
			method: 'GET',
			headers: { 'Content-Type': 'application/json' },
		},
	};
}
