import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';

import { generatedMd5 } from '../fixtures/nodes';
import { runWorkflow } from '../harness/engine';
import { MiB } from '../harness/memory';
import type { Sandbox } from '../harness/sandbox';
import { EDITOR, VIEWER } from '../sandbox/mediavalet/seed';
import {
	assetState,
	byId,
	DAM_HEADERS,
	file,
	mv,
	mvCredentials,
	seedAsset,
	startSandbox,
	stopSandbox,
} from './helpers';

describe('MediaValet check-out and check-in through the engine', () => {
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
	const checkedOutAsset = async (fileName = 'hero.jpg') =>
		await seedAsset(sandbox, {
			title: 'Hero',
			fileName,
			content: 'version one',
			checkedOutBy: EDITOR.username,
		});
	const checkIn = (assetId: string, parameters: Record<string, unknown> = {}) =>
		mv('asset', 'checkIn', {
			assetId: byId(assetId),
			fileName: 'hero_v2.jpg',
			comment: 'Colour corrected',
			...parameters,
		});
	const apiCalls = async () =>
		(await sandbox.journal('mediavalet'))
			.filter((e) => e.path !== '/connect/token')
			.map((e) => `${e.method} ${e.path}`);

	it('check out: locks the asset with the comment sent as a JSON array', async () => {
		const asset = await seedAsset(sandbox, { title: 'Hero', fileName: 'hero.jpg' });
		const result = await runWorkflow(
			[mv('asset', 'checkOut', { assetId: byId(asset.id), comment: 'Editing colour' })],
			{ credentials: credentials() },
		);
		assert.equal(result.error, undefined, result.error?.message);
		const [item] = result.output('MediaValet');
		assert.equal(item.json.checkedOutBy, EDITOR.id);
		assert.equal(item.json.assetCheckOutComment, 'Editing colour');
		assert.equal(item.binary, undefined);
		const [post] = (await sandbox.journal('mediavalet')).filter((e) =>
			e.path.endsWith('/checkOut'),
		);
		assert.deepEqual(post.body, ['Editing colour']);
		assert.equal(post.status, 202);
		const state = await assetState(sandbox, asset.id);
		assert.equal(state.checkedOutBy, EDITOR.id);
		assert.equal(state.checkOutComment, 'Editing colour');
	});

	it('check out with download: streams the checked-out original from the returned SAS URL', async () => {
		const asset = await seedAsset(sandbox, { fileName: 'layout.pdf', size: 2 * MiB + 5 });
		const result = await runWorkflow(
			[
				mv('asset', 'checkOut', {
					assetId: byId(asset.id),
					download: true,
					binaryPropertyName: 'file',
				}),
			],
			{
				credentials: credentials(),
			},
		);
		assert.equal(result.error, undefined, result.error?.message);
		const binary = result.output('MediaValet')[0].binary!.file;
		assert.equal(binary.fileName, 'layout.pdf');
		const stream = await Container.get(BinaryDataService).getAsStream(binary.id!);
		const hash = createHash('md5');
		for await (const chunk of stream) hash.update(chunk as Buffer);
		assert.equal(hash.digest('hex'), asset.md5);
		const [post] = (await sandbox.journal('mediavalet')).filter((e) =>
			e.path.endsWith('/checkOut'),
		);
		assert.equal(post.body, undefined, 'no comment: no body');
		const storage = await sandbox.journal('azure-blob');
		assert.equal(storage.length, 1);
		for (const header of DAM_HEADERS) assert.equal(storage[0].headers[header], undefined, header);
	});

	it('check out: an asset checked out by someone else is a 409; Continue On Fail gives an error item and goes on', async () => {
		const asset = await seedAsset(sandbox, { checkedOutBy: VIEWER.username });
		const result = await runWorkflow([mv('asset', 'checkOut', { assetId: byId(asset.id) })], {
			credentials: credentials(),
		});
		assert.equal(result.error?.httpCode, '409');
		assert.match(result.error!.message, /already checked out by viewer@example.com/);

		const free = await seedAsset(sandbox, {});
		const soft = await runWorkflow(
			[
				mv(
					'asset',
					'checkOut',
					{ assetId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
					{ continueOnFail: true },
				),
			],
			{
				credentials: credentials(),
				input: [{ json: { id: asset.id } }, { json: { id: free.id } }],
			},
		);
		assert.equal(soft.error, undefined);
		const [failed, ok] = soft.output('MediaValet');
		assert.match(String(failed.json.error), /already checked out/);
		assert.deepEqual(failed.pairedItem, { item: 0 });
		assert.equal(ok.json.checkedOutBy, EDITOR.id);
	});

	it('check in a small file: validate, upload URL, one Put Blob, finalize with the size; new version with real MD5', async () => {
		const asset = await checkedOutAsset();
		const size = 100_000;
		const result = await runWorkflow(
			[file(size, 5, 'ignored.jpg', 'image/jpeg'), checkIn(asset.id)],
			{ credentials: credentials() },
		);
		assert.equal(result.error, undefined, result.error?.message);
		const [item] = result.output('MediaValet');
		const expected = await generatedMd5(size, 5);
		assert.equal(item.json.checkedOutBy, null);
		assert.equal(item.json.assetCheckInComment, 'Colour corrected');
		assert.equal((item.json.record as { version: { version: number } }).version.version, 2);
		assert.equal((item.json.file as { fileName: string; md5: string }).fileName, 'hero_v2.jpg');
		assert.equal((item.json.file as { md5: string }).md5, expected);
		assert.deepEqual(item.json.checkIn, {
			fileName: 'hero_v2.jpg',
			size,
			md5: expected,
			uploadMethod: 'putBlob',
			blocks: 0,
			blockSize: 0,
			mediaFileId: (item.json.file as { id: string }).id,
			previousVersion: 1,
			version: 2,
		});
		assert.doesNotMatch(JSON.stringify(item.json), /sig=/, 'no signed URL in the output');

		assert.deepEqual(await apiCalls(), [
			`GET /assets/${asset.id}`,
			`POST /assetCheckIn/${asset.id}/validate`,
			`GET /assetCheckIn/${asset.id}`,
			`PUT /assetCheckIn/${asset.id}`,
		]);
		const journal = await sandbox.journal('mediavalet');
		assert.equal(journal.find((e) => e.path.endsWith('/validate'))!.body, 'hero_v2.jpg');
		const finalize = journal.find((e) => e.method === 'PUT')!.body as Record<string, unknown>;
		assert.equal(finalize.id, asset.id);
		assert.equal(finalize.fileSizeInBytes, size);
		assert.equal(finalize.fileName, 'hero_v2.jpg');
		assert.equal(finalize.comment, 'Colour corrected');
		assert.equal(finalize.status, 0);
		assert.equal(typeof finalize.mediaFileId, 'string');
		assert.match(String(finalize.uploadFileName), /hero_v2\.jpg$/);
		const storage = await sandbox.journal('azure-blob');
		assert.equal(storage.length, 1, 'one Put Blob');
		assert.equal(storage[0].method, 'PUT');
		assert.equal(storage[0].headers['x-ms-blob-type'], 'BlockBlob');
		assert.equal(storage[0].query.comp, undefined);
		for (const header of DAM_HEADERS) assert.equal(storage[0].headers[header], undefined, header);

		const state = await assetState(sandbox, asset.id);
		assert.equal(state.versions.length, 2);
		assert.equal(state.versions[1].md5, expected);
		assert.equal(state.versions[1].sizeInBytes, size);
		assert.equal(state.versions[1].checkInStatus, 0);
		assert.equal(state.checkedOutBy, null);
	});

	it('check in 40 MiB in blocks through 503s and a dropped connection: completes with the right MD5', async () => {
		const asset = await checkedOutAsset();
		const size = 40 * MiB;
		await sandbox.fault({
			target: 'azure-blob',
			query: 'comp=block&',
			status: 503,
			headers: { 'Retry-After': '0' },
			times: 2,
			skip: 1,
		});
		await sandbox.fault({ target: 'azure-blob', query: 'comp=block&', drop: true, skip: 4 });
		const result = await runWorkflow(
			[file(size, 9), checkIn(asset.id, { options: { blockSizeMiB: 4, concurrency: 3 } })],
			{
				credentials: credentials(),
			},
		);
		assert.equal(result.error, undefined, result.error?.message);
		const expected = await generatedMd5(size, 9);
		const [item] = result.output('MediaValet');
		assert.equal((item.json.checkIn as { md5: string }).md5, expected);
		assert.equal((item.json.checkIn as { blocks: number }).blocks, 10);
		const storage = await sandbox.journal('azure-blob');
		assert.equal(
			storage.filter((e) => e.fault).length,
			3,
			'two 503s and one dropped connection happened',
		);
		assert.equal(storage.filter((e) => e.query.comp === 'block' && e.status === 201).length, 10);
		assert.ok(
			storage
				.filter((e) => e.query.comp === 'block')
				.every((e) => Number(e.headers['content-length']) <= 4 * MiB),
		);
		const state = await assetState(sandbox, asset.id);
		assert.equal(state.versions[1].md5, expected, 'the committed blob read back by finalize');
		assert.equal(state.versions[1].sizeInBytes, size);
	});

	it('check in: a file name another asset has fails at step 2 with the 409; nothing uploaded, still checked out', async () => {
		await seedAsset(sandbox, { fileName: 'taken.jpg' });
		const asset = await checkedOutAsset();
		const result = await runWorkflow([file(1000), checkIn(asset.id, { fileName: 'taken.jpg' })], {
			credentials: credentials(),
		});
		assert.ok(result.error);
		assert.equal(result.error.httpCode, '409');
		assert.match(
			result.error.message,
			/^MediaValet: Check-in failed at step 2 of 5 \(Validate the file name\): An asset with the file name 'taken.jpg' already exists/,
		);
		assert.match(
			String(result.error.description),
			new RegExp(
				`Asset ${asset.id} is still checked out and keeps version 1; nothing was finalized`,
			),
		);
		assert.equal((await sandbox.journal('azure-blob')).length, 0);
		assert.ok(!(await apiCalls()).some((call) => call.startsWith('PUT')));
		const state = await assetState(sandbox, asset.id);
		assert.equal(state.checkedOutBy, EDITOR.id);
		assert.equal(state.versions.length, 1);
	});

	it('check in: an asset that is not checked out is refused before anything is sent', async () => {
		const asset = await seedAsset(sandbox, { fileName: 'free.jpg' });
		const result = await runWorkflow([file(1000), checkIn(asset.id)], {
			credentials: credentials(),
		});
		assert.ok(result.error);
		assert.equal(result.error.name, 'NodeOperationError');
		assert.match(result.error.message, /is not checked out: check it out before checking in/);
		assert.deepEqual(await apiCalls(), [`GET /assets/${asset.id}`]);
	});

	it('check in: a storage refusal during the upload fails at step 4, commits nothing, finalizes nothing', async () => {
		const asset = await checkedOutAsset();
		// The refusal hits the commit (Put Block List): a small request, so the 403 is always read as such
		// (a refusal of a large Put Block can also surface as a reset connection, which is retried).
		await sandbox.fault({
			target: 'azure-blob',
			query: 'comp=blocklist',
			status: 403,
			body: '<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Signed expiry time has to be after signed start time</Message></Error>',
		});
		const result = await runWorkflow([file(24 * MiB, 4), checkIn(asset.id)], {
			credentials: credentials(),
		});
		assert.ok(result.error);
		assert.match(
			result.error.message,
			/^MediaValet: Check-in failed at step 4 of 5 \(Upload the file to Azure Blob storage\): Put Block List failed: Signed expiry time has to be after signed start time \(HTTP 403\)/,
		);
		assert.match(
			String(result.error.description),
			/still checked out and keeps version 1; nothing was finalized/,
		);
		assert.doesNotMatch(result.error.message + result.error.description, /sig=/);
		const storage = await sandbox.journal('azure-blob');
		assert.equal(storage.filter((e) => e.query.comp === 'block').length, 3);
		assert.deepEqual(
			storage.filter((e) => e.query.comp === 'blocklist').map((e) => e.status),
			[403],
			'the commit was refused, not repeated',
		);
		assert.ok(!(await apiCalls()).some((call) => call === `PUT /assetCheckIn/${asset.id}`));
		const state = await assetState(sandbox, asset.id);
		assert.equal(state.checkedOutBy, EDITOR.id);
		assert.equal(state.versions.length, 1);
		const blob = await sandbox.call(
			'GET',
			`/storage/azure/blob?container=${state.container}&blob=${encodeURIComponent(state.checkIn.slot.blobName)}`,
		);
		assert.equal(blob.exists, false, 'no half-written blob');
	});

	it('check in: a refused finalize fails at step 5 and says the file was not attached', async () => {
		const asset = await checkedOutAsset();
		await sandbox.fault({
			target: 'mediavalet',
			method: 'PUT',
			path: '^/assetCheckIn/',
			status: 400,
			body: { message: 'The library is read-only during maintenance' },
		});
		const result = await runWorkflow([file(5000), checkIn(asset.id)], {
			credentials: credentials(),
		});
		assert.ok(result.error);
		assert.equal(result.error.httpCode, '400');
		assert.match(
			result.error.message,
			/^MediaValet: Check-in failed at step 5 of 5 \(Finalize the check-in\): The library is read-only during maintenance/,
		);
		assert.match(
			String(result.error.description),
			/still checked out.*The file reached storage but MediaValet did not attach it to the asset/,
		);
		const state = await assetState(sandbox, asset.id);
		assert.equal(state.checkedOutBy, EDITOR.id);
		assert.equal(state.versions.length, 1);
	});

	it('check in: block size above 64 MiB and a missing binary are refused by the node', async () => {
		const asset = await checkedOutAsset();
		const big = await runWorkflow(
			[file(1000), checkIn(asset.id, { options: { blockSizeMiB: 100 } })],
			{ credentials: credentials() },
		);
		assert.ok(big.error);
		assert.match(
			big.error.message,
			/"Part Size \(MiB\)" parameter must be a whole number from 1 to 64/,
		);
		const missing = await runWorkflow([checkIn(asset.id)], { credentials: credentials() });
		assert.ok(missing.error);
		assert.match(missing.error.message, /binary/i);
		assert.deepEqual(await apiCalls(), []);
	});
});
