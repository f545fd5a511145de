import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { runWorkflow } from '../harness/engine';
import { testCredential } from '../harness/credentialTest';
import { Sandbox } from '../harness/sandbox';
import { TENOVOS_API_KEY, TENOVOS_CLIENT_ID } from '../sandbox/tenovos/data';
import { tenovos, tenovosCredentials } from './helpers';

describe('Tenovos credential: token operation, three headers, refresh after expiry', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await Sandbox.start();
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	beforeEach(async () => {
		await sandbox.reset();
	});

	it('passes the credential test with a valid user and key', async () => {
		const result = await testCredential('tenovosApi', tenovosCredentials(sandbox).tenovosApi);
		assert.equal(result.status, 'OK', result.message);
		const journal = await sandbox.journal('tenovos');
		assert.deepEqual(
			journal.map((e) => `${e.method} ${e.path} ${e.status}`),
			['POST /auth/token 200', 'GET /metadata/template 200'],
		);
		assert.equal(journal[0].headers['x-api-key'], TENOVOS_API_KEY);
		assert.equal(journal[0].headers.authorization, undefined, 'login needs no Authorization');
	});

	it('fails the credential test with the DAM message for a wrong password or API key', async () => {
		const wrongPassword = await testCredential(
			'tenovosApi',
			tenovosCredentials(sandbox, { password: 'nope' }).tenovosApi,
		);
		assert.equal(wrongPassword.status, 'Error');
		assert.match(
			wrongPassword.message,
			/^Tenovos sign-in failed \(HTTP 401\): Incorrect username or password\./,
		);
		const wrongKey = await testCredential(
			'tenovosApi',
			tenovosCredentials(sandbox, { apiKey: 'wrong' }).tenovosApi,
		);
		assert.equal(wrongKey.status, 'Error');
		assert.match(wrongKey.message, /sign-in failed \(HTTP 403\): Forbidden\. Check the API key/);
		const state = await sandbox.sim('tenovos', 'GET', '/state');
		assert.equal(state.auth.logins, 0);
	});

	it('sends X-API-Key, the raw ID token and the access token on every call and reuses the session across runs', async () => {
		const credentials = tenovosCredentials(sandbox);
		const first = await runWorkflow([tenovos('search', { returnAll: false, limit: 5 })], {
			credentials,
		});
		assert.equal(first.error, undefined, first.error?.message);
		const second = await runWorkflow([tenovos('search', { returnAll: false, limit: 5 })], {
			helper: first.helper,
		});
		assert.equal(second.error, undefined, second.error?.message);
		assert.equal(first.helper.preAuthCalls.get('tenovosApi'), 1, 'one login for both runs');

		const journal = await sandbox.journal('tenovos');
		const login = journal.filter((e) => e.path === '/auth/token');
		assert.equal(login.length, 1);
		const tokenResponse = first.helper.get('tenovosApi')!;
		const calls = journal.filter((e) => e.path !== '/auth/token');
		assert.equal(calls.length, 2);
		for (const call of calls) {
			assert.equal(call.headers['x-api-key'], TENOVOS_API_KEY);
			assert.equal(call.headers.authorization, tokenResponse.idToken, 'raw ID token, no "Bearer "');
			assert.equal(call.headers.accesstoken, tokenResponse.accessToken);
			assert.equal(call.status, 200);
		}
		const payload = JSON.parse(
			Buffer.from(String(tokenResponse.idToken).split('.')[1], 'base64url').toString(),
		);
		assert.equal(payload.token_use, 'id');
	});

	it('refreshes with the refresh token after the hour-long token expired, then logs in again once the refresh token is gone', async () => {
		const credentials = tenovosCredentials(sandbox);
		const first = await runWorkflow([tenovos('search', { limit: 1 })], { credentials });
		assert.equal(first.error, undefined, first.error?.message);
		const oldAccess = first.helper.get('tenovosApi')!.accessToken;

		await sandbox.sim('tenovos', 'POST', '/clock', { advanceMs: 3601 * 1000 });
		const afterExpiry = await runWorkflow([tenovos('search', { limit: 1 })], {
			helper: first.helper,
		});
		assert.equal(afterExpiry.error, undefined, afterExpiry.error?.message);
		let state = await sandbox.sim('tenovos', 'GET', '/state');
		assert.equal(state.auth.logins, 1);
		assert.equal(state.auth.refreshes, 1, 'the refresh token was used instead of the password');
		assert.notEqual(
			first.helper.get('tenovosApi')!.accessToken,
			oldAccess,
			'new token stored in the credential',
		);
		const searches = (await sandbox.journal('tenovos')).filter((e) => e.path === '/search/keyword');
		assert.deepEqual(
			searches.map((e) => e.status),
			[200, 401, 200],
		);

		await sandbox.sim('tenovos', 'POST', '/revoke', { refreshTokens: true });
		const afterRevoke = await runWorkflow([tenovos('search', { limit: 1 })], {
			helper: first.helper,
		});
		assert.equal(afterRevoke.error, undefined, afterRevoke.error?.message);
		state = await sandbox.sim('tenovos', 'GET', '/state');
		assert.equal(state.auth.logins, 2, 'fell back to a login');
	});

	it('sends the client ID for API v1, and reports the DAM message when it is missing', async () => {
		await sandbox.sim('tenovos', 'POST', '/config', { requireClientId: true });
		const missing = await runWorkflow([tenovos('search', { limit: 1 })], {
			credentials: tenovosCredentials(sandbox),
		});
		assert.ok(missing.error);
		assert.match(
			missing.error.message,
			/^Tenovos sign-in failed \(HTTP 401\): 2 validation errors detected: Value '' at 'clientId'/,
		);
		const withClient = await runWorkflow([tenovos('search', { limit: 1 })], {
			credentials: tenovosCredentials(sandbox, { clientId: TENOVOS_CLIENT_ID }),
		});
		assert.equal(withClient.error, undefined, withClient.error?.message);
		const logins = (await sandbox.journal('tenovos')).filter((e) => e.path === '/auth/token');
		assert.equal(
			(logins[logins.length - 1].body as { clientId?: string }).clientId,
			TENOVOS_CLIENT_ID,
		);
	});

	it('stops with the DAM message when the user cannot log in', async () => {
		const result = await runWorkflow([tenovos('search', { limit: 1 })], {
			credentials: tenovosCredentials(sandbox, { password: 'nope' }),
		});
		assert.ok(result.error);
		assert.match(
			result.error.message,
			/sign-in failed \(HTTP 401\): Incorrect username or password/,
		);
		const logins = (await sandbox.journal('tenovos')).filter((e) => e.path === '/auth/token');
		assert.equal(logins.length, 1, 'a failed login is not retried as if the token had expired');
	});
});
