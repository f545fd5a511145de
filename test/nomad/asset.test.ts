import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { Sandbox } from '../harness/sandbox';
import { advance, byId, byUrl, dump, fails, ok, run, seed, simAsset, type Seed } from './helpers';

const SIGNED = /Signature=|X-Amz-Signature|Key-Pair-Id|Policy=/;

describe('Nomad Media assets through the engine', () => {
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

	describe('get', () => {
		it('returns the asset with type and status names and numbers, and no signed URL', async () => {
			const [asset] = await ok(sandbox, {
				resource: 'asset',
				operation: 'get',
				assetId: byId(ids.files['Projects/Interviews/interview-01.mp4']),
			});
			assert.equal(asset.id, ids.files['Projects/Interviews/interview-01.mp4']);
			assert.equal(asset.displayName, 'interview-01.mp4');
			assert.equal(asset.objectKey, 'Projects/Interviews/interview-01.mp4');
			assert.equal(asset.assetType, 'File');
			assert.equal(asset.assetTypeName, 'File');
			assert.equal(asset.assetTypeValue, 2);
			assert.equal(asset.assetStatusName, 'Available');
			assert.equal(asset.assetStatusValue, 1);
			assert.match(
				String(asset.fullUrl),
				/^https:\/\/cdn\.nomad-sandbox\.test\/Projects\/Interviews\/interview-01\.mp4\?\[redacted\]$/,
			);
			assert.doesNotMatch(dump(asset), SIGNED);
		});

		it('takes the ID from a URL, and shows names when the API sends numbers', async () => {
			await sandbox.sim('nomad', 'POST', '/config', { enumsAsNumbers: true });
			const id = ids.folders['Projects/Interviews'];
			const [asset] = await ok(sandbox, {
				resource: 'asset',
				operation: 'get',
				assetId: byUrl(`https://admin-app.example.nomad-cms.com/assets/${id}?tab=info`),
			});
			assert.equal(asset.id, id);
			assert.equal(asset.assetType, 1);
			assert.equal(asset.assetTypeName, 'Folder');
			assert.equal(asset.assetTypeValue, 1);
			assert.equal(asset.assetStatus, 1);
			assert.equal(asset.assetStatusName, 'Available');
		});

		it('fails with the DAM message and 404 for an unknown asset', async () => {
			const error = await fails(sandbox, {
				resource: 'asset',
				operation: 'get',
				assetId: byId('0f8fad5b-d9cb-469f-a165-70867728950e'),
			});
			assert.match(
				error.message,
				/^Nomad Media: Asset '0f8fad5b-d9cb-469f-a165-70867728950e' was not found\. \(HTTP 404\)$/,
			);
			assert.equal(error.httpCode, '404');
		});

		it('refuses an ID from an expression that is not a GUID before calling the API, naming the parameter', async () => {
			const mark = await sandbox.mark();
			const error = await fails(sandbox, {
				resource: 'asset',
				operation: 'get',
				assetId: byId('={{ "logo.png" }}'),
			});
			assert.match(error.message, /"Asset" parameter must be a Nomad Media ID/);
			assert.equal((await sandbox.journal('nomad', mark)).length, 0);
		});

		it('continues on fail with an error item for the bad input item and a result for the good one', async () => {
			const result = await run(
				sandbox,
				{ resource: 'asset', operation: 'get', assetId: byId('={{ $json.id }}') },
				{
					continueOnFail: true,
					input: [
						{ json: { id: 'ad9a4f34-0d1a-4c49-9d5c-2d1a5d0b8e11' } },
						{ json: { id: ids.files['Projects/logo.png'] } },
					],
				},
			);
			assert.equal(result.error, undefined);
			const out = result.output('Nomad');
			assert.equal(out.length, 2);
			assert.match(String(out[0].json.error), /was not found/);
			assert.deepEqual(out[0].pairedItem, { item: 0 });
			assert.equal(out[1].json.displayName, 'logo.png');
			assert.deepEqual(out[1].pairedItem, { item: 1 });
		});
	});

	describe('getDetail', () => {
		it('returns the full detail (parents, collections, properties with names) without signed URLs', async () => {
			const [detail] = await ok(sandbox, {
				resource: 'asset',
				operation: 'getDetail',
				assetId: byId(ids.files['Projects/Interviews/interview-01.mp4']),
			});
			assert.equal(detail.assetId, ids.files['Projects/Interviews/interview-01.mp4']);
			assert.deepEqual(
				(detail.parents as Array<{ description: string }>).map((p) => p.description),
				['nomad-sandbox-media', 'Projects', 'Interviews'],
			);
			assert.deepEqual(
				(detail.collections as Array<{ description: string }>).map((c) => c.description),
				['Highlights'],
			);
			const properties = detail.properties as Record<string, unknown>;
			assert.equal(properties.assetStatusName, 'Available');
			assert.equal(properties.assetTypeValue, 2);
			assert.doesNotMatch(dump(detail), SIGNED);
		});

		it('fails with 404 for an unknown asset', async () => {
			const error = await fails(sandbox, {
				resource: 'asset',
				operation: 'getDetail',
				assetId: byId('0f8fad5b-d9cb-469f-a165-70867728950e'),
			});
			assert.equal(error.httpCode, '404');
		});
	});

	describe('search and listFolder', () => {
		it('pages through every result with Return All (page index tokens, 100 per page)', async () => {
			await sandbox.sim('nomad', 'POST', '/assets', {
				parentId: ids.folders['Empty'],
				count: 130,
				prefix: 'still',
			});
			const mark = await sandbox.mark();
			const items = await ok(sandbox, {
				resource: 'asset',
				operation: 'search',
				searchQuery: 'still-',
				returnAll: true,
			});
			assert.equal(items.length, 130);
			assert.equal(new Set(items.map((i) => i.id)).size, 130);
			assert.equal(items[0].title, 'still-001.jpg');
			assert.equal(items[129].title, 'still-130.jpg');
			const requests = (await sandbox.journal('nomad', mark)).filter(
				(e) => e.path === '/api/admin/search',
			);
			assert.equal(requests.length, 2);
			assert.equal((requests[0].body as { pageOffset: number }).pageOffset, 0);
			assert.equal(
				typeof (requests[1].body as { pageOffset: unknown }).pageOffset,
				'string',
				'second page asked with the nextPageOffset token',
			);
			const identifiers = items[0].identifiers as Record<string, unknown>;
			assert.equal(identifiers.assetTypeName, 'File');
			assert.equal(identifiers.assetTypeValue, 2);
		});

		it('stops at the limit and asks only for what it needs', async () => {
			await sandbox.sim('nomad', 'POST', '/assets', {
				parentId: ids.folders['Empty'],
				count: 30,
				prefix: 'still',
			});
			const mark = await sandbox.mark();
			const items = await ok(sandbox, {
				resource: 'asset',
				operation: 'search',
				searchQuery: 'still',
				returnAll: false,
				limit: 7,
			});
			assert.equal(items.length, 7);
			const requests = (await sandbox.journal('nomad', mark)).filter(
				(e) => e.path === '/api/admin/search',
			);
			assert.equal(requests.length, 1);
			assert.equal((requests[0].body as { pageSize: number }).pageSize, 7);
		});

		it('filters by type, status and folder, and sorts', async () => {
			const folders = await ok(sandbox, {
				resource: 'asset',
				operation: 'search',
				returnAll: true,
				filters: { assetType: 'Folder', folderId: ids.folders['Projects'] },
				options: { sortField: 'title', sortDescending: true },
			});
			assert.deepEqual(
				folders.map((f) => f.title),
				['Raw', 'Interviews'],
			);
			const videos = await ok(sandbox, {
				resource: 'asset',
				operation: 'search',
				searchQuery: '.mp4',
				returnAll: true,
				filters: { assetStatus: 'Available' },
			});
			assert.deepEqual(videos.map((f) => f.title).sort(), ['interview-01.mp4', 'interview-02.mp4']);
		});

		it('reports a search the DAM refuses with its validation message', async () => {
			await sandbox.fault({
				target: 'nomad',
				path: '^/api/admin/search$',
				status: 400,
				body: {
					type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
					title: 'One or more validation errors occurred.',
					status: 400,
					errors: { SearchQuery: ['The search query is too long.'] },
				},
			});
			const error = await fails(sandbox, {
				resource: 'asset',
				operation: 'search',
				searchQuery: 'x',
				returnAll: true,
			});
			assert.match(
				error.message,
				/One or more validation errors occurred: SearchQuery: The search query is too long\. \(HTTP 400\)/,
			);
		});

		it('refuses a folder filter that is not an ID', async () => {
			const error = await fails(sandbox, {
				resource: 'asset',
				operation: 'search',
				returnAll: true,
				filters: { folderId: 'Projects' },
			});
			assert.match(error.message, /"Within Folder ID" parameter must be a Nomad Media ID/);
		});

		it('lists the direct children of a folder, or everything below it', async () => {
			const direct = await ok(sandbox, {
				resource: 'asset',
				operation: 'listFolder',
				folderId: byId(ids.folders['Projects/Interviews']),
				returnAll: true,
			});
			assert.deepEqual(direct.map((i) => i.title).sort(), [
				'Raw',
				'interview-01.mp4',
				'interview-02.mp4',
				'notes.pdf',
			]);
			const all = await ok(sandbox, {
				resource: 'asset',
				operation: 'listFolder',
				folderId: byId(ids.folders['Projects/Interviews']),
				includeSubfolders: true,
				returnAll: true,
				filters: { assetType: 'File' },
			});
			assert.deepEqual(all.map((i) => i.title).sort(), [
				'interview-01.mp4',
				'interview-02.mp4',
				'notes.pdf',
				'raw-01.mov',
				'raw-02.wav',
			]);
			const mark = await sandbox.mark();
			const limited = await ok(sandbox, {
				resource: 'asset',
				operation: 'listFolder',
				folderId: byId(ids.folders['Projects/Interviews']),
				returnAll: false,
				limit: 2,
			});
			assert.equal(limited.length, 2);
			const body = (await sandbox.journal('nomad', mark)).find(
				(e) => e.path === '/api/admin/search',
			)!.body as { filters: Array<{ fieldName: string; values: string }> };
			assert.deepEqual(body.filters[0], {
				fieldName: 'parentId',
				operator: 0, // Equals
				values: ids.folders['Projects/Interviews'],
			});
		});

		it('fails listFolder without a valid folder', async () => {
			const error = await fails(sandbox, {
				resource: 'asset',
				operation: 'listFolder',
				folderId: byId('={{ $json.missing ?? "" }}'),
				returnAll: true,
			});
			assert.match(error.message, /The "Folder" parameter is empty/);
		});
	});

	describe('update', () => {
		it('patches name, date and custom properties (null removes), then returns the asset', async () => {
			const id = ids.files['Projects/logo.png'];
			await ok(sandbox, {
				resource: 'asset',
				operation: 'update',
				assetId: byId(id),
				updateFields: {},
				customProperties: { property: [{ name: 'obsolete', value: 'x' }] },
			});
			const mark = await sandbox.mark();
			const [asset] = await ok(sandbox, {
				resource: 'asset',
				operation: 'update',
				assetId: byId(id),
				updateFields: { displayName: 'logo-2025.png', displayDate: '2025-06-01T10:00:00.000Z' },
				customProperties: {
					property: [
						{ name: 'rating', value: '5' },
						{ name: 'reviewer', value: 'Ana' },
					],
				},
				removeCustomProperties: 'obsolete',
			});
			assert.equal(asset.displayName, 'logo-2025.png');
			assert.equal(asset.displayDate, '2025-06-01T10:00:00.000Z');
			const patch = (await sandbox.journal('nomad', mark)).find((e) => e.method === 'PATCH');
			assert.deepEqual((patch!.body as { customProperties: unknown }).customProperties, {
				rating: 5,
				reviewer: 'Ana',
				obsolete: null,
			});
			const state = await simAsset(sandbox, id);
			assert.deepEqual(state.customProperties, { rating: 5, reviewer: 'Ana' });
		});

		it('fails with the DAM message when a file would lose its extension', async () => {
			const error = await fails(sandbox, {
				resource: 'asset',
				operation: 'update',
				assetId: byId(ids.files['Projects/logo.png']),
				updateFields: { displayName: 'logo' },
			});
			assert.match(
				error.message,
				/The display name must include the file extension\. \(HTTP 400\)/,
			);
		});

		it('refuses an update with nothing to change', async () => {
			const error = await fails(sandbox, {
				resource: 'asset',
				operation: 'update',
				assetId: byId(ids.files['Projects/logo.png']),
				updateFields: {},
			});
			assert.match(error.message, /Nothing to update/);
		});
	});

	describe('createFolder and createPlaceholder', () => {
		it('creates a folder and returns it', async () => {
			const [folder] = await ok(sandbox, {
				resource: 'asset',
				operation: 'createFolder',
				parentId: byId(ids.folders['Projects']),
				folderName: 'Stills',
			});
			assert.equal(folder.displayName, 'Stills');
			assert.equal(folder.parentId, ids.folders['Projects']);
			assert.equal(folder.assetTypeName, 'Folder');
			assert.equal(folder.assetTypeValue, 1);
			assert.equal(folder.objectKey, 'Projects/Stills/');
		});

		it('fails for a duplicate folder name (400) and an unknown parent (404)', async () => {
			const duplicate = await fails(sandbox, {
				resource: 'asset',
				operation: 'createFolder',
				parentId: byId(ids.folders['Projects']),
				folderName: 'Interviews',
			});
			assert.match(
				duplicate.message,
				/An asset named 'Interviews' already exists in this folder\. \(HTTP 400\)/,
			);
			const missing = await fails(sandbox, {
				resource: 'asset',
				operation: 'createFolder',
				parentId: byId('0f8fad5b-d9cb-469f-a165-70867728950e'),
				folderName: 'X',
			});
			assert.equal(missing.httpCode, '404');
		});

		it('creates a placeholder in status Placeholder (20)', async () => {
			const [placeholder] = await ok(sandbox, {
				resource: 'asset',
				operation: 'createPlaceholder',
				parentId: byId(ids.folders['Projects']),
				assetName: 'episode-12.mp4',
			});
			assert.equal(placeholder.displayName, 'episode-12.mp4');
			assert.equal(placeholder.assetStatusName, 'Placeholder');
			assert.equal(placeholder.assetStatusValue, 20);
		});

		it('fails for a placeholder name without an extension', async () => {
			const error = await fails(sandbox, {
				resource: 'asset',
				operation: 'createPlaceholder',
				parentId: byId(ids.folders['Projects']),
				assetName: 'episode-12',
			});
			assert.match(error.message, /The asset name must include the file extension\. \(HTTP 400\)/);
		});
	});

	describe('archive, restore and job history', () => {
		it('moves a file through PendingArchive, Archiving, Archived and back through PendingRestore, Restoring, Restored', async () => {
			const id = ids.files['Projects/Interviews/interview-02.mp4'];
			const [archiving] = await ok(sandbox, {
				resource: 'asset',
				operation: 'archive',
				assetId: byId(id),
			});
			assert.equal(archiving.assetStatusName, 'PendingArchive');
			assert.equal(archiving.assetStatusValue, 9);
			await advance(sandbox, 60);
			const [step] = await ok(sandbox, { resource: 'asset', operation: 'get', assetId: byId(id) });
			assert.equal(step.assetStatusName, 'Archiving');
			assert.equal(step.assetStatusValue, 7);
			await advance(sandbox, 60);
			const [archived] = await ok(sandbox, {
				resource: 'asset',
				operation: 'get',
				assetId: byId(id),
			});
			assert.equal(archived.assetStatusName, 'Archived');
			assert.equal(archived.assetStatusValue, 8);
			assert.equal(archived.storageClass, 'Glacier');

			const [restoring] = await ok(sandbox, {
				resource: 'asset',
				operation: 'restore',
				assetId: byId(id),
			});
			assert.equal(restoring.assetStatusName, 'PendingRestore');
			assert.equal(restoring.assetStatusValue, 11);
			const runningJobs = await ok(sandbox, {
				resource: 'asset',
				operation: 'getJobHistory',
				assetId: byId(id),
				returnAll: true,
			});
			assert.deepEqual(
				runningJobs.map((j) => `${j.jobType}:${j.state}`),
				['Archive:Complete', 'Restore:Running'],
			);
			await advance(sandbox, 120);
			const [restored] = await ok(sandbox, {
				resource: 'asset',
				operation: 'get',
				assetId: byId(id),
			});
			assert.equal(restored.assetStatusName, 'Restored');
			assert.equal(restored.assetStatusValue, 12);
			assert.equal(restored.storageClass, 'Standard');
			const jobs = await ok(sandbox, {
				resource: 'asset',
				operation: 'getJobHistory',
				assetId: byId(id),
				returnAll: true,
			});
			assert.deepEqual(
				jobs.map((j) => `${j.jobType}:${j.state}`),
				['Archive:Complete', 'Restore:Complete'],
			);
			assert.ok(jobs[1].completeDate);
			const first = await ok(sandbox, {
				resource: 'asset',
				operation: 'getJobHistory',
				assetId: byId(id),
				returnAll: false,
				limit: 1,
			});
			assert.equal(first.length, 1);
		});

		it('refuses to restore a file that is not archived, and to archive a folder', async () => {
			const restore = await fails(sandbox, {
				resource: 'asset',
				operation: 'restore',
				assetId: byId(ids.files['Projects/logo.png']),
			});
			assert.match(
				restore.message,
				/Only archived assets can be restored; the status is Available\. \(HTTP 400\)/,
			);
			const archive = await fails(sandbox, {
				resource: 'asset',
				operation: 'archive',
				assetId: byId(ids.folders['Projects']),
			});
			assert.match(archive.message, /Only file assets can be archived/);
		});

		it('reports 403 when the user has no file write permission', async () => {
			const error = await fails(
				sandbox,
				{ resource: 'asset', operation: 'archive', assetId: byId(ids.files['Projects/logo.png']) },
				{ creds: { username: 'viewer@example.com', password: 'Viewer-Pass-1' } },
			);
			assert.match(
				error.message,
				/You do not have file write permission on this asset\. \(HTTP 403\)/,
			);
			assert.equal(error.httpCode, '403');
		});

		it('fails job history for an unknown asset', async () => {
			const error = await fails(sandbox, {
				resource: 'asset',
				operation: 'getJobHistory',
				assetId: byId('0f8fad5b-d9cb-469f-a165-70867728950e'),
				returnAll: true,
			});
			assert.equal(error.httpCode, '404');
		});
	});

	describe('getParentFolders', () => {
		it('returns the ancestors from the bucket down to the parent', async () => {
			const parents = await ok(sandbox, {
				resource: 'asset',
				operation: 'getParentFolders',
				assetId: byId(ids.files['Projects/Interviews/Raw/raw-01.mov']),
			});
			assert.deepEqual(
				parents.map((p) => p.title),
				['nomad-sandbox-media', 'Projects', 'Interviews', 'Raw'],
			);
			assert.deepEqual(
				parents.map((p) => p.depth),
				[0, 1, 2, 3],
			);
			assert.equal((parents[0].identifiers as Record<string, unknown>).assetTypeName, 'Bucket');
			assert.equal((parents[0].identifiers as Record<string, unknown>).assetTypeValue, 5);
		});

		it('fails for an unknown asset', async () => {
			const error = await fails(sandbox, {
				resource: 'asset',
				operation: 'getParentFolders',
				assetId: byId('0f8fad5b-d9cb-469f-a165-70867728950e'),
			});
			assert.equal(error.httpCode, '404');
		});
	});
});
