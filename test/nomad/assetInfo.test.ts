import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { PollHarness } from '../harness/poll';
import { Sandbox } from '../harness/sandbox';
import { startUnfinishedUpload } from './directApi';
import { byId, credentials, dump, fails, ok, run, seed, simAsset, type Seed } from './helpers';

const UNKNOWN = '0f8fad5b-d9cb-469f-a165-70867728950e';

interface Label {
	labelName: string;
	count: number;
	segments: Array<{ id: string; timestamp: number }>;
}

/** Every `assetStatus` / `assetType` anywhere in `value` that has no name next to it. */
function unnamedEnums(value: unknown, path = '$'): string[] {
	if (Array.isArray(value))
		return value.flatMap((entry, i) => unnamedEnums(entry, `${path}[${i}]`));
	if (!value || typeof value !== 'object') return [];
	const record = value as IDataObject;
	return Object.entries(record).flatMap(([key, entry]) => [
		...((key === 'assetStatus' || key === 'assetType') &&
		entry !== null &&
		typeof record[`${key}Name`] !== 'string'
			? [`${path}.${key}`]
			: []),
		...unnamedEnums(entry, `${path}.${key}`),
	]);
}

describe('Nomad Media asset information through the engine', () => {
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

	const video = () => ids.files['Projects/Interviews/interview-01.mp4'];
	const summary = async (assetId: string, extra: IDataObject = {}) =>
		(await ok(sandbox, {
			resource: 'asset',
			operation: 'getMetadataSummary',
			assetId: byId(assetId),
			returnAll: true,
			...extra,
		})) as unknown as Label[];
	/** A related file of the video (the simulator's transcript), as Get Detail lists it. */
	const addRelated = async (): Promise<string> =>
		(
			await sandbox.sim<{ transcriptId: string }>(
				'nomad',
				'POST',
				`/assets/${video()}/transcript`,
				{},
			)
		).transcriptId;

	describe('getMetadataSummary', () => {
		it("gives one item per detected label with its segments, and a folder's labels added up from its files", async () => {
			const labels = await summary(video());
			assert.deepEqual(
				labels.map((label) => [label.labelName, label.count, label.segments.length]),
				[
					['Person', 2, 2],
					['Microphone', 1, 1],
				],
			);
			assert.ok(labels.every((label) => (label as unknown as IDataObject).assetId === video()));
			assert.match(labels[0].segments[0].id, /^[0-9a-f-]{36}$/);
			// Three videos below Interviews (one in Raw): their labels are added up by name.
			const folder = await summary(ids.folders['Projects/Interviews']);
			assert.deepEqual(
				folder.map((label) => [label.labelName, label.count]),
				[
					['Person', 6],
					['Microphone', 3],
				],
			);
			const one = await summary(video(), { returnAll: false, limit: 1 });
			assert.deepEqual(
				one.map((label) => label.labelName),
				['Person'],
			);
		});

		it("fails with the DAM's message and 404 for an unknown asset", async () => {
			const error = await fails(sandbox, {
				resource: 'asset',
				operation: 'getMetadataSummary',
				assetId: byId(UNKNOWN),
				returnAll: true,
			});
			assert.match(
				error.message,
				new RegExp(`Asset '${UNKNOWN}' was not found\\. \\(HTTP 404\\)$`),
			);
			assert.equal(error.httpCode, '404');
		});
	});

	describe('getSegmentDetail and getScreenshotDetail', () => {
		it('gives the detail of a segment with its screenshots, and of one screenshot, without signed URLs', async () => {
			const [person] = await summary(video());
			const segmentId = person.segments[1].id;
			const [segment] = await ok(sandbox, {
				resource: 'asset',
				operation: 'getSegmentDetail',
				assetId: byId(video()),
				segmentId,
			});
			assert.equal(segment.assetId, video());
			assert.equal(segment.segmentId, segmentId);
			const labels = segment.labels as Label[];
			assert.deepEqual(
				labels.map((label) => label.segments.map((s) => s.id)),
				[[segmentId]],
			);
			const screenshots = segment.screenshots as IDataObject[];
			assert.equal(screenshots.length, 2);
			assert.doesNotMatch(dump(segment), /Signature=|Key-Pair-Id=/);
			assert.match(
				String(screenshots[0].fullUrl),
				/^https:\/\/cdn\.nomad-sandbox\.test\/screenshots\//,
			);
			assert.equal((segment.properties as IDataObject).assetStatusName, 'Available');

			const [shot] = await ok(sandbox, {
				resource: 'asset',
				operation: 'getScreenshotDetail',
				assetId: byId(video()),
				segmentId,
				screenshotId: screenshots[1].id,
			});
			assert.equal(shot.screenshotId, screenshots[1].id);
			assert.deepEqual(
				(shot.screenshots as IDataObject[]).map((s) => s.id),
				[screenshots[1].id],
			);
		});

		it("fails with the DAM's 404 for an unknown segment or screenshot, and refuses an ID that is not one before any request", async () => {
			const [person] = await summary(video());
			const segment = await fails(sandbox, {
				resource: 'asset',
				operation: 'getSegmentDetail',
				assetId: byId(video()),
				segmentId: UNKNOWN,
			});
			assert.match(
				segment.message,
				new RegExp(`Segment '${UNKNOWN}' was not found on this asset\\. \\(HTTP 404\\)$`),
			);
			assert.equal(segment.httpCode, '404');
			const shot = await fails(sandbox, {
				resource: 'asset',
				operation: 'getScreenshotDetail',
				assetId: byId(video()),
				segmentId: person.segments[0].id,
				screenshotId: UNKNOWN,
			});
			assert.match(shot.message, /Screenshot '.*' was not found in this segment\. \(HTTP 404\)$/);
			const mark = await sandbox.mark();
			const bad = await fails(sandbox, {
				resource: 'asset',
				operation: 'getScreenshotDetail',
				assetId: byId(video()),
				segmentId: person.segments[0].id,
				screenshotId: '../../detail',
			});
			assert.match(bad.message, /"Screenshot ID" parameter must be a Nomad Media ID/);
			assert.equal((await sandbox.journal('nomad', mark)).length, 0);
		});
	});

	describe('deleteRelatedAsset', () => {
		it("deletes the related file; Get Detail lists it no more, and a second delete fails with the DAM's 404", async () => {
			const relatedAssetId = await addRelated();
			const parameters = {
				resource: 'asset',
				operation: 'deleteRelatedAsset',
				assetId: byId(video()),
				relatedAssetId,
			};
			const mark = await sandbox.mark();
			assert.deepEqual(await ok(sandbox, parameters), [
				{ assetId: video(), relatedAssetId, deleted: true },
			]);
			const [sent] = (await sandbox.journal('nomad', mark)).filter((e) =>
				e.path.includes('/related-asset/'),
			);
			assert.equal(sent.method, 'DELETE');
			assert.equal(sent.path, `/api/admin/asset/${video()}/related-asset/${relatedAssetId}`);
			assert.deepEqual((await simAsset(sandbox, video())).related, []);
			const again = await fails(sandbox, parameters);
			assert.equal(again.httpCode, '404');
			assert.match(again.message, /Related asset '.*' was not found on this asset\. \(HTTP 404\)$/);
		});

		it('refuses a Related Asset ID that is not a GUID, naming the parameter', async () => {
			const error = await fails(sandbox, {
				resource: 'asset',
				operation: 'deleteRelatedAsset',
				assetId: byId(video()),
				relatedAssetId: 'subtitle.vtt',
			});
			assert.match(error.message, /"Related Asset ID" parameter must be a Nomad Media ID/);
		});
	});

	describe('resolveFullUrl', () => {
		const relativeUrl = async () => {
			const asset = await simAsset(sandbox, video());
			return `${String(asset.bucketName)}::${String(asset.objectKey)}`;
		};
		const resolve = (url: string, options: IDataObject = {}) => ({
			resource: 'asset',
			operation: 'resolveFullUrl',
			assetId: byId(video()),
			url,
			options,
		});

		it('leaves the signed URL out of the output unless "Include Signed Media URLs" is on', async () => {
			const url = await relativeUrl();
			const mark = await sandbox.mark();
			const [plain] = await ok(sandbox, resolve(url));
			assert.deepEqual(plain, { assetId: video(), url, resolved: true });
			const [sent] = (await sandbox.journal('nomad', mark)).filter((e) =>
				e.path.endsWith('/resolve-full-url'),
			);
			assert.equal(sent.path, `/api/admin/asset/${video()}/resolve-full-url`);
			assert.deepEqual(sent.query, { url });

			const [signed] = await ok(sandbox, resolve(url, { includeMediaUrls: true }));
			assert.match(
				String(signed.fullUrl),
				/^https:\/\/cdn\.nomad-sandbox\.test\/Projects\/Interviews\/interview-01\.mp4\?Expires=\d+&Signature=[\w-]+&Key-Pair-Id=/,
			);
			assert.equal(signed.url, url);
		});

		it("fails with the DAM's message for a URL that is not the asset's (404) and refuses an empty URL before any request", async () => {
			const error = await fails(sandbox, resolve('nomad-sandbox-media::elsewhere/other.mp4'));
			assert.equal(error.httpCode, '404');
			assert.match(error.message, /does not belong to this asset\. \(HTTP 404\)$/);
			const mark = await sandbox.mark();
			const empty = await fails(sandbox, resolve('  '));
			assert.match(empty.message, /^The "URL" parameter is empty$/);
			assert.equal((await sandbox.journal('nomad', mark)).length, 0);
		});

		it('never puts the signed URL in an error: an answer that is not a URL, a DAM error quoting it, continue on fail', async () => {
			const url = await relativeUrl();
			const secret = 'cdn.nomad-sandbox.test/x.mp4?Expires=1&Signature=SECRETSIG&Key-Pair-Id=K2';
			await sandbox.fault({
				target: 'nomad',
				method: 'GET',
				path: '/resolve-full-url$',
				status: 200,
				body: JSON.stringify(secret),
				headers: { 'Content-Type': 'application/json' },
			});
			const notUrl = await fails(sandbox, resolve(url, { includeMediaUrls: true }));
			assert.match(notUrl.message, /answered something that is not a URL/);
			assert.doesNotMatch(dump([notUrl.message, notUrl.description]), /SECRETSIG/);

			await sandbox.fault({
				target: 'nomad',
				method: 'GET',
				path: '/resolve-full-url$',
				status: 500,
				body: {
					title: 'Internal Server Error',
					status: 500,
					detail: `Could not sign https://${secret}`,
				},
			});
			const result = await run(sandbox, resolve(url, { includeMediaUrls: true }), {
				continueOnFail: true,
			});
			assert.equal(result.error, undefined);
			const [item] = result.output('Nomad');
			assert.match(String(item.json.error), /Could not sign/);
			assert.doesNotMatch(dump(item.json), /SECRETSIG/);
		});
	});

	describe('cancelUpload', () => {
		const openUpload = async () => await startUnfinishedUpload(sandbox, ids.incomingId);
		const uploads = async () =>
			await sandbox.sim<Array<{ id: string; state: string; cancelMessage: string | null }>>(
				'nomad',
				'GET',
				'/uploads',
			);

		it('cancels the upload with the reason; cancelling it again changes nothing', async () => {
			const uploadId = await openUpload();
			const parameters = {
				resource: 'asset',
				operation: 'cancelUpload',
				uploadId,
				options: { message: 'superseded by a newer cut' },
			};
			assert.deepEqual(await ok(sandbox, parameters), [{ uploadId, cancelled: true }]);
			const [upload] = (await uploads()).filter((entry) => entry.id === uploadId);
			assert.equal(upload.state, 'Cancelled');
			assert.equal(upload.cancelMessage, 'superseded by a newer cut');
			const children = await sandbox.sim<IDataObject[]>(
				'nomad',
				'GET',
				`/children/${ids.incomingId}`,
			);
			assert.ok(
				!children.some((child) => child.displayName === 'pending.mp4'),
				'its asset is gone',
			);
			assert.deepEqual(await ok(sandbox, parameters), [{ uploadId, cancelled: true }]);
		});

		it("fails with the DAM's message for a completed upload, and refuses an Upload ID that is not one", async () => {
			const [done] = await ok(
				sandbox,
				{ resource: 'asset', operation: 'upload', parentId: byId(ids.incomingId) },
				{
					before: [
						{
							type: 'test.binaryFile',
							name: 'File',
							parameters: { size: 1024, seed: 3, fileName: 'tiny.mp4', mimeType: 'video/mp4' },
						},
					],
				},
			);
			const uploadId = String((done.upload as IDataObject).uploadId);
			const error = await fails(sandbox, {
				resource: 'asset',
				operation: 'cancelUpload',
				uploadId,
			});
			assert.equal(error.httpCode, '400');
			assert.match(error.message, /A completed upload cannot be cancelled\. \(HTTP 400\)$/);
			const bad = await fails(sandbox, {
				resource: 'asset',
				operation: 'cancelUpload',
				uploadId: 'latest',
			});
			assert.match(bad.message, /"Upload ID" parameter must be a Nomad Media ID/);
		});
	});

	describe('asset status and type names', () => {
		it('name every asset status and type in the output of the actions and the trigger, also where Nomad Media sends numbers', async () => {
			await sandbox.sim('nomad', 'POST', '/config', { enumsAsNumbers: true });
			const [person] = await summary(video());
			const outputs = [
				await ok(sandbox, { resource: 'asset', operation: 'get', assetId: byId(video()) }),
				await ok(sandbox, { resource: 'asset', operation: 'getDetail', assetId: byId(video()) }),
				await ok(sandbox, {
					resource: 'asset',
					operation: 'getSegmentDetail',
					assetId: byId(video()),
					segmentId: person.segments[0].id,
				}),
				await ok(sandbox, {
					resource: 'asset',
					operation: 'getParentFolders',
					assetId: byId(video()),
				}),
				await ok(sandbox, {
					resource: 'asset',
					operation: 'search',
					searchQuery: 'interview',
					returnAll: true,
				}),
			];
			// The trigger's items (Fetch Test Event): the search results it emits, and its status.
			for (const event of ['newAsset', 'updatedAsset', 'statusChanged']) {
				const trigger = new PollHarness(
					'n8n-nodes-dam.nomadMediaTrigger',
					{ event, statuses: ['Available'] } as never,
					credentials(sandbox),
				);
				const items = (await trigger.poll('manual', 'manual')).map((item) => item.json);
				assert.equal(items.length, 1, event);
				outputs.push(items);
				if (event === 'statusChanged') assert.equal(items[0].status, 'Available');
			}
			const found = dump(outputs).match(/"assetStatus":\d+/g) ?? [];
			assert.ok(found.length >= 4, 'Nomad Media sent numbers');
			assert.deepEqual(unnamedEnums(outputs), []);
		});
	});
});
