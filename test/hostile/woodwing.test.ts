import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import type { IDataObject } from 'n8n-workflow';

import { generatedBuffer, generatedMd5 } from '../fixtures/generated';
import { binaryBytes, runWorkflow } from '../harness/engine';
import { Sandbox } from '../harness/sandbox';
import type { FaultRule, JournalEntry } from '../sandbox/core/control';
import {
	binaryFile,
	byId,
	credentials,
	seedAsset,
	type SimAsset,
	simAsset,
	wwNode,
} from '../woodwing/helpers';

/**
 * Hostile WoodWing Assets server: answers lost after the server acted (`after` faults), bad
 * input from expressions, hostile Content-Disposition headers. Every action is sent once, and
 * what the node reports is what the server holds.
 */
describe('hostile WoodWing Assets: one side effect per action, the reported state is the server’s', () => {
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

	const CLIENT = 'n8n-hostile-client';
	const creds = () => credentials(sandbox, { clientId: CLIENT });
	const folder = (path: string) => ({ __rl: true, mode: 'path', value: path });
	/** The three ways an answer is lost after the server acted. */
	const LOST: Array<{ label: string; rule: Partial<FaultRule> }> = [
		{ label: '503 without Retry-After', rule: { status: 503 } },
		{ label: '502', rule: { status: 502 } },
		{ label: 'a dropped connection', rule: { drop: true } },
	];

	const lose = async (path: string, rule: Partial<FaultRule>, afterActing = true) =>
		await sandbox.fault({ target: 'woodwing', method: 'POST', path, after: afterActing, ...rule });
	const sent = async (path: RegExp): Promise<JournalEntry[]> =>
		(await sandbox.journal('woodwing')).filter(
			(entry) => entry.method === 'POST' && path.test(entry.path),
		);
	const actions = (state: SimAsset, action: string) =>
		state.history.filter((entry) => entry.action === action).length;
	const checkedOutAsset = async (path: string, content = 'version one') => {
		const asset = await seedAsset(sandbox, { assetPath: path, content });
		await sandbox.sim('woodwing', 'POST', `/assets/${asset.id}/checkout`, {
			user: 'api_user',
			client: CLIENT,
		});
		return asset;
	};

	describe('check in (a streamed upload that cannot be sent again)', () => {
		for (const { label, rule } of LOST) {
			it(`stores one version when the answer is lost after the server stored it (${label}), and says it read it back`, async () => {
				const asset = await checkedOutAsset(`/Demo Zone/lost-${rule.status ?? 'drop'}.bin`);
				await lose('^/services/update$', rule);
				const size = 200_000;
				const result = await runWorkflow(
					[binaryFile(size, 7, 'v2.bin'), wwNode('checkIn', { assetId: byId(asset.id) })],
					{ credentials: creds() },
				);
				assert.equal(result.error, undefined, result.error?.message);
				const json = result.output('WoodWing')[0].json;
				assert.equal(json.verified, true);
				assert.match(
					String(json.verification),
					/answer to the check-in was lost; reading the asset back showed version 2 \(was 1\)/,
				);
				assert.equal((json.metadata as IDataObject).versionNumber, 2);
				assert.equal((json.upload as IDataObject).md5, await generatedMd5(size, 7));

				const updates = await sent(/^\/services\/update$/);
				assert.equal(updates.length, 1, 'the upload was sent once');
				assert.equal(updates[0].acted, 200, 'the server stored it');
				const state = await simAsset(sandbox, asset.id);
				assert.equal(state.versions.length, 2, 'one new version');
				assert.equal(state.versions[1].md5, await generatedMd5(size, 7));
				assert.equal(actions(state, 'CHECKIN'), 1);
				assert.equal(state.checkout, null);
			});
		}

		it('reports the asset still checked out with its old version when the lost upload was not stored', async () => {
			const asset = await checkedOutAsset('/Demo Zone/not-stored.bin');
			await lose('^/services/update$', { status: 502 }, false);
			const result = await runWorkflow(
				[binaryFile(50_000, 2), wwNode('checkIn', { assetId: byId(asset.id) })],
				{ credentials: creds() },
			);
			assert.ok(result.error, 'an error');
			assert.equal(result.error.httpCode, '502');
			assert.match(
				result.error.message,
				/Check-in failed at step 2 of 2 \(Uploading the new version\)/,
			);
			assert.match(
				String(result.error.description),
				/Asset \/Demo Zone\/not-stored\.bin is still checked out by api_user with its old version 1\./,
			);
			assert.equal((await sent(/^\/services\/update$/)).length, 1, 'not sent again');
			const state = await simAsset(sandbox, asset.id);
			assert.equal(state.versions.length, 1);
			assert.equal(state.checkout?.by, 'api_user');
		});
	});

	describe('create (a streamed upload that cannot be sent again)', () => {
		it('creates one asset when the answer is lost after the server created it (502), and finds it in the folder', async () => {
			await lose('^/services/create$', { status: 502 });
			const lost = await runWorkflow(
				[
					binaryFile(30_000, 4, 'brochure.pdf'),
					wwNode('create', { folderPath: folder('/Demo Zone/Lost') }),
				],
				{
					credentials: creds(),
				},
			);
			assert.equal(lost.error, undefined, lost.error?.message);
			const json = lost.output('WoodWing')[0].json;
			const stored = await sandbox.sim<SimAsset[]>('woodwing', 'GET', '/assets');
			assert.equal(stored.length, 1, 'one asset');
			assert.equal((await sent(/^\/services\/create$/)).length, 1, 'the upload was sent once');
			assert.equal(json.id, stored[0].id, 'the asset the server created');
			assert.equal(json.verified, true);
			assert.match(
				String(json.verification),
				/reading it back showed that a search of \/Demo Zone\/Lost found \/Demo Zone\/Lost\/brochure\.pdf/,
			);
			assert.equal((json.upload as IDataObject).md5, await generatedMd5(30_000, 4));
		});

		it('finds the auto-renamed asset after a dropped answer, not the older one of the same name', async () => {
			await seedAsset(sandbox, {
				assetPath: '/Demo Zone/report.pdf',
				content: 'x'.repeat(10_000),
				creator: 'api_user',
			});
			await sandbox.sim('woodwing', 'POST', '/clock', { advanceMs: 60_000 });
			await lose('^/services/create$', { drop: true });
			const result = await runWorkflow(
				[
					binaryFile(10_000, 5, 'report.pdf'),
					wwNode('create', { folderPath: folder('/Demo Zone') }),
				],
				{ credentials: creds() },
			);
			assert.equal(result.error, undefined, result.error?.message);
			const json = result.output('WoodWing')[0].json;
			assert.equal((json.metadata as IDataObject).assetPath, '/Demo Zone/report-1.pdf');
			assert.equal(json.verified, true);
			assert.equal((await sandbox.sim<SimAsset[]>('woodwing', 'GET', '/assets')).length, 2);
			assert.equal((await sent(/^\/services\/create$/)).length, 1);
		});

		it('says the asset may have been created when the lost upload created nothing (an older asset of that name is not taken for it)', async () => {
			// Same name, size and creator, but from before the upload: the server refuses the clash (409), the answer is lost.
			await seedAsset(sandbox, {
				assetPath: '/Demo Zone/clash.bin',
				content: 'x'.repeat(10_000),
				creator: 'api_user',
			});
			await sandbox.sim('woodwing', 'POST', '/clock', { advanceMs: 60_000 });
			await lose('^/services/create$', { status: 503 });
			const result = await runWorkflow(
				[
					binaryFile(10_000, 5, 'clash.bin'),
					wwNode('create', { folderPath: folder('/Demo Zone'), options: { autoRename: false } }),
				],
				{ credentials: creds() },
			);
			assert.ok(result.error, 'an error');
			assert.equal(result.error.httpCode, '503');
			assert.match(
				String(result.error.description),
				/answer was lost, so the request was not sent again; reading it back showed that a search of \/Demo Zone found no asset/,
			);
			assert.match(String(result.error.description), /so it may have been created all the same/);
			assert.match(
				String(result.error.description),
				/found no asset named clash\.bin of 10000 bytes created by api_user since the upload began/,
			);
			assert.match(String(result.error.description), /Check that folder before running this again/);
			const [entry] = await sent(/^\/services\/create$/);
			assert.equal(entry.acted, 409, 'the server refused it');
			assert.equal((await sent(/^\/services\/create$/)).length, 1);
			assert.equal((await sandbox.sim<SimAsset[]>('woodwing', 'GET', '/assets')).length, 1);
		});
	});

	it('update: one metadata change when the answer is lost (503), verified by reading back', async () => {
		const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/meta.txt', content: 'x' });
		await lose('^/services/update$', { status: 503 });
		const result = await runWorkflow(
			[
				wwNode('update', {
					assetId: byId(asset.id),
					metadata: {
						field: [
							{ name: 'status', value: 'Approved' },
							{ name: 'tags', value: 'a, b' },
						],
					},
				}),
			],
			{ credentials: creds() },
		);
		assert.equal(result.error, undefined, result.error?.message);
		const json = result.output('WoodWing')[0].json;
		assert.equal(json.verified, true);
		assert.equal((json.metadata as IDataObject).status, 'Approved');
		assert.equal((await sent(/^\/services\/update$/)).length, 1);
		const state = await simAsset(sandbox, asset.id);
		assert.equal(actions(state, 'METADATA_UPDATE'), 1);
		assert.equal(state.metadata.status, 'Approved');
	});

	describe('check out', () => {
		it('one check-out when the answer is lost (dropped): reported as checked out by this user', async () => {
			const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/co.txt', content: 'x' });
			await lose('^/services/checkout/', { drop: true });
			const result = await runWorkflow([wwNode('checkOut', { assetId: byId(asset.id) })], {
				credentials: creds(),
			});
			assert.equal(result.error, undefined, result.error?.message);
			const json = result.output('WoodWing')[0].json;
			assert.equal(json.checkedOutBy, 'api_user');
			assert.equal(json.checkedOutOnClient, CLIENT);
			assert.ok(Number(json.checkedOut) > 0);
			assert.equal(json.verified, true);
			assert.equal((await sent(/^\/services\/checkout\//)).length, 1);
			assert.equal(actions(await simAsset(sandbox, asset.id), 'CHECKOUT'), 1);
		});

		it('with Download: a lost answer (502) is a check-out done, and the file is read separately', async () => {
			const content = await generatedBuffer(80_000, 6);
			const asset = await seedAsset(sandbox, {
				assetPath: '/Demo Zone/co-file.bin',
				base64: content.toString('base64'),
			});
			await lose('^/services/checkout/', { status: 502 });
			const result = await runWorkflow(
				[wwNode('checkOut', { assetId: byId(asset.id), download: true })],
				{ credentials: creds() },
			);
			assert.equal(result.error, undefined, result.error?.message);
			const [item] = result.output('WoodWing');
			assert.equal(item.json.checkedOutBy, 'api_user');
			assert.match(String(item.json.verification), /The file was downloaded separately/);
			assert.ok((await binaryBytes(item.binary!.data)).equals(content), 'the original');
			assert.equal(item.binary!.data.fileName, 'co-file.bin');
			assert.equal((await sent(/^\/services\/checkout\//)).length, 1);
			assert.equal(actions(await simAsset(sandbox, asset.id), 'CHECKOUT'), 1);
		});

		it('a lost answer when nothing was checked out is an error that says so', async () => {
			const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/co-none.txt', content: 'x' });
			await lose('^/services/checkout/', { status: 502 }, false);
			const result = await runWorkflow([wwNode('checkOut', { assetId: byId(asset.id) })], {
				credentials: creds(),
			});
			assert.equal(result.error?.httpCode, '502');
			assert.match(
				String(result.error?.description),
				/not sent again; reading it back showed that it is not checked out/,
			);
			assert.equal((await sent(/^\/services\/checkout\//)).length, 1);
			assert.equal((await simAsset(sandbox, asset.id)).checkout, null);
		});
	});

	it('delete: one removal when the answer is lost (502), reported as deleted', async () => {
		const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/gone.txt', content: 'x' });
		await lose('^/services/remove$', { status: 502 });
		const result = await runWorkflow([wwNode('delete', { assetId: byId(asset.id) })], {
			credentials: creds(),
		});
		assert.equal(result.error, undefined, result.error?.message);
		const json = result.output('WoodWing')[0].json;
		assert.equal(json.deleted, true);
		assert.match(String(json.verification), /that it no longer exists/);
		const removes = await sent(/^\/services\/remove$/);
		assert.equal(removes.length, 1);
		assert.equal(removes[0].acted, 200);
		assert.equal((await sandbox.sim<SimAsset[]>('woodwing', 'GET', '/assets')).length, 0);
	});

	it('undo check-out: sent once when the answer is lost (503), reported as released', async () => {
		const asset = await checkedOutAsset('/Demo Zone/undo.txt');
		await lose('^/services/undocheckout/', { status: 503 });
		const result = await runWorkflow([wwNode('undoCheckOut', { assetId: byId(asset.id) })], {
			credentials: creds(),
		});
		assert.equal(result.error, undefined, result.error?.message);
		assert.equal(result.output('WoodWing')[0].json.verified, true);
		assert.equal((await sent(/^\/services\/undocheckout\//)).length, 1);
		const state = await simAsset(sandbox, asset.id);
		assert.equal(state.checkout, null);
		assert.equal(actions(state, 'UNDO_CHECKOUT'), 1);
	});

	it('reads are repeated: the profile POST before an upload after a 502, a search after a 503', async () => {
		await sandbox.fault({
			target: 'woodwing',
			method: 'POST',
			path: '^/services/profile$',
			status: 502,
		});
		const created = await runWorkflow(
			[binaryFile(1000, 1, 'read.bin'), wwNode('create', { folderPath: folder('/Demo Zone') })],
			{ credentials: creds() },
		);
		assert.equal(created.error, undefined, created.error?.message);
		assert.equal(
			(await sent(/^\/services\/profile$/)).length,
			2,
			'the profile read was sent again',
		);
		assert.equal((await sent(/^\/services\/create$/)).length, 1);

		await sandbox.fault({ target: 'woodwing', path: '^/services/search$', status: 503 });
		const got = await runWorkflow(
			[wwNode('get', { assetId: byId(String(created.output('WoodWing')[0].json.id)) })],
			{ credentials: creds() },
		);
		assert.equal(got.error, undefined, got.error?.message);
	});

	describe('bad input from expressions, refused before any request', () => {
		const refused = async (node: ReturnType<typeof wwNode>, pattern: RegExp, withFile = false) => {
			const result = await runWorkflow(withFile ? [binaryFile(100), node] : [node], {
				credentials: creds(),
			});
			assert.equal(
				result.error?.name,
				'NodeOperationError',
				`${node.parameters?.operation}: ${result.error?.message}`,
			);
			assert.match(result.error!.message, pattern);
			assert.deepEqual(
				await sandbox.journal('woodwing'),
				[],
				`${node.parameters?.operation}: no request`,
			);
		};

		it('Detail Level, Actions and Limit must be what the editor allows', async () => {
			const id = byId('AbCdEfGhIjKlMnOpQrStUv');
			await refused(
				wwNode('getHistory', { assetId: id, options: { detailLevel: '={{ "lots" }}' } }),
				/"Detail Level" parameter must be a whole number from 0 to 5, got "lots"/,
			);
			await refused(
				wwNode('getHistory', { assetId: id, options: { detailLevel: '={{ 9 }}' } }),
				/"Detail Level"/,
			);
			await refused(
				wwNode('getHistory', {
					assetId: id,
					options: { detailLevel: 0, actions: '={{ "CHECKIN,DROP" }}' },
				}),
				/"DROP" is not a history action \(parameter "Actions"\)/,
			);
			await refused(
				wwNode('getHistory', { assetId: id, limit: '={{ "ten" }}' }),
				/"Limit" parameter must be a whole number/,
			);
			await refused(
				wwNode('search', { query: '*:*', limit: '={{ 20000 }}' }),
				/"Limit" parameter must be a whole number from 1 to 10000, got "20000"/,
			);
		});

		it('an asset ID that would change the query or the path is refused by every operation', async () => {
			const operations: Array<{ operation: string; extra?: IDataObject; file?: boolean }> = [
				{ operation: 'get' },
				{ operation: 'delete' },
				{ operation: 'download' },
				{ operation: 'getHistory' },
				{ operation: 'checkOut' },
				{ operation: 'undoCheckOut' },
				{ operation: 'update', extra: { metadata: { field: [{ name: 'status', value: 'x' }] } } },
				{ operation: 'checkIn', file: true },
			];
			const ids = [
				'={{ ".." }}',
				'={{ "../services/remove" }}',
				'={{ "AbCdEfGhIjKlMnOpQrStUv\\" OR *:*" }}',
				'={{ "Ab Cd Ef Gh Ij" }}',
			];
			for (const { operation, extra, file } of operations) {
				for (const value of ids) {
					await refused(
						wwNode(operation, { assetId: byId(value), ...extra }),
						/The "Asset" parameter must be a WoodWing Assets ID/,
						file,
					);
				}
				await refused(
					wwNode(operation, { assetId: { __rl: true, mode: 'list', value: '..' }, ...extra }),
					/The "Asset" parameter/,
					file,
				);
			}
		});
	});

	describe('hostile file names', () => {
		it('download: a path and a malformed percent-encoding in Content-Disposition keep the base name; the download succeeds', async () => {
			const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/plain.txt', content: 'x' });
			await sandbox.fault({
				target: 'woodwing',
				path: '^/file/',
				status: 200,
				headers: {
					'Content-Type': 'text/plain',
					'Content-Disposition': "attachment; filename*=UTF-8''../../etc/pass%E0%A4%A.txt",
				},
				body: 'hostile bytes',
			});
			const result = await runWorkflow([wwNode('download', { assetId: byId(asset.id) })], {
				credentials: creds(),
			});
			assert.equal(result.error, undefined, result.error?.message);
			const binary = result.output('WoodWing')[0].binary!.data;
			assert.equal(binary.fileName, 'pass%E0%A4%A.txt');
			assert.equal((await binaryBytes(binary)).toString(), 'hostile bytes');
		});

		it('check out with Download: a folder path with a broken UTF-8 sequence keeps the base name as sent', async () => {
			const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/co-name.txt', content: 'x' });
			await sandbox.fault({
				target: 'woodwing',
				method: 'POST',
				path: '^/services/checkout/',
				after: true,
				status: 200,
				headers: {
					'Content-Type': 'application/pdf',
					'Content-Disposition': "attachment; filename*=UTF-8''../Q1/r%C3%A9sum%C3%A9-%E2%82.pdf",
				},
				body: 'pdf bytes',
			});
			const result = await runWorkflow(
				[wwNode('checkOut', { assetId: byId(asset.id), download: true })],
				{ credentials: creds() },
			);
			assert.equal(result.error, undefined, result.error?.message);
			assert.equal(
				result.output('WoodWing')[0].binary!.data.fileName,
				'r%C3%A9sum%C3%A9-%E2%82.pdf',
			);
			assert.equal((await simAsset(sandbox, asset.id)).checkout?.by, 'api_user');
		});

		it('download: an asset ID in the server’s answer that would change the file path is refused', async () => {
			const asset = await seedAsset(sandbox, { assetPath: '/Demo Zone/id.txt', content: 'x' });
			await sandbox.fault({
				target: 'woodwing',
				path: '^/services/search$',
				status: 200,
				headers: { 'Content-Type': 'application/json' },
				body: {
					totalHits: 1,
					hits: [{ id: '../services/remove', metadata: { filename: 'id.txt' } }],
				},
			});
			const result = await runWorkflow([wwNode('download', { assetId: byId(asset.id) })], {
				credentials: creds(),
			});
			assert.equal(result.error?.name, 'NodeOperationError');
			assert.match(
				result.error!.message,
				/The DAM returned an asset ID that is not a WoodWing Assets ID .*: "\.\.\/services\/remove"/,
			);
			const files = (await sandbox.journal('woodwing')).filter(
				(entry) => !entry.path.startsWith('/services/'),
			);
			assert.deepEqual(files, [], 'no file request');
		});

		it('download: a server file name of ".." does not change the request path', async () => {
			const asset = await seedAsset(sandbox, {
				folderPath: '/Demo Zone',
				filename: '..',
				content: 'dots',
			});
			const result = await runWorkflow([wwNode('download', { assetId: byId(asset.id) })], {
				credentials: creds(),
			});
			assert.equal(result.error, undefined, result.error?.message);
			const files = (await sandbox.journal('woodwing')).filter((entry) =>
				entry.path.startsWith('/file/'),
			);
			assert.deepEqual(
				files.map((entry) => entry.path),
				[`/file/${asset.id}/*/${asset.id}`],
			);
			assert.equal(
				(await binaryBytes(result.output('WoodWing')[0].binary!.data)).toString(),
				'dots',
			);
		});
	});
});
