import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { newCredentialsHelper, nodeTypes } from './engine';
import { credentialTypes } from './nodeTypes';

/**
 * What the editor's "Test" button does with a credential type's `test` request: resolve its
 * expressions against the credential, run preAuthentication (always, as n8n does when testing),
 * apply `authenticate`, send it, and judge the answer by status (and `rules`, if any).
 */
export async function testCredential(
	typeName: string,
	data: ICredentialDataDecryptedObject,
): Promise<{ status: 'OK' | 'Error'; message: string; httpStatus?: number }> {
	const type = credentialTypes().get(typeName);
	if (!type?.test) throw new Error(`${typeName} has no credential test`);
	const test = type.test as ICredentialTestRequest;
	const helper = newCredentialsHelper({ [typeName]: data });
	const credentials = helper.get(typeName)!;
	const node: INode = {
		id: 't',
		name: 'Credential Test',
		type: 'test.start',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const resolve = (value: unknown): unknown => {
		if (typeof value === 'string' && value.startsWith('=')) {
			return workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
		}
		if (value && typeof value === 'object' && !Array.isArray(value)) {
			return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
		}
		return value;
	};
	try {
		if (typeof type.preAuthentication === 'function') {
			const helpers = {
				httpRequest: async (options: IHttpRequestOptions) => await plainRequest(options),
			};
			Object.assign(
				credentials,
				await type.preAuthentication.call({ helpers } as never, credentials),
			);
		}
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	let request = resolve(test.request) as IHttpRequestOptions;
	request = await helper.authenticate(
		credentials,
		typeName,
		{ ...request, url: request.url ?? '' },
		workflow,
		node,
	);
	const response = await plainRequest({
		...request,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	});
	const full = response as { statusCode: number; body: unknown };
	if (full.statusCode >= 400) {
		const body = full.body as { message?: string; error?: string } | string;
		const message =
			typeof body === 'string' ? body : (body?.message ?? body?.error ?? JSON.stringify(body));
		return {
			status: 'Error',
			message: `Authorization failed - please check your credentials (${full.statusCode}: ${message})`,
			httpStatus: full.statusCode,
		};
	}
	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseCode' && full.statusCode === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
		if (rule.type === 'responseSuccessBody') {
			const value = String(rule.properties.key)
				.split('.')
				.reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], full.body);
			if (value === rule.properties.value)
				return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection tested successfully', httpStatus: full.statusCode };
}

/** A minimal stand-in for n8n's httpRequest helper, used only by credential tests. */
async function plainRequest(options: IHttpRequestOptions): Promise<unknown> {
	const url = new URL((options.baseURL ?? '') + (options.url ?? ''));
	for (const [key, value] of Object.entries(options.qs ?? {}))
		url.searchParams.set(key, String(value));
	const headers: Record<string, string> = Object.fromEntries(
		Object.entries(options.headers ?? {}).map(([k, v]) => [k, String(v)]),
	);
	let body: string | undefined;
	if (
		options.body !== undefined &&
		options.body !== null &&
		options.method &&
		options.method !== 'GET'
	) {
		if (options.body instanceof URLSearchParams) body = options.body.toString();
		else if (typeof options.body === 'string') body = options.body;
		else {
			const form = Object.entries(headers)
				.find(([k]) => k.toLowerCase() === 'content-type')?.[1]
				?.includes('x-www-form-urlencoded');
			body = form
				? new URLSearchParams(options.body as Record<string, string>).toString()
				: JSON.stringify(options.body);
			if (!form && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type'))
				headers['Content-Type'] = 'application/json';
		}
	}
	if (options.auth)
		headers.Authorization = `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`;
	const response = await fetch(url, { method: options.method ?? 'GET', headers, body });
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = text;
	}
	if (!options.ignoreHttpStatusErrors && response.status >= 400) {
		const error = new Error(`Request failed with status code ${response.status}`) as Error & {
			response: unknown;
		};
		error.response = {
			status: response.status,
			data: parsed,
			headers: Object.fromEntries(response.headers),
		};
		throw error;
	}
	return options.returnFullResponse
		? { statusCode: response.status, body: parsed, headers: Object.fromEntries(response.headers) }
		: parsed;
}
