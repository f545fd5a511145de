import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { generatedBuffer } from '../fixtures/generated';
import { binaryBytes, newCredentialsHelper, runWorkflow } from '../harness/engine';
import { Sandbox } from '../harness/sandbox';
import { assertNoCredentials, byId, DAMS, damNode, hostOf, secretValues } from './kit';

/**
 * Hostile redirects. n8n's HTTP layer would follow a redirect and re-send Authorization (and every
 * custom header such as X-API-Key) to the new host; the shared transport follows them by hand.
 * Each test fails if a DAM credential reaches the foreign host or a redirect is followed blindly.
 */
describe('hostile redirects: no DAM credential leaves for another host', () => {
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

	const foreign = () => sandbox.url('foreign');

	for (const dam of DAMS) {
		it(`${dam.name}: a read redirected to another host is refused, naming the host but not the URL`, async () => {
			await sandbox.fault({
				target: dam.sim,
				path: dam.read.path,
				status: 302,
				headers: { Location: `${foreign()}/collect?sig=LEAKME-${dam.sim}` },
			});
			const helper = newCredentialsHelper({ [dam.credentialType]: dam.credentials(sandbox) });
			const result = await runWorkflow([damNode(dam, dam.read.parameters)], { helper });
			assert.ok(result.error, 'the node fails');
			assert.match(
				result.error.message,
				new RegExp(`redirected the request to ${hostOf(foreign()).replace(/\./g, '\\.')}`),
			);
			assert.ok(
				!`${result.error.message} ${result.error.description}`.includes('LEAKME'),
				'no part of the target URL but its host',
			);
			const arrived = await sandbox.journal('foreign');
			assert.equal(arrived.length, 0, 'nothing was sent to the other host');
			assertNoCredentials(arrived, secretValues(helper.get(dam.credentialType)), dam.name);
		});
	}

	for (const dam of DAMS.filter((d) => d.signInPath)) {
		it(`${dam.name}: a sign-in redirected (307) to another host is an error; the password stays here`, async () => {
			await sandbox.fault({
				target: dam.sim,
				path: dam.signInPath!,
				status: 307,
				headers: { Location: `${foreign()}/login` },
			});
			const helper = newCredentialsHelper({ [dam.credentialType]: dam.credentials(sandbox) });
			const result = await runWorkflow([damNode(dam, dam.read.parameters)], { helper });
			assert.ok(result.error, 'the node fails');
			assert.match(result.error.message, /sign-in failed: the server redirected it to/);
			assert.ok(result.error.message.includes(hostOf(foreign())));
			assert.equal(
				(await sandbox.journal('foreign')).length,
				0,
				'the sign-in was not sent to the other host',
			);
		});
	}

	it('follows a redirect on the DAM’s own origin with the credential, a bounded number of times', async () => {
		const dam = DAMS.find((d) => d.sim === 'mediapocket')!;
		const { id } = await sandbox.sim('mediapocket', 'POST', '/assets', { title: 'Moved' });
		await sandbox.fault({
			target: 'mediapocket',
			path: '^/api/v2/assets/OLDIDOLDIDOLDIDOLDID$',
			status: 301,
			headers: { Location: `/api/v2/assets/${id}` },
		});
		const helper = newCredentialsHelper({ [dam.credentialType]: dam.credentials(sandbox) });
		const moved = await runWorkflow(
			[
				damNode(dam, {
					resource: 'asset',
					operation: 'get',
					assetId: byId('OLDIDOLDIDOLDIDOLDID'),
				}),
			],
			{ helper },
		);
		assert.equal(moved.error, undefined, moved.error?.message);
		assert.equal(moved.output(dam.name)[0].json.id, id);
		const journal = await sandbox.journal('mediapocket');
		assert.equal(journal.length, 2);
		assert.equal(
			journal[1].headers['x-api-key'],
			'mp-admin-key',
			'the credential goes along on the same origin',
		);

		await sandbox.reset();
		await sandbox.fault({
			target: 'mediapocket',
			path: '^/api/v2/assets/LOOPLOOPLOOPLOOPLOOP$',
			status: 302,
			headers: { Location: '/api/v2/assets/LOOPLOOPLOOPLOOPLOOP' },
			times: 0,
		});
		const loop = await runWorkflow(
			[
				damNode(dam, {
					resource: 'asset',
					operation: 'get',
					assetId: byId('LOOPLOOPLOOPLOOPLOOP'),
				}),
			],
			{ helper },
		);
		assert.match(loop.error?.message ?? '', /more than 5 redirects/);
		assert.equal((await sandbox.journal('mediapocket')).length, 6);
	});

	it('a POST redirected (307) to another host is refused: only a download may go elsewhere', async () => {
		const dam = DAMS.find((d) => d.sim === 'mediapocket')!;
		await sandbox.fault({
			target: 'mediapocket',
			method: 'POST',
			path: '/comments$',
			status: 307,
			headers: { Location: `${foreign()}/comments` },
		});
		const result = await runWorkflow(
			[
				damNode(dam, {
					resource: 'comment',
					operation: 'create',
					assetId: byId('7UhQGdm3p9MJHRBI9Ohu'),
					comment: 'hello',
				}),
			],
			{ credentials: { [dam.credentialType]: dam.credentials(sandbox) } },
		);
		assert.match(result.error?.message ?? '', /redirected the request to/);
		assert.equal((await sandbox.journal('foreign')).length, 0);
	});

	it('a download redirected to another host (a CDN) is fetched there without any credential', async () => {
		const dam = DAMS.find((d) => d.sim === 'woodwing')!;
		const asset = await sandbox.sim('woodwing', 'POST', '/assets', {
			assetPath: '/Demo Zone/cdn.bin',
			content: 'not these bytes',
		});
		await sandbox.fault({
			target: 'woodwing',
			path: '^/file/',
			status: 302,
			headers: { Location: `${foreign()}/file?size=5000&seed=3&X-Amz-Signature=cdnsig` },
		});
		const helper = newCredentialsHelper({ [dam.credentialType]: dam.credentials(sandbox) });
		const result = await runWorkflow(
			[damNode(dam, { resource: 'asset', operation: 'download', assetId: byId(asset.id) })],
			{ helper },
		);
		assert.equal(result.error, undefined, result.error?.message);
		const bytes = await binaryBytes(result.output(dam.name)[0].binary!.data);
		assert.ok(bytes.equals(await generatedBuffer(5000, 3)), 'the bytes the CDN served');
		const arrived = await sandbox.journal('foreign');
		assert.equal(arrived.length, 1);
		assert.equal(arrived[0].path, '/file');
		assertNoCredentials(arrived, secretValues(helper.get(dam.credentialType)), 'CDN');
	});
});
