import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import {
	damRequest,
	type DamApi,
	type DamContext,
	type DamRequestExtras,
} from '../../shared/transport';

/** Tenovos at the transport level: errors come as {message}, {status, message} or a bare string. */
export const tenovosApi: DamApi = {
	service: 'Tenovos',
	credentialType: 'tenovosApi',
	renewsSession: true,
	baseUrl: (credentials) =>
		String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, ''),
};

/**
 * One JSON call to the Tenovos API that answers with an object (X-API-Key, Authorization and
 * AccessToken come from the credential). Any other answer reads as an empty object.
 */
export async function tenovosRequest(
	this: DamContext,
	method: IHttpRequestMethods,
	url: string,
	body?: IDataObject | IDataObject[],
	extras: DamRequestExtras = {},
): Promise<IDataObject> {
	const options = { method, url, ...(body === undefined ? {} : { body }) };
	const response = await damRequest.call(this, tenovosApi, options, extras);
	return response && typeof response === 'object' && !Array.isArray(response)
		? (response as IDataObject)
		: {};
}

/** A GET that answers with a list (templates); any other answer reads as an empty list. */
export async function tenovosList(this: DamContext, url: string): Promise<IDataObject[]> {
	const response: unknown = await damRequest.call(this, tenovosApi, { method: 'GET', url });
	return Array.isArray(response) ? (response as IDataObject[]) : [];
}
