import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { newCredentialsHelper, runWorkflow } from '../harness/engine';
import { Sandbox } from '../harness/sandbox';
import { DAMS, damNode, secretValues, storedText } from './kit';

/** An error body as a careless DAM sends it: signed URLs (plain and JSON-escaped), bare signatures, echoed secrets. */
const HOSTILE_BODY = {
	message: 'Upload slot expired at https://acct.blob.core.windows.net/c/b?sv=2024&sig=SIGSECRET1',
	detail:
		'see https:\\/\\/bucket.s3.amazonaws.com\\/k?X-Amz-Signature=SIGSECRET2&X-Amz-Credential=AKIA',
	title: 'Bad request: sig=SIGSECRET5',
	token: 'TOKSECRET3',
	errors: [{ password: 'PWSECRET4', error: 'Signature=SIGSECRET6 does not match' }],
	request: { headers: { Authorization: 'Bearer TOKSECRET7', 'X-API-Key': 'KEYSECRET8' } },
};
const PLANTED = [
	'SIGSECRET1',
	'SIGSECRET2',
	'TOKSECRET3',
	'PWSECRET4',
	'SIGSECRET5',
	'SIGSECRET6',
	'TOKSECRET7',
	'KEYSECRET8',
	'AKIA',
];

/**
 * n8n copies an error's message, description, messages and context into the stored execution:
 * whatever a DAM echoes in an error body must be redacted before the NodeApiError is built.
 */
describe('hostile error bodies: no secret reaches execution data', () => {
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

	for (const dam of DAMS) {
		it(`${dam.name}: a 400 echoing signed URLs and secrets is reported with its status and nothing secret`, async () => {
			await sandbox.fault({
				target: dam.sim,
				path: dam.read.path,
				status: 400,
				body: HOSTILE_BODY,
			});
			const helper = newCredentialsHelper({ [dam.credentialType]: dam.credentials(sandbox) });
			const stopped = await runWorkflow([damNode(dam, dam.read.parameters)], { helper });
			assert.ok(stopped.error);
			assert.equal(stopped.error.httpCode, '400');
			assert.ok(stopped.error.description, 'an explicit description');
			const stored = storedText(stopped.run);
			for (const secret of [...PLANTED, ...secretValues(helper.get(dam.credentialType))]) {
				assert.ok(!stored.includes(secret), `${secret.slice(0, 12)}… is in the stored execution`);
			}
			assert.ok(stored.includes('[redacted]'), 'the DAM message is kept, redacted');

			await sandbox.fault({
				target: dam.sim,
				path: dam.read.path,
				status: 400,
				body: HOSTILE_BODY,
			});
			const itemised = await runWorkflow([damNode(dam, dam.read.parameters, true)], { helper });
			assert.equal(itemised.error, undefined);
			const [item] = itemised.output(dam.name);
			assert.equal(item.json.httpCode, '400');
			const text = storedText(itemised.run);
			for (const secret of PLANTED)
				assert.ok(!text.includes(secret), `${secret} in the error item`);
		});
	}

	it('a storage host echoing the signed URL in its XML error leaves no signature in the error', async () => {
		const dam = DAMS.find((d) => d.sim === 'woodwing')!;
		const asset = await sandbox.sim('woodwing', 'POST', '/assets', {
			assetPath: '/Demo Zone/x.bin',
			content: 'x',
		});
		await sandbox.fault({
			target: 'woodwing',
			path: '^/file/',
			status: 302,
			headers: { Location: `${sandbox.url('foreign')}/missing?sig=SIGSECRET9` },
		});
		await sandbox.fault({
			target: 'foreign',
			path: '^/missing$',
			status: 403,
			times: 0,
			headers: { 'Content-Type': 'application/xml' },
			body: `<?xml version="1.0"?><Error><Code>AuthenticationFailed</Code><Message>Signature did not match. String to sign used was https://x.blob.core.windows.net/c/b?sig=SIGSECRET9</Message></Error>`,
		});
		const result = await runWorkflow(
			[
				damNode(dam, {
					resource: 'asset',
					operation: 'download',
					assetId: { __rl: true, mode: 'id', value: asset.id },
				}),
			],
			{
				credentials: { [dam.credentialType]: dam.credentials(sandbox) },
			},
		);
		assert.ok(result.error);
		assert.equal(result.error.httpCode, '403');
		assert.match(result.error.message, /Signature did not match/);
		assert.ok(!storedText(result.run).includes('SIGSECRET9'));
	});
});
