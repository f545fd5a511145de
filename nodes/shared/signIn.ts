import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { describeHttpFailure, findErrorMessage, parseBody, redactUrls } from './errors';
import { hostOf, MAX_REDIRECTS, redirectOf, sameOrigin } from './redirects';

/** A sign-in answer: any status, the body parsed. */
export interface SignInAnswer {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/**
 * One request of a credential's sign-in (token, login, refresh). It carries a password or a
 * client secret, so n8n never follows its redirects: this follows one on the same origin and
 * refuses any to another host. Every status comes back as an answer for the credential to judge;
 * a broken connection throws a plain Error (no `response`: n8n must not take it for an expired
 * session and sign in again in a loop).
 */
export async function signInRequest(
	helper: IHttpRequestHelper,
	service: string,
	options: IHttpRequestOptions,
): Promise<SignInAnswer> {
	let request: IHttpRequestOptions = { ...options };
	for (let hops = 0; ; hops++) {
		let answer: { statusCode: number; headers: Record<string, unknown>; body: unknown } | undefined;
		let broken: unknown;
		try {
			answer = (await helper.helpers.httpRequest({
				...request,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				sendCredentialsOnCrossOriginRedirect: false,
			})) as typeof answer;
		} catch (error) {
			broken = error;
		}
		if (!answer) {
			const failure = describeHttpFailure(broken);
			throw new Error(
				`${service} sign-in failed: ${failure.message}${failure.code ? ` (${failure.code})` : ''}`,
			);
		}
		const redirect = redirectOf(
			answer.statusCode,
			answer.headers,
			request.url,
			request.method ?? 'GET',
		);
		if (!redirect)
			return {
				statusCode: answer.statusCode,
				headers: answer.headers ?? {},
				body: parseBody(answer.body),
			};
		if (!sameOrigin(redirect.url, request.url)) {
			throw new Error(
				`${service} sign-in failed: the server redirected it to ${hostOf(redirect.url)}; the sign-in was not sent there, as it carries the password. Check the URL in the credential.`,
			);
		}
		if (hops >= MAX_REDIRECTS)
			throw new Error(`${service} sign-in failed: more than ${MAX_REDIRECTS} redirects`);
		request = {
			...request,
			url: redirect.url.toString(),
			method: redirect.method as IHttpRequestOptions['method'],
			qs: undefined,
		};
		if (!redirect.keepsBody) delete request.body;
	}
}

/** The message of a failed sign-in: the service, the status and what its body says. */
export function signInError(service: string, answer: SignInAnswer, hint = ''): Error {
	const said =
		findErrorMessage(answer.body) ??
		(typeof answer.body === 'string' && answer.body
			? answer.body.slice(0, 200)
			: 'no details given');
	return new Error(
		redactUrls(
			`${service} sign-in failed (HTTP ${answer.statusCode}): ${said}${hint ? `. ${hint}` : ''}`,
		),
	);
}
