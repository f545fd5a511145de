import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import type { IDataObject } from 'n8n-workflow';

import { generatedMd5 } from '../fixtures/nodes';
import { newCredentialsHelper, runWorkflow, startWorkflow } from '../harness/engine';
import { MiB, measurePeakRss } from '../harness/memory';
import { Sandbox } from '../harness/sandbox';
import {
	CREDENTIAL,
	binaryFile,
	byId,
	credentials,
	seedAsset,
	setConfig,
	simAsset,
	wwNode,
} from './helpers';

const folder = (path: string) => ({ __rl: true, mode: 'path', value: path });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WoodWing Assets: create (streamed multipart upload) through the engine', () => {
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

	it('creates an asset from a binary property with metadata, for both login styles', async () => {
		for (const session of [false, true]) {
			const size = 2 * MiB + 123;
			const result = await runWorkflow(
				[
					binaryFile(size, 9, `beach-${session}.jpg`, 'image/jpeg'),
					wwNode('create', {
						folderPath: folder('/Demo Zone/Images/'),
						metadata: {
							field: [
								{ name: 'status', value: 'Draft' },
								{ name: 'tags', value: 'beach,sun' },
							],
						},
						options: { metadataJson: '{"description": "Ünïcödé beach"}' },
					}),
				],
				{ credentials: credentials(sandbox, session ? { loginStyle: 'sessionLogin' } : {}) },
			);
			assert.equal(result.error, undefined, result.error?.message);
			const json = result.output('WoodWing')[0].json;
			const metadata = json.metadata as IDataObject;
			assert.equal(metadata.assetPath, `/Demo Zone/Images/beach-${session}.jpg`);
			assert.equal(metadata.status, 'Draft');
			assert.deepEqual(metadata.tags, ['beach', 'sun']);
			assert.equal(metadata.description, 'Ünïcödé beach');
			assert.equal(metadata.mimeType, 'image/jpeg');
			assert.equal(metadata.versionNumber, 1);
			const expected = await generatedMd5(size, 9);
			assert.deepEqual(json.upload, {
				fileName: `beach-${session}.jpg`,
				size,
				md5: expected,
				method: 'multipart',
				parts: 1,
				partSize: size,
			});
			const state = await simAsset(sandbox, String(json.id));
			assert.equal(state.versions[0].md5, expected);
			assert.equal(state.versions[0].size, size);
			assert.ok(state.versions[0].onDisk);
			const create = (await sandbox.journal('woodwing'))
				.filter((e) => e.path === '/services/create')
				.pop()!;
			assert.match(create.headers['content-type'], /^multipart\/form-data; boundary=/);
			assert.ok(Number(create.headers['content-length']) > size);
			assert.equal(
				create.headers['transfer-encoding'],
				undefined,
				'sent with a Content-Length, not chunked',
			);
			if (session) assert.ok(create.headers['x-csrf-token']);
			else assert.match(create.headers.authorization, /^Bearer /);
		}
	});

	it('auto-renames on a name clash by default, and fails with the server message when told not to', async () => {
		await seedAsset(sandbox, { assetPath: '/Demo Zone/report.pdf', content: 'old' });
		const renamed = await runWorkflow(
			[binaryFile(1000, 1, 'report.pdf'), wwNode('create', { folderPath: folder('/Demo Zone') })],
			{
				credentials: credentials(sandbox),
			},
		);
		assert.equal(renamed.error, undefined, renamed.error?.message);
		assert.equal(
			(renamed.output('WoodWing')[0].json.metadata as IDataObject).assetPath,
			'/Demo Zone/report-1.pdf',
		);

		for (const okOnError of [false, true]) {
			await setConfig(sandbox, { okOnError });
			const clash = await runWorkflow(
				[
					binaryFile(1000, 1, 'report.pdf'),
					wwNode('create', { folderPath: folder('/Demo Zone'), options: { autoRename: false } }),
				],
				{ credentials: credentials(sandbox) },
			);
			assert.equal(clash.error?.httpCode, '409');
			assert.match(clash.error!.message, /already exists/);
		}
		assert.equal((await sandbox.sim<unknown[]>('woodwing', 'GET', '/assets')).length, 2);
		const files: string[] = (await sandbox.sim('woodwing', 'GET', '/uploads')).files;
		assert.deepEqual(
			files.filter((name) => name.startsWith('upload-')),
			[],
			'the refused uploads were discarded',
		);
		assert.equal(files.length, 1, 'one stored upload (the renamed asset)');
	});

	it('uses the File Name option, and inline (in-memory) binary data too', async () => {
		const content = Buffer.from('inline binary content');
		const result = await runWorkflow(
			[
				wwNode('create', {
					folderPath: folder('/Demo Zone/Inline'),
					options: { fileName: 'renamed.txt' },
				}),
			],
			{
				credentials: credentials(sandbox),
				input: [
					{
						json: {},
						binary: {
							data: {
								data: content.toString('base64'),
								mimeType: 'text/plain',
								fileName: 'orig.txt',
							},
						},
					},
				],
			},
		);
		assert.equal(result.error, undefined, result.error?.message);
		const json = result.output('WoodWing')[0].json;
		assert.equal((json.metadata as IDataObject).assetPath, '/Demo Zone/Inline/renamed.txt');
		const state = await simAsset(sandbox, String(json.id));
		assert.equal(state.versions[0].md5, createHash('md5').update(content).digest('hex'));
	});

	it('refuses a missing binary property and a relative folder path, naming the parameter', async () => {
		const noBinary = await runWorkflow(
			[wwNode('create', { folderPath: folder('/Demo Zone'), binaryPropertyName: 'missing' })],
			{
				credentials: credentials(sandbox),
			},
		);
		assert.equal(noBinary.error?.name, 'NodeOperationError');
		assert.match(noBinary.error!.message, /missing/);
		const relative = await runWorkflow(
			[binaryFile(10), wwNode('create', { folderPath: folder('={{ "Demo Zone" }}') })],
			{
				credentials: credentials(sandbox),
			},
		);
		assert.equal(relative.error?.name, 'NodeOperationError');
		assert.match(relative.error!.message, /must start with "\/" \(parameter "Folder"\)/);
		assert.equal(
			(await sandbox.journal('woodwing')).filter((e) => e.path === '/services/create').length,
			0,
		);
	});

	it('renews an expired session before uploading (an upload body cannot be sent twice)', async () => {
		const helper = newCredentialsHelper(credentials(sandbox));
		const first = await runWorkflow(
			[binaryFile(1000, 1, 'a.bin'), wwNode('create', { folderPath: folder('/Demo Zone') })],
			{ helper },
		);
		assert.equal(first.error, undefined, first.error?.message);
		await sandbox.sim('woodwing', 'POST', '/clock', { advanceMs: 31 * 60 * 1000 });
		const mark = await sandbox.mark();
		const second = await runWorkflow(
			[binaryFile(4 * MiB, 2, 'b.bin'), wwNode('create', { folderPath: folder('/Demo Zone') })],
			{ helper },
		);
		assert.equal(second.error, undefined, second.error?.message);
		const journal = await sandbox.journal('woodwing', mark);
		assert.deepEqual(
			journal.map((e) => `${e.path} ${e.status}`),
			[
				'/services/profile 401',
				'/services/apilogin 200',
				'/services/profile 200',
				'/services/create 200',
			],
		);
		assert.equal(helper.preAuthCalls.get(CREDENTIAL), 2);
	});

	it('a cancelled upload leaves nothing on the server', async () => {
		await setConfig(sandbox, { uploadChunkDelayMs: 15 });
		const running = await startWorkflow(
			[binaryFile(16 * MiB, 3, 'big.bin'), wwNode('create', { folderPath: folder('/Demo Zone') })],
			{
				credentials: credentials(sandbox),
			},
		);
		const deadline = Date.now() + 20_000;
		let bytes = 0;
		while (Date.now() < deadline) {
			const uploads = await sandbox.sim<{ active: Array<{ bytes: number }> }>(
				'woodwing',
				'GET',
				'/uploads',
			);
			bytes = uploads.active[0]?.bytes ?? 0;
			if (bytes > MiB) break;
			await sleep(50);
		}
		assert.ok(bytes > MiB, 'the upload was under way');
		running.cancel();
		await running.done.catch(() => undefined);
		let state = await sandbox.sim<{ active: unknown[]; files: string[] }>(
			'woodwing',
			'GET',
			'/uploads',
		);
		for (let n = 0; n < 40 && (state.active.length || state.files.length); n++) {
			await sleep(50);
			state = await sandbox.sim('woodwing', 'GET', '/uploads');
		}
		assert.deepEqual(state, { active: [], files: [] }, 'partial upload discarded');
		assert.equal(
			(await sandbox.sim<unknown[]>('woodwing', 'GET', '/assets')).length,
			0,
			'no asset created',
		);
	});
});

