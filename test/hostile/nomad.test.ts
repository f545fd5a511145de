import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { NomadMedia } from '../../nodes/NomadMedia/NomadMedia.node';

import { generatedMd5 } from '../fixtures/generated';
import { startWorkflow } from '../harness/engine';
import { MiB } from '../harness/memory';
import { Sandbox } from '../harness/sandbox';
import type { JournalEntry } from '../sandbox/core/control';
import {
	byId,
	byUrl,
	credentials,
	fails,
	nomad,
	ok,
	run,
	seed,
	simAsset,
	type Seed,
} from '../nomad/helpers';

/**
 * Nomad Media as a hostile or broken server: answers lost after it acted, a cancelled execution in
 * the middle of an upload, part URLs under either documented name, expressions that give words,
 * file names with folders in them, IDs in answers that would change the next request's route.
 */

interface SimUpload {
	id: string;
	assetId: string;
	state: string;
	s3Key: string;
	cancelMessage: string | null;
	parts: Array<{ partNumber: number; isCompleted: boolean }>;
}

const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const file = (size: number, seed = 5, fileName = 'clip.mp4') => ({
	type: 'test.binaryFile',
	name: 'File',
	parameters: { size, seed, fileName, mimeType: 'video/mp4' },
});

/** Lost answers of a request the simulator carried out. */
const LOST_AFTER_ACTING = [
	{
		name: '503 without Retry-After',
		rule: { status: 503, body: { title: 'Service Unavailable', status: 503 } },
	},
	{ name: '502', rule: { status: 502, body: { title: 'Bad Gateway', status: 502 } } },
	{ name: 'a dropped connection', rule: { drop: true } },
];

