import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { Sandbox } from '../harness/sandbox';
import { byId, createAsset, ingested, listSearch, mp, runMp } from './helpers';

describe('Media Pocket asset operations', () => {
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

	const fileUrl = (name: string, size = 2048, seed = 7) =>
		`${sandbox.url('mediapocket')}/_files/${name}?size=${size}&seed=${seed}`;

	it('creates an asset with every field (category and tags lower-cased by the DAM) and appends ASSET_ADDED', async () => {
		const [item] = await mp(sandbox, {
			resource: 'asset',
			operation: 'create',
			title: 'Campaign hero',
			additionalFields: {
				description: 'Main visual',
				category: 'Marketing',
				tags: 'Summer, Hero ',
				externalId: 'erp-1',
			},
		});
		assert.match(item.json.id as string, /^[A-Za-z0-9_-]{20}$/);
		assert.equal(item.json.title, 'Campaign hero');
		assert.equal(item.json.category, 'marketing');
		assert.deepEqual(item.json.tags, ['summer', 'hero']);
		assert.equal(item.json.external_id, 'erp-1');
		assert.equal(item.json.media_type, 'placeholder');
		const [request] = await sandbox.journal('mediapocket');
		assert.equal(request.method, 'POST');
		assert.deepEqual(request.body, {
			title: 'Campaign hero',
			description: 'Main visual',
			category: 'Marketing',
			external_id: 'erp-1',
			tags: ['Summer', 'Hero'],
		});
		const history = await sandbox.sim('mediapocket', 'GET', `/assets/${item.json.id}/history`);
		assert.deepEqual(
			history.events.map((event: { event_type: string }) => event.event_type),
			['ASSET_ADDED'],
		);
	});

	it('creates an article asset', async () => {
		const [item] = await mp(sandbox, {
			resource: 'asset',
			operation: 'create',
			title: 'Story',
			additionalFields: { mediaType: 'article' },
		});
		assert.equal(item.json.media_type, 'article');
	});

	it('create: an empty title is refused before any call; a taken external ID and a too long title come back as the DAM says', async () => {
		const empty = await runMp(sandbox, { resource: 'asset', operation: 'create', title: '  ' });
		assert.equal(empty.error?.name, 'NodeOperationError');
		assert.match(empty.error!.message, /"Title" parameter is empty/);
		assert.equal((await sandbox.journal('mediapocket')).length, 0);

		await createAsset(sandbox, 'First', { externalId: 'dup' });
		const taken = await runMp(sandbox, {
			resource: 'asset',
			operation: 'create',
			title: 'Second',
			additionalFields: { externalId: 'dup' },
		});
		assert.equal(
			taken.error?.message,
			'Media Pocket: External id has already been taken (HTTP 400)',
		);
		const long = await runMp(sandbox, {
			resource: 'asset',
			operation: 'create',
			title: 'x'.repeat(256),
		});
		assert.equal(
			long.error?.message,
			'Media Pocket: Title is too long (maximum is 255 characters) (HTTP 400)',
		);
		assert.equal(long.error?.httpCode, '400');
	});

	it('gets an asset, and a missing one is a 404 with the DAM message', async () => {
		const id = await createAsset(sandbox, 'Getter');
		const [item] = await mp(sandbox, { resource: 'asset', operation: 'get', assetId: byId(id) });
		assert.equal(item.json.id, id);
		assert.equal(item.json.title, 'Getter');
		assert.equal(item.json.deleted, null);

		const missing = await runMp(sandbox, {
			resource: 'asset',
			operation: 'get',
			assetId: byId('not-found-id'),
		});
		assert.equal(missing.error?.name, 'NodeApiError');
		assert.equal(missing.error?.message, 'Media Pocket: asset not found (HTTP 404)');
		assert.equal(missing.error?.httpCode, '404');
	});

	it('takes the asset ID from a web app URL', async () => {
		const id = await createAsset(sandbox, 'By URL');
		const [item] = await mp(sandbox, {
			resource: 'asset',
			operation: 'get',
			assetId: {
				__rl: true,
				mode: 'url',
				value: `https://tenant.mediapocket.fi/#/assets/${id}?tab=info`,
			},
		});
		assert.equal(item.json.id, id);
	});

	it('updates an asset; nothing to update, a missing asset and a too long title are errors', async () => {
		const id = await createAsset(sandbox, 'Before');
		const [item] = await mp(sandbox, {
			resource: 'asset',
			operation: 'update',
			assetId: byId(id),
			updateFields: { title: 'After', tags: 'Test, Tags, Here', category: 'Modified Category' },
		});
		assert.equal(item.json.title, 'After');
		assert.deepEqual(item.json.tags, ['test', 'tags', 'here']);
		assert.equal(item.json.category, 'modified category');
		const put = (await sandbox.journal('mediapocket')).find((entry) => entry.method === 'PUT')!;
		assert.deepEqual(put.body, {
			title: 'After',
			category: 'Modified Category',
			tags: ['Test', 'Tags', 'Here'],
		});

		const nothing = await runMp(sandbox, {
			resource: 'asset',
			operation: 'update',
			assetId: byId(id),
			updateFields: {},
		});
		assert.match(nothing.error!.message, /at least one field/);
		const missing = await runMp(sandbox, {
			resource: 'asset',
			operation: 'update',
			assetId: byId('nope'),
			updateFields: { title: 'X' },
		});
		assert.equal(missing.error?.httpCode, '404');
		const long = await runMp(sandbox, {
			resource: 'asset',
			operation: 'update',
			assetId: byId(id),
			updateFields: { title: 'y'.repeat(300) },
		});
		assert.equal(long.error?.httpCode, '400');
		assert.match(long.error!.message, /Title is too long/);
	});

	it('moves to trash and restores; restoring an asset that is not in the trash is a 400', async () => {
		const id = await createAsset(sandbox, 'Trash me');
		const [trashed] = await mp(sandbox, {
			resource: 'asset',
			operation: 'moveToTrash',
			assetId: byId(id),
		});
		assert.deepEqual(trashed.json, { success: true, asset_id: id, message: 'ok' });
		const [state] = await mp(sandbox, { resource: 'asset', operation: 'get', assetId: byId(id) });
		assert.ok(state.json.deleted, 'deleted is set while in the trash');

		const [restored] = await mp(sandbox, {
			resource: 'asset',
			operation: 'restore',
			assetId: byId(id),
		});
		assert.equal(restored.json.success, true);
		const again = await runMp(sandbox, {
			resource: 'asset',
			operation: 'restore',
			assetId: byId(id),
		});
		assert.equal(
			again.error?.message,
			'Media Pocket: Can not restore Assets that is not in trash bin (HTTP 400)',
		);
		const missing = await runMp(sandbox, {
			resource: 'asset',
			operation: 'moveToTrash',
			assetId: byId('gone-asset-id'),
		});
		assert.equal(missing.error?.httpCode, '404');
	});

	it('deletes permanently; the asset is gone afterwards and a second delete is a 404', async () => {
		const id = await createAsset(sandbox, 'Delete me');
		const [deleted] = await mp(sandbox, {
			resource: 'asset',
			operation: 'delete',
			assetId: byId(id),
		});
		assert.equal(deleted.json.success, true);
		const get = await runMp(sandbox, { resource: 'asset', operation: 'get', assetId: byId(id) });
		assert.equal(get.error?.httpCode, '404');
		const again = await runMp(sandbox, {
			resource: 'asset',
			operation: 'delete',
			assetId: byId(id),
		});
		assert.equal(again.error?.message, 'Media Pocket: asset not found (HTTP 404)');
	});

	it("assigns to a project and unassigns; the DAM's HTTP 200 error bodies are errors, not successes", async () => {
		const id = await createAsset(sandbox, 'Project member');
		const project = await sandbox.sim('mediapocket', 'POST', '/projects', { title: 'Spring' });

		const unknown = await runMp(sandbox, {
			resource: 'asset',
			operation: 'assignToProject',
			assetId: byId(id),
			projectId: 'not-found-id',
		});
		assert.equal(unknown.error?.name, 'NodeApiError');
		assert.equal(unknown.error?.message, 'Media Pocket: Project not found.');
		const assignCall = (await sandbox.journal('mediapocket'))
			.filter((entry) => entry.path.endsWith('/assign'))
			.pop()!;
		assert.equal(assignCall.status, 200, 'the DAM really answered 200');
		assert.deepEqual(assignCall.body, { to_project_id: 'not-found-id' });

		const [assigned] = await mp(sandbox, {
			resource: 'asset',
			operation: 'assignToProject',
			assetId: byId(id),
			projectId: project.id,
		});
		assert.deepEqual(assigned.json, {
			success: true,
			asset_id: id,
			project_id: project.id,
			message: 'ok',
		});
		const [afterAssign] = await mp(sandbox, {
			resource: 'asset',
			operation: 'get',
			assetId: byId(id),
		});
		assert.equal(afterAssign.json.project_id, project.id);

		const [unassigned] = await mp(sandbox, {
			resource: 'asset',
			operation: 'unassignFromProject',
			assetId: byId(id),
		});
		assert.equal(unassigned.json.success, true);
		const twice = await runMp(sandbox, {
			resource: 'asset',
			operation: 'unassignFromProject',
			assetId: byId(id),
		});
		assert.equal(twice.error?.message, `Media Pocket: ${id} does not have a parent project`);
	});

	it('continueOnFail turns the 200-with-error answer into an error item and goes on with the next item', async () => {
		const id = await createAsset(sandbox, 'Batch');
		const project = await sandbox.sim('mediapocket', 'POST', '/projects', {
			title: 'Batch project',
		});
		const result = await runMp(
			sandbox,
			{
				resource: 'asset',
				operation: 'assignToProject',
				assetId: byId(id),
				projectId: '={{ $json.project }}',
			},
			{
				continueOnFail: true,
				input: [{ json: { project: 'missing-project' } }, { json: { project: project.id } }],
			},
		);
		assert.equal(result.error, undefined);
		assert.equal(result.items.length, 2);
		assert.equal(result.items[0].json.error, 'Media Pocket: Project not found.');
		assert.deepEqual(result.items[0].pairedItem, { item: 0 });
		assert.equal(result.items[1].json.success, true);
		assert.deepEqual(result.items[1].pairedItem, { item: 1 });
	});

	it('gets file metadata and collections; unknown assets are 404s', async () => {
		const id = await createAsset(sandbox, 'Meta');
		const [empty] = await mp(sandbox, {
			resource: 'asset',
			operation: 'getFileMetadata',
			assetId: byId(id),
		});
		assert.deepEqual(empty.json, { asset_id: id });
		await mp(sandbox, {
			resource: 'asset',
			operation: 'addMediaFromUrl',
			assetId: byId(id),
			fileUrl: fileUrl('photo.jpg', 4096),
		});
		await ingested(sandbox, id);
		const [metadata] = await mp(sandbox, {
			resource: 'asset',
			operation: 'getFileMetadata',
			assetId: byId(id),
		});
		assert.equal((metadata.json.exif as { FileSize: number }).FileSize, 4096);

		const first = await sandbox.sim('mediapocket', 'POST', '/collections', {
			title: 'Best of',
			assetIds: [id],
		});
		await sandbox.sim('mediapocket', 'POST', '/collections', { title: 'Archive', assetIds: [id] });
		await sandbox.sim('mediapocket', 'POST', '/collections', { title: 'Other', assetIds: [] });
		const collections = await mp(sandbox, {
			resource: 'asset',
			operation: 'getCollections',
			assetId: byId(id),
			returnAll: true,
		});
		assert.deepEqual(
			collections.map((item) => item.json.title),
			['Best of', 'Archive'],
		);
		assert.equal(collections[0].json.id, first.id);
		assert.equal(collections[0].json.isPublic, false);
		const limited = await mp(sandbox, {
			resource: 'asset',
			operation: 'getCollections',
			assetId: byId(id),
			returnAll: false,
			limit: 1,
		});
		assert.equal(limited.length, 1);

		for (const operation of ['getFileMetadata', 'getCollections']) {
			const missing = await runMp(sandbox, {
				resource: 'asset',
				operation,
				assetId: byId('not-found-id'),
			});
			assert.equal(missing.error?.httpCode, '404', operation);
		}
	});

	it('adds media from a URL (Media Pocket fetches it), lists it, and refuses a URL that is not http(s)', async () => {
		const id = await createAsset(sandbox, 'With media');
		const [added] = await mp(sandbox, {
			resource: 'asset',
			operation: 'addMediaFromUrl',
			assetId: byId(id),
			fileUrl: fileUrl('clip.mp4', 10_000),
		});
		assert.deepEqual(added.json, {
			success: true,
			asset_id: id,
			filename: 'clip.mp4',
			message: 'ok',
		});
		assert.equal(
			JSON.stringify(added.json).includes('_files'),
			false,
			'the file URL is not echoed',
		);
		const media = await ingested(sandbox, id);
		assert.equal(media.file_size, 10_000);

		const listed = await mp(sandbox, {
			resource: 'asset',
			operation: 'getMedia',
			assetId: byId(id),
			returnAll: true,
		});
		assert.equal(listed.length, 1);
		assert.equal(listed[0].json.filename, 'clip.mp4');
		assert.equal(listed[0].json.locations, undefined);
		const withLocations = await mp(sandbox, {
			resource: 'asset',
			operation: 'getMedia',
			assetId: byId(id),
			returnAll: true,
			options: { includeLocations: true },
		});
		assert.ok(Array.isArray(withLocations[0].json.locations));
		assert.equal((await sandbox.journal('mediapocket')).pop()!.query.include_locations, 'true');
		const [asset] = await mp(sandbox, { resource: 'asset', operation: 'get', assetId: byId(id) });
		assert.equal(asset.json.media_type, 'video');
		assert.equal(asset.json.original_filename, 'clip.mp4');

		const bad = await runMp(sandbox, {
			resource: 'asset',
			operation: 'addMediaFromUrl',
			assetId: byId(id),
			fileUrl: '/local/downloads/myfile.jpg',
			fileName: 'myfile.jpg',
		});
		assert.equal(bad.error?.message, 'Media Pocket: not a valid HTTP URL (HTTP 400)');
		const noName = await runMp(sandbox, {
			resource: 'asset',
			operation: 'addMediaFromUrl',
			assetId: byId(id),
			fileUrl: 'https://example.com/',
		});
		assert.match(noName.error!.message, /"File Name" parameter is empty/);
		const missing = await runMp(sandbox, {
			resource: 'asset',
			operation: 'getMedia',
			assetId: byId('not_found_id'),
			returnAll: true,
		});
		assert.equal(missing.error?.httpCode, '404');
	});

	it('gets a media download URL (signed, short-lived); unknown media is a clear error', async () => {
		const id = await createAsset(sandbox, 'Downloadable');
		await mp(sandbox, {
			resource: 'asset',
			operation: 'addMediaFromUrl',
			assetId: byId(id),
			fileUrl: fileUrl('image.png', 1000),
			fileName: 'image.png',
		});
		const media = await ingested(sandbox, id);
		const [item] = await mp(sandbox, {
			resource: 'asset',
			operation: 'getDownloadUrl',
			assetId: byId(id),
			mediaId: byId(media.id),
		});
		assert.equal(item.json.filename, 'image.png');
		assert.match(item.json.url as string, /X-Amz-Signature=/);
		assert.match(item.json.url as string, /X-Amz-Expires=900/);
		const call = (await sandbox.journal('mediapocket')).pop()!;
		assert.equal(call.query.filename, 'image.png');

		const dropdown = await listSearch(sandbox, 'searchMedia', {
			resource: 'asset',
			operation: 'download',
			assetId: byId(id),
		});
		assert.deepEqual(dropdown.results, [{ name: 'image.png – original', value: String(media.id) }]);
		await assert.rejects(
			listSearch(sandbox, 'searchMedia', { assetId: byId('not-found-id') }),
			/asset not found/,
		);

		const [renamed] = await mp(sandbox, {
			resource: 'asset',
			operation: 'getDownloadUrl',
			assetId: byId(id),
			mediaId: byId(media.id),
			fileName: 'renamed.png',
		});
		assert.equal(renamed.json.filename, 'renamed.png');

		const unknown = await runMp(sandbox, {
			resource: 'asset',
			operation: 'getDownloadUrl',
			assetId: byId(id),
			mediaId: byId(999),
		});
		assert.equal(unknown.error?.name, 'NodeOperationError');
		assert.match(unknown.error!.message, new RegExp(`Asset ${id} has no media with ID 999`));
		const dam404 = await runMp(sandbox, {
			resource: 'asset',
			operation: 'getDownloadUrl',
			assetId: byId(id),
			mediaId: byId(999),
			fileName: 'x.png',
		});
		assert.equal(
			dam404.error?.message,
			"Media Pocket: Couldn't find Media with 'id'=999 (HTTP 404)",
		);
	});

	// Updated for issue 11: the seed documents the "No media found" answer as a successful request.
	it("removes media; an asset without media comes back with removed: false and the DAM's message (HTTP 200)", async () => {
		const id = await createAsset(sandbox, 'Strip');
		await mp(sandbox, {
			resource: 'asset',
			operation: 'addMediaFromUrl',
			assetId: byId(id),
			fileUrl: fileUrl('doc.pdf', 500),
		});
		await ingested(sandbox, id);
		const [removed] = await mp(sandbox, {
			resource: 'asset',
			operation: 'removeMedia',
			assetId: byId(id),
		});
		assert.equal(removed.json.id, id);
		assert.equal(removed.json.media_type, 'placeholder');
		assert.equal(removed.json.removed, true);
		assert.equal(removed.json.message, undefined);
		const listed = await mp(sandbox, {
			resource: 'asset',
			operation: 'getMedia',
			assetId: byId(id),
			returnAll: true,
		});
		assert.equal(listed.length, 0);

		const [again] = await mp(sandbox, {
			resource: 'asset',
			operation: 'removeMedia',
			assetId: byId(id),
		});
		assert.equal(again.json.id, id);
		assert.equal(again.json.title, 'Strip');
		assert.equal(again.json.removed, false);
		assert.equal(again.json.message, 'No media found on this asset.');
		assert.equal((await sandbox.journal('mediapocket')).pop()!.status, 200);
		const missing = await runMp(sandbox, {
			resource: 'asset',
			operation: 'removeMedia',
			assetId: byId('not-found-id'),
		});
		assert.equal(missing.error?.httpCode, '404');
	});
});