describe('WoodWing Assets: 300 MiB create and check-in with flat memory', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await Sandbox.start();
	});
	afterAll(async () => {
		await sandbox.stop();
	});

	const measure = async (label: string, work: () => Promise<{ error?: Error }>) => {
		const started = Date.now();
		const { result, peakRss, baseRss } = await measurePeakRss(work);
		assert.equal(result.error, undefined, result.error?.message);
		const growth = (peakRss - baseRss) / MiB;
		console.log(
			`woodwing ${label}: peak RSS growth ${growth.toFixed(1)} MiB, ${((Date.now() - started) / 1000).toFixed(1)} s`,
		);
		return { result, growth };
	};

	it('creates 30 MiB and 300 MiB assets: stored MD5 equals the source, memory does not grow with the size', async () => {
		const growth: Record<number, number> = {};
		for (const size of [30 * MiB, 300 * MiB]) {
			const { result, growth: g } = await measure(
				`create ${size / MiB} MiB`,
				async () =>
					await runWorkflow(
						[
							binaryFile(size, 21, `big-${size}.bin`),
							wwNode('create', { folderPath: folder('/Demo Zone/Big') }),
						],
						{
							credentials: credentials(sandbox),
						},
					),
			);
			growth[size] = g;
			const json = (result as Awaited<ReturnType<typeof runWorkflow>>).output('WoodWing')[0].json;
			const expected = await generatedMd5(size, 21);
			const state = await simAsset(sandbox, String(json.id));
			assert.equal(state.versions[0].size, size);
			assert.equal(state.versions[0].md5, expected, 'stored file MD5 equals the source');
			assert.equal((json.upload as IDataObject).md5, expected);
		}
		const difference = growth[300 * MiB] - growth[30 * MiB];
		console.log(
			`woodwing create: growth difference 300 MiB vs 30 MiB = ${difference.toFixed(1)} MiB`,
		);
		assert.ok(
			difference < 64,
			`memory grew with the file size (${difference.toFixed(1)} MiB more for 270 MiB more data)`,
		);
		assert.ok(growth[300 * MiB] < 160, `peak growth ${growth[300 * MiB].toFixed(1)} MiB`);
	});

	it('checks in 30 MiB and 300 MiB versions: stored MD5 equals the source, memory does not grow with the size', async () => {
		const asset = await seedAsset(sandbox, {
			assetPath: '/Demo Zone/Big/versioned.bin',
			content: 'v1',
		});
		const growth: Record<number, number> = {};
		let version = 1;
		for (const size of [30 * MiB, 300 * MiB]) {
			const checkout = await runWorkflow([wwNode('checkOut', { assetId: byId(asset.id) })], {
				credentials: credentials(sandbox),
			});
			assert.equal(checkout.error, undefined, checkout.error?.message);
			const { growth: g } = await measure(
				`check-in ${size / MiB} MiB`,
				async () =>
					await runWorkflow(
						[binaryFile(size, 33, 'v.bin'), wwNode('checkIn', { assetId: byId(asset.id) })],
						{
							credentials: credentials(sandbox),
						},
					),
			);
			growth[size] = g;
			version++;
			const state = await simAsset(sandbox, asset.id);
			assert.equal(state.versions.length, version);
			assert.equal(state.versions[version - 1].size, size);
			assert.equal(
				state.versions[version - 1].md5,
				await generatedMd5(size, 33),
				'stored version MD5 equals the source',
			);
			assert.equal(state.checkout, null);
		}
		const difference = growth[300 * MiB] - growth[30 * MiB];
		console.log(
			`woodwing check-in: growth difference 300 MiB vs 30 MiB = ${difference.toFixed(1)} MiB`,
		);
		assert.ok(
			difference < 64,
			`memory grew with the file size (${difference.toFixed(1)} MiB more for 270 MiB more data)`,
		);
		assert.ok(growth[300 * MiB] < 160, `peak growth ${growth[300 * MiB].toFixed(1)} MiB`);
	});
});
