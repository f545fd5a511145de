import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { generatedMd5 } from '../fixtures/nodes';
import { runWorkflow, startWorkflow } from '../harness/engine';
import { MiB } from '../harness/memory';
import { Sandbox } from '../harness/sandbox';
import type { FaultRule, JournalEntry } from '../sandbox/core/control';
import { IDS, TEMPLATES, templateJson } from '../sandbox/tenovos/data';
import {
	binaryFile,
	byId,
	createParameters,
	tenovos,
	tenovosCredentials,
} from '../tenovos/helpers';

interface SimUpload {
	state: string;
	key: string;
	partCount?: number;
	calls: Array<{ action: string; parts: number; status: number }>;
}

interface SimVersion {
	objectId: string;
	filename: string;
	deleted: boolean;
	metadata: Array<{ metadataDefinitionId: string; metadataDefinitionValue?: unknown }>;
	upload?: SimUpload;
	content?: { size: number; md5: string };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DECIMAL_PART = 100_000_000;

/** The three ways an answer gets lost after Tenovos acted. */
const LOST_ANSWERS: Array<{ label: string; rule: Partial<FaultRule> }> = [
	{
		label: '503 without Retry-After',
		rule: { status: 503, body: { message: 'Service Unavailable' } },
	},
	{ label: '502', rule: { status: 502, body: { message: 'Internal server error' } } },
	{ label: 'a dropped connection', rule: { drop: true } },
];

/**
 * Tenovos as a hostile or broken server: answers lost after it acted, a cancelled execution in the
 * middle of a multipart upload, part URLs for 10^8-byte parts, search values that hold quotes and
 * backslashes, and parameters that are not what they claim. Each test fails without its guard.
 */
describe('hostile Tenovos: one side effect per action, the reported state equal to Tenovos’ state', () => {
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

	const credentials = () => tenovosCredentials(sandbox);
	const versions = async () =>
		(await sandbox.sim<{ versions: SimVersion[] }>('tenovos', 'GET', '/state')).versions;
	const configure = async (settings: Record<string, unknown>) =>
		await sandbox.sim('tenovos', 'POST', '/config', settings);
	const calls = async (method: string, path: RegExp) =>
		(await sandbox.journal('tenovos')).filter((e) => e.method === method && path.test(e.path));
	const actionOf = (entry: JournalEntry) =>
		(entry.body as { action?: string } | undefined)?.action ?? '(no body)';
	const objectExists = async (key: string) =>
		(
			await sandbox.call<{ exists: boolean }>(
				'GET',
				`/storage/s3/object?key=${encodeURIComponent(key)}`,
			)
		).exists;
	const create = (fileName: string, title = 'Hostile') =>
		tenovos('create', createParameters(title), { name: 'Tenovos' });

	describe('Create: a lost answer of /asset/complete is read back, not cancelled', () => {
		it('a complete answered 502 after Tenovos completed it is reported as done, with no cancel', async () => {
			const size = 101 * MiB;
			await sandbox.fault({
				target: 'tenovos',
				method: 'POST',
				path: '^/asset/complete$',
				after: true,
				status: 502,
				body: { message: 'Internal server error' },
			});
			const result = await runWorkflow([binaryFile(size, 12, 'lost.mov'), create('lost.mov')], {
				credentials: credentials(),
			});
			assert.equal(result.error, undefined, result.error?.message);
			const [item] = result.output('Tenovos');
			assert.equal(item.json.uploadMethod, 'multipart');
			assert.equal(item.json.md5, await generatedMd5(size, 12));
			assert.match(
				String((item.json.upload as { verified?: string }).verified),
				/answer of the complete call was lost; reading the asset back showed its file stored/,
			);

			const completes = await calls('POST', /^\/asset\/complete$/);
			assert.deepEqual(
				completes.map(actionOf),
				['complete'],
				'one complete, no second one and no cancel',
			);
			assert.equal(completes[0].acted, 200, 'Tenovos had completed it');
			const readBack = await calls('GET', new RegExp(`^/asset/${item.json.objectId}$`));
			assert.equal(readBack.length, 1, 'the asset was read back once');
			const [version] = await versions();
			assert.equal(version.upload?.state, 'complete');
			assert.deepEqual(
				version.upload?.calls.map((c) => `${c.action} ${c.status}`),
				['complete 200'],
			);
			assert.equal(version.content?.md5, item.json.md5);
		});

		it('a complete whose connection dropped after it acted is confirmed at the storage host while Tenovos has no technical metadata yet', async () => {
			const size = 101 * MiB;
			await configure({ technicalMetadataPending: true });
			await sandbox.fault({
				target: 'tenovos',
				method: 'POST',
				path: '^/asset/complete$',
				after: true,
				drop: true,
			});
			const result = await runWorkflow(
				[binaryFile(size, 13, 'dropped.mov'), create('dropped.mov')],
				{ credentials: credentials() },
			);
			assert.equal(result.error, undefined, result.error?.message);
			const [item] = result.output('Tenovos');
			assert.deepEqual((await calls('POST', /^\/asset\/complete$/)).map(actionOf), ['complete']);
			assert.equal(
				(await calls('GET', new RegExp(`^/asset/${item.json.objectId}/content$`))).length,
				1,
				'the download URL was asked for',
			);
			const probe = (await sandbox.journal('s3')).filter((e) => e.method === 'GET');
			assert.equal(probe.length, 1, 'one read of the stored file');
			assert.equal(probe[0].headers.range, 'bytes=0-0', 'only its first byte');
			assert.equal(probe[0].headers['x-api-key'], undefined);
			const [version] = await versions();
			assert.equal(version.upload?.state, 'complete');
		});

		for (const { label, rule, pending } of [
			{
				label: '502 before Tenovos acted',
				rule: { status: 502, body: { message: 'Internal server error' } },
				pending: false,
			},
			{ label: 'a connection dropped before Tenovos acted', rule: { drop: true }, pending: true },
		]) {
			it(`a complete lost with ${label} is read back, found not done, and the upload cancelled`, async () => {
				if (pending) await configure({ technicalMetadataPending: true });
				await sandbox.fault({
					target: 'tenovos',
					method: 'POST',
					path: '^/asset/complete$',
					...rule,
				});
				const result = await runWorkflow(
					[binaryFile(101 * MiB, 14, 'never.mov'), create('never.mov')],
					{ credentials: credentials() },
				);
				assert.ok(result.error, 'the run failed');
				assert.match(
					result.error.message,
					/^Tenovos: Uploading "never\.mov" failed at step 3 of 3 \(complete the upload\): /,
				);
				assert.match(
					String(result.error.description),
					/reading the state back showed it was not done\. Cancelling the multipart upload: done\./,
				);
				const completes = await calls('POST', /^\/asset\/complete$/);
				assert.deepEqual(
					completes.map((e) => (e.fault ? 'faulted' : actionOf(e))),
					['faulted', 'cancel'],
					'the complete was not repeated',
				);
				const [version] = await versions();
				assert.equal(version.upload?.state, 'cancelled');
				assert.deepEqual(
					version.upload?.calls.map((c) => `${c.action} ${c.status}`),
					['cancel 200'],
				);
				assert.equal(await objectExists(version.upload!.key), false);
			});
		}

		it('a cancelled execution still cancels the multipart upload on Tenovos', async () => {
			const size = 300 * MiB;
			const running = await startWorkflow(
				[binaryFile(size, 15, 'cancelled.mov'), create('cancelled.mov')],
				{ credentials: credentials() },
			);
			const deadline = Date.now() + 60_000;
			while (Date.now() < deadline) {
				const parts = (await sandbox.journal('s3')).filter(
					(e) => e.method === 'PUT' && e.query.partNumber,
				);
				if (parts.length > 0) break;
				await sleep(20);
			}
			const inFlight = (await sandbox.journal('s3')).filter(
				(e) => e.method === 'PUT' && e.query.partNumber,
			);
			assert.ok(inFlight.length > 0, 'parts were going up');
			running.cancel();
			await running.done.catch(() => undefined);

			let cancels: JournalEntry[] = [];
			for (const stop = Date.now() + 35_000; Date.now() < stop; await sleep(100)) {
				cancels = (await calls('POST', /^\/asset\/complete$/)).filter(
					(e) => actionOf(e) === 'cancel',
				);
				if (cancels.length > 0 && cancels[0].status !== undefined) break;
			}
			assert.equal(cancels.length, 1, 'the cancel went out after the execution was cancelled');
			assert.equal(cancels[0].status, 200);
			const completes = (await calls('POST', /^\/asset\/complete$/)).filter(
				(e) => actionOf(e) === 'complete',
			);
			assert.equal(completes.length, 0, 'nothing was completed');
			const [version] = await versions();
			assert.equal(version.upload?.state, 'cancelled');
			assert.equal(await objectExists(version.upload!.key), false);
			const puts = (await sandbox.journal('s3')).filter((e) => e.method === 'PUT');
			assert.ok(puts.length < 3, `${puts.length} of 3 parts were sent`);
		});
	});

	describe('Create: the part size follows the number of part URLs Tenovos returned', () => {
		const partSizesSent = async () =>
			(await sandbox.journal('s3'))
				.filter((e) => e.method === 'PUT' && e.status === 200)
				.sort((a, b) => Number(a.query.partNumber) - Number(b.query.partNumber))
				.map((e) => Number(e.headers['content-length']));

		// Three URLs for 300 MiB, answered by the default simulator, stand for 100 MiB parts: test/tenovos/upload.test.ts.
		it('uploads 200 MiB in 10^8-byte parts when Tenovos hands out three URLs (100 MiB parts would make two)', async () => {
			const size = 200 * MiB;
			await configure({ partSize: DECIMAL_PART });
			const result = await runWorkflow(
				[binaryFile(size, 16, 'decimal.mov'), create('decimal.mov')],
				{ credentials: credentials() },
			);
			assert.equal(result.error, undefined, result.error?.message);
			assert.equal(result.output('Tenovos')[0].json.parts, 3);
			assert.equal(
				(result.output('Tenovos')[0].json.upload as { partSize: number }).partSize,
				DECIMAL_PART,
			);
			assert.deepEqual(await partSizesSent(), [
				DECIMAL_PART,
				DECIMAL_PART,
				size - 2 * DECIMAL_PART,
			]);
			const [version] = await versions();
			assert.equal(version.upload?.partCount, 3);
			assert.deepEqual(
				version.upload?.calls.map((c) => `${c.action} ${c.parts}`),
				['complete 3'],
				'every issued part was completed',
			);
			assert.equal(version.content?.md5, await generatedMd5(size, 16));
		});

		it('stops before uploading when neither part size gives the number of URLs, names both, and cancels', async () => {
			const size = 200 * MiB;
			await configure({ partSize: 50 * MiB });
			const result = await runWorkflow([binaryFile(size, 17, 'odd.mov'), create('odd.mov')], {
				credentials: credentials(),
			});
			assert.ok(result.error, 'the run failed');
			assert.equal(
				result.error.message,
				'Tenovos: Uploading "odd.mov" failed at step 2 of 3 (upload the parts): Tenovos returned 4 part upload URL(s) for a file of 209715200 bytes, ' +
					'but 100 MiB parts (104857600 bytes) would make 2 and 100 MB parts (100000000 bytes) 3: the part size is unknown, so nothing was uploaded',
			);
			assert.match(String(result.error.description), /Cancelling the multipart upload: done\./);
			assert.equal((await sandbox.journal('s3')).length, 0, 'nothing went to the storage host');
			const [version] = await versions();
			assert.equal(version.upload?.state, 'cancelled');
		});
	});

	describe('Search: filter values with quotes and backslashes', () => {
		const titled = async (title: string, fileName: string) => {
			const result = await runWorkflow(
				[
					tenovos('createMetadataOnly', {
						fileName,
						metadataTemplateId: IDS.templateCorporate,
						securityTemplateIds: [IDS.securityPublic],
						metadataInput: 'fields',
						metadataFields: { field: [{ attributeId: IDS.attrTitle, value: title }] },
					}),
				],
				{ credentials: credentials() },
			);
			assert.equal(result.error, undefined, result.error?.message);
			return String(result.output('Tenovos')[0].json.objectId);
		};
		const search = async (value: string) =>
			await runWorkflow(
				[
					tenovos('search', {
						returnAll: true,
						options: { filters: { filter: [{ attribute: 'Title', value }] } },
					}),
				],
				{
					credentials: credentials(),
				},
			);

		it('finds the asset whose field holds \\ and ", and a value ending in \\ does not break the query', async () => {
			const crate = await titled('Crate 12" \\ 30cm', 'crate.jpg');
			// What the value would read as if only the quote were escaped (the backslash taken as an escape).
			await titled('Crate 12"  30cm', 'decoy.jpg');
			const path = await titled('C:\\assets\\', 'path.jpg');

			const found = await search('Crate 12" \\ 30cm');
			assert.equal(found.error, undefined, found.error?.message);
			assert.deepEqual(
				found.output('Tenovos').map((item) => item.json.objectId),
				[crate],
			);

			const trailing = await search('C:\\assets\\');
			assert.equal(trailing.error, undefined, trailing.error?.message);
			assert.deepEqual(
				trailing.output('Tenovos').map((item) => item.json.objectId),
				[path],
			);

			const bodies = (await calls('POST', /^\/search\/keyword$/)).map(
				(e) => (e.body as { filters: string[] }).filters,
			);
			assert.deepEqual(bodies, [
				['("Title":"Crate 12\\" \\\\ 30cm")'],
				['("Title":"C:\\\\assets\\\\")'],
			]);
		});
	});

	describe('Bad input: checked at run time, before any request', () => {
		it('a Limit from an expression that is not a whole number stops the node, naming the parameter', async () => {
			const result = await runWorkflow(
				[tenovos('search', { returnAll: false, limit: '={{ "ten" }}' })],
				{ credentials: credentials() },
			);
			assert.ok(result.error);
			assert.equal(result.error.name, 'NodeOperationError');
			assert.equal(
				result.error.message,
				'The "Limit" parameter must be a whole number from 1 to 1000000, got "ten"',
			);
			assert.equal((await sandbox.journal('tenovos')).length, 0, 'not even a login');
		});

		it('a metadata template ID from an expression must be a UUID: ".." would read another route', async () => {
			const result = await runWorkflow(
				[
					tenovos('createMetadataOnly', {
						fileName: 'dots.jpg',
						metadataTemplateId: '={{ ".." }}',
						securityTemplateIds: [IDS.securityPublic],
						metadataInput: 'fields',
						metadataFields: { field: [{ attributeId: IDS.attrTitle, value: 'Dots' }] },
					}),
				],
				{ credentials: credentials() },
			);
			assert.ok(result.error);
			assert.equal(result.error.name, 'NodeOperationError');
			assert.equal(
				result.error.message,
				'The "Metadata Template Name or ID" parameter must be a Tenovos ID (a UUID such as 3b9d4cc3-b5be-481e-8ce1-d5ba00a1245b), got ".."',
			);
			assert.equal((await sandbox.journal('tenovos')).length, 0);
		});

		it('a security template ID that is not a UUID stops Create before anything is sent', async () => {
			const result = await runWorkflow(
				[
					binaryFile(1000, 3, 'a.jpg'),
					tenovos('create', { ...createParameters(), securityTemplateIds: '={{ "../security" }}' }),
				],
				{ credentials: credentials() },
			);
			assert.equal(result.error?.name, 'NodeOperationError');
			assert.equal(
				result.error?.message,
				'The "Security Template Names or IDs" parameter holds "../security", which is not a Tenovos ID (a UUID such as 3b9d4cc3-b5be-481e-8ce1-d5ba00a1245b)',
			);
			assert.equal((await sandbox.journal('tenovos')).length, 0);
			assert.equal((await sandbox.journal('s3')).length, 0);
		});
	});

	describe('IDs Tenovos returns are checked before they go into a path', () => {
		it('a template whose vocabulary ID is ".." stops the node instead of reading another route', async () => {
			const source = TEMPLATES.find((t) => t.templateId === IDS.templateCorporate)!;
			const hostile = templateJson(
				{
					...source,
					groups: source.groups.map((g) => ({
						...g,
						attributes: g.attributes.map((a) =>
							a.id === IDS.attrAssetType ? { ...a, controlledVocabularyId: '..' } : a,
						),
					})),
				},
				1,
				true,
			);
			await sandbox.fault({
				target: 'tenovos',
				method: 'GET',
				path: `^/metadata/template/${IDS.templateCorporate}$`,
				status: 200,
				body: hostile,
			});
			const result = await runWorkflow(
				[
					tenovos('createMetadataOnly', {
						fileName: 'vocab.jpg',
						metadataTemplateId: IDS.templateCorporate,
						securityTemplateIds: [IDS.securityPublic],
						metadataInput: 'fields',
						metadataFields: { field: [{ attributeId: IDS.attrAssetType, value: 'Photo' }] },
					}),
				],
				{ credentials: credentials() },
			);
			assert.equal(result.error?.name, 'NodeOperationError');
			assert.equal(
				result.error?.message,
				'The DAM returned a controlled vocabulary ID that is not a Tenovos ID (a UUID such as 3b9d4cc3-b5be-481e-8ce1-d5ba00a1245b): ".."',
			);
			const paths = (await sandbox.journal('tenovos')).map((e) => `${e.method} ${e.path}`);
			assert.deepEqual(
				paths,
				['POST /auth/token', `GET /metadata/template/${IDS.templateCorporate}`],
				'no other request, no asset',
			);
		});
	});

	describe('Side effects: a POST or PATCH whose answer is lost after Tenovos acted is not sent again', () => {
		for (const { label, rule } of LOST_ANSWERS) {
			it(`Create Metadata-Only answered with ${label} after creating: one asset, an error that says it may exist`, async () => {
				await sandbox.fault({
					target: 'tenovos',
					method: 'POST',
					path: '^/asset$',
					after: true,
					...rule,
				});
				const result = await runWorkflow(
					[
						tenovos('createMetadataOnly', {
							fileName: 'once.jpg',
							metadataTemplateId: IDS.templateCorporate,
							securityTemplateIds: [IDS.securityPublic],
						}),
					],
					{ credentials: credentials() },
				);
				assert.ok(result.error, 'the node reports an error');
				assert.match(
					String(result.error.description),
					/answer was lost, so the request was not sent again\. Tenovos may have created the asset "once\.jpg"/,
				);
				assert.equal((await calls('POST', /^\/asset$/)).length, 1, 'POST /asset sent once');
				assert.equal((await versions()).length, 1, 'exactly one asset in Tenovos');
			});

			it(`Create answered with ${label} after creating the record: one asset, nothing uploaded`, async () => {
				await sandbox.fault({
					target: 'tenovos',
					method: 'POST',
					path: '^/asset$',
					after: true,
					...rule,
				});
				const result = await runWorkflow([binaryFile(2000, 4, 'twice.jpg'), create('twice.jpg')], {
					credentials: credentials(),
				});
				assert.ok(result.error, 'the node reports an error');
				assert.match(
					result.error.message,
					/^Tenovos: Uploading "twice\.jpg" failed at step 1 of 2 \(create the asset record\): /,
				);
				assert.match(String(result.error.description), /may have created the asset "twice\.jpg"/);
				assert.equal((await calls('POST', /^\/asset$/)).length, 1);
				assert.equal((await versions()).length, 1);
				assert.equal((await sandbox.journal('s3')).length, 0);
			});
		}

		it('Update answered 502 after Tenovos applied it: sent once, read back and reported as updated', async () => {
			const [objectId] = (
				await sandbox.sim<{ objectIds: string[] }>('tenovos', 'POST', '/seed', {
					count: 1,
					title: 'Before',
				})
			).objectIds;
			await sandbox.fault({
				target: 'tenovos',
				method: 'PATCH',
				path: `^/asset/${objectId}$`,
				after: true,
				status: 502,
				body: { message: 'Internal server error' },
			});
			const result = await runWorkflow(
				[
					tenovos('update', {
						asset: byId(objectId),
						metadataInput: 'fields',
						metadataFields: { field: [{ attributeId: IDS.attrTitle, value: 'After' }] },
					}),
				],
				{ credentials: credentials() },
			);
			assert.equal(result.error, undefined, result.error?.message);
			assert.equal(result.output('Tenovos')[0].json.updated, true);
			assert.equal(
				result.output('Tenovos')[0].json.verified,
				'The answer was lost; reading it back showed the new values on the asset.',
			);
			const patches = await calls('PATCH', /^\/asset\//);
			assert.equal(patches.length, 1, 'PATCH sent once');
			assert.equal(patches[0].acted, 200);
			const [version] = await versions();
			assert.deepEqual(version.metadata, [
				{ metadataDefinitionId: IDS.attrTitle, metadataDefinitionValue: 'After' },
			]);
		});

		it('Update answered 502 before Tenovos acted: sent once, and the error says it was not applied', async () => {
			const [objectId] = (
				await sandbox.sim<{ objectIds: string[] }>('tenovos', 'POST', '/seed', {
					count: 1,
					title: 'Before',
				})
			).objectIds;
			await sandbox.fault({
				target: 'tenovos',
				method: 'PATCH',
				path: `^/asset/${objectId}$`,
				status: 502,
				body: { message: 'Internal server error' },
			});
			const result = await runWorkflow(
				[
					tenovos('update', {
						asset: byId(objectId),
						metadataInput: 'fields',
						metadataFields: { field: [{ attributeId: IDS.attrTitle, value: 'After' }] },
					}),
				],
				{ credentials: credentials() },
			);
			assert.ok(result.error);
			assert.equal(result.error.httpCode, '502');
			assert.match(
				String(result.error.description),
				/answer was lost, so the request was not sent again; reading it back showed the update was not applied\./,
			);
			assert.equal((await calls('PATCH', /^\/asset\//)).length, 1);
			const [version] = await versions();
			assert.deepEqual(version.metadata, [
				{ metadataDefinitionId: IDS.attrTitle, metadataDefinitionValue: 'Before 1' },
			]);
		});

		it('Delete answered with a dropped connection after Tenovos deleted: sent once, reported as deleted', async () => {
			const [objectId] = (
				await sandbox.sim<{ objectIds: string[] }>('tenovos', 'POST', '/seed', { count: 1 })
			).objectIds;
			await sandbox.fault({
				target: 'tenovos',
				method: 'POST',
				path: '/delete$',
				after: true,
				drop: true,
			});
			const result = await runWorkflow([tenovos('delete', { asset: byId(objectId) })], {
				credentials: credentials(),
			});
			assert.equal(result.error, undefined, result.error?.message);
			assert.equal(result.output('Tenovos')[0].json.deleted, true);
			assert.equal(
				result.output('Tenovos')[0].json.verified,
				'The answer was lost; reading it back showed the asset in the recycle bin.',
			);
			assert.equal((await calls('POST', /\/delete$/)).length, 1, 'the delete was sent once');
			assert.equal((await versions())[0].deleted, true);
		});

		it('Search, which is safe to repeat, is retried after a 502', async () => {
			await sandbox.sim('tenovos', 'POST', '/seed', { count: 2 });
			await sandbox.fault({
				target: 'tenovos',
				method: 'POST',
				path: '^/search/keyword$',
				status: 502,
				body: { message: 'Internal server error' },
			});
			const result = await runWorkflow([tenovos('search', { returnAll: true })], {
				credentials: credentials(),
			});
			assert.equal(result.error, undefined, result.error?.message);
			assert.equal(result.output('Tenovos').length, 2);
			assert.deepEqual(
				(await calls('POST', /^\/search\/keyword$/)).map((e) => e.status),
				[502, 200],
			);
		});
	});
});
