import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import type { INodeExecutionData } from 'n8n-workflow';

import { generatedMd5 } from '../fixtures/generated';
import { binaryBytes } from '../harness/engine';
import type { Sandbox } from '../harness/sandbox';
import { runWorkflowFile } from '../harness/workflowFiles';
import {
	CAMPAIGNS,
	CATEGORIES,
	EDITOR,
	MODEL_ATTRIBUTE,
	PRODUCTS,
} from '../sandbox/mediavalet/seed';
import { assetState, seedAsset, startSandbox, stopSandbox } from './helpers';

/**
 * The fast tier: every operation of the MediaValet node as a workflow a user could import
 * (test/workflows/mediavalet/<resource>.<operation>.json), run through the engine against the
 * simulator with small files and no faults. The sandbox tier (credentials, streaming, faults,
 * memory) is in the other files.
 */
describe('MediaValet operations, one workflow file each', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => {
		await stopSandbox(sandbox);
	});
	beforeEach(async () => {
		await sandbox.reset();
	});

	/** Runs test/workflows/mediavalet/<name>.json; returns the MediaValet node's items. */
	const run = async (
		name: string,
		tokens: Record<string, string> = {},
	): Promise<INodeExecutionData[]> => {
		const result = await runWorkflowFile(sandbox, `mediavalet/${name}.json`, tokens);
		assert.equal(result.error, undefined, result.error?.message);
		return result.output('MediaValet');
	};
	const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

	it('asset.get: the asset, without its signed media URLs', async () => {
		const asset = await seedAsset(sandbox, { title: 'Hero', fileName: 'hero.jpg' });
		const [item] = await run('asset.get', { ASSET_ID: asset.id });
		assert.equal(item.json.id, asset.id);
		assert.equal(item.json.title, 'Hero');
		assert.equal((item.json.file as { fileName: string }).fileName, 'hero.jpg');
		assert.doesNotMatch(JSON.stringify(item.json.media ?? {}), /sig=/);
	});

	it('asset.getAll: the images matching the search text', async () => {
		await seedAsset(sandbox, { title: 'Sunset over the bay', fileName: 'sunset.jpg' });
		await seedAsset(sandbox, { title: 'Sunset notes', fileName: 'sunset.txt' });
		await seedAsset(sandbox, { title: 'Harbour', fileName: 'harbour.jpg' });
		const items = await run('asset.getAll');
		assert.deepEqual(
			items.map((item) => item.json.title),
			['Sunset over the bay'],
		);
	});

	it('asset.update: title, alt text and an attribute', async () => {
		const asset = await seedAsset(sandbox, { title: 'Untitled' });
		const [item] = await run('asset.update', { ASSET_ID: asset.id, ATTRIBUTE_ID: MODEL_ATTRIBUTE });
		assert.equal(item.json.title, 'Sunset over the bay');
		assert.equal(item.json.altText, 'An orange sky');
		assert.equal((item.json.attributes as Record<string, string>)[MODEL_ATTRIBUTE], 'Model X');
		assert.equal((await assetState(sandbox, asset.id)).title, 'Sunset over the bay');
	});

	it('asset.delete: to the recycle bin', async () => {
		const asset = await seedAsset(sandbox, {});
		const [item] = await run('asset.delete', { ASSET_ID: asset.id });
		assert.deepEqual(item.json, { id: asset.id, deleted: true, permanent: false });
		assert.ok((await assetState(sandbox, asset.id)).softDeletedAt, 'in the recycle bin');
	});

	it('asset.download: the original as a binary with its name and bytes', async () => {
		const asset = await seedAsset(sandbox, { fileName: 'hero.jpg', content: 'the hero image' });
		const [item] = await run('asset.download', { ASSET_ID: asset.id });
		assert.equal(item.json.id, asset.id);
		const binary = item.binary!.data;
		assert.equal(binary.fileName, 'hero.jpg');
		assert.equal(binary.mimeType, 'image/jpeg');
		assert.equal(md5(await binaryBytes(binary)), asset.md5);
	});

	it('asset.upload: a new asset in the category, with keywords and the upload summary', async () => {
		const [item] = await run('asset.upload', { CATEGORY_ID: CAMPAIGNS });
		assert.equal(item.json.title, 'Spring flyer');
		assert.deepEqual(item.json.categories, [CAMPAIGNS]);
		assert.deepEqual(item.json.keywords, ['spring', 'flyer']);
		const upload = item.json.upload as Record<string, unknown>;
		const expected = await generatedMd5(20_000, 5);
		assert.deepEqual(
			{
				fileName: upload.fileName,
				size: upload.size,
				md5: upload.md5,
				method: upload.method,
				parts: upload.parts,
			},
			{ fileName: 'flyer.pdf', size: 20_000, md5: expected, method: 'putBlob', parts: 0 },
		);
		const state = await assetState(sandbox, String(item.json.id));
		assert.equal(state.status, 1);
		assert.equal(state.versions[0].md5, expected);
	});

	it('asset.checkOut: locked with the comment, the original in the "original" field', async () => {
		const asset = await seedAsset(sandbox, { fileName: 'hero.jpg', content: 'version one' });
		const [item] = await run('asset.checkOut', { ASSET_ID: asset.id });
		assert.equal(item.json.checkedOutBy, EDITOR.id);
		assert.equal(md5(await binaryBytes(item.binary!.original)), asset.md5);
		const state = await assetState(sandbox, asset.id);
		assert.equal(state.checkedOutBy, EDITOR.id);
		assert.equal(state.checkOutComment, 'Retouching');
	});

	it('asset.checkIn: the new version attached, checked in, with the upload summary', async () => {
		const asset = await seedAsset(sandbox, {
			fileName: 'hero.jpg',
			content: 'version one',
			checkedOutBy: EDITOR.username,
		});
		const [item] = await run('asset.checkIn', { ASSET_ID: asset.id });
		const expected = await generatedMd5(30_000, 8);
		assert.equal(item.json.checkedOutBy, null);
		assert.equal((item.json.upload as { md5: string }).md5, expected);
		assert.equal((item.json.upload as { fileName: string }).fileName, 'hero_v2.jpg');
		assert.deepEqual(
			[
				(item.json.checkIn as { previousVersion: number }).previousVersion,
				(item.json.checkIn as { version: number }).version,
			],
			[1, 2],
		);
		const state = await assetState(sandbox, asset.id);
		assert.equal(state.versions.length, 2);
		assert.equal(state.versions[1].md5, expected);
		assert.equal(state.versions[1].comment, 'Retouched');
	});

	it('category.getAll: every category of the library', async () => {
		const items = await run('category.getAll');
		assert.deepEqual(items.map((item) => item.json.id).sort(), CATEGORIES.map((c) => c.id).sort());
	});

	it('category.addAsset: added to the category, kept in its own', async () => {
		const asset = await seedAsset(sandbox, { categories: [PRODUCTS] });
		const [item] = await run('category.addAsset', { ASSET_ID: asset.id, CATEGORY_ID: CAMPAIGNS });
		assert.deepEqual(item.json, { assetId: asset.id, categoryIds: [PRODUCTS, CAMPAIGNS] });
	});

	it('comment.create: the stored comment with its author', async () => {
		const asset = await seedAsset(sandbox, {});
		const [item] = await run('comment.create', { ASSET_ID: asset.id });
		assert.equal(item.json.comment, 'Approved for print');
		assert.equal((item.json.addedBy as { username: string }).username, EDITOR.username);
		assert.equal((await assetState(sandbox, asset.id)).comments.length, 1);
	});

	it('comment.getAll: the comments of the asset, one item each', async () => {
		const asset = await seedAsset(sandbox, {});
		await run('comment.create', { ASSET_ID: asset.id });
		const items = await run('comment.getAll', { ASSET_ID: asset.id });
		assert.deepEqual(
			items.map((item) => item.json.comment),
			['Approved for print'],
		);
	});
});
