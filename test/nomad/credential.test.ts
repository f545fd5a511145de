import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { testCredential } from '../harness/credentialTest';
import { newCredentialsHelper } from '../harness/engine';
import { Sandbox } from '../harness/sandbox';
import { byId, credentials, PASSWORD, run, seed, USER, type Seed } from './helpers';

describe('Nomad Media credential (login, token refresh, test)', () => {
	let sandbox: Sandbox;
	let ids: Seed;
	beforeAll(async () => {
		sandbox = await Sandbox.start();
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	beforeEach(async () => {
		await sandbox.reset();
		ids = await seed(sandbox);
	});

	it('passes the editor test: login, then the authenticated ping with the bearer token', async () => {
		const outcome = await testCredential('nomadMediaApi', {
			serviceUrl: sandbox.url('nomad'),
			username: USER,
			password: PASSWORD,
		});
		assert.equal(outcome.status, 'OK', outcome.message);
		const journal = await sandbox.journal('nomad');
		assert.deepEqual(
			journal.map((e) => `${e.method} ${e.path} ${e.status}`),
			['POST /api/account/login 200', 'GET /api/ping/auth 200'],
		);
		assert.equal(journal[0].body && (journal[0].body as { userName: string }).userName, USER);
		assert.match(journal[1].headers.authorization, /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
	});

	it('accepts a service URL given with /api and a trailing slash', async () => {
		const outcome = await testCredential('nomadMediaApi', {
			serviceUrl: `${sandbox.url('nomad')}/api/`,
			username: USER,
			password: PASSWORD,
		});
		assert.equal(outcome.status, 'OK', outcome.message);
	});

	it('fails the editor test with the DAM message for a wrong password (404 from login)', async () => {
		const outcome = await testCredential('nomadMediaApi', {
			serviceUrl: sandbox.url('nomad'),
			username: USER,
			password: 'wrong',
		});
		assert.equal(outcome.status, 'Error');
		assert.match(
			outcome.message,
			/Nomad Media sign-in failed \(HTTP 404\): Invalid username or password/,
		);
		assert.doesNotMatch(outcome.message, /wrong/);
	});

	it('fails the editor test for a disabled account (403)', async () => {
		await sandbox.sim('nomad', 'POST', `/users/${USER}`, { status: 'Disabled' });
		const outcome = await testCredential('nomadMediaApi', {
			serviceUrl: sandbox.url('nomad'),
			username: USER,
			password: PASSWORD,
		});
		assert.equal(outcome.status, 'Error');
		assert.match(outcome.message, /HTTP 403.*Disabled/);
	});

	it('logs in once and reuses the token across runs; after expiry it refreshes with the refresh token', async () => {
		const helper = newCredentialsHelper(credentials(sandbox));
		const get = {
			resource: 'asset',
			operation: 'get',
			assetId: byId(ids.files['Projects/logo.png']),
		};
		for (let n = 0; n < 2; n++) {
			const result = await run(sandbox, get, { helper });
			assert.equal(result.error, undefined, result.error?.message);
		}
		assert.equal(helper.preAuthCalls.get('nomadMediaApi'), 1, 'one sign-in for two runs');
		const firstToken = helper.get('nomadMediaApi')!.accessToken;
		const firstRefresh = helper.get('nomadMediaApi')!.refreshToken;
		assert.ok(firstRefresh);

		// 45 minutes later the token is refused with 401; n8n calls preAuthentication again.
		await sandbox.sim('nomad', 'POST', '/clock', { advanceMs: 2701_000 });
		const mark = await sandbox.mark();
		const result = await run(sandbox, get, { helper });
		assert.equal(result.error, undefined, result.error?.message);
		assert.equal(result.output('Nomad')[0].json.displayName, 'logo.png');
		const journal = (await sandbox.journal('nomad', mark)).map(
			(e) => `${e.method} ${e.path} ${e.status}`,
		);
		assert.deepEqual(journal, [
			`GET /api/admin/asset/${ids.files['Projects/logo.png']} 401`,
			'POST /api/account/refresh-token 200',
			`GET /api/admin/asset/${ids.files['Projects/logo.png']} 200`,
		]);
		const stored = helper.get('nomadMediaApi')!;
		assert.notEqual(stored.accessToken, firstToken, 'the new token was stored');
		assert.notEqual(stored.refreshToken, firstRefresh, 'the rotated refresh token was stored');
	});

	it('signs in with the password again when the refresh token is no longer valid', async () => {
		const helper = newCredentialsHelper(credentials(sandbox));
		const get = {
			resource: 'asset',
			operation: 'get',
			assetId: byId(ids.files['Projects/logo.png']),
		};
		assert.equal((await run(sandbox, get, { helper })).error, undefined);
		await sandbox.sim('nomad', 'POST', '/clock', { advanceMs: 31 * 24 * 3600_000 });
		const mark = await sandbox.mark();
		const result = await run(sandbox, get, { helper });
		assert.equal(result.error, undefined, result.error?.message);
		const journal = (await sandbox.journal('nomad', mark)).map((e) => `${e.path} ${e.status}`);
		assert.deepEqual(journal.slice(1), [
			'/api/account/refresh-token 404',
			'/api/account/login 200',
			`/api/admin/asset/${ids.files['Projects/logo.png']} 200`,
		]);
	});

	it('does not use a stored refresh token after the username changed', async () => {
		const helper = newCredentialsHelper(credentials(sandbox));
		const get = {
			resource: 'asset',
			operation: 'get',
			assetId: byId(ids.files['Projects/logo.png']),
		};
		assert.equal((await run(sandbox, get, { helper })).error, undefined);
		helper.set('nomadMediaApi', {
			...helper.get('nomadMediaApi')!,
			username: 'viewer@example.com',
			password: 'Viewer-Pass-1',
			accessToken: '',
		});
		const mark = await sandbox.mark();
		assert.equal((await run(sandbox, get, { helper })).error, undefined);
		const paths = (await sandbox.journal('nomad', mark)).map((e) => e.path);
		assert.ok(!paths.includes('/api/account/refresh-token'));
		assert.equal(paths[0], '/api/account/login');
	});

	it('stops the node with the sign-in failure when the password is wrong', async () => {
		const result = await run(
			sandbox,
			{ resource: 'asset', operation: 'get', assetId: byId(ids.files['Projects/logo.png']) },
			{ creds: { password: 'nope' } },
		);
		assert.ok(result.error);
		assert.match(
			result.error.message,
			/Nomad Media sign-in failed \(HTTP 404\): Invalid username or password/,
		);
	});
});
