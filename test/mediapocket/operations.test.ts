import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { MediaPocket } from '../../nodes/MediaPocket/MediaPocket.node';
import { generatedMd5 } from '../fixtures/generated';
import { binaryBytes } from '../harness/engine';
import { Sandbox } from '../harness/sandbox';
import { runWorkflowFile } from '../harness/workflowFiles';
import { KEYS, ingested } from './helpers';

/**
 * The fast tier: every operation of the Media Pocket node as a workflow a user could import
 * (test/workflows/mediapocket/<resource>.<operation>.json), run through the engine against the
 * simulator with the ids this file seeds, and the fields that matter in its output.
 */
describe('Media Pocket: one workflow per operation', () => {
	let sandbox: Sandbox;
	let assetId: string;
	beforeAll(async () => {
		sandbox = await Sandbox.start();
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	beforeEach(async () => {
		await sandbox.reset();
		assetId = (await sandbox.sim('mediapocket', 'POST', '/assets', { title: 'Hero' })).id;
	});

	/** A call to Media Pocket's API as the admin key, to seed what an operation works on. */
	async function api(method: string, path: string, body?: IDataObject): Promise<IDataObject> {
		const response = await fetch(`${sandbox.url('mediapocket')}/api/v2/assets/${assetId}${path}`, {
			method,
			headers: { 'X-API-KEY': KEYS.admin, 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const parsed = JSON.parse(await response.text()) as IDataObject;
		assert.equal(response.status, 200, JSON.stringify(parsed));
		return parsed;
	}

	/** Adds a 2048-byte photo.jpg (seed 7) to the asset, as Media Pocket ingests it; returns its media id. */
	async function seedMedia(): Promise<number> {
		await api('POST', '/media', {
			file_url: `${sandbox.info.control}/demo/file?size=2048&seed=7&name=photo.jpg&type=image/jpeg`,
			filename: 'photo.jpg',
		});
		return (await ingested(sandbox, assetId)).id;
	}

	async function seedComment(text: string): Promise<number> {
		return ((await api('POST', '/comments', { comment: text })).comment as IDataObject)
			.id as number;
	}

	/** Runs test/workflows/mediapocket/<name>.json; the output items of its Media Pocket node. */
	async function run(
		name: string,
		tokens: Record<string, string | number> = {},
	): Promise<INodeExecutionData[]> {
		const result = await runWorkflowFile(sandbox, `mediapocket/${name}.json`, {
			ASSET_ID: assetId,
			...tokens,
		});
		assert.equal(result.error, undefined, result.error?.message);
		return result.output(result.run.data.resultData.lastNodeExecuted!);
	}

	const simAsset = async () => await sandbox.sim('mediapocket', 'GET', `/assets/${assetId}`);
	const jsonOf = (items: INodeExecutionData[]) => items.map((item) => item.json);

	it('every operation of the node has its workflow file', () => {
		const missing = MediaPocket.resources
			.flatMap((resource) =>
				Object.keys(resource.operations).map((op) => `${resource.value}.${op}`),
			)
			.filter(
				(name) =>
					!existsSync(
						join(__dirname, '..', '..', '..', 'test', 'workflows', 'mediapocket', `${name}.json`),
					),
			);
		assert.deepEqual(missing, []);
	});

	describe('asset', () => {
		it('create: an article with its fields (tags and category lower-cased by the DAM)', async () => {
			const [item] = await run('asset.create');
			assert.match(item.json.id as string, /^[A-Za-z0-9_-]{20}$/);
			assert.equal(item.json.title, 'Spring campaign hero');
			assert.equal(item.json.media_type, 'article');
			assert.equal(item.json.category, 'web');
			assert.deepEqual(item.json.tags, ['summer', 'campaign']);
		});

		it('get', async () => {
			const [item] = await run('asset.get');
			assert.equal(item.json.id, assetId);
			assert.equal(item.json.title, 'Hero');
		});

		it('update: the fields set, the tags replaced', async () => {
			const [item] = await run('asset.update');
			assert.equal(item.json.title, 'Renamed hero');
			assert.deepEqual(item.json.tags, ['final']);
		});

		it('addMediaFromUrl: the ingest starts, and the file lands on the asset', async () => {
			const items = await run('asset.addMediaFromUrl');
			assert.deepEqual(jsonOf(items), [
				{ success: true, asset_id: assetId, filename: 'photo.jpg', message: 'ok' },
			]);
			const media = await ingested(sandbox, assetId);
			assert.equal(media.md5_sum, await generatedMd5(2048, 7));
		});

		it('getMedia: the media with their storage locations', async () => {
			const mediaId = await seedMedia();
			const [item, ...more] = await run('asset.getMedia');
			assert.equal(more.length, 0);
			assert.equal(item.json.id, mediaId);
			assert.equal(item.json.filename, 'photo.jpg');
			assert.equal(item.json.file_size, 2048);
			assert.ok(Array.isArray(item.json.locations));
		});

		it('getDownloadUrl: a signed URL for the file name asked for', async () => {
			const mediaId = await seedMedia();
			const [item] = await run('asset.getDownloadUrl', { MEDIA_ID: mediaId });
			assert.equal(item.json.media_id, mediaId);
			assert.equal(item.json.filename, 'hero.jpg');
			assert.match(item.json.url as string, /X-Amz-Signature=/);
		});

		it('download: the file as binary, the bytes the DAM holds', async () => {
			const mediaId = await seedMedia();
			const [item] = await run('asset.download', { MEDIA_ID: mediaId });
			const binary = item.binary!.file;
			assert.equal(binary.fileName, 'photo.jpg');
			assert.equal(binary.mimeType, 'image/jpeg');
			const md5 = await generatedMd5(2048, 7);
			assert.equal(item.json.md5_sum, md5);
			const bytes = await binaryBytes(binary);
			assert.equal(createHash('md5').update(bytes).digest('hex'), md5);
		});

		it('getFileMetadata: the metadata of the original file', async () => {
			await seedMedia();
			const [item] = await run('asset.getFileMetadata');
			assert.equal(item.json.asset_id, assetId);
			assert.equal((item.json.exif as IDataObject).FileName, 'photo.jpg');
		});

		it('removeMedia: the asset with removed: true', async () => {
			await seedMedia();
			const [item] = await run('asset.removeMedia');
			assert.equal(item.json.id, assetId);
			assert.equal(item.json.removed, true);
		});

		it('getCollections', async () => {
			await sandbox.sim('mediapocket', 'POST', '/collections', {
				title: 'Campaign picks',
				assetIds: [assetId],
			});
			const items = await run('asset.getCollections');
			assert.deepEqual(
				items.map((item) => item.json.title),
				['Campaign picks'],
			);
		});

		it('assignToProject and unassignFromProject', async () => {
			const project = await sandbox.sim('mediapocket', 'POST', '/projects', { title: 'Spring' });
			const assigned = await run('asset.assignToProject', { PROJECT_ID: project.id });
			assert.deepEqual(jsonOf(assigned), [
				{ success: true, asset_id: assetId, project_id: project.id, message: 'ok' },
			]);
			assert.equal((await simAsset()).project_id, project.id);
			const unassigned = await run('asset.unassignFromProject');
			assert.deepEqual(jsonOf(unassigned), [{ success: true, asset_id: assetId, message: 'ok' }]);
			assert.equal((await simAsset()).project_id, null);
		});

		it('moveToTrash and restore', async () => {
			const trashed = await run('asset.moveToTrash');
			assert.deepEqual(jsonOf(trashed), [{ success: true, asset_id: assetId, message: 'ok' }]);
			assert.ok((await simAsset()).deleted, 'in the trash bin');
			const restored = await run('asset.restore');
			assert.deepEqual(jsonOf(restored), [{ success: true, asset_id: assetId, message: 'ok' }]);
			assert.equal((await simAsset()).deleted, null);
		});

		it('delete: the asset is gone', async () => {
			const items = await run('asset.delete');
			assert.deepEqual(jsonOf(items), [{ success: true, asset_id: assetId, message: 'ok' }]);
			await assert.rejects(simAsset(), /404/);
		});
	});

	describe('comment', () => {
		it('create: the comment with its mention', async () => {
			const [item] = await run('comment.create');
			assert.equal(item.json.message, 'Looks good @viewer@mediapocket.test');
			assert.deepEqual(
				(item.json.mentioned_users as IDataObject[]).map((user) => user.email),
				['viewer@mediapocket.test'],
			);
		});

		it('get, update and delete one comment', async () => {
			const commentId = await seedComment('First thoughts');
			const [got] = await run('comment.get', { COMMENT_ID: commentId });
			assert.equal(got.json.id, commentId);
			assert.equal(got.json.message, 'First thoughts');
			const [updated] = await run('comment.update', { COMMENT_ID: commentId });
			assert.equal(updated.json.message, 'Changed my mind');
			const deleted = await run('comment.delete', { COMMENT_ID: commentId });
			assert.deepEqual(jsonOf(deleted), [
				{ deleted: true, asset_id: assetId, comment_id: commentId, message: 'comment deleted' },
			]);
		});

		it('getAll: up to the limit', async () => {
			await seedComment('One');
			await seedComment('Two');
			const items = await run('comment.getAll');
			assert.equal(items.length, 1, 'limit 1');
		});
	});

	describe('DAG actions, runs and history', () => {
		it('dagAction getAll: the actions available for the asset', async () => {
			const items = await run('dagAction.getAll');
			assert.deepEqual(
				items.map((item) => item.json.name),
				['Create web proxies', 'Auto-tag with AI', 'Export to archive'],
			);
		});

		it('dagAction start: waits for the run to finish', async () => {
			await sandbox.sim('mediapocket', 'POST', '/config', { runStepMs: 50 });
			const [item] = await run('dagAction.start');
			assert.equal(item.json.status, 'finished');
			assert.equal(item.json.status_kind, 'succeeded');
			assert.equal((item.json.dag_action as IDataObject).name, 'Auto-tag with AI');
		});

		it('dagActionRun get and getAll: the run with how its status reads', async () => {
			const run0 = (await api('POST', '/dag_actions/1')).dag_action_run as IDataObject;
			const [got] = await run('dagActionRun.get', { RUN_ID: run0.id as number });
			assert.equal(got.json.id, run0.id);
			assert.equal(got.json.status_kind, 'pending');
			const all = await run('dagActionRun.getAll');
			assert.deepEqual(
				all.map((item) => item.json.id),
				[run0.id],
			);
		});

		it('history getAll: the events of the asset, with its id', async () => {
			await seedComment('Noted');
			const items = await run('history.getAll');
			assert.deepEqual(items.map((item) => item.json.event_type).sort(), [
				'ASSET_ADDED',
				'ASSET_ADDED_COMMENT',
			]);
			assert.ok(items.every((item) => item.json.asset_id === assetId));
		});
	});
});
