import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { generatedMd5 } from '../fixtures/nodes';
import { initBinaryStore, nodeTypes, runWorkflow } from '../harness/engine';
import { MiB, measurePeakRss } from '../harness/memory';
import { Sandbox } from '../harness/sandbox';
import { IDS, TENOVOS_MAX_FILE_SIZE } from '../sandbox/tenovos/data';
import {
	DAM_HEADERS,
	binaryFile,
	byId,
	createParameters,
	tenovos,
	tenovosCredentials,
} from './helpers';

/**
 * A binary that really is `size` bytes long without writing them: a tiny file stored by n8n, then
 * grown in place into a sparse file, with n8n's metadata updated to match (as if it had been stored
 * that size). Lets the 5 GB guard be tested through the engine without moving 5 GB.
 */
class SparseFile implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sparse File',
		name: 'sparseFile',
		group: ['transform'],
		version: 1,
		description: 'Sparse file of a given size',
		defaults: { name: 'Sparse File' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Size', name: 'size', type: 'number', default: 0 }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const size = this.getNodeParameter('size', 0) as number;
		const binary = await this.helpers.prepareBinaryData(
			Buffer.from('sparse'),
			'huge.mov',
			'video/quicktime',
		);
		const storeDir = await initBinaryStore();
		const path = join(storeDir, String(binary.id).replace(/^[^:]+:/, ''));
		truncateSync(path, size);
		const metadata = JSON.parse(readFileSync(`${path}.metadata`, 'utf8'));
		writeFileSync(`${path}.metadata`, JSON.stringify({ ...metadata, fileSize: size }));
		return [[{ json: { path }, binary: { data: binary }, pairedItem: { item: 0 } }]];
	}
}
nodeTypes.types.set('test.sparseFile', new SparseFile());

interface SimVersion {
	objectId: string;
	fileId: string;
	originalFileId: string;
	filename: string;
	currentVersion: string;
	metadata: Array<{ metadataDefinitionId: string; metadataDefinitionValue?: unknown }>;
	securityTemplateIds: string[];
	upload?: {
		mode: string;
		key: string;
		state: string;
		partCount?: number;
		calls: Array<{ action: string; parts: number; status: number }>;
	};
	content?: { size: number; md5: string };
}

