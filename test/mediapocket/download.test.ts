import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';

import { generatedMd5 } from '../fixtures/nodes';
import { MiB, measurePeakRss } from '../harness/memory';
import { Sandbox } from '../harness/sandbox';
import { KEYS, byId, createAsset, ingested, mp, runMp } from './helpers';

const DAM_HEADERS = ['authorization', 'x-api-key', 'cookie'];

/** MD5 and size of a binary as n8n's binary store holds it (streamed from disk). */
async function storedMd5(binary: IBinaryData): Promise<{ md5: string; size: number }> {
	assert.ok(binary.id, 'the binary lives in the binary store, not inline');
	const stream = await Container.get(BinaryDataService).getAsStream(binary.id!);
	const hash = createHash('md5');
	let size = 0;
	for await (const chunk of stream) {
		hash.update(chunk as Buffer);
		size += (chunk as Buffer).length;
	}
	return { md5: hash.digest('hex'), size };
}

describe('Media Pocket: download media as binary', () => {
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

	async function assetWithFile(
		name: string,
		size: number,
		seed: number,
	): Promise<{ assetId: string; mediaId: number }> {
		const assetId = await createAsset(sandbox, `File ${name}`);
		const fileUrl = `${sandbox.url('mediapocket')}/_files/${name}?size=${size}&seed=${seed}`;
		await mp(sandbox, {
			resource: 'asset',
			operation: 'addMediaFromUrl',
			assetId: byId(assetId),
			fileUrl,
		});
		const media = await ingested(sandbox, assetId, 180_000);
		return { assetId, mediaId: media.id };
	}

	it('streams the file from the presigned storage URL into the binary store, sending no DAM credential there', async () => {
		const size = 3 * MiB + 17;
		const { assetId, mediaId } = await assetWithFile('photo.jpg', size, 11);
		const mark = await sandbox.mark();
		const [item] = await mp(sandbox, {
			resource: 'asset',
			operation: 'download',
			assetId: byId(assetId),
			mediaId: { __rl: true, mode: 'list', value: String(mediaId) },
			binaryPropertyName: 'file',
		});
		const binary = item.binary!.file;
		assert.equal(binary.fileName, 'photo.jpg');
		assert.equal(binary.mimeType, 'image/jpeg');
		const stored = await storedMd5(binary);
		assert.equal(stored.size, size);
		assert.equal(stored.md5, await generatedMd5(size, 11));
		assert.equal(item.json.md5_sum, stored.md5, "the DAM's md5_sum matches what was downloaded");
		assert.equal(item.json.media_id, mediaId);
		assert.equal(JSON.stringify(item.json).includes('X-Amz'), false, 'no signed URL in the output');

		const s3 = (await sandbox.journal('s3', mark)).filter((entry) => entry.method === 'GET');
		assert.equal(s3.length, 1);
		assert.equal(s3[0].status, 200);
		for (const header of DAM_HEADERS)
			assert.equal(s3[0].headers[header], undefined, `${header} sent to storage`);
		const dam = await sandbox.journal('mediapocket', mark);
		assert.deepEqual(
			dam.map((entry) => entry.path),
			[
				`/api/v2/assets/${assetId}/media`,
				`/api/v2/assets/${assetId}/media/${mediaId}/download_url`,
			],
		);
		assert.equal(dam[1].query.filename, 'photo.jpg');
	});

	it('names the file as asked and follows a download URL on the tenant itself with the API key', async () => {
		const { assetId, mediaId } = await assetWithFile('song.mp3', 50_000, 5);
		await sandbox.sim('mediapocket', 'POST', '/config', { downloadUrlStyle: 'tenant' });
		const mark = await sandbox.mark();
		const [item] = await mp(sandbox, {
			resource: 'asset',
			operation: 'download',
			assetId: byId(assetId),
			mediaId: byId(mediaId),
			binaryPropertyName: 'data',
			options: { fileName: 'renamed.mp3' },
		});
		assert.equal(item.binary!.data.fileName, 'renamed.mp3');
		assert.equal(item.binary!.data.mimeType, 'audio/mpeg');
		assert.equal((await storedMd5(item.binary!.data)).md5, await generatedMd5(50_000, 5));
		const fileCall = (await sandbox.journal('mediapocket', mark)).find((entry) =>
			entry.path.startsWith('/api/v2/media_files/'),
		)!;
		assert.equal(fileCall.headers['x-api-key'], KEYS.admin, 'a tenant URL gets the credential');
	});

	it('an expired or refused storage URL is a clear error that does not show the signed URL; a 500 is retried', async () => {
		const { assetId, mediaId } = await assetWithFile('a.png', 1000, 2);
		await sandbox.fault({
			target: 's3',
			method: 'GET',
			status: 403,
			headers: { 'Content-Type': 'application/xml' },
			body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
		});
		const result = await runMp(sandbox, {
			resource: 'asset',
			operation: 'download',
			assetId: byId(assetId),
			mediaId: byId(mediaId),
			binaryPropertyName: 'data',
		});
		assert.equal(result.error?.name, 'NodeApiError');
		assert.equal(
			result.error?.message,
			'Media Pocket: downloading the file from storage failed: Request has expired (HTTP 403)',
		);
		assert.equal(result.error?.httpCode, '403');
		assert.match(result.error?.description ?? '', /expired/);
		const everything = JSON.stringify({
			m: result.error?.message,
			d: result.error?.description,
			r: (result.error as { errorResponse?: unknown })?.errorResponse,
		});
		assert.doesNotMatch(everything, /X-Amz-Signature|X-Amz-Credential/);

		await sandbox.fault({ target: 's3', method: 'GET', status: 500, body: 'oops', times: 2 });
		const retried = await runMp(sandbox, {
			resource: 'asset',
			operation: 'download',
			assetId: byId(assetId),
			mediaId: byId(mediaId),
			binaryPropertyName: 'data',
		});
		assert.equal(retried.error, undefined, retried.error?.message);
		assert.equal((await storedMd5(retried.items[0].binary!.data)).size, 1000);
	});

	it('media without a file yet (download_url null) and unknown media are clear errors; continueOnFail gives an error item', async () => {
		const assetId = await createAsset(sandbox, 'Pending');
		const pending = await sandbox.sim('mediapocket', 'POST', `/assets/${assetId}/media`, {
			filename: 'later.mov',
		});
		const nullUrl = await runMp(sandbox, {
			resource: 'asset',
			operation: 'download',
			assetId: byId(assetId),
			mediaId: byId(pending.id),
			binaryPropertyName: 'data',
		});
		assert.equal(nullUrl.error?.name, 'NodeOperationError');
		assert.match(nullUrl.error!.message, new RegExp(`no download URL for media ${pending.id}`));
		const [urlItem] = await mp(sandbox, {
			resource: 'asset',
			operation: 'getDownloadUrl',
			assetId: byId(assetId),
			mediaId: byId(pending.id),
		});
		assert.equal(urlItem.json.url, null);

		const unknown = await runMp(
			sandbox,
			{
				resource: 'asset',
				operation: 'download',
				assetId: byId(assetId),
				mediaId: byId(4242),
				binaryPropertyName: 'data',
			},
			{ continueOnFail: true },
		);
		assert.equal(unknown.error, undefined);
		assert.match(unknown.items[0].json.error as string, /has no media with ID 4242/);
		assert.equal(unknown.items[0].binary, undefined);
	});

	it('keeps memory flat while a 300 MiB file streams from storage into the binary store', async () => {
		const size = 300 * MiB;
		const { assetId, mediaId } = await assetWithFile('master.mov', size, 23);
		const started = Date.now();
		const { result, peakRss, baseRss } = await measurePeakRss(
			async () =>
				await runMp(sandbox, {
					resource: 'asset',
					operation: 'download',
					assetId: byId(assetId),
					mediaId: byId(mediaId),
					binaryPropertyName: 'data',
				}),
		);
		const seconds = (Date.now() - started) / 1000;
		assert.equal(result.error, undefined, result.error?.message);
		const binary = result.items[0].binary!.data;
		const stored = await storedMd5(binary);
		assert.equal(stored.size, size);
		assert.equal(stored.md5, await generatedMd5(size, 23));
		const growth = (peakRss - baseRss) / MiB;
		console.log(
			`mediapocket download 300 MiB: ${seconds.toFixed(1)} s, peak RSS growth ${growth.toFixed(0)} MiB, md5 ${stored.md5}`,
		);
		assert.ok(growth < 128, `RSS grew ${growth.toFixed(0)} MiB`);
	});
});
