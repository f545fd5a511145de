import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { Sandbox } from '../harness/sandbox';
import { fails, ok, seed, USER, type Seed } from './helpers';

interface QueueItem {
	assetDownloadQueueId: string;
	assetId: string;
	userId: string;
	downloadProxy: boolean;
	transferStatus: string;
	completePercentage: number;
	errorMessage: string | null;
}

const UNKNOWN = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('Nomad Media download queue and ZIP archives through the engine', () => {
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

	const queue = async () => await sandbox.sim<QueueItem[]>('nomad', 'GET', '/queue');
	const add = (assetIds: string | string[], downloadProxy = false) => ({
		resource: 'downloadQueue',
		operation: 'add',
		assetIds,
		downloadProxy,
	});
	const filesUnder = (prefix: string) =>
		Object.entries(ids.files)
			.filter(([path]) => path.startsWith(prefix))
			.map(([, id]) => id)
			.sort();

	it('adds exactly the file assets of a folder, once, even when the request is repeated', async () => {
		const folder = ids.folders['Projects/Interviews'];
		const expected = filesUnder('Projects/Interviews/');
		assert.equal(expected.length, 5, 'three files in the folder and two in its subfolder');
		const [first] = await ok(sandbox, add(folder));
		assert.equal(first.processing, 'synchronous');
		assert.equal(first.completed, true);
		assert.equal(first.idCount, 1);
		let items = await queue();
		assert.deepEqual(items.map((i) => i.assetId).sort(), expected);
		assert.ok(items.every((i) => i.transferStatus === 'Queued'));
		assert.ok(
			!items.some((i) => Object.values(ids.folders).includes(i.assetId)),
			'no folder is queued itself',
		);

		await ok(sandbox, add(folder));
		await ok(sandbox, add([folder, expected[0]]));
		items = await queue();
		assert.equal(items.length, 5, 'repeating the request adds nothing');
		assert.deepEqual(items.map((i) => i.assetId).sort(), expected);
		const requests = (await sandbox.journal('nomad')).filter((e) => e.path === '/api/asset-queue');
		assert.deepEqual(requests[0].body, { ids: [folder], downloadProxy: false });
	});

	it('expands a collection to its files (including a folder in it) and passes Download Proxy', async () => {
		await ok(sandbox, add(ids.collections['Highlights'], true));
		const items = await queue();
		const expected = [
			ids.files['Projects/Interviews/interview-01.mp4'],
			ids.files['Projects/logo.png'],
			...filesUnder('Projects/Interviews/Raw/'),
		].sort();
		assert.deepEqual(items.map((i) => i.assetId).sort(), expected);
		assert.ok(items.every((i) => i.downloadProxy === true));
	});

	it('skips files already Queued or Downloading, but queues again those Complete', async () => {
		const logo = ids.files['Projects/logo.png'];
		const notes = ids.files['Projects/Interviews/notes.pdf'];
		await sandbox.sim('nomad', 'POST', `/queue/${USER}`, {
			assetId: logo,
			transferStatus: 'Downloading',
		});
		await sandbox.sim('nomad', 'POST', `/queue/${USER}`, {
			assetId: notes,
			transferStatus: 'Complete',
		});
		await ok(sandbox, add([logo, notes]));
		const items = await queue();
		assert.deepEqual(
			items.filter((i) => i.assetId === logo).map((i) => i.transferStatus),
			['Downloading'],
		);
		assert.deepEqual(
			items
				.filter((i) => i.assetId === notes)
				.map((i) => i.transferStatus)
				.sort(),
			['Complete', 'Queued'],
		);
	});

	it('shows background processing for more than 50 IDs; 50 are processed before the answer', async () => {
		await sandbox.sim('nomad', 'POST', '/config', { backgroundDelayMs: 3000 });
		const { ids: many } = await sandbox.sim<{ ids: string[] }>('nomad', 'POST', '/assets', {
			parentId: ids.folders['Empty'],
			count: 60,
			prefix: 'frame',
		});

		const [fifty] = await ok(sandbox, add(many.slice(0, 50)));
		assert.equal(fifty.processing, 'synchronous');
		assert.equal((await queue()).length, 50, 'all 50 queued when the step finished');

		await sandbox.reset();
		ids = await seed(sandbox);
		await sandbox.sim('nomad', 'POST', '/config', { backgroundDelayMs: 3000 });
		const { ids: sixty } = await sandbox.sim<{ ids: string[] }>('nomad', 'POST', '/assets', {
			parentId: ids.folders['Empty'],
			count: 60,
			prefix: 'frame',
		});
		const [result] = await ok(sandbox, add(sixty));
		assert.equal(result.processing, 'background');
		assert.equal(result.completed, false);
		assert.equal(result.idCount, 60);
		assert.match(
			String(result.message),
			/more than 50: Nomad Media queues them in a background task/,
		);
		assert.equal((await queue()).length, 0, 'nothing queued yet when the step finished');
		const deadline = Date.now() + 10_000;
		while ((await queue()).length < 60 && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 100));
		assert.equal((await queue()).length, 60);
		const [task] = await sandbox.sim<Array<{ added: number }>>('nomad', 'GET', '/tasks');
		assert.equal(task.added, 60);
	});

	it('refuses an empty or invalid ID list, and reports a DAM failure with its message', async () => {
		const empty = await fails(sandbox, add('={{ $json.ids }}'), { input: [{ json: { ids: [] } }] });
		assert.match(empty.message, /"Asset IDs" needs at least one ID/);
		const invalid = await fails(sandbox, add('folder-1'));
		assert.match(invalid.message, /not a Nomad Media ID: folder-1/);
		await sandbox.fault({
			target: 'nomad',
			path: '^/api/asset-queue$',
			method: 'POST',
			status: 500,
			body: {
				title: 'Internal Server Error',
				status: 500,
				detail: 'The queue service is unavailable.',
			},
		});
		const failure = await fails(sandbox, add(ids.files['Projects/logo.png']));
		assert.match(failure.message, /The queue service is unavailable\. \(HTTP 500\)/);
		const posts = (await sandbox.journal('nomad')).filter((e) => e.path === '/api/asset-queue');
		assert.equal(posts.length, 1, 'a POST that may have been carried out is not repeated');
	});

	it('updates a queue item (status, progress, error message)', async () => {
		await ok(sandbox, add(ids.files['Projects/logo.png']));
		const [item] = await queue();
		const [out] = await ok(sandbox, {
			resource: 'downloadQueue',
			operation: 'update',
			queueItemId: item.assetDownloadQueueId,
			transferStatus: 'Downloading',
			options: { completePercentage: 42.5 },
		});
		assert.equal(out.updated, true);
		let [state] = await queue();
		assert.equal(state.transferStatus, 'Downloading');
		assert.equal(state.completePercentage, 42.5);
		await ok(sandbox, {
			resource: 'downloadQueue',
			operation: 'update',
			queueItemId: item.assetDownloadQueueId,
			transferStatus: 'Error',
			options: { errorMessage: 'Disk full' },
		});
		[state] = await queue();
		assert.equal(state.transferStatus, 'Error');
		assert.equal(state.errorMessage, 'Disk full');
	});

	it('fails to update an unknown queue item (404) or with a percentage out of range', async () => {
		const missing = await fails(sandbox, {
			resource: 'downloadQueue',
			operation: 'update',
			queueItemId: UNKNOWN,
			transferStatus: 'Complete',
		});
		assert.match(missing.message, /Queue item '.*' was not found\. \(HTTP 404\)/);
		const range = await fails(sandbox, {
			resource: 'downloadQueue',
			operation: 'update',
			queueItemId: UNKNOWN,
			transferStatus: 'Downloading',
			options: { completePercentage: '={{ 140 }}' },
		});
		assert.match(range.message, /"Complete Percentage" must be between 0 and 100/);
	});

	it('removes queue items (IDs sent as the DELETE body)', async () => {
		await ok(sandbox, add(ids.folders['Projects/Interviews/Raw']));
		const items = await queue();
		assert.equal(items.length, 2);
		const [out] = await ok(sandbox, {
			resource: 'downloadQueue',
			operation: 'remove',
			queueItemIds: items[0].assetDownloadQueueId,
		});
		assert.equal(out.count, 1);
		assert.deepEqual(
			(await queue()).map((i) => i.assetDownloadQueueId),
			[items[1].assetDownloadQueueId],
		);
		const request = (await sandbox.journal('nomad')).find((e) => e.method === 'DELETE');
		assert.deepEqual(request!.body, [items[0].assetDownloadQueueId]);
	});

	it('fails to remove with IDs that are not IDs, and reports a DAM refusal', async () => {
		const invalid = await fails(sandbox, {
			resource: 'downloadQueue',
			operation: 'remove',
			queueItemIds: 'first, second',
		});
		assert.match(invalid.message, /"Queue Item IDs" contains values that are not a Nomad Media ID/);
		await sandbox.fault({
			target: 'nomad',
			method: 'DELETE',
			path: '^/api/asset-queue$',
			status: 400,
			body: { title: 'Bad Request', status: 400, detail: 'No queue item IDs were provided.' },
		});
		const refused = await fails(sandbox, {
			resource: 'downloadQueue',
			operation: 'remove',
			queueItemIds: UNKNOWN,
		});
		assert.match(refused.message, /No queue item IDs were provided\. \(HTTP 400\)/);
	});

	it('creates a ZIP archive download of several assets', async () => {
		const [zip] = await ok(sandbox, {
			resource: 'downloadQueue',
			operation: 'createArchive',
			assetIds: [ids.folders['Projects/Interviews/Raw'], ids.files['Projects/logo.png']].join(','),
			fileName: 'press-kit',
			downloadProxy: true,
		});
		assert.equal(zip.displayName, 'press-kit.zip');
		assert.equal(zip.fileCount, 3);
		assert.equal(zip.assetStatusName, 'Creating');
		assert.equal(zip.assetStatusValue, 21);
		const request = (await sandbox.journal('nomad')).find(
			(e) => e.path === '/api/admin/asset/download-archive',
		);
		assert.deepEqual(request!.body, {
			assetIds: [ids.folders['Projects/Interviews/Raw'], ids.files['Projects/logo.png']],
			downloadProxy: true,
			filename: 'press-kit',
		});
	});

	it('fails a ZIP archive of assets that do not exist (404)', async () => {
		const error = await fails(sandbox, {
			resource: 'downloadQueue',
			operation: 'createArchive',
			assetIds: UNKNOWN,
		});
		assert.match(error.message, /None of the requested assets were found\. \(HTTP 404\)/);
	});
});
