import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';

import { generatedMd5 } from '../fixtures/nodes';
import { runWorkflow } from '../harness/engine';
import { MiB, measurePeakRss } from '../harness/memory';
import type { Sandbox } from '../harness/sandbox';
import { EDITOR } from '../sandbox/mediavalet/seed';
import {
	assetState,
	byId,
	file,
	mv,
	mvCredentials,
	seedAsset,
	startSandbox,
	stopSandbox,
} from './helpers';

describe('MediaValet 300 MiB check-in through the engine', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => {
		await stopSandbox(sandbox);
	});

	it('streams 300 MiB in blocks of at most 64 MB; the committed blob MD5 equals the source; no DAM header reaches storage', async () => {
		const size = 300 * MiB;
		const asset = await seedAsset(sandbox, {
			title: 'Master',
			fileName: 'master.mov',
			content: 'v1',
			checkedOutBy: EDITOR.username,
		});
		const { result, peakRss, baseRss } = await measurePeakRss(
			async () =>
				await runWorkflow(
					[
						file(size, 77, 'master.mov', 'video/quicktime'),
						mv('asset', 'checkIn', {
							assetId: byId(asset.id),
							fileName: 'master_v2.mov',
							comment: 'Final grade',
						}),
					],
					{ credentials: mvCredentials(sandbox) },
				),
		);
		assert.equal(result.error, undefined, result.error?.message);
		const expected = await generatedMd5(size, 77);
		const [item] = result.output('MediaValet');
		const checkIn = item.json.checkIn as {
			md5: string;
			size: number;
			blocks: number;
			blockSize: number;
			uploadMethod: string;
		};
		assert.equal(checkIn.md5, expected, 'MD5 computed while streaming');
		assert.equal(checkIn.size, size);
		assert.equal(checkIn.uploadMethod, 'putBlockList');
		assert.equal(checkIn.blockSize, 8 * MiB);
		assert.equal(checkIn.blocks, 38);

		// What MediaValet recorded: finalize read the committed blob back from Azurite.
		const state = await assetState(sandbox, asset.id);
		const version = state.versions[1];
		assert.equal(version.version, 2);
		assert.equal(version.sizeInBytes, size);
		assert.equal(version.md5, expected, 'committed blob MD5 equals the source');
		const blob = await sandbox.call(
			'GET',
			`/storage/azure/blob?container=${state.container}&blob=${encodeURIComponent(version.blobName)}`,
		);
		assert.equal(blob.md5, expected);
		assert.equal(blob.contentMd5, expected, 'x-ms-blob-content-md5 set on commit');
		assert.equal(blob.blockCount, 38);
		assert.equal(state.checkedOutBy, null);

		const storage = await sandbox.journal('azure-blob');
		assert.ok(storage.length >= 39);
		for (const entry of storage) {
			assert.equal(entry.headers.authorization, undefined, 'Authorization sent to storage');
			assert.equal(
				entry.headers['ocp-apim-subscription-key'],
				undefined,
				'subscription key sent to storage',
			);
		}
		const blocks = storage.filter((e) => e.query.comp === 'block');
		assert.ok(
			blocks.every((e) => Number(e.headers['content-length']) <= 64 * 1000 * 1000),
			'no block over 64 MB',
		);
		const growth = (peakRss - baseRss) / MiB;
		console.log(
			`mediavalet check-in 300 MiB: peak RSS growth ${growth.toFixed(0)} MiB (base ${(baseRss / MiB).toFixed(0)} MiB)`,
		);
		assert.ok(growth < 200, `RSS grew ${growth.toFixed(0)} MiB for a 300 MiB file`);
	});
});
