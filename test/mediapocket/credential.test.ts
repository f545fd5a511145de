import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { testCredential } from '../harness/credentialTest';
import { Sandbox } from '../harness/sandbox';
import { KEYS, byId, runMp } from './helpers';

describe('Media Pocket credential', () => {
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

	it('passes the editor test with a valid key, sending it as X-API-KEY to a cheap authenticated route', async () => {
		const result = await testCredential('mediaPocketApi', {
			baseUrl: sandbox.url('mediapocket'),
			apiKey: KEYS.admin,
		});
		assert.equal(result.status, 'OK', result.message);
		const [entry] = await sandbox.journal('mediapocket');
		assert.equal(entry.path, '/api/v2/user/api_keys');
		assert.equal(entry.headers['x-api-key'], KEYS.admin);
		assert.equal(entry.status, 200);
	});

	it('accepts a base URL typed with a trailing slash or /api/v2', async () => {
		for (const suffix of ['/', '/api/v2', '/api/v2/']) {
			const result = await testCredential('mediaPocketApi', {
				baseUrl: `${sandbox.url('mediapocket')}${suffix}`,
				apiKey: KEYS.admin,
			});
			assert.equal(result.status, 'OK', `${suffix}: ${result.message}`);
		}
		const paths = (await sandbox.journal('mediapocket')).map((entry) => entry.path);
		assert.deepEqual(paths, [
			'/api/v2/user/api_keys',
			'/api/v2/user/api_keys',
			'/api/v2/user/api_keys',
		]);
	});

	it('reports a bad key clearly', async () => {
		const result = await testCredential('mediaPocketApi', {
			baseUrl: sandbox.url('mediapocket'),
			apiKey: 'not-a-key',
		});
		assert.equal(result.status, 'Error');
		assert.equal(result.httpStatus, 401);
		assert.match(result.message, /Unauthorized/);
	});

	it('a node run with a bad key fails with the DAM message, status 401 and a hint, and never shows the key', async () => {
		const result = await runMp(
			sandbox,
			{ resource: 'asset', operation: 'get', assetId: byId('7UhQGdm3p9MJHRBI9Ohu') },
			{ key: 'secret-wrong-key' },
		);
		assert.ok(result.error);
		assert.equal(result.error.httpCode, '401');
		assert.match(result.error.message, /Media Pocket: Unauthorized.*check the API key/);
		assert.doesNotMatch(
			JSON.stringify({ m: result.error.message, d: result.error.description }),
			/secret-wrong-key/,
		);
	});
});
