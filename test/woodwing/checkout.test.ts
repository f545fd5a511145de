import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';

import { generatedMd5 } from '../fixtures/nodes';
import { runWorkflow } from '../harness/engine';
import { Sandbox } from '../harness/sandbox';
import { binaryFile, byId, credentials, seedAsset, setConfig, simAsset, wwNode } from './helpers';

describe('WoodWing Assets: check-out, check-in and undo through the engine', () => {
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

	const creds = (session = false) =>
		credentials(
			sandbox,
			session ? { loginStyle: 'sessionLogin' } : { clientId: 'n8n-test-client' },
		);

	describe('check out', () => {
		it('locks the asset and returns checkedOut / checkedOutBy / checkedOutOnClient', async () => {
			for (const session of [false, true]) {
				const asset = await seedAsset(sandbox, {
					assetPath: `/Demo Zone/co-${session}.txt`,
					content: 'x',
				});
				const before = Date.now();
				const result = await runWorkflow([wwNode('checkOut', { assetId: byId(asset.id) })], {
					credentials: creds(session),
				});
				assert.equal(result.error, undefined, result.error?.message);
				const json = result.output('WoodWing')[0].json;
				assert.equal(json.id, asset.id);
				assert.equal(json.checkedOutBy, session ? 'jane' : 'api_user');
				assert.equal(json.checkedOutOnClient, session ? 'api_n8n' : 'n8n-test-client');
				assert.ok(Number(json.checkedOut) >= before - 1000, 'epoch milliseconds');
				const state = await simAsset(sandbox, asset.id);
				assert.equal(state.checkout?.by, json.checkedOutBy);
				const request = (await sandbox.journal('woodwing'))
					.filter((e) => e.path.startsWith('/services/checkout/'))
					.pop()!;
				assert.equal(request.method, 'POST');
				if (session) assert.ok(request.headers['x-csrf-token'], 'CSRF token sent');
				else assert.equal(request.headers['x-csrf-token'], undefined);
			}
		});

		it('with Download streams the original into a binary property', async () => {
			const content = Buffer.from('original bytes '.repeat(5000));
			const asset = await seedAsset(sandbox, {
				assetPath: '/Demo Zone/Images/photo.txt',
				base64: content.toString('base64'),
			});
			const result = await runWorkflow(
				[
					wwNode('checkOut', {
						assetId: byId(asset.id),
						download: true,
						binaryPropertyName: 'original',
					}),
				],
				{
					credentials: creds(),
				},
			);
			assert.equal(result.error, undefined, result.error?.message);
			const [item] = result.output('WoodWing');
			assert.equal(item.json.checkedOutBy, 'api_user');
			assert.ok(Number(item.json.checkedOut) > 0);
			const binary = item.binary!.original;
			assert.equal(binary.fileName, 'photo.txt');
			assert.ok(binary.id);
			const bytes = await Container.get(BinaryDataService).getAsBuffer(binary);
			assert.equal(
				createHash('md5').update(bytes).digest('hex'),
				createHash('md5').update(content).digest('hex'),
			);
			const request = (await sandbox.journal('woodwing')).find((e) =>
				e.path.startsWith('/services/checkout/'),
			)!;
			assert.equal(request.query.download, 'true');
			assert.equal((await simAsset(sandbox, asset.id)).checkout?.by, 'api_user');
		});

		it('fails when someone else has the asset checked out (HTTP 409 and 200-with-errorcode styles, with and without download)', async () => {
			const asset = await seedAsset(sandbox, {
				assetPath: '/Demo Zone/taken.txt',
				content: 'x',
				checkedOutBy: 'jane',
				checkedOutOnClient: 'webclient',
			});
			for (const okOnError of [false, true]) {
				await setConfig(sandbox, { okOnError });
				for (const download of [false, true]) {
					const result = await runWorkflow(
						[wwNode('checkOut', { assetId: byId(asset.id), download })],
						{ credentials: creds() },
					);
					assert.ok(result.error, `okOnError=${okOnError} download=${download}`);
					assert.equal(result.error.httpCode, '409');
					assert.match(result.error.message, /already checked out by jane on webclient/);
					assert.equal(result.output('WoodWing').length, 0);
				}
			}
			const state = await simAsset(sandbox, asset.id);
			assert.equal(state.checkout?.by, 'jane', 'still checked out by jane');
		});

		it('reports an unknown asset', async () => {
			const result = await runWorkflow(
				[wwNode('checkOut', { assetId: byId('NoSuchAssetIdAAAAAAAAA') })],
				{ credentials: creds() },
			);
			assert.equal(result.error?.httpCode, '404');
		});
	});

	describe('check in', () => {
		it('uploads a new version of a checked-out asset and releases the check-out', async () => {
			for (const session of [false, true]) {
				const asset = await seedAsset(sandbox, {
					assetPath: `/Demo Zone/ci-${session}.bin`,
					content: 'version one',
				});
				const out = await runWorkflow([wwNode('checkOut', { assetId: byId(asset.id) })], {
					credentials: creds(session),
				});
				assert.equal(out.error, undefined, out.error?.message);
				const size = 3 * 1024 * 1024 + 17;
				const result = await runWorkflow(
					[
						binaryFile(size, 5, 'new-version.bin'),
						wwNode('checkIn', {
							assetId: byId(asset.id),
							binaryPropertyName: 'data',
							metadata: { field: [{ name: 'status', value: 'Review' }] },
						}),
					],
					{ credentials: creds(session) },
				);
				assert.equal(result.error, undefined, result.error?.message);
				const json = result.output('WoodWing')[0].json;
				const expected = await generatedMd5(size, 5);
				assert.equal((json.metadata as IDataObject).versionNumber, 2);
				assert.equal((json.metadata as IDataObject).status, 'Review');
				assert.equal((json.metadata as IDataObject).checkedOutBy, undefined, 'check-out released');
				assert.deepEqual(json.upload, {
					fileName: 'new-version.bin',
					size,
					md5: expected,
					method: 'multipart',
					parts: 1,
					partSize: size,
				});
				const state = await simAsset(sandbox, asset.id);
				assert.equal(state.checkout, null);
				assert.equal(state.versions.length, 2);
				assert.equal(state.versions[1].md5, expected, 'stored bytes equal the source');
				assert.equal(state.versions[1].size, size);
				assert.deepEqual(
					state.history.map((h) => h.action),
					['CREATE', 'CHECKOUT', 'CHECKIN'],
				);
				const update = (await sandbox.journal('woodwing'))
					.filter((e) => e.path === '/services/update')
					.pop()!;
				assert.match(update.headers['content-type'], /^multipart\/form-data; boundary=/);
				assert.equal(Number(update.headers['content-length']) > size, true, 'Content-Length set');
				if (session) assert.ok(update.headers['x-csrf-token']);
			}
		});

		it('copes with a server that answers update with an empty body (looks the asset up)', async () => {
			await setConfig(sandbox, { emptyUpdateResponse: true });
			const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/empty.bin', content: 'v1' });
			await runWorkflow([wwNode('checkOut', { assetId: byId(asset.id) })], {
				credentials: creds(),
			});
			const checkIn = await runWorkflow(
				[binaryFile(5000, 8), wwNode('checkIn', { assetId: byId(asset.id) })],
				{ credentials: creds() },
			);
			assert.equal(checkIn.error, undefined, checkIn.error?.message);
			const json = checkIn.output('WoodWing')[0].json;
			assert.equal(json.id, asset.id);
			assert.equal((json.metadata as IDataObject).versionNumber, 2);
			assert.equal((json.upload as IDataObject).md5, await generatedMd5(5000, 8));
			const update = await runWorkflow(
				[
					wwNode('update', {
						assetId: byId(asset.id),
						metadata: { field: [{ name: 'status', value: 'Done' }] },
					}),
				],
				{
					credentials: creds(),
				},
			);
			assert.equal(update.error, undefined, update.error?.message);
			assert.equal((update.output('WoodWing')[0].json.metadata as IDataObject).status, 'Done');
		});

		it('keeps the asset checked out when asked to', async () => {
			const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/keep.bin', content: 'v1' });
			await runWorkflow([wwNode('checkOut', { assetId: byId(asset.id) })], {
				credentials: creds(),
			});
			const result = await runWorkflow(
				[
					binaryFile(1000, 2),
					wwNode('checkIn', { assetId: byId(asset.id), options: { keepCheckedOut: true } }),
				],
				{ credentials: creds() },
			);
			assert.equal(result.error, undefined, result.error?.message);
			const state = await simAsset(sandbox, asset.id);
			assert.equal(state.versions.length, 2);
			assert.equal(state.checkout?.by, 'api_user');
		});

		it('refuses an asset that is not checked out before uploading anything (unless told otherwise)', async () => {
			const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/free.bin', content: 'v1' });
			const result = await runWorkflow(
				[binaryFile(2 * 1024 * 1024, 3), wwNode('checkIn', { assetId: byId(asset.id) })],
				{ credentials: creds() },
			);
			assert.ok(result.error);
			assert.equal(result.error.name, 'NodeOperationError');
			assert.match(result.error.message, /Asset \/Demo Zone\/free\.bin is not checked out/);
			assert.equal(
				(await sandbox.journal('woodwing')).filter((e) => e.path === '/services/update').length,
				0,
				'nothing uploaded',
			);
			assert.equal((await simAsset(sandbox, asset.id)).versions.length, 1);

			const anyway = await runWorkflow(
				[
					binaryFile(1000, 3),
					wwNode('checkIn', { assetId: byId(asset.id), options: { requireCheckOut: false } }),
				],
				{ credentials: creds() },
			);
			assert.equal(anyway.error, undefined, anyway.error?.message);
			assert.equal((await simAsset(sandbox, asset.id)).versions.length, 2);
		});

		it('is refused by the server when someone else holds the check-out; nothing is stored', async () => {
			const asset = await seedAsset(sandbox, {
				assetPath: '/Demo Zone/janes.bin',
				content: 'v1',
				checkedOutBy: 'jane',
				checkedOutOnClient: 'webclient',
			});
			for (const okOnError of [false, true]) {
				await setConfig(sandbox, { okOnError });
				const result = await runWorkflow(
					[binaryFile(1024 * 1024, 4), wwNode('checkIn', { assetId: byId(asset.id) })],
					{ credentials: creds() },
				);
				assert.ok(result.error);
				assert.equal(result.error.httpCode, '409');
				assert.match(result.error.message, /checked out by jane on webclient/);
			}
			const state = await simAsset(sandbox, asset.id);
			assert.equal(state.versions.length, 1);
			assert.equal(state.checkout?.by, 'jane');
			const uploads = await sandbox.sim<{ files: string[] }>('woodwing', 'GET', '/uploads');
			assert.deepEqual(uploads.files, [], 'the rejected upload was discarded');
		});

		it('a check-in from another client ID of the same user is refused (check-outs are tied to the client)', async () => {
			const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/client.bin', content: 'v1' });
			await runWorkflow([wwNode('checkOut', { assetId: byId(asset.id) })], {
				credentials: credentials(sandbox, { clientId: 'installation-a' }),
			});
			const result = await runWorkflow(
				[binaryFile(1000, 1), wwNode('checkIn', { assetId: byId(asset.id) })],
				{
					credentials: credentials(sandbox, { clientId: 'installation-b' }),
				},
			);
			assert.equal(result.error?.httpCode, '409');
			assert.match(result.error!.message, /on installation-a/);
		});
	});

	describe('undo check-out', () => {
		it('releases the check-out without a new version', async () => {
			for (const session of [false, true]) {
				const asset = await seedAsset(sandbox, {
					assetPath: `/Demo Zone/undo-${session}.txt`,
					content: 'x',
				});
				await runWorkflow([wwNode('checkOut', { assetId: byId(asset.id) })], {
					credentials: creds(session),
				});
				assert.ok((await simAsset(sandbox, asset.id)).checkout);
				const result = await runWorkflow([wwNode('undoCheckOut', { assetId: byId(asset.id) })], {
					credentials: creds(session),
				});
				assert.equal(result.error, undefined, result.error?.message);
				assert.deepEqual(result.output('WoodWing')[0].json, { id: asset.id, success: true });
				const state = await simAsset(sandbox, asset.id);
				assert.equal(state.checkout, null);
				assert.equal(state.versions.length, 1);
				assert.deepEqual(
					state.history.map((h) => h.action),
					['CREATE', 'CHECKOUT', 'UNDO_CHECKOUT'],
				);
			}
		});

		it("cannot undo someone else's check-out (403), in both error styles", async () => {
			const asset = await seedAsset(sandbox, {
				assetPath: '/Demo Zone/janes.txt',
				content: 'x',
				checkedOutBy: 'jane',
			});
			for (const okOnError of [false, true]) {
				await setConfig(sandbox, { okOnError });
				const result = await runWorkflow([wwNode('undoCheckOut', { assetId: byId(asset.id) })], {
					credentials: creds(),
				});
				assert.equal(result.error?.httpCode, '403');
				assert.match(result.error!.message, /checked out by jane/);
			}
			assert.equal((await simAsset(sandbox, asset.id)).checkout?.by, 'jane');
		});
	});
});