describe('Tenovos uploads through the engine: presigned PUT, 100 MiB parts, complete and cancel', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await Sandbox.start();
	});
	afterAll(async () => {
		// The sandbox's s3rver cannot close while the storage proxy holds a forwarded PUT whose client went
		// away mid-body (a foundation issue, reported). The fault tests below avoid that case; should it
		// still happen, end the sandbox instead of hanging the test run.
		const stopped = sandbox.stop();
		const timer = new Promise<'timeout'>((resolve) =>
			setTimeout(() => resolve('timeout'), 20_000).unref(),
		);
		if ((await Promise.race([stopped, timer])) === 'timeout') {
			(sandbox as unknown as { child: ChildProcess }).child.kill('SIGKILL');
			console.warn('tenovos upload tests: the sandbox did not stop within 20 s and was killed');
		}
	});
	beforeEach(async () => {
		await sandbox.reset();
	});

	const credentials = () => tenovosCredentials(sandbox);
	const versions = async () =>
		(await sandbox.sim<{ versions: SimVersion[] }>('tenovos', 'GET', '/state')).versions;
	const noDamHeaderOnStorage = async () => {
		const journal = await sandbox.journal('s3');
		for (const entry of journal) {
			for (const header of DAM_HEADERS)
				assert.equal(
					entry.headers[header],
					undefined,
					`${header} sent to s3 (${entry.method} ${entry.path})`,
				);
		}
		return journal;
	};

	it('creates a small asset with one presigned PUT and no complete call', async () => {
		const size = 3 * MiB + 17;
		const result = await runWorkflow(
			[
				binaryFile(size, 21, 'apples.jpg', 'image/jpeg'),
				tenovos('create', createParameters('Apples')),
			],
			{
				credentials: credentials(),
			},
		);
		assert.equal(result.error, undefined, result.error?.message);
		const [item] = result.output('Tenovos');
		const md5 = await generatedMd5(size, 21);
		assert.equal(item.json.uploadMethod, 'singlePut');
		assert.equal(item.json.size, size);
		assert.equal(item.json.md5, md5);
		assert.deepEqual(item.json.upload, {
			fileName: 'apples.jpg',
			size,
			md5,
			method: 'singlePut',
			parts: 1,
			partSize: size,
		});
		assert.equal(item.json.filename, 'apples.jpg');
		assert.equal(
			item.json.originalFileId,
			item.json.fileId,
			'the first version is its own original',
		);
		assert.equal(
			JSON.stringify(item.json).includes('X-Amz'),
			false,
			'no presigned URL in the output',
		);

		const create = (await sandbox.journal('tenovos')).find(
			(e) => e.method === 'POST' && e.path === '/asset',
		);
		const body = create?.body as Record<string, unknown>;
		assert.equal(body.filesize, undefined, 'no filesize: Tenovos answers with a single URL');
		assert.equal(body.filename, 'apples.jpg');
		assert.deepEqual(body.metadata, [
			{ metadataDefinitionId: IDS.attrTitle, metadataDefinitionValue: 'Apples' },
		]);
		assert.equal(
			(await sandbox.journal('tenovos')).some((e) => e.path === '/asset/complete'),
			false,
		);

		const s3 = await noDamHeaderOnStorage();
		assert.equal(s3.length, 1);
		assert.equal(s3[0].method, 'PUT');
		assert.equal(s3[0].query.partNumber, undefined);
		assert.equal(s3[0].headers['content-type'], 'image/jpeg');

		// The DAM sees the stored object: Get reports the MD5 Tenovos computed.
		const got = await runWorkflow([tenovos('get', { asset: byId(String(item.json.objectId)) })], {
			credentials: credentials(),
		});
		assert.equal(got.error, undefined, got.error?.message);
		const asset = got.output('Tenovos')[0].json as {
			technicalMetadata: { tenovos_metadata: { MD5Checksum: string } };
		};
		assert.equal(asset.technicalMetadata.tenovos_metadata.MD5Checksum, md5);
	});

	it('creates a 300 MiB asset in three 100 MiB parts, completes it, and the stored object matches the source', async () => {
		const size = 300 * MiB;
		const started = Date.now();
		const { result, peakRss, baseRss } = await measurePeakRss(
			async () =>
				await runWorkflow(
					[
						binaryFile(size, 33, 'film.mp4', 'video/mp4'),
						tenovos('create', createParameters('Film')),
					],
					{ credentials: credentials() },
				),
		);
		const seconds = (Date.now() - started) / 1000;
		assert.equal(result.error, undefined, result.error?.message);
		const [item] = result.output('Tenovos');
		const md5 = await generatedMd5(size, 33);
		assert.equal(item.json.uploadMethod, 'multipart');
		assert.equal(item.json.parts, 3);
		assert.equal(item.json.md5, md5, 'MD5 computed while streaming');
		assert.deepEqual(item.json.upload, {
			fileName: 'film.mp4',
			size,
			md5,
			method: 'multipart',
			parts: 3,
			partSize: 100 * MiB,
		});

		const journal = await sandbox.journal('tenovos');
		const create = journal.find((e) => e.method === 'POST' && e.path === '/asset');
		assert.equal((create?.body as { filesize: number }).filesize, size);
		const completes = journal.filter((e) => e.path === '/asset/complete');
		assert.equal(completes.length, 1);
		const completeBody = completes[0].body as {
			action: string;
			uploadId: string;
			parts: Array<{ partNumber: number; etag: string }>;
		};
		assert.equal(completeBody.action, 'complete');
		assert.deepEqual(
			completeBody.parts.map((p) => p.partNumber),
			[1, 2, 3],
		);
		for (const part of completeBody.parts) assert.match(part.etag, /^"[0-9a-f]{32}"$/);

		const s3 = await noDamHeaderOnStorage();
		const puts = s3.filter((e) => e.method === 'PUT');
		assert.equal(puts.length, 3, 'three part PUTs');
		assert.deepEqual(puts.map((e) => e.query.partNumber).sort(), ['1', '2', '3']);
		for (const put of puts) {
			assert.equal(put.query.uploadId, completeBody.uploadId);
			assert.equal(put.status, 200);
		}
		const partSizes = puts.map((e) => Number(e.headers['content-length'])).sort((a, b) => a - b);
		assert.deepEqual(partSizes, [100 * MiB, 100 * MiB, 100 * MiB]);

		const [version] = await versions();
		assert.equal(version.upload?.state, 'complete');
		assert.equal(version.content?.size, size);
		assert.equal(version.content?.md5, md5, 'object assembled in s3 equals the source');
		const object = await sandbox.call(
			'GET',
			`/storage/s3/object?key=${encodeURIComponent(version.upload!.key)}`,
		);
		assert.equal(object.md5, md5);
		const growth = (peakRss - baseRss) / MiB;
		console.log(
			`tenovos 300 MiB create: ${seconds.toFixed(1)} s, peak RSS growth ${growth.toFixed(0)} MiB`,
		);
		assert.ok(growth < 512, `RSS grew ${growth.toFixed(0)} MiB`);
	});

	it('cancels the multipart upload on the DAM when s3 refuses a part (403), and reports it clearly', async () => {
		const size = 101 * MiB;
		// Parts over 8 MiB stream from the source one at a time: part 2 is never started.
		await sandbox.fault({
			target: 's3',
			method: 'PUT',
			query: 'partNumber=1&',
			status: 403,
			headers: { 'Content-Type': 'application/xml' },
			body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>',
		});
		const result = await runWorkflow(
			[binaryFile(size, 4, 'refused.mov'), tenovos('create', createParameters())],
			{ credentials: credentials() },
		);
		assert.ok(result.error, 'the run failed');
		assert.match(
			result.error.message,
			/^Tenovos: Uploading "refused\.mov" failed at step 2 of 3 \(upload the parts\): Upload part \(part 1\) failed: Access Denied \(HTTP 403\)$/,
		);
		assert.equal(result.error.httpCode, '403');
		assert.match(
			String(result.error.description),
			/was created without content.*Cancelling the multipart upload: done\./,
		);
		assert.doesNotMatch(result.error.message + result.error.description, /X-Amz-Signature/);

		const [version] = await versions();
		assert.equal(version.upload?.state, 'cancelled');
		assert.deepEqual(
			version.upload?.calls.map((c) => `${c.action} ${c.status}`),
			['cancel 200'],
			'no complete, one cancel',
		);
		const object = await sandbox.call(
			'GET',
			`/storage/s3/object?key=${encodeURIComponent(version.upload!.key)}`,
		);
		assert.equal(object.exists, false, 's3 holds no object');
		const cancel = (await sandbox.journal('tenovos')).find((e) => e.path === '/asset/complete');
		assert.equal((cancel?.body as { action: string }).action, 'cancel');
		const s3 = await noDamHeaderOnStorage();
		assert.ok(
			s3.filter((e) => e.query.partNumber === '2').length <= 1,
			'the part streamed beside the refused one is stopped, never sent again',
		);
	});

	it('retries a part that keeps failing with 500, then cancels the upload on the DAM', async () => {
		const size = 101 * MiB;
		await sandbox.fault({
			target: 's3',
			method: 'PUT',
			query: 'partNumber=1&',
			status: 500,
			times: 0,
			body: '<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>',
		});
		const result = await runWorkflow(
			[binaryFile(size, 6, 'flaky.mov'), tenovos('create', createParameters())],
			{ credentials: credentials() },
		);
		assert.ok(result.error);
		assert.match(
			result.error.message,
			/failed at step 2 of 3 \(upload the parts\): Upload part \(part 1\) failed: We encountered an internal error\. Please try again\. \(HTTP 500\)/,
		);
		assert.match(String(result.error.description), /Cancelling the multipart upload: done\./);
		const s3 = await sandbox.journal('s3');
		assert.equal(
			s3.filter((e) => e.query.partNumber === '1').length,
			5,
			'five attempts on the failing part',
		);
		assert.ok(
			s3.filter((e) => e.query.partNumber === '2').length <= 1,
			'the part streamed beside the failing one is never sent again',
		);
		const [version] = await versions();
		assert.equal(version.upload?.state, 'cancelled');
		assert.deepEqual(
			version.upload?.calls.map((c) => c.action),
			['cancel'],
		);
		const object = await sandbox.call(
			'GET',
			`/storage/s3/object?key=${encodeURIComponent(version.upload!.key)}`,
		);
		assert.equal(object.exists, false);
	});

	it('cancels the upload when /asset/complete fails and reports the DAM message', async () => {
		await sandbox.fault({
			target: 'tenovos',
			path: '^/asset/complete$',
			status: 400,
			body: { message: 'Failed to parse asset: Missing fields' },
			times: 1,
		});
		const result = await runWorkflow(
			[binaryFile(101 * MiB, 8, 'late.mov'), tenovos('create', createParameters())],
			{ credentials: credentials() },
		);
		assert.ok(result.error);
		assert.match(
			result.error.message,
			/Uploading "late\.mov" failed at step 3 of 3 \(complete the upload\): Failed to parse asset: Missing fields \(HTTP 400\)/,
		);
		assert.match(String(result.error.description), /Cancelling the multipart upload: done\./);
		assert.equal(result.error.httpCode, '400');
		const completes = (await sandbox.journal('tenovos')).filter(
			(e) => e.path === '/asset/complete',
		);
		assert.deepEqual(
			completes.map((e) =>
				e.fault ? 'faulted' : (e.body as { action?: string } | undefined)?.action,
			),
			['faulted', 'cancel'],
		);
		const [version] = await versions();
		assert.equal(version.upload?.state, 'cancelled');
		assert.equal(
			(
				await sandbox.call(
					'GET',
					`/storage/s3/object?key=${encodeURIComponent(version.upload!.key)}`,
				)
			).exists,
			false,
		);
	});

	it('reports a refused single PUT and names the metadata-only asset it leaves', async () => {
		await sandbox.fault({
			target: 's3',
			method: 'PUT',
			status: 403,
			body: '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
		});
		const result = await runWorkflow(
			[binaryFile(1000, 2, 'old.jpg'), tenovos('create', createParameters())],
			{ credentials: credentials() },
		);
		assert.ok(result.error);
		assert.match(
			result.error.message,
			/^Tenovos: Uploading "old\.jpg" failed at step 2 of 2 \(upload the file\): Upload part \(part 1\) failed: Request has expired \(HTTP 403\)$/,
		);
		const [version] = await versions();
		assert.match(
			String(result.error.description),
			new RegExp(`Asset ${version.objectId} was created without content`),
		);
		assert.equal(version.content, undefined);
	});

	it('rejects a file over 5 GB before calling Tenovos or s3', async () => {
		const result = await runWorkflow(
			[
				{ type: 'test.sparseFile', name: 'File', parameters: { size: TENOVOS_MAX_FILE_SIZE + 1 } },
				tenovos('create', createParameters()),
			],
			{ credentials: credentials() },
		);
		const path = String(result.output('File')[0]?.json.path ?? '');
		if (path) truncateSync(path, 0);
		assert.ok(result.error);
		assert.equal(result.error.name, 'NodeOperationError');
		assert.equal(
			result.error.message,
			`The file in binary property "data" is ${TENOVOS_MAX_FILE_SIZE + 1} bytes; Tenovos accepts files up to 5 GB (${TENOVOS_MAX_FILE_SIZE} bytes)`,
		);
		assert.deepEqual(
			(await sandbox.journal('tenovos')).map((e) => `${e.method} ${e.path}`),
			[],
			'not even a login',
		);
		assert.equal((await sandbox.journal('s3')).length, 0);

		const version = await runWorkflow(
			[
				{ type: 'test.sparseFile', name: 'File', parameters: { size: TENOVOS_MAX_FILE_SIZE + 1 } },
				tenovos('createVersion', { asset: byId('00000000-0000-4000-8000-000000000000') }),
			],
			{ credentials: credentials() },
		);
		const versionPath = String(version.output('File')[0]?.json.path ?? '');
		if (versionPath) truncateSync(versionPath, 0);
		assert.match(
			String(version.error?.message),
			/^The file in binary property "data" is 5368709121 bytes/,
		);
		assert.equal(
			(await sandbox.journal('tenovos')).length,
			0,
			'the version is not looked up either',
		);
	});

	it('creates a new version linked to the asset, carrying over its metadata, and the version list shows it', async () => {
		const first = await runWorkflow(
			[
				binaryFile(2000, 1, 'logo.png', 'image/png'),
				tenovos('create', {
					...createParameters('Logo'),
					metadataFields: {
						field: [
							{ attributeId: IDS.attrTitle, value: 'Logo' },
							{ attributeId: IDS.attrKeywords, value: 'City, Product' },
						],
					},
				}),
			],
			{ credentials: credentials() },
		);
		assert.equal(first.error, undefined, first.error?.message);
		const original = first.output('Tenovos')[0].json as { objectId: string; fileId: string };

		const second = await runWorkflow(
			[
				binaryFile(5000, 2, 'logo-v2.png', 'image/png'),
				tenovos('createVersion', {
					asset: byId(original.objectId),
					metadataInput: 'fields',
					metadataFields: { field: [{ attributeId: IDS.attrTitle, value: 'Logo 2024' }] },
				}),
			],
			{ credentials: credentials() },
		);
		assert.equal(second.error, undefined, second.error?.message);
		const [item] = second.output('Tenovos');
		assert.equal(item.json.originalFileId, original.fileId);
		assert.notEqual(item.json.objectId, original.objectId);
		assert.equal(item.json.previousObjectId, original.objectId);
		assert.equal(item.json.md5, await generatedMd5(5000, 2));

		const create = (await sandbox.journal('tenovos'))
			.filter((e) => e.method === 'POST' && e.path === '/asset')
			.pop();
		const body = create?.body as {
			originalFileId: string;
			securityTemplateIds: string[];
			metadataTemplateId: string;
		};
		assert.equal(body.originalFileId, original.fileId);
		assert.deepEqual(
			body.securityTemplateIds,
			[IDS.securityPublic],
			'security templates of the current version',
		);
		assert.equal(body.metadataTemplateId, IDS.templateCorporate);

		const all = await versions();
		assert.equal(all.length, 2);
		const newest = all.find((v) => v.objectId === item.json.objectId)!;
		assert.equal(newest.currentVersion, 'Y');
		assert.equal(all.find((v) => v.objectId === original.objectId)!.currentVersion, 'N');
		const title = newest.metadata.find((m) => m.metadataDefinitionId === IDS.attrTitle);
		assert.equal(title?.metadataDefinitionValue, 'Logo 2024', 'given field overrides');
		const keywords = newest.metadata.find((m) => m.metadataDefinitionId === IDS.attrKeywords);
		assert.equal(
			(keywords?.metadataDefinitionValue as unknown[]).length,
			2,
			'other fields carried over',
		);
		assert.equal(newest.content?.md5, await generatedMd5(5000, 2));
	});

	it('fails a new version of an unknown asset with the DAM message, uploading nothing', async () => {
		const result = await runWorkflow(
			[
				binaryFile(1000),
				tenovos('createVersion', { asset: byId('00000000-0000-4000-8000-000000000000') }),
			],
			{ credentials: credentials() },
		);
		assert.ok(result.error);
		assert.equal(result.error.message, 'Tenovos: Asset not found (HTTP 403)');
		assert.equal(result.error.httpCode, '403');
		assert.equal((await sandbox.journal('s3')).length, 0);
		assert.equal(
			(await sandbox.journal('tenovos')).some((e) => e.method === 'POST' && e.path === '/asset'),
			false,
		);
	});
});
