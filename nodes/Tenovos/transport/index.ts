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

/** One JSON call to the Tenovos API, answer as it came (X-API-Key, Authorization and AccessToken come from the credential). */
export async function tenovosRequestRaw(
	this: DamContext,
	method: IHttpRequestMethods,
	url: string,
	body?: IDataObject | IDataObject[],
	extras: DamRequestExtras = {},
): Promise<unknown> {
	return await damRequest.call(
		this,
		tenovosApi,
		{ method, url, ...(body === undefined ? {} : { body }) },
		extras,
	);
}

/** One JSON call to the Tenovos API that answers with an object. */
export async function tenovosRequest(
	this: DamContext,
	method: IHttpRequestMethods,
	url: string,
	body?: IDataObject | IDataObject[],
	extras: DamRequestExtras = {},
): Promise<IDataObject> {
	const response = await tenovosRequestRaw.call(this, method, url, body, extras);
	return response && typeof response === 'object' && !Array.isArray(response)
		? (response as IDataObject)
		: {};
}
