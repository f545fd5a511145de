import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { generatedMd5 } from '../fixtures/nodes';
import { runWorkflow } from '../harness/engine';
import { MiB } from '../harness/memory';
import type { Sandbox } from '../harness/sandbox';
import { CAMPAIGNS, PRODUCTS, VIEWER } from '../sandbox/mediavalet/seed';
import {
	assetState,
	DAM_HEADERS,
	file,
	mv,
	mvCredentials,
	startSandbox,
	stopSandbox,
} from './helpers';

describe('MediaValet new-asset upload through the engine', () => {
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
	const credentials = () => mvCredentials(sandbox);
	const apiCalls = async () =>
		(await sandbox.journal('mediavalet'))
			.filter((e) => e.path !== '/connect/token')
			.map((e) => `${e.method} ${e.path.replace(/[0-9a-f-]{36}/g, ':id')}`);

	it('uploads a file as a new asset: upload record, blob, fields, categories, keywords, finalize', async () => {
		const size = 20 * MiB + 3;
		const result = await runWorkflow(
			[
				file(size, 21, 'poster.png', 'image/png'),
				mv('asset', 'upload', {
					categoryIds: [CAMPAIGNS, PRODUCTS],
					additionalFields: {
						title: 'Spring poster',
						description: 'For the spring campaign',
						keywords: 'spring, poster',
					},
				}),
			],
			{ credentials: credentials() },
		);
		assert.equal(result.error, undefined, result.error?.message);
		const [item] = result.output('MediaValet');
		const expected = await generatedMd5(size, 21);
		assert.equal(item.json.title, 'Spring poster');
		assert.equal(item.json.description, 'For the spring campaign');
		assert.deepEqual(item.json.categories, [CAMPAIGNS, PRODUCTS]);
		assert.deepEqual(item.json.keywords, ['spring', 'poster']);
		assert.equal((item.json.file as { md5: string; sizeInBytes: number }).md5, expected);
		assert.equal(
			(item.json.upload as { uploadMethod: string; blocks: number }).uploadMethod,
			'putBlockList',
		);
		assert.equal((item.json.upload as { blocks: number }).blocks, 3);
		assert.deepEqual(await apiCalls(), [
			'POST /uploads',
			'PUT /uploads/:id',
			'POST /uploads/:id/categories',
			'POST /uploads/:id/keywords',
			'PATCH /uploads/:id',
			'GET /assets/:id',
		]);
		const journal = await sandbox.journal('mediavalet');
		assert.deepEqual(journal.find((e) => e.method === 'POST' && e.path === '/uploads')!.body, {
			filename: 'poster.png',
		});
		const record = journal.find((e) => e.method === 'PUT')!.body as Record<string, unknown>;
		assert.equal(record.fileSizeInBytes, size);
		assert.match(String(record.filename), /poster\.png$/);
		assert.deepEqual(journal.find((e) => e.method === 'PATCH')!.body, [
			{ op: 'replace', path: '/status', value: 1 },
		]);
		const storage = await sandbox.journal('azure-blob');
		assert.equal(storage.filter((e) => e.query.comp === 'block').length, 3);
		for (const entry of storage)
			for (const header of DAM_HEADERS) assert.equal(entry.headers[header], undefined, header);
		const state = await assetState(sandbox, String(item.json.id));
		assert.equal(state.status, 1);
		assert.equal(state.versions[0].md5, expected);
	});

	it('a small file goes in one Put Blob and takes the binary file name as title', async () => {
		const result = await runWorkflow(
			[file(2048, 2, 'notes.txt', 'text/plain'), mv('asset', 'upload')],
			{ credentials: credentials() },
		);
		assert.equal(result.error, undefined, result.error?.message);
		const [item] = result.output('MediaValet');
		assert.equal(item.json.title, 'notes.txt');
		const storage = await sandbox.journal('azure-blob');
		assert.equal(storage.length, 1);
		assert.equal(storage[0].headers['x-ms-blob-type'], 'BlockBlob');
		assert.ok(
			!(await apiCalls()).some((call) => call.includes('categories') || call.includes('keywords')),
		);
	});

	it('a step that fails after the upload record exists cancels the upload in MediaValet', async () => {
		const unknown = '0a000000-0000-4000-8000-00000000beef';
		const result = await runWorkflow(
			[file(4096, 3, 'flyer.pdf'), mv('asset', 'upload', { categoryIds: [unknown] })],
			{ credentials: credentials() },
		);
		assert.ok(result.error);
		assert.equal(result.error.httpCode, '400');
		assert.match(
			result.error.message,
			new RegExp(
				`^MediaValet: Upload failed at step 4 of 6 \\(Assign categories\\): Category '${unknown}' was not found`,
			),
		);
		assert.match(
			String(result.error.description),
			/was cancelled in MediaValet; no asset was created/,
		);
		const calls = await apiCalls();
		assert.equal(calls[calls.length - 1], 'DELETE /uploads/:id');
		assert.ok(!calls.includes('PATCH /uploads/:id'), 'never finalized');
		const state = await sandbox.sim('mediavalet', 'GET', '/state');
		assert.equal(state.assets, 0, 'placeholder removed');
		assert.deepEqual(state.uploads, []);
	});

	it('a storage failure during the blob upload cancels the upload too', async () => {
		await sandbox.fault({
			target: 'azure-blob',
			method: 'PUT',
			status: 404,
			times: 0,
			body: '<?xml version="1.0"?><Error><Code>ContainerNotFound</Code><Message>The specified container does not exist.</Message></Error>',
		});
		const result = await runWorkflow([file(1000, 4, 'a.txt'), mv('asset', 'upload')], {
			credentials: credentials(),
		});
		assert.ok(result.error);
		assert.match(
			result.error.message,
			/^MediaValet: Upload failed at step 2 of 6 \(Upload the file to Azure Blob storage\): Put Blob failed: The specified container does not exist\. \(HTTP 404\)/,
		);
		assert.match(String(result.error.description), /cancelled in MediaValet/);
		assert.equal((await sandbox.sim('mediavalet', 'GET', '/state')).assets, 0);
	});

	it('a file name MediaValet refuses (a reserved or a control character) fails naming "File Name", before any request', async () => {
		for (const fileName of ['bad:name.txt', 'bad\u0001name.txt', 'tab\tname.txt']) {
			await sandbox.reset();
			const result = await runWorkflow(
				[file(1000), mv('asset', 'upload', { additionalFields: { fileName } })],
				{ credentials: credentials() },
			);
			assert.ok(result.error, fileName);
			assert.equal(result.error.name, 'NodeOperationError');
			assert.match(result.error.message, /The "File Name" parameter .* is not a valid file name/);
			assert.deepEqual(
				await apiCalls(),
				[],
				`${JSON.stringify(fileName)}: nothing sent to MediaValet`,
			);
			assert.equal((await sandbox.journal('azure-blob')).length, 0);
		}
	});

	it('a user who may not upload fails at step 1 and nothing is created', async () => {
		const result = await runWorkflow([file(1000), mv('asset', 'upload')], {
			credentials: mvCredentials(sandbox, { username: VIEWER.username, password: VIEWER.password }),
		});
		assert.ok(result.error);
		assert.equal(result.error.httpCode, '403');
		assert.match(
			result.error.message,
			/^MediaValet: Upload failed at step 1 of 6 \(Create the upload\)/,
		);
		assert.match(String(result.error.description), /Nothing was created/);
		assert.equal((await sandbox.journal('azure-blob')).length, 0);
	});
});
