import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { testCredential } from '../harness/credentialTest';
import { newCredentialsHelper, runWorkflow } from '../harness/engine';
import type { Sandbox } from '../harness/sandbox';
import { PUBLIC_CLIENT, VIEWER } from '../sandbox/mediavalet/seed';
import { byId, mv, mvCredentials, seedAsset, startSandbox, stopSandbox } from './helpers';

describe('MediaValet credential and auth through the engine', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => {
		await stopSandbox(sandbox);
	});
	beforeEach(async () => {
		await sandbox.reset();
	});

	const tokenRequests = async () =>
		(await sandbox.journal('mediavalet')).filter((e) => e.path === '/connect/token');

	it('Test button: succeeds with good data, names the failure otherwise', async () => {
		const good = mvCredentials(sandbox).mediaValetApi;
		const ok = await testCredential('mediaValetApi', good);
		assert.equal(ok.status, 'OK', ok.message);
		const [token, check] = await sandbox.journal('mediavalet');
		assert.equal(token.path, '/connect/token');
		assert.match(
			token.headers.authorization,
			/^Basic /,
			'confidential client authenticates with HTTP Basic',
		);
		assert.equal(check.path, '/users/current');
		assert.equal(check.status, 200);

		const badPassword = await testCredential('mediaValetApi', { ...good, password: 'wrong' });
		assert.equal(badPassword.status, 'Error');
		assert.match(
			badPassword.message,
			/sign-in failed.*HTTP 400.*invalid_grant: invalid_username_or_password/,
		);

		const badSecret = await testCredential('mediaValetApi', { ...good, clientSecret: 'nope' });
		assert.equal(badSecret.status, 'Error');
		assert.match(badSecret.message, /HTTP 401.*invalid_client/);

		const badKey = await testCredential('mediaValetApi', { ...good, subscriptionKey: 'not-a-key' });
		assert.equal(badKey.status, 'Error');
		assert.equal(badKey.httpStatus, 401);
		assert.match(badKey.message, /invalid subscription key/);
	});

	it('a public client (no secret) signs in with client_id in the form', async () => {
		const result = await testCredential('mediaValetApi', {
			...mvCredentials(sandbox).mediaValetApi,
			clientId: PUBLIC_CLIENT.id,
			clientSecret: '',
		});
		assert.equal(result.status, 'OK', result.message);
		const [token] = await tokenRequests();
		assert.equal(token.headers.authorization, undefined);
		assert.match(String(token.body), /client_id=n8n-dam-public/);
	});

	it('fetches the token once, reuses it, and sends the subscription key and API version on every call', async () => {
		const asset = await seedAsset(sandbox, { fileName: 'one.txt' });
		const helper = newCredentialsHelper(mvCredentials(sandbox));
		for (let run = 0; run < 3; run++) {
			const result = await runWorkflow([mv('asset', 'get', { assetId: byId(asset.id) })], {
				helper,
			});
			assert.equal(result.error, undefined, result.error?.message);
		}
		assert.equal(helper.preAuthCalls.get('mediaValetApi'), 1);
		assert.equal((await tokenRequests()).length, 1);
		const calls = (await sandbox.journal('mediavalet')).filter((e) => e.path.startsWith('/assets'));
		assert.equal(calls.length, 3);
		for (const call of calls) {
			assert.match(call.headers.authorization, /^Bearer mv\./);
			assert.equal(
				call.headers['ocp-apim-subscription-key'],
				mvCredentials(sandbox).mediaValetApi.subscriptionKey,
			);
			assert.equal(call.headers['x-mv-api-version'], '1.2');
		}
		assert.match(
			String(helper.get('mediaValetApi')?.accessToken),
			/^mv\./,
			'token kept in the expirable field',
		);
	});

	it('after the token expires, the 401 makes the engine fetch a new one and repeat the request', async () => {
		const asset = await seedAsset(sandbox, { fileName: 'two.txt' });
		const helper = newCredentialsHelper(mvCredentials(sandbox));
		const first = await runWorkflow([mv('asset', 'get', { assetId: byId(asset.id) })], { helper });
		assert.equal(first.error, undefined, first.error?.message);
		const oldToken = helper.get('mediaValetApi')?.accessToken;

		await sandbox.sim('mediavalet', 'POST', '/clock', { advanceMs: 3601 * 1000 });
		const second = await runWorkflow([mv('asset', 'get', { assetId: byId(asset.id) })], { helper });
		assert.equal(second.error, undefined, second.error?.message);
		assert.equal(second.output('MediaValet')[0].json.id, asset.id);
		assert.equal(helper.preAuthCalls.get('mediaValetApi'), 2);
		assert.notEqual(
			helper.get('mediaValetApi')?.accessToken,
			oldToken,
			'the refreshed token is stored',
		);

		const gets = (await sandbox.journal('mediavalet')).filter(
			(e) => e.path === `/assets/${asset.id}`,
		);
		assert.deepEqual(
			gets.map((e) => e.status),
			[200, 401, 200],
		);
		assert.equal((await tokenRequests()).length, 2);
	});

	it('a refused subscription key fails with the gateway message after one refresh attempt', async () => {
		const asset = await seedAsset(sandbox, {});
		const result = await runWorkflow([mv('asset', 'get', { assetId: byId(asset.id) })], {
			credentials: mvCredentials(sandbox, { subscriptionKey: 'wrong-key' }),
		});
		assert.ok(result.error);
		assert.match(result.error.message, /MediaValet: Access denied due to invalid subscription key/);
		assert.equal(result.error.httpCode, '401');
		assert.equal((await tokenRequests()).length, 2, 'a 401 makes n8n refresh the token once');
		assert.doesNotMatch(JSON.stringify(result.error), /wrong-key/);
	});

	it('wrong user password stops the node with the sign-in error', async () => {
		const result = await runWorkflow(
			[mv('asset', 'get', { assetId: byId('3b9d4cc3-b5be-481e-8ce1-d5ba00a1245b') })],
			{
				credentials: mvCredentials(sandbox, { password: 'bad' }),
			},
		);
		assert.ok(result.error);
		assert.match(result.error.message, /MediaValet sign-in failed \(HTTP 400\): invalid_grant/);
		assert.equal(
			(await sandbox.journal('mediavalet')).filter((e) => e.path.startsWith('/assets')).length,
			0,
		);
	});

	it('a permission failure is a 403 with the message on API 1.2, a bare 401 on 1.0', async () => {
		const asset = await seedAsset(sandbox, {});
		const viewer = { username: VIEWER.username, password: VIEWER.password };
		const on12 = await runWorkflow([mv('asset', 'delete', { assetId: byId(asset.id) })], {
			credentials: mvCredentials(sandbox, viewer),
		});
		assert.ok(on12.error);
		assert.equal(on12.error.httpCode, '403');
		assert.match(on12.error.message, /does not have the 'asset:delete' permission/);

		await sandbox.reset();
		const again = await seedAsset(sandbox, {});
		const on10 = await runWorkflow([mv('asset', 'delete', { assetId: byId(again.id) })], {
			credentials: mvCredentials(sandbox, { ...viewer, apiVersion: '1.0' }),
		});
		assert.ok(on10.error);
		assert.equal(on10.error.httpCode, '401');
		assert.match(on10.error.message, /not authorized.*1\.0 or 1\.1/);
		const state = await sandbox.sim('mediavalet', 'GET', `/assets/${again.id}`);
		assert.equal(state.softDeletedAt, null, 'nothing was deleted');
	});

	it('waits out the gateway quota (429 with Retry-After) and goes on', async () => {
		const asset = await seedAsset(sandbox, {});
		await sandbox.sim('mediavalet', 'POST', '/config', { quota: 1, quotaWindowSeconds: 1 });
		const result = await runWorkflow(
			[
				mv('asset', 'get', { assetId: byId(asset.id) }),
				mv('asset', 'get', { assetId: byId(asset.id) }, { name: 'Again' }),
			],
			{
				credentials: mvCredentials(sandbox),
			},
		);
		assert.equal(result.error, undefined, result.error?.message);
		const gets = (await sandbox.journal('mediavalet')).filter((e) => e.path.startsWith('/assets'));
		assert.ok(
			gets.some((e) => e.status === 429),
			'the quota was hit',
		);
		assert.equal(gets[gets.length - 1].status, 200);
	});
});
