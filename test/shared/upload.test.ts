import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { generatedMd5 } from '../fixtures/nodes';
import { runWorkflow, startWorkflow } from '../harness/engine';
import { MiB, measurePeakRss } from '../harness/memory';
import { Sandbox } from '../harness/sandbox';

const DAM_HEADERS = [
	'authorization',
	'x-api-key',
	'cookie',
	'ocp-apim-subscription-key',
	'accesstoken',
];

describe('chunked upload engines through the engine, against Azurite and s3rver', () => {
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

	const sas = async (blob: string) =>
		(
			await sandbox.call<{ url: string }>('POST', '/storage/azure/sas', {
				container: 'uploads',
				blob,
			})
		).url;
	const file = (size: number, seed = 7) => ({
		type: 'test.binaryFile',
		name: 'File',
		parameters: { size, seed },
	});
	// The probe carries a DAM credential: none of it may reach the storage host.
	const credentials = () => ({
		sandboxProbeApi: { baseUrl: sandbox.url('probe'), apiKey: 'dam-secret' },
	});
	const azureUpload = (targetUrl: string, partSize = 8 * MiB, concurrency = 4) => ({
		type: 'test.sharedProbe',
		name: 'Upload',
		parameters: { resource: 'probe', operation: 'azureUpload', targetUrl, partSize, concurrency },
		credentials: ['sandboxProbeApi'],
	});
	const s3Upload = (partUrls: string[], partSize: number, concurrency?: number) => ({
		type: 'test.sharedProbe',
		name: 'Upload',
		parameters: {
			resource: 'probe',
			operation: 's3Upload',
			partUrls: JSON.stringify(partUrls),
			partSize,
			...(concurrency === undefined ? {} : { concurrency }),
		},
		credentials: ['sandboxProbeApi'],
	});

	it('streams 300 MiB to Azurite in blocks, commits them, and the blob MD5 equals the source', async () => {
		const size = 300 * MiB;
		const url = await sas('big.bin');
		const { result, peakRss, baseRss } = await measurePeakRss(
			async () => await runWorkflow([file(size), azureUpload(url)], { credentials: credentials() }),
		);
		assert.equal(result.error, undefined, result.error?.message);
		const [item] = result.output('Upload');
		const expected = await generatedMd5(size, 7);
		assert.equal(item.json.md5, expected, 'MD5 computed while streaming');
		assert.equal(item.json.method, 'putBlockList');
		assert.equal(item.json.blocks, 38);
		const blob = await sandbox.call('GET', '/storage/azure/blob?container=uploads&blob=big.bin');
		assert.equal(blob.size, size);
		assert.equal(blob.md5, expected, 'committed blob MD5');
		assert.equal(blob.contentMd5, expected, 'x-ms-blob-content-md5 set on commit');
		assert.equal(blob.blockCount, 38);

		const journal = await sandbox.journal('azure-blob');
		assert.equal(journal.filter((e) => e.query.comp === 'block').length, 38);
		assert.equal(journal.filter((e) => e.query.comp === 'blocklist').length, 1);
		const ids = journal
			.filter((e) => e.query.comp === 'block')
			.map((e) => Buffer.from(e.query.blockid, 'base64').length);
		assert.equal(new Set(ids).size, 1, 'block ids all have the same length');
		for (const entry of journal)
			for (const header of DAM_HEADERS)
				assert.equal(entry.headers[header], undefined, `${header} sent to storage`);
		const growth = (peakRss - baseRss) / MiB;
		console.log(`azure 300 MiB: peak RSS growth ${growth.toFixed(0)} MiB`);
		assert.ok(growth < 256, `RSS grew ${growth} MiB`);
	});

	it('uses a single Put Blob with x-ms-blob-type BlockBlob for a small file', async () => {
		const url = await sas('small.bin');
		const result = await runWorkflow([file(100_000), azureUpload(url)], {
			credentials: credentials(),
		});
		assert.equal(result.error, undefined, result.error?.message);
		const journal = await sandbox.journal('azure-blob');
		assert.equal(journal.length, 1);
		assert.equal(journal[0].headers['x-ms-blob-type'], 'BlockBlob');
		const blob = await sandbox.call('GET', '/storage/azure/blob?container=uploads&blob=small.bin');
		assert.equal(blob.md5, await generatedMd5(100_000, 7));
	});

	it('survives 503s and a dropped connection during block upload', async () => {
		const size = 40 * MiB;
		const url = await sas('flaky.bin');
		await sandbox.fault({
			target: 'azure-blob',
			query: 'comp=block&',
			status: 503,
			headers: { 'Retry-After': '0' },
			times: 2,
			skip: 1,
		});
		await sandbox.fault({ target: 'azure-blob', query: 'comp=block&', drop: true, skip: 3 });
		const result = await runWorkflow([file(size, 3), azureUpload(url, 4 * MiB, 2)], {
			credentials: credentials(),
		});
		assert.equal(result.error, undefined, result.error?.message);
		const blob = await sandbox.call('GET', '/storage/azure/blob?container=uploads&blob=flaky.bin');
		assert.equal(blob.md5, await generatedMd5(size, 3));
		const journal = await sandbox.journal('azure-blob');
		assert.equal(journal.filter((e) => e.fault).length, 3);
	});

	it('aborts on a fatal storage error without committing the block list', async () => {
		const url = await sas('fatal.bin');
		await sandbox.fault({
			target: 'azure-blob',
			query: 'comp=block&',
			status: 403,
			body: '<Error><Code>AuthenticationFailed</Code><Message>Signature did not match</Message></Error>',
			skip: 2,
		});
		const result = await runWorkflow([file(64 * MiB), azureUpload(url)], {
			credentials: credentials(),
		});
		assert.ok(result.error);
		assert.match(
			result.error.message,
			/Put Block \(part \d+\) failed: Signature did not match \(HTTP 403\)/,
		);
		assert.doesNotMatch(result.error.message, /sig=/);
		const journal = await sandbox.journal('azure-blob');
		assert.equal(journal.filter((e) => e.query.comp === 'blocklist').length, 0);
		const blob = await sandbox.call('GET', '/storage/azure/blob?container=uploads&blob=fatal.bin');
		assert.equal(blob.exists, false);
	});

	it('stops uploading and commits nothing when the execution is cancelled', async () => {
		const url = await sas('cancelled.bin');
		await sandbox.fault({ target: 'azure-blob', query: 'comp=block&', delayMs: 300, times: 0 });
		const running = await startWorkflow([file(64 * MiB), azureUpload(url, 4 * MiB, 2)], {
			credentials: credentials(),
		});
		const deadline = Date.now() + 20_000;
		while ((await sandbox.journal('azure-blob')).length < 3 && Date.now() < deadline)
			await new Promise((r) => setTimeout(r, 50));
		running.cancel();
		await running.done.catch(() => undefined);
		const countAtCancel = (await sandbox.journal('azure-blob')).length;
		await new Promise((r) => setTimeout(r, 1500));
		const journal = await sandbox.journal('azure-blob');
		assert.ok(
			journal.length <= countAtCancel + 2,
			`${journal.length - countAtCancel} requests after cancel`,
		);
		assert.ok(journal.length < 16, 'did not upload all 16 blocks');
		assert.equal(journal.filter((e) => e.query.comp === 'blocklist').length, 0);
		const blob = await sandbox.call(
			'GET',
			'/storage/azure/blob?container=uploads&blob=cancelled.bin',
		);
		assert.equal(blob.exists, false);
	});

	it('streams 300 MiB to s3rver presigned part URLs, and the completed object MD5 equals the source', async () => {
		const size = 300 * MiB;
		const partSize = 100 * MiB;
		const { uploadId, urls } = await sandbox.call('POST', '/storage/s3/multipart', {
			key: 'parts/big.bin',
			parts: 3,
		});
		const result = await runWorkflow([file(size, 11), s3Upload(urls, partSize, 4)], {
			credentials: credentials(),
		});
		assert.equal(result.error, undefined, result.error?.message);
		const [item] = result.output('Upload');
		const expected = await generatedMd5(size, 11);
		assert.equal(item.json.md5, expected);
		// 100 MiB parts are not held in memory: each streams from the binary store while it is sent,
		// two at a time (each by a reader of its own) as the binary is a file on disk.
		assert.equal(item.json.mode, 'streamed');
		assert.equal(item.json.concurrency, 2);
		const parts = item.json.parts as Array<{ partNumber: number; etag: string }>;
		assert.deepEqual(
			parts.map((p) => p.partNumber),
			[1, 2, 3],
		);
		const completed = await sandbox.call('POST', '/storage/s3/complete', {
			key: 'parts/big.bin',
			uploadId,
			parts,
		});
		assert.ok(completed.ok, completed.message);
		const object = await sandbox.call('GET', '/storage/s3/object?key=parts/big.bin');
		assert.equal(object.size, size);
		assert.equal(object.md5, expected);
		const journal = await sandbox.journal('s3');
		assert.equal(journal.length, 3);
		for (const entry of journal)
			for (const header of DAM_HEADERS)
				assert.equal(entry.headers[header], undefined, `${header} sent to storage`);
	});

	it('streams parts two at a time and replays a part whose answer was lost, on either lane, from the source', async () => {
		// 9 MiB parts are streamed (above the 8 MiB buffered size): parts 1, 3, 5 on the lane that also
		// takes the whole-file MD5, 2 and 4 on the other. Part 1 fails before s3 reads it; part 4 is
		// stored, then its answer is lost. Both are sent again from a re-opened source.
		const size = 40 * MiB;
		const partSize = 9 * MiB;
		const key = 'parts/lanes.bin';
		const { uploadId, urls } = await sandbox.call('POST', '/storage/s3/multipart', {
			key,
			parts: 5,
		});
		await sandbox.fault({ target: 's3', method: 'PUT', query: 'partNumber=1&', drop: true });
		await sandbox.fault({
			target: 's3',
			method: 'PUT',
			query: 'partNumber=4&',
			drop: true,
			after: true,
		});
		const result = await runWorkflow([file(size, 17), s3Upload(urls, partSize, 4)], {
			credentials: credentials(),
		});
		assert.equal(result.error, undefined, result.error?.message);
		const [item] = result.output('Upload');
		const expected = await generatedMd5(size, 17);
		assert.equal(item.json.mode, 'streamed');
		assert.equal(item.json.concurrency, 2);
		assert.equal(item.json.md5, expected, 'each byte fed to the MD5 once, in order');
		const parts = item.json.parts as Array<{ partNumber: number; etag: string; size: number }>;
		assert.deepEqual(
			parts.map((p) => [p.partNumber, p.size]),
			[1, 2, 3, 4, 5].map((n) => [n, n < 5 ? partSize : size - 4 * partSize]),
		);
		const attempts = (await sandbox.journal('s3')).map((e) => e.query.partNumber);
		for (const [part, count] of Object.entries({ 1: 2, 2: 1, 3: 1, 4: 2, 5: 1 }))
			assert.equal(attempts.filter((n) => n === part).length, count, `attempts of part ${part}`);
		const completed = await sandbox.call('POST', '/storage/s3/complete', { key, uploadId, parts });
		assert.ok(completed.ok, completed.message);
		const object = await sandbox.call('GET', `/storage/s3/object?key=${key}`);
		assert.equal(object.size, size);
		assert.equal(object.md5, expected, 'the completed object equals the source');
	});

	it('reports a part the storage host refuses (tampered signature) without leaking the URL', async () => {
		const { urls } = await sandbox.call('POST', '/storage/s3/multipart', {
			key: 'parts/bad.bin',
			parts: 1,
		});
		const tampered = (urls[0] as string).replace(
			/X-Amz-Signature=[0-9a-f]{4}/,
			'X-Amz-Signature=ffff',
		);
		const result = await runWorkflow([file(1000), s3Upload([tampered], 5 * MiB)], {
			credentials: credentials(),
		});
		assert.ok(result.error);
		assert.match(result.error.message, /signature we calculated does not match/);
		assert.doesNotMatch(result.error.message + (result.error.description ?? ''), /X-Amz-Signature/);
	});
});