describe('hostile Nomad Media', () => {
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

	const uploads = async () => await sandbox.sim<SimUpload[]>('nomad', 'GET', '/uploads');
	const object = async (key: string) =>
		await sandbox.call('GET', `/storage/s3/object?key=${encodeURIComponent(key)}`);
	const calls = async (since = 0) =>
		(await sandbox.journal('nomad', since)).map((e) => `${e.method} ${e.path.replace(ID, ':id')}`);
	const count = (list: string[], call: string) => list.filter((entry) => entry === call).length;
	const upload = (extra: IDataObject = {}) => ({
		resource: 'asset',
		operation: 'upload',
		parentId: byId(ids.folders['Projects']),
		...extra,
	});

	describe('completing an upload is a commit: a lost answer is read back, not cancelled', () => {
		for (const lost of LOST_AFTER_ACTING.slice(1)) {
			it(`complete answered with ${lost.name} after Nomad Media completed it: success, one complete, no cancel`, async () => {
				await sandbox.fault({
					target: 'nomad',
					method: 'POST',
					path: '^/api/asset/upload/[^/]+/complete$',
					after: true,
					...lost.rule,
				});
				const size = 6 * MiB + 11;
				const [asset] = await ok(sandbox, upload({ options: { partSizeMiB: 5 } }), {
					before: [file(size, 31)],
				});
				const [sim] = await uploads();
				assert.equal(sim.state, 'Completed', 'Nomad Media holds the completed upload');
				assert.equal(asset.id, sim.assetId);
				const result = (asset.upload as IDataObject).result as IDataObject;
				assert.equal(result.answerLost, true, 'the output says the completion was read back');
				assert.equal((await object(sim.s3Key)).md5, await generatedMd5(size, 31));
				const made = await calls();
				assert.equal(
					count(made, 'POST /api/asset/upload/:id/complete'),
					1,
					'the commit was sent once',
				);
				assert.equal(
					count(made, 'POST /api/asset/upload/:id/cancel'),
					0,
					'no cancel after Nomad Media completed',
				);
				assert.ok(made.includes('GET /api/admin/asset/upload'), 'the upload list was read back');
				const entry = (await sandbox.journal('nomad')).find(
					(e) => e.path.endsWith('/complete') && !e.path.includes('/part/'),
				);
				assert.equal(entry?.acted, 200, 'the simulator had completed it');
			});
		}

		it('complete answered 502 before Nomad Media acted: the read-back shows it unfinished, so it is cancelled and said so', async () => {
			await sandbox.fault({
				target: 'nomad',
				method: 'POST',
				path: '^/api/asset/upload/[^/]+/complete$',
				status: 502,
				body: { title: 'Bad Gateway', status: 502 },
			});
			const error = await fails(sandbox, upload(), { before: [file(1000, 2)] });
			assert.match(
				error.message,
				/^Nomad Media: Upload failed at step 4 of 4 \(Complete the upload\): .*\(HTTP 502\)$/,
			);
			assert.equal(error.httpCode, '502');
			assert.match(
				String(error.description),
				/answer was lost; reading the state back showed it was not done/,
			);
			assert.match(String(error.description), /was cancelled on Nomad Media; nothing was kept/);
			const [sim] = await uploads();
			assert.equal(sim.state, 'Cancelled');
			const made = await calls();
			assert.equal(count(made, 'POST /api/asset/upload/:id/complete'), 1);
			assert.equal(count(made, 'POST /api/asset/upload/:id/cancel'), 1);
		});

		it('complete lost and the read-back refused: reported as unknown, nothing cancelled', async () => {
			await sandbox.fault({
				target: 'nomad',
				method: 'POST',
				path: '^/api/asset/upload/[^/]+/complete$',
				after: true,
				status: 502,
			});
			await sandbox.fault({
				target: 'nomad',
				method: 'GET',
				path: '^/api/admin/asset/upload$',
				status: 403,
				times: 0,
				body: { title: 'Forbidden', status: 403, detail: 'No upload listing for you.' },
			});
			const error = await fails(sandbox, upload(), { before: [file(1000, 3)] });
			assert.match(error.message, /step 4 of 4 \(Complete the upload\)/);
			assert.match(String(error.description), /outcome is unknown, so nothing was undone/);
			assert.doesNotMatch(String(error.description), /unfinished upload/);
			const [sim] = await uploads();
			assert.equal(sim.state, 'Completed');
			assert.equal(count(await calls(), 'POST /api/asset/upload/:id/cancel'), 0);
		});

		it('a part confirmation answered 502 after acting is repeated (same ETag, safe) and the upload completes', async () => {
			await sandbox.fault({
				target: 'nomad',
				method: 'POST',
				path: '^/api/asset/upload/part/[^/]+/complete$',
				after: true,
				status: 502,
			});
			await ok(sandbox, upload(), { before: [file(2000, 4)] });
			const [sim] = await uploads();
			assert.equal(sim.state, 'Completed');
			assert.equal(count(await calls(), 'POST /api/asset/upload/part/:id/complete'), 2);
		});
	});

	it('cancelling the execution while parts are in flight still sends the cancel to Nomad Media', async () => {
		// 12 parts of 5 MiB, one at a time, each held 400 ms by storage: the upload takes about 5 s.
		await sandbox.fault({ target: 's3', method: 'PUT', delayMs: 400, times: 0 });
		const running = await startWorkflow(
			[
				file(60 * MiB, 7, 'long.mov'),
				nomad(upload({ options: { partSizeMiB: 5, concurrency: 1 } })),
			],
			{ credentials: credentials(sandbox) },
		);
		const deadline = Date.now() + 20_000;
		while ((await sandbox.journal('s3')).length < 2 && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 50));
		assert.ok((await sandbox.journal('s3')).length >= 2, 'parts are in flight');
		const cancelledAt = await sandbox.mark();
		running.cancel();
		await running.done;

		const after = await sandbox.journal('nomad', cancelledAt);
		const cancel = after.find(
			(e: JournalEntry) =>
				e.method === 'POST' && /^\/api\/asset\/upload\/[0-9a-f-]{36}\/cancel$/.test(e.path),
		);
		assert.ok(
			cancel,
			`the cancel reached Nomad Media after the execution was cancelled (saw: ${after.map((e) => e.path).join(', ')})`,
		);
		assert.equal(cancel.status, 200);
		assert.match(String(cancel.query.message), /cancelled/i);
		const [sim] = await uploads();
		assert.equal(sim.state, 'Cancelled', 'nothing half-made is left on Nomad Media');
		assert.ok(sim.parts.every((p) => !p.isCompleted));
		assert.ok((await sandbox.journal('s3')).length < 12, 'the upload stopped early');
	});

	describe('part URLs under either name: `url` (OpenAPI) and `uploadUrl` (documentation)', () => {
		for (const field of ['url', 'uploadUrl'] as const) {
			it(`uploads with part URLs in \`${field}\`, also when they are refreshed`, async () => {
				await sandbox.sim('nomad', 'POST', '/config', {
					partUrlField: field,
					partUrlTtlSeconds: 4,
				});
				// One part at a time, each held a second before the proxy checks its URL: the node takes
				// a URL with under half its 4 s left as stale, so each part is sent with at least 2 s
				// left (1 s to spare after the delay) and the fourth, 3 s in, needs a refreshed one.
				await sandbox.fault({ target: 's3', method: 'PUT', delayMs: 1000, times: 0 });
				const size = 20 * MiB;
				const [asset] = await ok(sandbox, upload({ options: { partSizeMiB: 5, concurrency: 1 } }), {
					before: [file(size, 12)],
				});
				assert.equal((asset.upload as IDataObject).partCount, 4);
				const start = (await sandbox.journal('nomad')).find(
					(e) => e.path === '/api/asset/upload/start',
				);
				assert.ok(start);
				const made = await calls();
				assert.ok(count(made, 'GET /api/admin/asset/upload/:id') >= 1, 'part URLs were refreshed');
				const s3 = await sandbox.journal('s3');
				assert.deepEqual(
					s3.map((e) => e.status),
					[200, 200, 200, 200],
					'every part went to a valid URL',
				);
				const [sim] = await uploads();
				assert.equal((await object(sim.s3Key)).md5, await generatedMd5(size, 12));
			});
		}
	});

	describe('numeric options are checked at run time, before any request', () => {
		const refused = [
			{ option: { concurrency: '={{ "many" }}' }, label: 'Parallel Parts' },
			{ option: { concurrency: '={{ 0 }}' }, label: 'Parallel Parts' },
			{ option: { partSizeMiB: '={{ 1024 }}' }, label: 'Part Size (MiB)' },
			{ option: { partSizeMiB: '={{ "big" }}' }, label: 'Part Size (MiB)' },
		];
		for (const { option, label } of refused) {
			it(`Upload refuses ${label} = ${Object.values(option)[0]}`, async () => {
				const error = await fails(sandbox, upload({ options: option }), {
					before: [file(1000, 1)],
				});
				assert.match(
					error.message,
					new RegExp(
						`^The "${label.replace(/[()]/g, '\\$&')}" parameter must be a whole number from`,
					),
				);
				assert.deepEqual(await sandbox.journal('nomad'), [], 'nothing was sent');
			});
		}

		it('Upload Related File refuses a word for Parallel Parts', async () => {
			const parent = ids.files['Projects/Interviews/interview-01.mp4'];
			const error = await fails(
				sandbox,
				{
					resource: 'asset',
					operation: 'uploadRelated',
					assetId: byId(parent),
					relatedAssetType: ids.relatedTypes.Subtitle,
					options: { concurrency: '={{ "all" }}' },
				},
				{ before: [file(100, 1, 'subs.vtt')] },
			);
			assert.match(error.message, /"Parallel Parts" parameter must be a whole number from 1 to 16/);
			assert.deepEqual(await sandbox.journal('nomad'), []);
		});

		it('Update Item refuses a word for Complete Percentage', async () => {
			const error = await fails(sandbox, {
				resource: 'downloadQueue',
				operation: 'update',
				queueItemId: '0f8fad5b-d9cb-469f-a165-70867728950e',
				transferStatus: 'Downloading',
				options: { completePercentage: '={{ "half" }}' },
			});
			assert.match(error.message, /"Complete Percentage" must be between 0 and 100, got "half"/);
			assert.deepEqual(await sandbox.journal('nomad'), []);
		});

		it('a part size Nomad Media dictates above the 256 MiB buffer limit is refused before any part is read', async () => {
			// A start answer planning 300 MiB parts for a 400 MiB file (the binary itself is small: the plan is refused first).
			const part = (n: number, from: number, to: number) => ({
				id: `0f8fad5b-d9cb-469f-a165-7086772895${String(n).padStart(2, '0')}`,
				partNumber: n,
				url: `${sandbox.url('foreign')}/part${n}`,
				startingPosition: from,
				endingPosition: to,
			});
			await sandbox.fault({
				target: 'nomad',
				method: 'POST',
				path: '^/api/asset/upload/start$',
				status: 200,
				body: {
					id: '5b6d0f2e-8f6a-4c1e-9a3b-2d7c9e4f1a60',
					assetId: '6c7e1a3f-9a7b-4d2f-8b4c-3e8d0f5a2b71',
					parts: [part(1, 0, 300 * MiB - 1), part(2, 300 * MiB, 400 * MiB - 1)],
				},
			});
			const error = await fails(sandbox, upload(), { before: [file(1000, 1)] });
			assert.match(
				error.message,
				/step 2 of 4 \(Upload the parts\): Nomad Media's upload plan cannot be followed: its parts are 300 MiB.*at most 256 MiB per part/,
			);
			assert.match(
				String(error.description),
				/Cancelling the upload \(ID 5b6d0f2e-8f6a-4c1e-9a3b-2d7c9e4f1a60\)/,
			);
			assert.equal((await sandbox.journal('foreign')).length, 0, 'no part was sent');
		});
	});

	describe('file names and overwriting', () => {
		it('a "/" in the file name creates no folders: the base name goes into the parent folder', async () => {
			const [asset] = await ok(sandbox, upload({ options: { fileName: 'a/b/clip.mp4' } }), {
				before: [file(500, 1)],
			});
			assert.equal(asset.displayName, 'clip.mp4');
			assert.equal(asset.parentId, ids.folders['Projects']);
			assert.equal(asset.objectKey, 'Projects/clip.mp4');
			const start = (await sandbox.journal('nomad')).find(
				(e) => e.path === '/api/asset/upload/start',
			)!.body as IDataObject;
			assert.equal(start.relativePath, 'clip.mp4');
			assert.equal(start.displayName, 'clip.mp4');
			const folders = Object.keys((await seed(sandbox)).folders);
			assert.ok(
				!folders.some((path) => path.startsWith('Projects/a')),
				`no folder was created (${folders.join(', ')})`,
			);
		});

		it("the binary's own file name with folders, and a related file: base names only", async () => {
			const [asset] = await ok(sandbox, upload(), { before: [file(500, 1, '../x/y/take.mp4')] });
			assert.equal(asset.objectKey, 'Projects/take.mp4');
			const parent = ids.files['Projects/Interviews/interview-01.mp4'];
			await ok(
				sandbox,
				{
					resource: 'asset',
					operation: 'uploadRelated',
					assetId: byId(parent),
					relatedAssetType: ids.relatedTypes.Subtitle,
					options: { fileName: 'subs/en/take.vtt' },
				},
				{ before: [file(100, 1)] },
			);
			const start = (await sandbox.journal('nomad')).find(
				(e) => e.path === '/api/asset/upload/start-related-asset',
			)!.body as IDataObject;
			assert.equal(start.relativePath, 'take.vtt');
		});

		it('folders come only from Subfolder Path, which refuses ".."', async () => {
			const error = await fails(
				sandbox,
				upload({ options: { subfolderPath: '2025/../../Incoming' } }),
				{ before: [file(100, 1)] },
			);
			assert.match(error.message, /"Subfolder Path" must name folders below the parent folder/);
			assert.deepEqual(await sandbox.journal('nomad'), []);
		});

		it('node version 2 fails instead of replacing a file of the same name (version 1 still replaces)', async () => {
			const logo = ids.files['Projects/logo.png'];
			const before = (await simAsset(sandbox, logo)).contentLength;
			const error = await fails(sandbox, upload({ options: { fileName: 'logo.png' } }), {
				before: [file(5000, 1)],
			});
			assert.match(
				error.message,
				/A file named 'logo.png' already exists in this folder\. \(HTTP 409\)/,
			);
			assert.equal(error.httpCode, '409');
			const start = (await sandbox.journal('nomad')).find(
				(e) => e.path === '/api/asset/upload/start',
			)!.body as IDataObject;
			assert.equal(start.uploadOverwriteOption, 'Cancel');
			assert.equal(
				(await simAsset(sandbox, logo)).contentLength,
				before,
				'the existing file is untouched',
			);
			assert.equal((await uploads()).length, 0);

			const [replaced] = await ok(sandbox, upload({ options: { fileName: 'logo.png' } }), {
				before: [file(5000, 1)],
				typeVersion: 1,
			});
			assert.equal(replaced.id, logo);
		});

		it('the editor shows "If the File Exists" with default Replace in version 1 and Fail (Cancel) in version 2', () => {
			const { description } = new NomadMedia();
			assert.deepEqual(description.version, [1, 2]);
			assert.equal(description.defaultVersion, 2);
			for (const operation of ['upload', 'uploadRelated']) {
				const collection = description.properties.find(
					(p) =>
						p.name === 'options' &&
						(p.displayOptions?.show?.operation as string[] | undefined)?.includes(operation),
				)!;
				const entries = (collection.options as INodeProperties[]).filter(
					(o) => o.name === 'uploadOverwriteOption',
				);
				const shown = (typeVersion: number) => {
					const node = { typeVersion, parameters: {} } as unknown as INode;
					return entries
						.filter((entry) => NodeHelpers.displayParameter({}, entry, node, description))
						.map((entry) => entry.default);
				};
				assert.deepEqual(shown(1), ['Replace'], `${operation} v1`);
				assert.deepEqual(shown(2), ['Cancel'], `${operation} v2`);
			}
		});

		it('node version 2 still replaces when asked to: the option set, or the asset to replace named', async () => {
			const logo = ids.files['Projects/logo.png'];
			const [chosen] = await ok(
				sandbox,
				upload({ options: { fileName: 'logo.png', uploadOverwriteOption: 'Replace' } }),
				{ before: [file(5000, 1)] },
			);
			assert.equal(chosen.id, logo);
			const mark = await sandbox.mark();
			const [named] = await ok(sandbox, upload({ options: { existingAssetId: logo } }), {
				before: [file(6000, 1)],
			});
			assert.equal(named.id, logo);
			const start = (await sandbox.journal('nomad', mark)).find(
				(e) => e.path === '/api/asset/upload/start',
			)!.body as IDataObject;
			assert.equal(start.uploadOverwriteOption, 'Replace');
		});
	});

	it('an optional Parent Folder left empty in ID or URL mode does not stop the workflow; the file goes to the incoming folder', async () => {
		for (const empty of [byId(''), byUrl('')]) {
			const result = await run(sandbox, upload({ parentId: empty }), {
				before: [file(300, 1, `empty-${empty.mode}.mp4`)],
			});
			assert.equal(result.error, undefined, `${empty.mode}: ${result.error?.message}`);
			const [item] = result.output('Nomad');
			assert.equal(item.json.parentId, ids.incomingId);
		}
	});

	describe('requests that act are sent once: a lost answer is an error, not a second side effect', () => {
		const folder = () => ids.folders['Projects'];
		/** Children of Projects whose name matches: every one, also several of the same name. */
		const named = async (pattern: RegExp) =>
			(
				await sandbox.sim<Array<{ displayName: string }>>('nomad', 'GET', `/children/${folder()}`)
			).filter((c) => pattern.test(c.displayName)).length;
		const cases = [
			{
				name: 'Create Folder',
				path: '^/api/admin/asset/[^/]+/create-folder$',
				parameters: () => ({
					resource: 'asset',
					operation: 'createFolder',
					parentId: byId(folder()),
					folderName: 'Deliveries',
				}),
				effects: async () => await named(/^Deliveries$/),
			},
			{
				name: 'Create Placeholder',
				path: '^/api/admin/asset/[^/]+/create-placeholder$',
				parameters: () => ({
					resource: 'asset',
					operation: 'createPlaceholder',
					parentId: byId(folder()),
					assetName: 'episode-13.mp4',
				}),
				effects: async () => await named(/^episode-13\.mp4$/),
			},
			{
				name: 'Batch Action Duplicate',
				path: '^/api/admin/asset/Duplicate$',
				parameters: () => ({
					resource: 'batchAction',
					operation: 'run',
					batchAction: 'Duplicate',
					assetIds: ids.files['Projects/logo.png'],
				}),
				effects: async () => await named(/^logo - Copy/),
			},
			{
				name: 'Download Queue Add',
				path: '^/api/asset-queue$',
				parameters: () => ({
					resource: 'downloadQueue',
					operation: 'add',
					assetIds: ids.files['Projects/logo.png'],
				}),
				effects: async () => (await sandbox.sim<unknown[]>('nomad', 'GET', '/queue')).length,
			},
		];

		for (const action of cases) {
			for (const lost of LOST_AFTER_ACTING) {
				it(`${action.name} answered with ${lost.name} after acting: one request, one side effect, an error`, async () => {
					const mark = await sandbox.mark();
					await sandbox.fault({
						target: 'nomad',
						method: 'POST',
						path: action.path,
						after: true,
						...lost.rule,
					});
					const result = await run(sandbox, action.parameters());
					assert.ok(result.error, 'the lost answer is reported');
					if (lost.rule.status) assert.equal(result.error.httpCode, String(lost.rule.status));
					const sent = (await sandbox.journal('nomad', mark)).filter(
						(e) => e.method === 'POST' && new RegExp(action.path).test(e.path),
					);
					assert.equal(sent.length, 1, 'sent once');
					assert.equal(sent[0].acted, 200, 'the simulator acted');
					assert.equal(await action.effects(), 1, 'exactly one side effect');
				});
			}
		}
	});

	describe("IDs in Nomad Media's answers are checked before they go into a path", () => {
		it('a created folder answered with the ID "../../account/logout" is refused; nothing else is called', async () => {
			await sandbox.fault({
				target: 'nomad',
				method: 'POST',
				path: 'create-folder$',
				status: 200,
				body: { id: '../../account/logout' },
			});
			const mark = await sandbox.mark();
			const error = await fails(sandbox, {
				resource: 'asset',
				operation: 'createFolder',
				parentId: byId(ids.folders['Projects']),
				folderName: 'X',
			});
			assert.match(
				error.message,
				/returned the ID of the new folder that is not a Nomad Media ID .*"..\/..\/account\/logout"/,
			);
			const after = (await sandbox.journal('nomad', mark)).map((e) => e.path);
			assert.deepEqual(
				after.filter((path) => !path.endsWith('/create-folder') && path !== '/api/account/login'),
				[],
			);
		});

		it('an upload started with the ID "../x" is refused before any cancel or part request', async () => {
			await sandbox.fault({
				target: 'nomad',
				method: 'POST',
				path: '^/api/asset/upload/start$',
				status: 200,
				body: { id: '../../admin/asset/x', parts: [] },
			});
			const error = await fails(sandbox, upload(), { before: [file(100, 1)] });
			assert.match(
				error.message,
				/step 1 of 4 \(Start the upload\): The DAM returned an upload ID that is not a Nomad Media ID/,
			);
			const paths = (await sandbox.journal('nomad')).map((e) => e.path);
			assert.deepEqual(
				paths.filter((path) => !['/api/asset/upload/start', '/api/account/login'].includes(path)),
				[],
			);
		});
	});
});
