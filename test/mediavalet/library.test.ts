import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import type { INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';

import { runWorkflow } from '../harness/engine';
import type { Sandbox } from '../harness/sandbox';
import {
	ARCHIVE,
	CAMPAIGNS,
	CATEGORIES,
	EDITOR,
	MARKETING,
	MODEL_ATTRIBUTE,
	PHOTOGRAPHER_ATTRIBUTE,
	PRODUCTS,
	VIEWER,
} from '../sandbox/mediavalet/seed';
import {
	assetState,
	byId,
	callMethod,
	mv,
	mvCredentials,
	seedAsset,
	seedAssets,
	startSandbox,
	stopSandbox,
} from './helpers';

describe('MediaValet comments, categories and editor lists through the engine', () => {
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
	const credentials = () => mvCredentials(sandbox);

	it('comment create: posts the text as a JSON array and returns the stored comment', async () => {
		const asset = await seedAsset(sandbox, { title: 'Poster' });
		const result = await runWorkflow(
			[mv('comment', 'create', { assetId: byId(asset.id), comment: 'Looks good' })],
			{ credentials: credentials() },
		);
		assert.equal(result.error, undefined, result.error?.message);
		const [item] = result.output('MediaValet');
		assert.equal(item.json.comment, 'Looks good');
		assert.equal(item.json.assetId, asset.id);
		assert.equal((item.json.addedBy as { username: string }).username, EDITOR.username);
		assert.match(String(item.json.id), /^[0-9a-f-]{36}$/);
		const [post] = (await sandbox.journal('mediavalet')).filter(
			(e) => e.method === 'POST' && e.path.endsWith('/comments'),
		);
		assert.deepEqual(post.body, ['Looks good']);
		assert.equal(post.status, 201);
	});

	it('comment create: an empty comment is refused by the node; a viewer gets the 403', async () => {
		const asset = await seedAsset(sandbox, {});
		const empty = await runWorkflow(
			[mv('comment', 'create', { assetId: byId(asset.id), comment: '   ' })],
			{ credentials: credentials() },
		);
		assert.ok(empty.error);
		assert.equal(empty.error.name, 'NodeOperationError');
		assert.match(empty.error.message, /"Comment" parameter is empty/);

		const viewer = await runWorkflow(
			[mv('comment', 'create', { assetId: byId(asset.id), comment: 'Hi' })],
			{
				credentials: mvCredentials(sandbox, {
					username: VIEWER.username,
					password: VIEWER.password,
				}),
			},
		);
		assert.equal(viewer.error?.httpCode, '403');
		assert.equal((await assetState(sandbox, asset.id)).comments.length, 0);
	});

	it('comment get many: lists them, with Limit; an unknown asset is a 404', async () => {
		const asset = await seedAsset(sandbox, {});
		for (const text of ['one', 'two', 'three']) {
			const added = await runWorkflow(
				[mv('comment', 'create', { assetId: byId(asset.id), comment: text })],
				{ credentials: credentials() },
			);
			assert.equal(added.error, undefined);
		}
		const all = await runWorkflow(
			[mv('comment', 'getAll', { assetId: byId(asset.id), returnAll: true })],
			{ credentials: credentials() },
		);
		assert.deepEqual(
			all.output('MediaValet').map((i) => i.json.comment),
			['one', 'two', 'three'],
		);
		assert.equal(all.output('MediaValet')[0].json.commentType, 'Comment');
		const two = await runWorkflow(
			[mv('comment', 'getAll', { assetId: byId(asset.id), limit: 2 })],
			{ credentials: credentials() },
		);
		assert.equal(two.output('MediaValet').length, 2);

		const missing = await runWorkflow(
			[
				mv('comment', 'getAll', {
					assetId: byId('3b9d4cc3-b5be-481e-8ce1-d5ba00a1245b'),
					returnAll: true,
				}),
			],
			{
				credentials: credentials(),
			},
		);
		assert.equal(missing.error?.httpCode, '404');
	});

	it('category get many: pages through the library categories; Limit stops early', async () => {
		const all = await runWorkflow([mv('category', 'getAll', { returnAll: true })], {
			credentials: credentials(),
		});
		assert.equal(all.error, undefined, all.error?.message);
		assert.deepEqual(
			all
				.output('MediaValet')
				.map((i) => i.json.id)
				.sort(),
			CATEGORIES.map((c) => c.id).sort(),
		);
		const campaigns = all.output('MediaValet').find((i) => i.json.id === CAMPAIGNS)!;
		assert.equal((campaigns.json.tree as { path: string }).path, 'Marketing/Campaigns');
		const one = await runWorkflow([mv('category', 'getAll', { limit: 1 })], {
			credentials: credentials(),
		});
		assert.equal(one.output('MediaValet').length, 1);
		const requests = (await sandbox.journal('mediavalet')).filter((e) => e.path === '/categories');
		assert.equal(requests[requests.length - 1].query.count, '1');
	});

	it('category get many: a refused credential surfaces as the node error', async () => {
		const result = await runWorkflow([mv('category', 'getAll', { returnAll: true })], {
			credentials: mvCredentials(sandbox, { subscriptionKey: '' }),
		});
		assert.ok(result.error);
		assert.match(result.error.message, /missing subscription key/);
	});

	it('category add asset: adds to categories and keeps the old ones', async () => {
		const asset = await seedAsset(sandbox, { categories: [PRODUCTS] });
		const result = await runWorkflow(
			[mv('category', 'addAsset', { assetId: byId(asset.id), categoryIds: [MARKETING, ARCHIVE] })],
			{
				credentials: credentials(),
			},
		);
		assert.equal(result.error, undefined, result.error?.message);
		assert.deepEqual(result.output('MediaValet')[0].json, {
			assetId: asset.id,
			categoryIds: [PRODUCTS, MARKETING, ARCHIVE],
		});
		assert.deepEqual((await assetState(sandbox, asset.id)).categories, [
			PRODUCTS,
			MARKETING,
			ARCHIVE,
		]);
	});

	it('category add asset: an unknown category is reported (partial success); a bad ID is refused by the node', async () => {
		const asset = await seedAsset(sandbox, {});
		const unknown = '0a000000-0000-4000-8000-00000000dead';
		const result = await runWorkflow(
			[mv('category', 'addAsset', { assetId: byId(asset.id), categoryIds: [MARKETING, unknown] })],
			{
				credentials: credentials(),
			},
		);
		assert.ok(result.error);
		assert.match(
			result.error.message,
			new RegExp(`only partly carried out: Category '${unknown}' was not found`),
		);
		assert.deepEqual((await assetState(sandbox, asset.id)).categories, [MARKETING]);

		const bad = await runWorkflow(
			[mv('category', 'addAsset', { assetId: byId(asset.id), categoryIds: ['Marketing'] })],
			{ credentials: credentials() },
		);
		assert.ok(bad.error);
		assert.equal(bad.error.name, 'NodeOperationError');
		assert.match(bad.error.message, /"Marketing" in "Categories" is not a MediaValet category ID/);
	});

	it('editor lists: categories and attributes load from MediaValet, assets search page by page', async () => {
		const categories = (await callMethod(
			'loadOptions',
			'getCategories',
			credentials(),
		)) as INodePropertyOptions[];
		assert.deepEqual(
			categories.map((c) => c.name),
			['Archive', 'Marketing', 'Marketing/Campaigns', 'Products'],
		);
		assert.equal(categories.find((c) => c.name === 'Marketing/Campaigns')?.value, CAMPAIGNS);

		const attributes = (await callMethod(
			'loadOptions',
			'getAttributes',
			credentials(),
		)) as INodePropertyOptions[];
		assert.deepEqual(
			attributes.map((a) => [a.name, a.value]),
			[
				['Model', MODEL_ATTRIBUTE],
				['Photographer', PHOTOGRAPHER_ATTRIBUTE],
			],
			'system properties are left out',
		);

		await seedAssets(sandbox, { count: 60, title: 'Lake', fileName: 'lake.jpg' });
		await seedAsset(sandbox, { title: 'Mountain', fileName: 'mountain.png' });
		const first = (await callMethod('listSearch', 'searchAssets', credentials(), [
			'lake',
		])) as INodeListSearchResult;
		assert.equal(first.results.length, 50);
		assert.equal(first.paginationToken, '50');
		assert.match(first.results[0].name, /^Lake \d+ \(lake-\d+\.jpg\)$/);
		const second = (await callMethod('listSearch', 'searchAssets', credentials(), [
			'lake',
			first.paginationToken,
		])) as INodeListSearchResult;
		assert.equal(second.results.length, 10);
		assert.equal(second.paginationToken, undefined);
		const mountain = (await callMethod('listSearch', 'searchAssets', credentials(), [
			'mountain',
		])) as INodeListSearchResult;
		assert.deepEqual(
			mountain.results.map((r) => r.name),
			['Mountain (mountain.png)'],
		);
	});

	it('editor lists: a failing call is thrown to the editor with the DAM message', async () => {
		await assert.rejects(
			callMethod(
				'loadOptions',
				'getCategories',
				mvCredentials(sandbox, { subscriptionKey: 'bad' }),
			),
			/invalid subscription key/,
		);
	});
});
