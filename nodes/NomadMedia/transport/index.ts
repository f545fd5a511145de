import type { IDataObject } from 'n8n-workflow';

import { findErrorMessage } from '../../shared/errors';
import {
	damRequest,
	type DamApi,
	type DamContext,
	type DamRequestExtras,
	type DamRequestOptions,
} from '../../shared/transport';

/** `https://admin-app.example.com`, `.../` or `.../api` all mean the API at `.../api`. */
export function apiBaseUrl(serviceUrl: unknown): string {
	return `${String(serviceUrl ?? '')
		.trim()
		.replace(/\/+$/, '')
		.replace(/\/api$/i, '')}/api`;
}

/**
 * The message of an RFC 7807 ProblemDetails body: `detail`, else `title`, followed by the
 * validation `errors` ASP.NET adds (`{ "UserName": ["The UserName field is required."] }`).
 */
export function problemMessage(body: unknown): string | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return findErrorMessage(body);
	const record = body as Record<string, unknown>;
	const main = [record.detail, record.title, record.message].find(
		(v) => typeof v === 'string' && v.length > 0,
	) as string | undefined;
	const errors =
		record.errors && typeof record.errors === 'object'
			? Object.entries(record.errors as Record<string, unknown>).map(([field, messages]) => {
					const text = (Array.isArray(messages) ? messages : [messages]).map(String).join(' ');
					return field && !field.startsWith('$') ? `${field}: ${text}` : text;
				})
			: [];
	if (!main && !errors.length) return findErrorMessage(body);
	if (!errors.length) return main;
	return `${main ? `${main.replace(/\.$/, '')}: ` : ''}${errors.join('; ')}`;
}

export const nomadApi: DamApi = {
	service: 'Nomad Media',
	credentialType: 'nomadMediaApi',
	renewsSession: true,
	baseUrl: (credentials) => apiBaseUrl(credentials.serviceUrl),
	errorMessage: (body, status) => {
		if (
			status === 401 &&
			(body === undefined || body === '' || (body as IDataObject)?.detail === undefined)
		) {
			return 'The access token was refused (HTTP 401 Unauthorized). Check the credential.';
		}
		return problemMessage(body);
	},
};

/** One call to the Nomad Media API (paths are below `/api`). */
export async function nomadRequest(
	this: DamContext,
	options: DamRequestOptions,
	extras: DamRequestExtras = {},
): Promise<IDataObject> {
	return await damRequest.call<
		DamContext,
		[DamApi, DamRequestOptions, DamRequestExtras],
		Promise<IDataObject>
	>(this, nomadApi, { headers: { Accept: 'application/json' }, ...options }, extras);
}
