import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { generatedMd5 } from '../fixtures/nodes';
import { runWorkflow } from '../harness/engine';
import { MiB, measurePeakRss } from '../harness/memory';
import { Sandbox } from '../harness/sandbox';
import {
	advance,
	byId,
	credentials,
	DAM_HEADERS,
	dump,
	fails,
	nomad,
	ok,
	seed,
	simAsset,
	type Seed,
} from './helpers';

interface SimUpload {
	id: string;
	assetId: string;
	state: string;
	s3Key: string;
	chunkSize: number;
	cancelMessage: string | null;
	parts: Array<{ partNumber: number; isCompleted: boolean; etag: string | null }>;
}

const file = (size: number, seed = 5, fileName = 'clip.mp4') => ({
	type: 'test.binaryFile',
	name: 'File',
	parameters: { size, seed, fileName, mimeType: 'video/mp4' },
});

describe('Nomad Media uploads (multipart to s3rver) through the engine', () => {
	let sandbox: Sandbox;
	let ids: Seed;
	beforeAll(async () => {
		sandbox = await Sandbox.start();
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	beforeEach(async () => {
		await sandbox.reset();
		ids = await seed(sandbox);
	});

	const uploads = async () => await sandbox.sim<SimUpload[]>('nomad', 'GET', '/uploads');
	const object = async (key: string) =>
		await sandbox.call('GET', `/storage/s3/object?key=${encodeURIComponent(key)}`);

	it('starts, PUTs every part, confirms each with its ETag and completes; the stored object matches', async () => {
		const size = 12 * MiB + 12345;
		const [asset] = await ok(
			sandbox,
			{
				resource: 'asset',
				operation: 'upload',
				parentId: byId(ids.folders['Projects']),
				options: { partSizeMiB: 5 },
			},
			{ before: [file(size, 3)] },
		);
		assert.equal(asset.displayName, 'clip.mp4');
		assert.equal(asset.parentId, ids.folders['Projects']);
		assert.equal(asset.assetStatusName, 'Assembling');
		assert.equal(asset.assetStatusValue, 18);
		const upload = asset.upload as Record<string, unknown>;
		assert.equal(upload.size, size);
		assert.equal(upload.partCount, 3);
		assert.equal(upload.partSize, 5 * MiB);
		const expected = await generatedMd5(size, 3);
		assert.equal(upload.md5, expected);
		assert.doesNotMatch(dump(asset), /X-Amz-Signature|Signature=/);

		const [sim] = await uploads();
		assert.equal(sim.state, 'Completed');
		const stored = await object(sim.s3Key);
		assert.equal(stored.size, size);
		assert.equal(stored.md5, expected);

		const nomadCalls = (await sandbox.journal('nomad')).map((e) =>
			e.path.replace(/[0-9a-f-]{36}/g, ':id'),
		);
		assert.deepEqual(
			nomadCalls.filter((p) => p.includes('/upload')),
			[
				'/api/asset/upload/start',
				'/api/asset/upload/part/:id/complete',
				'/api/asset/upload/part/:id/complete',
				'/api/asset/upload/part/:id/complete',
				'/api/asset/upload/:id/complete',
			],
		);
		const s3 = await sandbox.journal('s3');
		assert.equal(s3.length, 3);
		const confirms = (await sandbox.journal('nomad')).filter((e) => e.path.includes('/part/'));
		assert.deepEqual(
			confirms.map((e) => (e.body as { etag: string }).etag).sort(),
			sim.parts.map((p) => p.etag).sort(),
			'each part confirmed with the ETag storage answered',
		);
		for (const part of sim.parts) assert.match(String(part.etag), /^"[0-9a-f]{32}"$/);

		await advance(sandbox, 120);
		const [done] = await ok(sandbox, {
			resource: 'asset',
			operation: 'get',
			assetId: byId(String(asset.id)),
		});
		assert.equal(done.assetStatusName, 'Available');
		const jobs = await ok(sandbox, {
			resource: 'asset',
			operation: 'getJobHistory',
			assetId: byId(String(asset.id)),
			returnAll: true,
		});
		assert.deepEqual(
			jobs.map((j) => j.jobType),
			['AssetUpload', 'MediaInfo', 'Transcode'],
		);
	});

	it('streams 300 MiB: stored object MD5 equals the source, no DAM header on any part PUT', async () => {
		const size = 300 * MiB;
		const started = Date.now();
		const { result, peakRss, baseRss } = await measurePeakRss(
			async () =>
				await runWorkflow(
					[
						file(size, 21, 'master.mov'),
						nomad({
							resource: 'asset',
							operation: 'upload',
							parentId: byId(ids.folders['Projects/Interviews/Raw']),
						}),
					],
					{
						credentials: credentials(sandbox),
					},
				),
		);
		const seconds = (Date.now() - started) / 1000;
		assert.equal(result.error, undefined, result.error?.message);
		const [item] = result.output('Nomad');
		const upload = item.json.upload as Record<string, number | string>;
		const expected = await generatedMd5(size, 21);
		assert.equal(upload.md5, expected, 'MD5 computed while streaming');
		assert.equal(upload.partCount, 38);
		assert.equal(upload.partSize, 8 * MiB);
		const [sim] = await uploads();
		const stored = await object(sim.s3Key);
		assert.equal(stored.size, size);
		assert.equal(stored.md5, expected, 'stored object MD5');
		const s3 = await sandbox.journal('s3');
		assert.equal(s3.filter((e) => e.method === 'PUT').length, 38);
		for (const entry of s3)
			for (const header of DAM_HEADERS)
				assert.equal(entry.headers[header], undefined, `${header} sent to storage`);
		const growth = (peakRss - baseRss) / MiB;
		console.log(
			`nomad 300 MiB upload: ${seconds.toFixed(1)} s, peak RSS growth ${growth.toFixed(0)} MiB, 38 parts of 8 MiB, md5 ${expected}`,
		);
		assert.ok(growth < 256, `RSS grew ${growth} MiB`);
	});

	it('follows the part size Nomad Media dictates, not the one it asked for', async () => {
		await sandbox.sim('nomad', 'POST', '/config', { minChunkBytes: 7 * MiB });
		const size = 15 * MiB;
		const [asset] = await ok(
			sandbox,
			{ resource: 'asset', operation: 'upload', options: { partSizeMiB: 5 } },
			{ before: [file(size, 9)] },
		);
		const upload = asset.upload as Record<string, number>;
		assert.equal(upload.partSize, 7 * MiB);
		assert.equal(upload.partCount, 3);
		assert.equal(asset.parentId, ids.incomingId, 'no parent folder: the incoming folder');
		const start = (await sandbox.journal('nomad')).find(
			(e) => e.path === '/api/asset/upload/start',
		);
		assert.equal((start!.body as { chunkSize: number }).chunkSize, 5 * MiB);
		const [sim] = await uploads();
		assert.equal((await object(sim.s3Key)).md5, await generatedMd5(size, 9));
	});

	it('fetches fresh part URLs from Nomad Media when the ones from the start are about to expire', async () => {
		await sandbox.sim('nomad', 'POST', '/config', { partUrlTtlSeconds: 4 });
		// Each part takes a second to reach storage, one at a time: the last parts start after their URLs expired.
		await sandbox.fault({ target: 's3', method: 'PUT', delayMs: 1000, times: 0 });
		const size = 25 * MiB;
		const [asset] = await ok(
			sandbox,
			{
				resource: 'asset',
				operation: 'upload',
				parentId: byId(ids.folders['Projects']),
				options: { partSizeMiB: 5, concurrency: 1 },
			},
			{ before: [file(size, 6)] },
		);
		assert.equal((asset.upload as Record<string, number>).partCount, 5);
		const refreshes = (await sandbox.journal('nomad')).filter(
			(e) => e.method === 'GET' && /^\/api\/admin\/asset\/upload\/[0-9a-f-]{36}$/.test(e.path),
		);
		assert.ok(refreshes.length >= 1, 'part URLs were refreshed');
		const s3 = await sandbox.journal('s3');
		assert.ok(
			s3.every((e) => e.status === 200),
			`storage answers: ${s3.map((e) => e.status).join(',')}`,
		);
		const [sim] = await uploads();
		assert.equal((await object(sim.s3Key)).md5, await generatedMd5(size, 6));
	});

	it('cancels the upload on Nomad Media when storage refuses a part, with a clear error', async () => {
		// The refusal comes after a delay so the other parts in flight have finished: the sandbox's storage
		// proxy leaves its upstream request open when a client aborts a PUT mid-body (see the report).
		await sandbox.fault({
			target: 's3',
			method: 'PUT',
			query: 'partNumber=2&',
			status: 403,
			delayMs: 1500,
			times: 0,
			body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>',
			headers: { 'Content-Type': 'application/xml' },
		});
		const error = await fails(
			sandbox,
			{
				resource: 'asset',
				operation: 'upload',
				parentId: byId(ids.folders['Projects']),
				options: { partSizeMiB: 5 },
			},
			{ before: [file(16 * MiB, 4)] },
		);
		// Reported by the shared multi-step flow: the step that failed, then storage's own message.
		assert.match(
			error.message,
			/^Nomad Media: Upload failed at step 2 of 4 \(Upload the parts\): Upload part \(part 2\) failed: Access Denied \(HTTP 403\)$/,
		);
		assert.equal(error.httpCode, '403');
		assert.match(String(error.description), /was cancelled on Nomad Media; nothing was kept/);
		assert.match(
			String(error.description),
			/Cancelling the upload \(ID [0-9a-f-]{36}\) on Nomad Media: done\./,
		);
		assert.doesNotMatch(`${error.message} ${error.description}`, /X-Amz-Signature/);

		const [sim] = await uploads();
		assert.equal(sim.state, 'Cancelled');
		assert.match(String(sim.cancelMessage), /Upload part \(part 2\) failed/);
		const paths = (await sandbox.journal('nomad')).map((e) => e.path);
		assert.ok(paths.includes(`/api/asset/upload/${sim.id}/cancel`));
		assert.deepEqual(
			sim.parts.map((p) => p.isCompleted),
			[false, false, false, false],
			'no part was confirmed',
		);
		const s3 = await sandbox.journal('s3');
		assert.deepEqual(s3.map((e) => `${e.query.partNumber}:${e.status}`).sort(), [
			'1:200',
			'2:403',
			'3:200',
			'4:200',
		]);
		assert.ok(!paths.includes(`/api/asset/upload/${sim.id}/complete`));
		assert.equal((await object(sim.s3Key)).exists, false);
		const missing = await fails(sandbox, {
			resource: 'asset',
			operation: 'get',
			assetId: byId(sim.assetId),
		});
		assert.equal(missing.httpCode, '404', 'the asset the start created is gone');
	});

	it('cancels when Nomad Media refuses to complete the upload', async () => {
		await sandbox.fault({
			target: 'nomad',
			method: 'POST',
			path: '^/api/asset/upload/[^/]+/complete$',
			status: 400,
			body: { title: 'Bad Request', status: 400, detail: 'The upload could not be assembled.' },
		});
		const error = await fails(
			sandbox,
			{ resource: 'asset', operation: 'upload', parentId: byId(ids.folders['Projects']) },
			{ before: [file(1000, 4)] },
		);
		assert.match(
			error.message,
			/^Nomad Media: Upload failed at step 4 of 4 \(Complete the upload\): The upload could not be assembled\. \(HTTP 400\)$/,
		);
		assert.match(String(error.description), /was cancelled on Nomad Media; nothing was kept/);
		const [sim] = await uploads();
		assert.equal(sim.state, 'Cancelled');
	});

	it('uploads onto a placeholder, which ends as SlugReplaced', async () => {
		const [placeholder] = await ok(sandbox, {
			resource: 'asset',
			operation: 'createPlaceholder',
			parentId: byId(ids.folders['Projects']),
			assetName: 'episode-12.mp4',
		});
		const [asset] = await ok(
			sandbox,
			{
				resource: 'asset',
				operation: 'upload',
				options: { existingAssetId: String(placeholder.id) },
			},
			{ before: [file(2048, 8, 'whatever.bin')] },
		);
		assert.equal(asset.id, placeholder.id);
		assert.equal(asset.displayName, 'episode-12.mp4');
		await advance(sandbox, 120);
		const [done] = await ok(sandbox, {
			resource: 'asset',
			operation: 'get',
			assetId: byId(String(asset.id)),
		});
		assert.equal(done.assetStatusName, 'SlugReplaced');
		assert.equal(done.assetStatusValue, 15);
	});

	it('creates the subfolders of a subfolder path and honours the file name option', async () => {
		const [asset] = await ok(
			sandbox,
			{
				resource: 'asset',
				operation: 'upload',
				parentId: byId(ids.folders['Projects']),
				options: { subfolderPath: '2025/June', fileName: 'final cut.mp4' },
			},
			{ before: [file(4096, 2)] },
		);
		assert.equal(asset.displayName, 'final cut.mp4');
		assert.equal(asset.objectKey, 'Projects/2025/June/final cut.mp4');
	});

	it('fails before starting when a file of that name exists and the option is Fail (409)', async () => {
		const error = await fails(
			sandbox,
			{
				resource: 'asset',
				operation: 'upload',
				parentId: byId(ids.folders['Projects']),
				options: { uploadOverwriteOption: 'Cancel', fileName: 'logo.png' },
			},
			{ before: [file(100, 1)] },
		);
		assert.match(
			error.message,
			/A file named 'logo.png' already exists in this folder\. \(HTTP 409\)/,
		);
		assert.equal((await uploads()).length, 0);
	});

	// Version 1 (saved workflows) keeps its default; version 2 fails instead (see the hostile tests).
	it('replaces an existing file of the same name by default in node version 1', async () => {
		const [asset] = await ok(
			sandbox,
			{
				resource: 'asset',
				operation: 'upload',
				parentId: byId(ids.folders['Projects']),
				options: { fileName: 'logo.png' },
			},
			{ before: [file(5000, 1)], typeVersion: 1 },
		);
		assert.equal(asset.id, ids.files['Projects/logo.png']);
		assert.equal((await simAsset(sandbox, String(asset.id))).contentLength, 5000);
		const start = (await sandbox.journal('nomad')).find(
			(e) => e.path === '/api/asset/upload/start',
		);
		assert.equal(
			(start!.body as { uploadOverwriteOption: string }).uploadOverwriteOption,
			'Replace',
		);
	});

	it('refuses a file name without extension, and an unknown parent folder (404)', async () => {
		const noExt = await fails(
			sandbox,
			{ resource: 'asset', operation: 'upload', options: { fileName: 'README' } },
			{ before: [file(10, 1)] },
		);
		assert.match(noExt.message, /has no extension/);
		const missing = await fails(
			sandbox,
			{
				resource: 'asset',
				operation: 'upload',
				parentId: byId('0f8fad5b-d9cb-469f-a165-70867728950e'),
			},
			{ before: [file(10, 1)] },
		);
		assert.match(
			missing.message,
			/Parent folder '0f8fad5b-d9cb-469f-a165-70867728950e' was not found\. \(HTTP 404\)/,
		);
	});

	it('uploads a related subtitle file to an asset', async () => {
		const parent = ids.files['Projects/Interviews/interview-01.mp4'];
		const size = 6 * MiB + 7;
		const [result] = await ok(
			sandbox,
			{
				resource: 'asset',
				operation: 'uploadRelated',
				assetId: byId(parent),
				relatedAssetType: ids.relatedTypes.Subtitle,
				options: { partSizeMiB: 5 },
			},
			{ before: [file(size, 12, 'interview-01.en.vtt')] },
		);
		assert.equal(result.assetId, parent);
		assert.equal(result.partCount, 2);
		assert.equal(result.md5, await generatedMd5(size, 12));
		const [detail] = await ok(sandbox, {
			resource: 'asset',
			operation: 'getDetail',
			assetId: byId(parent),
		});
		const related = detail.relatedAssets as Array<Record<string, unknown>>;
		assert.equal(related.length, 1);
		assert.equal(related[0].id, result.relatedAssetId);
		assert.equal(related[0].title, 'interview-01.en.vtt');
		assert.equal(related[0].metadataType, 'Subtitle');
		const start = (await sandbox.journal('nomad')).find(
			(e) => e.path === '/api/asset/upload/start-related-asset',
		);
		assert.equal((start!.body as { existingAssetId: string }).existingAssetId, parent);
		const [sim] = await uploads();
		assert.equal((await object(sim.s3Key)).md5, result.md5);

		// Replacing it keeps its ID.
		const [again] = await ok(
			sandbox,
			{
				resource: 'asset',
				operation: 'uploadRelated',
				assetId: byId(parent),
				options: { relatedAssetId: String(result.relatedAssetId) },
			},
			{ before: [file(1000, 13, 'interview-01.en.vtt')] },
		);
		assert.equal(again.relatedAssetId, result.relatedAssetId);
	});

	it('fails a related upload with an unknown type (400) or without a type', async () => {
		const parent = ids.files['Projects/Interviews/interview-01.mp4'];
		const unknown = await fails(
			sandbox,
			{
				resource: 'asset',
				operation: 'uploadRelated',
				assetId: byId(parent),
				relatedAssetType: '0f8fad5b-d9cb-469f-a165-70867728950e',
			},
			{ before: [file(100, 1, 'subs.vtt')] },
		);
		assert.match(unknown.message, /is not a known related asset metadata type\. \(HTTP 400\)/);
		const none = await fails(
			sandbox,
			{ resource: 'asset', operation: 'uploadRelated', assetId: byId(parent) },
			{ before: [file(100, 1, 'subs.vtt')] },
		);
		assert.match(none.message, /"Related Asset Type ID" is required/);
	});
});
