import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { Sandbox } from '../harness/sandbox';
import { KEYS, byId, createAsset, mp, runMp } from './helpers';

describe('Media Pocket comments', () => {
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

	it('creates, lists, gets, updates and deletes a comment; every write lands in the asset history', async () => {
		const assetId = await createAsset(sandbox, 'Discussed');
		const [created] = await mp(sandbox, {
			resource: 'comment',
			operation: 'create',
			assetId: byId(assetId),
			comment: 'Looks good @viewer@mediapocket.test',
		});
		assert.equal(created.json.message, 'Looks good @viewer@mediapocket.test');
		assert.equal((created.json.user as { email: string }).email, 'admin@mediapocket.test');
		assert.deepEqual(
			(created.json.mentioned_users as Array<{ email: string }>).map((user) => user.email),
			['viewer@mediapocket.test'],
		);
		const post = (await sandbox.journal('mediapocket')).pop()!;
		assert.deepEqual(
			post.body,
			{ comment: 'Looks good @viewer@mediapocket.test' },
			'the request field is "comment"',
		);

		await mp(sandbox, {
			resource: 'comment',
			operation: 'create',
			assetId: byId(assetId),
			comment: 'Second',
		});
		const all = await mp(sandbox, {
			resource: 'comment',
			operation: 'getAll',
			assetId: byId(assetId),
			returnAll: true,
		});
		assert.deepEqual(
			all.map((item) => item.json.message),
			['Looks good @viewer@mediapocket.test', 'Second'],
		);
		const one = await mp(sandbox, {
			resource: 'comment',
			operation: 'getAll',
			assetId: byId(assetId),
			returnAll: false,
			limit: 1,
		});
		assert.equal(one.length, 1);

		const [got] = await mp(sandbox, {
			resource: 'comment',
			operation: 'get',
			assetId: byId(assetId),
			commentId: String(created.json.id),
		});
		assert.equal(got.json.id, created.json.id);

		const [updated] = await mp(sandbox, {
			resource: 'comment',
			operation: 'update',
			assetId: byId(assetId),
			commentId: String(created.json.id),
			comment: 'new updated comment',
		});
		assert.equal(updated.json.message, 'new updated comment');
		const update = (await sandbox.journal('mediapocket')).pop()!;
		assert.equal(update.method, 'POST', 'Media Pocket updates comments with POST');
		assert.equal(update.path, `/api/v2/assets/${assetId}/comments/${created.json.id}`);

		const [deleted] = await mp(sandbox, {
			resource: 'comment',
			operation: 'delete',
			assetId: byId(assetId),
			commentId: String(created.json.id),
		});
		assert.deepEqual(deleted.json, {
			deleted: true,
			asset_id: assetId,
			comment_id: created.json.id,
			message: 'comment deleted',
		});
		const left = await mp(sandbox, {
			resource: 'comment',
			operation: 'getAll',
			assetId: byId(assetId),
			returnAll: true,
		});
		assert.deepEqual(
			left.map((item) => item.json.message),
			['Second'],
		);

		const history = await sandbox.sim('mediapocket', 'GET', `/assets/${assetId}/history`);
		assert.deepEqual(
			history.events.map((event: { event_type: string }) => event.event_type),
			[
				'ASSET_ADDED',
				'ASSET_ADDED_COMMENT',
				'ASSET_ADDED_COMMENT',
				'ASSET_EDITED_COMMENT',
				'ASSET_REMOVED_COMMENT',
			],
		);
	});

	it("someone else's comment: update and delete fail with the DAM's 403 and say why", async () => {
		const assetId = await createAsset(sandbox, 'Shared');
		const [theirs] = await mp(
			sandbox,
			{ resource: 'comment', operation: 'create', assetId: byId(assetId), comment: 'Mine' },
			{ key: KEYS.viewer },
		);

		const update = await runMp(sandbox, {
			resource: 'comment',
			operation: 'update',
			assetId: byId(assetId),
			commentId: String(theirs.json.id),
			comment: 'Hijack',
		});
		assert.equal(update.error?.name, 'NodeApiError');
		assert.equal(update.error?.httpCode, '403');
		assert.equal(
			update.error?.message,
			"Media Pocket: Not allowed to perform this action (Media Pocket lets only a comment's author edit or delete it) (HTTP 403)",
		);
		const remove = await runMp(sandbox, {
			resource: 'comment',
			operation: 'delete',
			assetId: byId(assetId),
			commentId: String(theirs.json.id),
		});
		assert.equal(remove.error?.httpCode, '403');
		assert.match(remove.error!.message, /Not allowed to perform this action/);

		const [still] = await mp(sandbox, {
			resource: 'comment',
			operation: 'get',
			assetId: byId(assetId),
			commentId: String(theirs.json.id),
		});
		assert.equal(still.json.message, 'Mine', 'unchanged');
	});

	it('unknown asset and comment are 404s with the DAM message (without the leaked SQL); bad input is refused before any call', async () => {
		const assetId = await createAsset(sandbox, 'Quiet');
		const noAsset = await runMp(sandbox, {
			resource: 'comment',
			operation: 'getAll',
			assetId: byId('not-found-id'),
			returnAll: true,
		});
		assert.equal(noAsset.error?.message, 'Media Pocket: asset not found (HTTP 404)');
		const noAssetCreate = await runMp(sandbox, {
			resource: 'comment',
			operation: 'create',
			assetId: byId('not-found-id'),
			comment: 'x',
		});
		assert.equal(noAssetCreate.error?.httpCode, '404');

		const noComment = await runMp(sandbox, {
			resource: 'comment',
			operation: 'get',
			assetId: byId(assetId),
			commentId: '999',
		});
		assert.equal(
			noComment.error?.message,
			"Media Pocket: Couldn't find Comment with 'id'=999 (HTTP 404)",
		);
		for (const operation of ['update', 'delete']) {
			const result = await runMp(sandbox, {
				resource: 'comment',
				operation,
				assetId: byId(assetId),
				commentId: '999',
				comment: 'x',
			});
			assert.equal(result.error?.httpCode, '404', operation);
		}

		const mark = await sandbox.mark();
		const empty = await runMp(sandbox, {
			resource: 'comment',
			operation: 'create',
			assetId: byId(assetId),
			comment: '   ',
		});
		assert.equal(empty.error?.name, 'NodeOperationError');
		assert.match(empty.error!.message, /"Comment" parameter is empty/);
		const badId = await runMp(sandbox, {
			resource: 'comment',
			operation: 'get',
			assetId: byId(assetId),
			commentId: 'abc',
		});
		assert.match(badId.error!.message, /"Comment ID" parameter must be a whole number/);
		assert.equal(badId.error?.context?.itemIndex, 0);
		assert.equal(
			(await sandbox.journal('mediapocket', mark)).length,
			0,
			'no request for refused input',
		);
	});
});
