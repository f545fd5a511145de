import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { NomadMedia } from '../../nodes/NomadMedia/NomadMedia.node';
import { generatedMd5 } from '../fixtures/generated';
import { binaryBytes } from '../harness/engine';
import { Sandbox } from '../harness/sandbox';
import { runWorkflowFile } from '../harness/workflowFiles';
import { startUnfinishedUpload } from './directApi';
import { advance, seed, simAsset, type Seed } from './helpers';

interface QueueItem {
	assetDownloadQueueId: string;
	assetId: string;
	transferStatus: string;
	completePercentage: number;
}

/**
 * The fast tier: every operation of the Nomad Media node as a workflow a user could import
 * (test/workflows/nomad/<resource>.<operation>.json), run through the engine against the
 * simulator with the ids of its seed, and the fields that matter in its output.
 */
describe('Nomad Media: one workflow per operation', () => {
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

	const logo = () => ids.files['Projects/logo.png'];
	const video = () => ids.files['Projects/Interviews/interview-01.mp4'];
	const projects = () => ids.folders['Projects'];

	/** Runs test/workflows/nomad/<name>.json; the output items of its Nomad Media node. */
	async function run(
		name: string,
		tokens: Record<string, string | number> = {},
	): Promise<INodeExecutionData[]> {
		const result = await runWorkflowFile(sandbox, `nomad/${name}.json`, {
			FILE_ID: logo(),
			VIDEO_ID: video(),
			FOLDER_ID: projects(),
			...tokens,
		});
		assert.equal(result.error, undefined, result.error?.message);
		return result.output(result.run.data.resultData.lastNodeExecuted!);
	}

	const jsonOf = (items: INodeExecutionData[]) => items.map((item) => item.json);
	const queue = async () => await sandbox.sim<QueueItem[]>('nomad', 'GET', '/queue');

	it('every operation of the node has its workflow file', () => {
		const missing = NomadMedia.resources
			.flatMap((resource) =>
				Object.keys(resource.operations).map((op) => `${resource.value}.${op}`),
			)
			.filter(
				(name) =>
					!existsSync(
						join(__dirname, '..', '..', '..', 'test', 'workflows', 'nomad', `${name}.json`),
					),
			);
		assert.deepEqual(missing, []);
	});

	describe('asset', () => {
		it('get: the asset with its type and status names and numbers', async () => {
			const [item, ...more] = await run('asset.get');
			assert.equal(more.length, 0);
			assert.equal(item.json.id, logo());
			assert.equal(item.json.assetTypeName, 'File');
			assert.equal(item.json.assetTypeValue, 2);
			assert.equal(item.json.assetStatusName, 'Available');
		});

		it('getDetail: the full detail of the asset', async () => {
			const [item] = await run('asset.getDetail', { FILE_ID: video() });
			assert.ok(item.json.properties || item.json.relatedAssets || item.json.collections);
			assert.doesNotMatch(JSON.stringify(item.json), /Signature=/);
		});

		it('getJobHistory: one item per job with its state', async () => {
			await run('asset.archive');
			const items = await run('asset.getJobHistory');
			assert.deepEqual(
				items.map((item) => `${String(item.json.jobType)}:${String(item.json.state)}`),
				['Archive:Running'],
			);
		});

		it('getParentFolders: from the bucket down to the parent, with their depth', async () => {
			const items = await run('asset.getParentFolders', { FILE_ID: video() });
			assert.deepEqual(
				items.map((item) => item.json.depth),
				items.map((_item, depth) => depth),
			);
			assert.equal(items[items.length - 1].json.id, ids.folders['Projects/Interviews']);
		});

		it('archive and restore: the file through its archive states and back', async () => {
			const [archiving] = await run('asset.archive');
			assert.equal(archiving.json.id, logo());
			assert.equal(archiving.json.assetStatusName, 'PendingArchive');
			await advance(sandbox, 120);
			assert.equal((await simAsset(sandbox, logo())).assetStatus, 'Archived');
			const [restoring] = await run('asset.restore');
			assert.equal(restoring.json.assetStatusName, 'PendingRestore');
		});

		it('createFolder: the new folder in the parent', async () => {
			const [item] = await run('asset.createFolder');
			assert.equal(item.json.assetTypeName, 'Folder');
			assert.equal(item.json.parentId, projects());
			const children = await sandbox.sim<IDataObject[]>('nomad', 'GET', `/children/${projects()}`);
			assert.ok(children.some((child) => child.displayName === 'Deliveries'));
		});

		it('createPlaceholder: an asset in status Placeholder (20)', async () => {
			const [item] = await run('asset.createPlaceholder');
			assert.equal(item.json.assetStatusName, 'Placeholder');
			assert.equal(item.json.assetStatusValue, 20);
		});

		it('listFolder: the direct children of the folder of type File', async () => {
			const items = await run('asset.listFolder');
			assert.deepEqual(
				items.map((item) => item.json.title),
				['logo.png'],
			);
			assert.equal(items[0].json.id, logo());
		});

		it('search: files matching the text', async () => {
			const items = await run('asset.search');
			assert.deepEqual(
				items.map((item) => item.json.title),
				['interview-02.mp4', 'interview-01.mp4'],
				'files only, by title descending',
			);
		});

		it('update: the new name and custom properties', async () => {
			const [item] = await run('asset.update');
			assert.equal(item.json.id, logo());
			const sim = await simAsset(sandbox, logo());
			assert.equal(sim.displayName, 'brand-logo.png');
			assert.deepEqual(
				(sim.customProperties as IDataObject | undefined) ?? item.json.customProperties,
				{ rating: 5, reviewer: 'Ada' },
			);
		});

		it('upload: the file in the subfolder, in two parts, with the upload summary', async () => {
			const [item] = await run('asset.upload');
			const upload = item.json.upload as IDataObject;
			assert.equal(item.json.displayName ?? item.json.title, 'clip.mp4');
			assert.equal(upload.fileName, 'clip.mp4');
			assert.equal(upload.size, 6291463);
			assert.equal(upload.method, 'multipart');
			assert.equal(upload.parts, 2);
			assert.equal(upload.md5, await generatedMd5(6291463, 5));
		});

		it('uploadRelated: a subtitle on the video', async () => {
			const [item] = await run('asset.uploadRelated', { SUBTITLE_TYPE: ids.relatedTypes.Subtitle });
			assert.equal(item.json.assetId, video());
			assert.equal(item.json.fileName, 'interview-01.en.vtt');
			assert.equal(item.json.md5, await generatedMd5(2048, 12));
			assert.match(String(item.json.relatedAssetId), /^[0-9a-f-]{36}$/);
		});
	});

	describe('annotation', () => {
		it('create, getMany, update and delete: an annotation on the video', async () => {
			const [created] = await run('annotation.create');
			assert.equal(created.json.assetId, video());
			assert.equal(created.json.startTimeCode, '00:00:05;00');
			assert.deepEqual(created.json.properties, { title: 'Intro', description: 'Logo on screen' });
			const listed = await run('annotation.getMany');
			assert.deepEqual(
				listed.map((item) => item.json.id),
				[created.json.id],
			);
			const tokens = { ANNOTATION_ID: String(created.json.id) };
			const [updated] = await run('annotation.update', tokens);
			assert.deepEqual(updated.json.properties, { title: 'Intro', description: 'Logo fades in' });
			assert.equal(updated.json.endTimeCode, '00:00:09;00');
			const [deleted] = await run('annotation.delete', tokens);
			assert.deepEqual(deleted.json, { id: created.json.id, assetId: video(), deleted: true });
			assert.deepEqual(await run('annotation.getMany'), []);
		});

		it('bulkImport: one item per imported annotation', async () => {
			const items = await run('annotation.bulkImport');
			assert.deepEqual(
				items.map((item) => (item.json.properties as IDataObject).title),
				['Opening', 'Question 1'],
			);
		});
	});

	describe('ad break', () => {
		it('create, getMany, update and delete: an ad break in the video', async () => {
			const [created] = await run('adBreak.create');
			assert.equal(created.json.timeCode, '00:05:00;00');
			assert.equal(created.json.adBreakType, 'Midroll');
			assert.deepEqual(
				(created.json.tags as IDataObject[]).map((tag) => tag.description),
				['sports', 'family'],
			);
			assert.equal((await run('adBreak.getMany')).length, 1);
			const tokens = { AD_BREAK_ID: String(created.json.id) };
			const [updated] = await run('adBreak.update', tokens);
			assert.equal(updated.json.timeCode, '00:06:00;00');
			assert.equal((updated.json.labels as IDataObject[]).length, 1, 'labels kept');
			const [deleted] = await run('adBreak.delete', tokens);
			assert.equal(deleted.json.deleted, true);
			assert.deepEqual(await run('adBreak.getMany'), []);
		});
	});

	describe('person', () => {
		it('assignFace and removeFace: a face of the video to a person and back', async () => {
			const tokens = {
				FACE_ID: ids.faces[video()][0],
				PERSON_ID: ids.persons['Ada Lovelace'],
			};
			const [assigned] = await run('person.assignFace', tokens);
			assert.equal(assigned.json.assigned, true);
			const faces = async () =>
				(await simAsset(sandbox, video())).faces as unknown as Array<{ personId: string | null }>;
			assert.equal((await faces())[0].personId, tokens.PERSON_ID);
			const [removed] = await run('person.removeFace', tokens);
			assert.equal(removed.json.assigned, false);
			assert.equal((await faces())[0].personId, null);
		});
	});

	describe('asset information', () => {
		const firstSegment = async () => {
			const [label] = await run('asset.getMetadataSummary');
			return (label.json.segments as IDataObject[])[0];
		};

		it('getMetadataSummary, getSegmentDetail and getScreenshotDetail: from a label to a segment to a screenshot', async () => {
			const labels = await run('asset.getMetadataSummary');
			assert.deepEqual(
				labels.map((item) => item.json.labelName),
				['Person', 'Microphone'],
			);
			const segment = await firstSegment();
			const [detail] = await run('asset.getSegmentDetail', { SEGMENT_ID: String(segment.id) });
			assert.equal(detail.json.segmentId, segment.id);
			const [screenshot] = detail.json.screenshots as IDataObject[];
			const [shot] = await run('asset.getScreenshotDetail', {
				SEGMENT_ID: String(segment.id),
				SCREENSHOT_ID: String(screenshot.id),
			});
			assert.deepEqual(
				(shot.json.screenshots as IDataObject[]).map((entry) => entry.id),
				[screenshot.id],
			);
		});

		it('deleteRelatedAsset: the related file is gone from the video', async () => {
			const { transcriptId } = await sandbox.sim<{ transcriptId: string }>(
				'nomad',
				'POST',
				`/assets/${video()}/transcript`,
				{},
			);
			const [deleted] = await run('asset.deleteRelatedAsset', { RELATED_ASSET_ID: transcriptId });
			assert.equal(deleted.json.deleted, true);
			assert.deepEqual((await simAsset(sandbox, video())).related, []);
		});

		it('resolveFullUrl: the signed URL of the video, asked for', async () => {
			const asset = await simAsset(sandbox, video());
			const [item] = await run('asset.resolveFullUrl', {
				RELATIVE_URL: `${String(asset.bucketName)}::${String(asset.objectKey)}`,
			});
			assert.match(String(item.json.fullUrl), /interview-01\.mp4\?Expires=\d+&Signature=/);
		});

		it('cancelUpload: the unfinished upload is cancelled', async () => {
			const uploadId = await startUnfinishedUpload(sandbox, ids.incomingId);
			const [item] = await run('asset.cancelUpload', { UPLOAD_ID: uploadId });
			assert.deepEqual(item.json, { uploadId, cancelled: true });
			const uploads = await sandbox.sim<IDataObject[]>('nomad', 'GET', '/uploads');
			assert.deepEqual(
				uploads.filter((upload) => upload.id === uploadId).map((upload) => upload.cancelMessage),
				['Cancelled from n8n'],
			);
		});
	});

	describe('transcript', () => {
		it('getWords, update and exportSubtitle: the transcript of the video, corrected and exported as SRT', async () => {
			const { transcriptId } = await sandbox.sim<{ transcriptId: string }>(
				'nomad',
				'POST',
				`/assets/${video()}/transcript`,
				{
					words: [
						{ value: 'Welcome', startMs: 0 },
						{ value: 'to Nomad', startMs: 600 },
					],
				},
			);
			const [words] = await run('transcript.getWords');
			assert.equal(words.json.text, 'Welcome to Nomad');
			const tokens = { TRANSCRIPT_ID: transcriptId };
			const [updated] = await run('transcript.update', tokens);
			assert.equal(updated.json.updated, true);
			assert.equal((await run('transcript.getWords'))[0].json.text, 'Welcome to Nomad Media');
			const [exported] = await run('transcript.exportSubtitle', tokens);
			assert.equal(exported.binary?.data.fileName, 'interview-01.srt');
			assert.match(
				(await binaryBytes(exported.binary!.data)).toString(),
				/^1\n00:00:00,000 --> 00:00:00,600\nWelcome\n/,
			);
		});
	});

	describe('batch action', () => {
		it('run: one item per asset with its result', async () => {
			const items = await run('batchAction.run');
			assert.equal(items.length, 2);
			assert.ok(items.every((item) => item.json.action === 'AddTag'));
			assert.deepEqual(
				items.map((item) => item.json.isSuccess),
				[true, true],
			);
		});
	});

	describe('download queue', () => {
		it('add: the files of the folder are queued', async () => {
			const [item] = await run('downloadQueue.add');
			assert.equal(item.json.processing, 'synchronous');
			assert.deepEqual(item.json.ids, [projects()]);
			assert.ok((await queue()).some((entry) => entry.assetId === logo()));
		});

		it('update and remove a queue item', async () => {
			await run('downloadQueue.add');
			const [entry] = await queue();
			const tokens = { QUEUE_ITEM_ID: entry.assetDownloadQueueId };
			const [updated] = await run('downloadQueue.update', tokens);
			assert.equal(updated.json.updated, true);
			const [state] = (await queue()).filter(
				(q) => q.assetDownloadQueueId === entry.assetDownloadQueueId,
			);
			assert.equal(state.transferStatus, 'Downloading');
			assert.equal(state.completePercentage, 50);
			const removed = await run('downloadQueue.remove', tokens);
			assert.deepEqual(jsonOf(removed), [{ removed: [entry.assetDownloadQueueId], count: 1 }]);
			assert.ok(
				!(await queue()).some((q) => q.assetDownloadQueueId === entry.assetDownloadQueueId),
			);
		});

		it('createArchive: the archive requested for the assets', async () => {
			const items = await run('downloadQueue.createArchive');
			assert.ok(items.length >= 1);
			assert.deepEqual(items[0].json.assetIds, [logo(), video()]);
		});
	});
});
