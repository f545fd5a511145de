import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { testCredential } from '../harness/credentialTest';
import { newCredentialsHelper, runWorkflow } from '../harness/engine';
import { Sandbox } from '../harness/sandbox';
import {
	CREDENTIAL,
	byId,
	credentialData,
	credentials,
	seedAsset,
	setConfig,
	wwNode,
} from './helpers';

describe('WoodWing Assets credential', () => {
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

	it('tests OK with API login and with session login', async () => {
		for (const loginStyle of ['apiLogin', 'sessionLogin'] as const) {
			const result = await testCredential(CREDENTIAL, credentialData(sandbox, { loginStyle }));
			assert.equal(result.status, 'OK', `${loginStyle}: ${result.message}`);
		}
		const journal = await sandbox.journal('woodwing');
		assert.deepEqual(
			journal.map((e) => `${e.method} ${e.path} ${e.status}`),
			[
				'POST /services/apilogin 200',
				'POST /services/profile 200',
				'POST /services/login 200',
				'POST /services/profile 200',
			],
		);
		assert.match(journal[1].headers.authorization, /^Bearer eyJ/);
		assert.equal(
			journal[1].headers['x-csrf-token'],
			undefined,
			'no CSRF token with the bearer token',
		);
		assert.match(journal[3].headers.cookie, /^authToken=eyJ/);
		assert.ok(journal[3].headers['x-csrf-token'], 'CSRF token on the session POST');
	});

	it('reports a wrong password with the server message, for both login styles', async () => {
		for (const loginStyle of ['apiLogin', 'sessionLogin'] as const) {
			const result = await testCredential(
				CREDENTIAL,
				credentialData(sandbox, { loginStyle, password: 'wrong' }),
			);
			assert.equal(result.status, 'Error');
			assert.match(result.message, /Login failed: Invalid username or password/);
		}
	});

	it('reports a login the server answers with an HTTP error as a sign-in failure with the status and its message', async () => {
		await sandbox.fault({
			target: 'woodwing',
			path: '^/services/(api)?login$',
			status: 500,
			body: { errorcode: 500, message: 'Database unavailable' },
			times: 2,
		});
		for (const loginStyle of ['apiLogin', 'sessionLogin'] as const) {
			const result = await testCredential(CREDENTIAL, credentialData(sandbox, { loginStyle }));
			assert.equal(result.status, 'Error');
			assert.match(
				result.message,
				/WoodWing Assets sign-in failed \(HTTP 500\): Database unavailable/,
				loginStyle,
			);
		}
		// A wrong Server URL (the path answers 404): the hint says what to check.
		const wrongUrl = await testCredential(
			CREDENTIAL,
			credentialData(sandbox, { url: `${sandbox.url('woodwing')}/services` }),
		);
		assert.match(
			wrongUrl.message,
			/sign-in failed \(HTTP 404\): No such service: \/services\/services\/apilogin\. Check the Server URL \(without \/services\)/,
		);
	});

	it('fails a node run with a wrong password as an error naming the login failure', async () => {
		const result = await runWorkflow([wwNode('search', { query: '*:*' })], {
			credentials: credentials(sandbox, { password: 'wrong' }),
		});
		assert.ok(result.error);
		assert.equal(
			result.error.message,
			'WoodWing Assets: Login failed: Invalid username or password',
		);
		assert.doesNotMatch(
			result.error.message + (result.error.description ?? ''),
			/wrong/,
			'the password is not echoed',
		);
		const journal = await sandbox.journal('woodwing');
		assert.deepEqual(
			journal.map((e) => e.path),
			['/services/apilogin'],
			'no data request without a session',
		);
	});

	it('logs in once and reuses the token across runs (as n8n stores it in the credential)', async () => {
		const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/a.txt', content: 'a' });
		const helper = newCredentialsHelper(credentials(sandbox));
		for (let run = 0; run < 3; run++) {
			const result = await runWorkflow([wwNode('get', { assetId: byId(asset.id) })], { helper });
			assert.equal(result.error, undefined, result.error?.message);
		}
		assert.equal(helper.preAuthCalls.get(CREDENTIAL), 1);
		const logins = (await sandbox.journal('woodwing')).filter(
			(e) => e.path === '/services/apilogin',
		);
		assert.equal(logins.length, 1);
		assert.ok(
			String(helper.get(CREDENTIAL)?.sessionToken).startsWith('eyJ'),
			'token stored in the expirable field',
		);
	});

	it('logs in again when the session expired (401) and repeats the request', async () => {
		const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/a.txt', content: 'a' });
		for (const loginStyle of ['apiLogin', 'sessionLogin'] as const) {
			await sandbox.sim('woodwing', 'POST', '/sessions/expire');
			const helper = newCredentialsHelper(credentials(sandbox, { loginStyle }));
			const first = await runWorkflow([wwNode('get', { assetId: byId(asset.id) })], { helper });
			assert.equal(first.error, undefined, first.error?.message);
			const oldToken = helper.get(CREDENTIAL)?.sessionToken;
			// 31 minutes of inactivity: the server forgets the session.
			await sandbox.sim('woodwing', 'POST', '/clock', { advanceMs: 31 * 60 * 1000 });
			const mark = await sandbox.mark();
			const second = await runWorkflow(
				[
					wwNode('update', {
						assetId: byId(asset.id),
						metadata: { field: [{ name: 'status', value: loginStyle }] },
					}),
				],
				{ helper },
			);
			assert.equal(second.error, undefined, second.error?.message);
			assert.equal(
				second.output('WoodWing')[0].json.metadata &&
					(second.output('WoodWing')[0].json.metadata as { status: string }).status,
				loginStyle,
			);
			assert.equal(helper.preAuthCalls.get(CREDENTIAL), 2, `${loginStyle}: logged in again`);
			assert.notEqual(
				helper.get(CREDENTIAL)?.sessionToken,
				oldToken,
				'the renewed token is stored',
			);
			const journal = await sandbox.journal('woodwing', mark);
			assert.deepEqual(
				journal.map((e) => `${e.path} ${e.status}`),
				[
					'/services/update 401',
					`/services/${loginStyle === 'apiLogin' ? 'apilogin' : 'login'} 200`,
					'/services/update 200',
				],
			);
			if (loginStyle === 'sessionLogin') {
				assert.equal(
					journal[2].headers['x-csrf-token'],
					helper.get(CREDENTIAL)?.csrfToken,
					'the new CSRF token is sent',
				);
			}
		}
	});

	it('session login: a POST with a bad CSRF token is refused by the server and reported', async () => {
		const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/a.txt', content: 'a' });
		const helper = newCredentialsHelper(credentials(sandbox, { loginStyle: 'sessionLogin' }));
		// A valid session, then a CSRF token that does not belong to it.
		const first = await runWorkflow([wwNode('get', { assetId: byId(asset.id) })], { helper });
		assert.equal(first.error, undefined, first.error?.message);
		helper.set(CREDENTIAL, { ...helper.get(CREDENTIAL)!, csrfToken: 'not-the-token' });
		const mark = await sandbox.mark();
		const result = await runWorkflow([wwNode('checkOut', { assetId: byId(asset.id) })], { helper });
		assert.ok(result.error);
		assert.equal(result.error.httpCode, '403');
		assert.match(result.error.message, /Invalid CSRF token/);
		const journal = await sandbox.journal('woodwing', mark);
		assert.deepEqual(
			journal.map((e) => `${e.path} ${e.status} ${e.headers['x-csrf-token']}`),
			[`/services/checkout/${asset.id} 403 not-the-token`],
		);
		assert.equal(
			(await sandbox.sim('woodwing', 'GET', `/assets/${asset.id}`)).checkout,
			null,
			'not checked out',
		);
	});

	it('session login: the server refuses a POST without the CSRF token (what the node always sends)', async () => {
		// Log in as the node would, then POST without the header: the simulator enforces CSRF.
		const login = await fetch(`${sandbox.url('woodwing')}/services/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: 'username=jane&password=jane-secret',
		});
		const cookie = login.headers.get('set-cookie')!.split(';')[0];
		const refused = await fetch(`${sandbox.url('woodwing')}/services/profile`, {
			method: 'POST',
			headers: { Cookie: cookie },
		});
		assert.equal(refused.status, 403);
		assert.match(((await refused.json()) as { message: string }).message, /Missing CSRF token/);
		const get = await fetch(`${sandbox.url('woodwing')}/services/profile`, {
			headers: { Cookie: cookie },
		});
		assert.equal(get.status, 200, 'GET needs no CSRF token');
	});

	it('with errors sent as HTTP 200 (returnStatusOkOnErrorForServicesApi) a stale session is an error that says why n8n cannot renew it', async () => {
		await setConfig(sandbox, { okOnError: true });
		const ok = await testCredential(CREDENTIAL, credentialData(sandbox));
		assert.equal(ok.status, 'OK', ok.message);
		// A run whose stored token is no longer valid: the 401 arrives inside HTTP 200.
		const helper = newCredentialsHelper(credentials(sandbox));
		helper.set(CREDENTIAL, { ...helper.get(CREDENTIAL)!, sessionToken: 'eyJ.stale.token' });
		const result = await runWorkflow([wwNode('search', { query: '*:*' })], { helper });
		assert.ok(result.error);
		assert.equal(result.error.httpCode, '401');
		assert.match(result.error.message, /Not logged in/);
		assert.match(result.error.message, /returnStatusOkOnErrorForServicesApi/);
	});
});
