import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { Sandbox } from '../harness/sandbox';
import { runWorkflowFile } from '../harness/workflowFiles';
import {
	LANGUAGES,
	RESTORE_PROFILES,
	SHARE_HOST,
	type SimLocalRestore,
	type SimShare,
} from '../sandbox/nomad/assetActions';
import { NOMAD_BUCKET } from '../sandbox/nomad/state';
import { byId, dump, fails, ok, run, seed, simAsset, type Seed } from './helpers';

const UNKNOWN = '0f8fad5b-d9cb-469f-a165-70867728950e';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The asset actions: Register, Get by Storage Location, Change Language, Clip, Screenshot, Share,
 * Generate Image, Local Restore (one and many), through the engine against the simulator, with what
 * it stored and what the node sent, and each operation's error paths.
 */
describe('Nomad Media asset actions through the engine', () => {
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
	const logo = () => ids.files['Projects/logo.png'];
	const asset = (operation: string, parameters: IDataObject = {}) => ({
		resource: 'asset',
		operation,
		...parameters,
	});
	/** The requests since `mark` whose path ends with `suffix`. */
	const sent = async (mark: number, suffix: string) =>
		(await sandbox.journal('nomad', mark)).filter((entry) => entry.path.endsWith(suffix));
	/** An answer lost after Nomad Media acted on the POST to a path ending with `suffix`. */
	const loseAnswer = async (suffix: string) =>
		await sandbox.fault({
			target: 'nomad',
			method: 'POST',
			path: `${suffix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`,
			after: true,
			status: 502,
		});
	const children = async (folderId: string) =>
		await sandbox.sim<Array<{ id: string; displayName: string }>>(
			'nomad',
			'GET',
			`/children/${folderId}`,
		);

	describe('register', () => {
		it('registers a storage object in the folder of its key, sent in RegisterAssetModel field names', async () => {
			const mark = await sandbox.mark();
			const [registered] = await ok(
				sandbox,
				asset('register', {
					bucketName: NOMAD_BUCKET,
					objectKey: '/Incoming/interview-03.mp4',
					options: { tags: 'interview, 2026, interview', startMediaProcessor: true },
				}),
			);
			assert.match(String(registered.id), GUID);
			assert.equal(registered.displayName, 'interview-03.mp4');
			assert.equal(registered.parentId, ids.incomingId);
			assert.equal(registered.assetStatusName, 'Registering');
			assert.equal(registered.assetStatusValue, 5);
			assert.equal(registered.assetTypeName, 'File');
			const [request] = await sent(mark, '/admin/asset/register');
			assert.deepEqual(request.body, {
				bucketName: NOMAD_BUCKET,
				objectKey: 'Incoming/interview-03.mp4',
				tags: ['interview', '2026'],
				startMediaProcessor: true,
			});
			const stored = await simAsset(sandbox, String(registered.id));
			assert.deepEqual(
				(stored.tags as IDataObject[]).map((tag) => tag.description),
				['interview', '2026'],
			);
			assert.deepEqual(
				stored.jobs.map((job) => job.jobType),
				['MediaInfo'],
			);
		});

		it('puts the asset in the Parent Folder ID when one is given', async () => {
			const [registered] = await ok(
				sandbox,
				asset('register', {
					bucketName: NOMAD_BUCKET,
					objectKey: 'drop/broll.mov',
					options: { parentId: ids.folders['Projects'] },
				}),
			);
			assert.equal(registered.parentId, ids.folders['Projects']);
			assert.ok((await children(ids.folders['Projects'])).some((c) => c.id === registered.id));
		});

		it("fails with the DAM's message and 404 for a bucket Nomad Media does not know", async () => {
			const error = await fails(
				sandbox,
				asset('register', { bucketName: 'other-bucket', objectKey: 'a/b.mp4' }),
			);
			assert.match(error.message, /Bucket 'other-bucket' was not found\. \(HTTP 404\)$/);
			assert.equal(error.httpCode, '404');
		});

		it('refuses a folder key, an empty key and a bad Parent Folder ID, naming the parameter, before any request', async () => {
			const mark = await sandbox.mark();
			const folder = await fails(
				sandbox,
				asset('register', { bucketName: NOMAD_BUCKET, objectKey: 'Incoming/' }),
			);
			assert.match(folder.message, /^"Object Key" must name a file, not a folder/);
			const empty = await fails(
				sandbox,
				asset('register', { bucketName: NOMAD_BUCKET, objectKey: '  ' }),
			);
			assert.equal(empty.message, '"Object Key" is required');
			const parent = await fails(
				sandbox,
				asset('register', {
					bucketName: NOMAD_BUCKET,
					objectKey: 'Incoming/x.mp4',
					options: { parentId: 'Incoming' },
				}),
			);
			assert.match(parent.message, /Parent Folder ID/);
			assert.equal((await sandbox.journal('nomad', mark)).length, 0);
		});

		it('is sent once: an answer lost after Nomad Media registered is an error, not a second registration', async () => {
			await loseAnswer('/admin/asset/register');
			const mark = await sandbox.mark();
			const error = await fails(
				sandbox,
				asset('register', { bucketName: NOMAD_BUCKET, objectKey: 'Incoming/late.mp4' }),
			);
			assert.equal(error.httpCode, '502');
			assert.match(
				String(error.description),
				/registered "nomad-sandbox-media\/Incoming\/late\.mp4"/,
			);
			assert.equal((await sent(mark, '/admin/asset/register')).length, 1);
			assert.equal(
				(await children(ids.incomingId)).filter((c) => c.displayName === 'late.mp4').length,
				1,
			);
		});
	});

	describe('getByStorageLocation', () => {
		it('finds a file and a folder (with or without its slash) by bucket and key, with status and type names', async () => {
			const mark = await sandbox.mark();
			const [file] = await ok(
				sandbox,
				asset('getByStorageLocation', {
					bucketName: NOMAD_BUCKET,
					objectKey: 'Projects/logo.png',
				}),
			);
			assert.equal(file.id, logo());
			assert.equal(file.assetStatusName, 'Available');
			assert.equal(file.assetTypeValue, 2);
			assert.doesNotMatch(dump(file), /Signature=/, 'the signed fullUrl lost its signature');
			const [request] = await sent(mark, '/admin/asset');
			assert.deepEqual(request.query, { bucketName: NOMAD_BUCKET, objectKey: 'Projects/logo.png' });
			const [folder] = await ok(
				sandbox,
				asset('getByStorageLocation', { bucketName: NOMAD_BUCKET, objectKey: 'Projects' }),
			);
			assert.equal(folder.id, ids.folders['Projects']);
			assert.equal(folder.assetTypeName, 'Folder');
		});

		it("fails with the DAM's message and 404 when nothing is at that location", async () => {
			const error = await fails(
				sandbox,
				asset('getByStorageLocation', { bucketName: NOMAD_BUCKET, objectKey: 'nope.mp4' }),
			);
			assert.match(error.message, /No asset was found at 'nomad-sandbox-media\/nope\.mp4'\./);
			assert.equal(error.httpCode, '404');
		});

		it('refuses an empty Bucket Name before any request', async () => {
			const mark = await sandbox.mark();
			const error = await fails(
				sandbox,
				// An expression: the editor itself refuses an empty required parameter.
				asset('getByStorageLocation', { bucketName: "={{ '' }}", objectKey: 'Projects/logo.png' }),
			);
			assert.equal(error.message, '"Bucket Name" is required');
			assert.equal((await sandbox.journal('nomad', mark)).length, 0);
		});
	});

	describe('changeLanguage', () => {
		it("sets the language (as the spec's languageId) and starts reprocessing", async () => {
			const mark = await sandbox.mark();
			const [changed] = await ok(
				sandbox,
				asset('changeLanguage', { assetId: byId(video()), languageId: LANGUAGES.German }),
			);
			assert.equal(changed.id, video());
			assert.equal(changed.languageId, LANGUAGES.German);
			assert.equal(changed.assetStatusName, 'Available');
			const [request] = await sent(mark, '/language');
			assert.deepEqual(request.body, { languageId: LANGUAGES.German });
			const stored = await simAsset(sandbox, video());
			assert.equal(stored.languageId, LANGUAGES.German);
			assert.deepEqual(
				stored.jobs.map((job) => job.jobType),
				['Transcribe'],
			);
		});

		it("fails with the DAM's message and status for an unknown language and an unknown asset", async () => {
			const language = await fails(
				sandbox,
				asset('changeLanguage', { assetId: byId(video()), languageId: UNKNOWN }),
			);
			assert.match(
				language.message,
				new RegExp(`Language '${UNKNOWN}' was not found\\. \\(HTTP 400\\)$`),
			);
			assert.equal(language.httpCode, '400');
			const missing = await fails(
				sandbox,
				asset('changeLanguage', { assetId: byId(UNKNOWN), languageId: LANGUAGES.English }),
			);
			assert.equal(missing.httpCode, '404');
			assert.equal((await simAsset(sandbox, video())).languageId, null);
		});

		it('refuses a Language ID that is not a GUID (a language code), naming the parameter', async () => {
			const mark = await sandbox.mark();
			const error = await fails(
				sandbox,
				asset('changeLanguage', { assetId: byId(video()), languageId: 'en-US' }),
			);
			assert.match(error.message, /Language ID/);
			assert.equal((await sandbox.journal('nomad', mark)).length, 0);
		});
	});

	describe('clip', () => {
		it('makes a new clip asset in the output folder, sent in ClipModel field names, tags by name', async () => {
			const mark = await sandbox.mark();
			const [clip] = await ok(
				sandbox,
				asset('clip', {
					assetId: byId(video()),
					startTimeCode: '00:00:10;00',
					endTimeCode: '00:00:25;12',
					options: {
						title: 'Highlight',
						outputFolderId: ids.incomingId,
						tags: 'social, highlight',
					},
				}),
			);
			assert.match(String(clip.id), GUID);
			assert.notEqual(clip.id, video());
			assert.equal(clip.sourceAssetId, video());
			assert.equal(clip.displayName, 'Highlight.mp4');
			assert.equal(clip.parentId, ids.incomingId);
			assert.equal(clip.assetStatusName, 'Clipping');
			assert.equal(clip.assetStatusValue, 19);
			const [request] = await sent(mark, '/clip');
			assert.deepEqual(request.body, {
				startTimeCode: '00:00:10;00',
				endTimeCode: '00:00:25;12',
				title: 'Highlight',
				outputFolderId: ids.incomingId,
				tags: [{ description: 'social' }, { description: 'highlight' }],
			});
			const stored = await simAsset(sandbox, String(clip.id));
			assert.match(
				String(stored.jobs[0].description),
				/^Clip 00:00:10;00-00:00:25;12 of interview-01\.mp4$/,
			);
		});

		it("fails with the DAM's message and 400 for an end before the start, and for an image", async () => {
			const order = await fails(
				sandbox,
				asset('clip', {
					assetId: byId(video()),
					startTimeCode: '00:01:00',
					endTimeCode: '00:00:30',
				}),
			);
			assert.match(
				order.message,
				/The end time code must be after the start time code\. \(HTTP 400\)$/,
			);
			const image = await fails(
				sandbox,
				asset('clip', {
					assetId: byId(logo()),
					startTimeCode: '00:00:01',
					endTimeCode: '00:00:02',
				}),
			);
			assert.match(image.message, /Only video files can be clipped\./);
			assert.equal(image.httpCode, '400');
		});

		it('refuses a time code that is not one and an empty end, naming the parameter, before any request', async () => {
			const mark = await sandbox.mark();
			const bad = await fails(
				sandbox,
				asset('clip', { assetId: byId(video()), startTimeCode: '10s', endTimeCode: '00:00:20' }),
			);
			assert.match(bad.message, /^"Start Time Code" must be a time code \(hh:mm:ss/);
			const empty = await fails(
				sandbox,
				asset('clip', {
					assetId: byId(video()),
					startTimeCode: '00:00:10',
					endTimeCode: "={{ '' }}",
				}),
			);
			assert.equal(empty.message, 'The "End Time Code" parameter is empty');
			assert.equal((await sandbox.journal('nomad', mark)).length, 0);
		});

		it('is sent once: an answer lost after Nomad Media started the clip is an error, not a second clip', async () => {
			await loseAnswer('/clip');
			const before = (await children(ids.folders['Projects/Interviews'])).length;
			const error = await fails(
				sandbox,
				asset('clip', {
					assetId: byId(video()),
					startTimeCode: '00:00:01',
					endTimeCode: '00:00:02',
				}),
			);
			assert.equal(error.httpCode, '502');
			assert.match(String(error.description), /started the clip 00:00:01-00:00:02/);
			assert.equal((await children(ids.folders['Projects/Interviews'])).length, before + 1);
		});
	});

	describe('screenshot', () => {
		it("takes a still at the time code (the spec's timeCode string) and answers its ID", async () => {
			const mark = await sandbox.mark();
			const [shot] = await ok(
				sandbox,
				asset('screenshot', { assetId: byId(video()), timeCode: '00:00:42;10' }),
			);
			assert.match(String(shot.id), GUID);
			assert.equal(shot.assetId, video());
			assert.equal(shot.timeCode, '00:00:42;10');
			const [request] = await sent(mark, '/screenshot');
			assert.deepEqual(request.body, { timeCode: '00:00:42;10' });
			const stored = await simAsset(sandbox, video());
			assert.deepEqual(
				(stored.related as IDataObject[]).map((r) => [r.id, r.title]),
				[[shot.id, 'Screenshot 00:00:42;10']],
			);
		});

		it("fails with the DAM's message and status for an image and an unknown asset", async () => {
			const image = await fails(
				sandbox,
				asset('screenshot', { assetId: byId(logo()), timeCode: '00:00:01' }),
			);
			assert.match(image.message, /Only video files can be screenshotted\. \(HTTP 400\)$/);
			const missing = await fails(
				sandbox,
				asset('screenshot', { assetId: byId(UNKNOWN), timeCode: '00:00:01' }),
			);
			assert.match(missing.message, new RegExp(`Asset '${UNKNOWN}' was not found`));
			assert.equal(missing.httpCode, '404');
		});

		it('refuses milliseconds given as a number, naming the parameter, before any request', async () => {
			const mark = await sandbox.mark();
			const error = await fails(
				sandbox,
				asset('screenshot', { assetId: byId(video()), timeCode: '42000' }),
			);
			assert.match(error.message, /^"Time Code" must be a time code/);
			assert.equal((await sandbox.journal('nomad', mark)).length, 0);
		});
	});

	describe('share', () => {
		const shares = async (assetId: string) =>
			await sandbox.sim<SimShare[]>('nomad', 'GET', `/shares/${assetId}`);

		it('shares with the recipients until the expiry and outputs the link, sent in ShareModel field names', async () => {
			const viewer = ids.users['viewer@example.com'].id;
			const expires = new Date(Date.now() + 7 * 86_400_000).toISOString();
			const mark = await sandbox.mark();
			const [share] = await ok(
				sandbox,
				asset('share', {
					assetId: byId(video()),
					recipientIds: viewer,
					options: { name: 'Press preview', expirationDate: expires },
				}),
			);
			const [stored] = await shares(video());
			assert.equal(share.sharedLink, `${SHARE_HOST}/${stored.id}`);
			assert.equal(share.assetId, video());
			assert.deepEqual(share.recipientIds, [viewer]);
			assert.equal(share.expirationDate, expires);
			assert.deepEqual(stored.nomadUsers, [viewer]);
			assert.equal(stored.expirationDate, expires);
			const [request] = await sent(mark, '/share');
			assert.deepEqual(request.body, {
				assetId: video(),
				nomadUsers: [{ id: viewer }],
				name: 'Press preview',
				expirationDate: expires,
			});
		});

		it('sends a duration in hours instead of an expiry, and refuses both at once', async () => {
			const [share] = await ok(
				sandbox,
				asset('share', { assetId: byId(logo()), options: { sharedDurationInHours: 48 } }),
			);
			assert.equal(share.sharedDurationInHours, 48);
			assert.equal((await shares(logo()))[0].sharedDurationInHours, 48);
			const both = await fails(
				sandbox,
				asset('share', {
					assetId: byId(logo()),
					options: { sharedDurationInHours: 48, expirationDate: '2099-01-01T00:00:00Z' },
				}),
			);
			assert.equal(both.message, 'Set "Expires At" or "Duration (Hours)", not both');
		});

		it("fails with the DAM's message and 400 for an expiry in the past and a recipient who is not a user", async () => {
			const past = await fails(
				sandbox,
				asset('share', {
					assetId: byId(video()),
					options: { expirationDate: '2001-01-01T00:00:00Z' },
				}),
			);
			assert.match(past.message, /The expiration date must be in the future\. \(HTTP 400\)$/);
			assert.equal(past.httpCode, '400');
			const stranger = await fails(
				sandbox,
				asset('share', { assetId: byId(video()), recipientIds: UNKNOWN }),
			);
			assert.match(stranger.message, new RegExp(`User '${UNKNOWN}' was not found`));
			assert.deepEqual(await shares(video()), []);
		});

		it('is sent once: an answer lost after Nomad Media shared is an error, not a second share', async () => {
			await loseAnswer('/share');
			const error = await fails(sandbox, asset('share', { assetId: byId(video()) }));
			assert.equal(error.httpCode, '502');
			assert.match(String(error.description), /created the share/);
			assert.equal((await shares(video())).length, 1);
		});

		it('refuses a recipient that is not a user ID (an e-mail address), naming the parameter', async () => {
			const mark = await sandbox.mark();
			const error = await fails(
				sandbox,
				asset('share', { assetId: byId(video()), recipientIds: 'ada@example.com' }),
			);
			assert.match(
				error.message,
				/^"Recipient User IDs" contains a value that is not a Nomad Media ID/,
			);
			assert.equal((await sandbox.journal('nomad', mark)).length, 0);
		});
	});

	describe('generateImage', () => {
		it('generates a new image beside the source and outputs it, its URL without the signature', async () => {
			const mark = await sandbox.mark();
			const [image] = await ok(
				sandbox,
				asset('generateImage', {
					assetId: byId(logo()),
					prompt: 'The logo in neon',
					options: { negativePrompt: 'text', variation: true },
				}),
			);
			assert.match(String(image.id), GUID);
			assert.equal(image.sourceAssetId, logo());
			assert.equal(image.parentId, ids.folders['Projects']);
			assert.equal(image.assetStatusName, 'Creating');
			assert.match(
				String(image.imageUrl),
				/^https:\/\/cdn\.nomad-sandbox\.test\/Projects\/generated-image\.png/,
			);
			assert.doesNotMatch(dump(image), /Signature=|Key-Pair-Id=/);
			const [request] = await sent(mark, '/generate-image');
			assert.deepEqual(request.body, {
				assetId: logo(),
				prompt: 'The logo in neon',
				negativePrompt: 'text',
				variation: true,
			});
		});

		it("fails with the DAM's message and 404 for an unknown asset; refuses an empty prompt before any request", async () => {
			const error = await fails(
				sandbox,
				asset('generateImage', { assetId: byId(UNKNOWN), prompt: 'x' }),
			);
			assert.match(
				error.message,
				new RegExp(`Asset '${UNKNOWN}' was not found\\. \\(HTTP 404\\)$`),
			);
			const mark = await sandbox.mark();
			const empty = await fails(
				sandbox,
				asset('generateImage', { assetId: byId(logo()), prompt: ' ' }),
			);
			assert.equal(empty.message, 'The "Prompt" parameter is empty');
			assert.equal((await sandbox.journal('nomad', mark)).length, 0);
		});

		it('is sent once: an answer lost after Nomad Media generated is an error, not a second image', async () => {
			await loseAnswer('/generate-image');
			const error = await fails(
				sandbox,
				asset('generateImage', { assetId: byId(logo()), prompt: 'Once' }),
			);
			assert.equal(error.httpCode, '502');
			assert.match(String(error.description), /generated the image/);
			assert.equal(
				(await children(ids.folders['Projects'])).filter((c) =>
					c.displayName.startsWith('generated-image'),
				).length,
				1,
			);
		});
	});

	describe('localRestore and localRestoreMany', () => {
		const restores = async (assetId: string) =>
			await sandbox.sim<SimLocalRestore[]>('nomad', 'GET', `/local-restores/${assetId}`);

		it('localRestore: one asset to the profiles, by its own route', async () => {
			const mark = await sandbox.mark();
			const [item] = await ok(
				sandbox,
				asset('localRestore', {
					assetId: byId(video()),
					restoreProfileNames: `${RESTORE_PROFILES[0]}, ${RESTORE_PROFILES[0]}`,
				}),
			);
			const [stored] = await restores(video());
			assert.deepEqual(item, {
				id: stored.id,
				assetId: video(),
				restoreProfileNames: [RESTORE_PROFILES[0]],
			});
			assert.equal(stored.route, 'one');
			const [request] = await sent(mark, '/localRestore');
			assert.deepEqual(request.body, { restoreProfileNames: [RESTORE_PROFILES[0]] });
		});

		it('localRestoreMany: several assets in one request, one item with the IDs Nomad Media answered', async () => {
			const mark = await sandbox.mark();
			const [item] = await ok(
				sandbox,
				asset('localRestoreMany', {
					assetIds: `${video()}\n${logo()}`,
					restoreProfileNames: RESTORE_PROFILES.join(','),
				}),
			);
			assert.deepEqual(item.sourceAssetIds, [video(), logo()]);
			assert.deepEqual(item.restoreProfileNames, RESTORE_PROFILES);
			const stored = [...(await restores(video())), ...(await restores(logo()))];
			assert.deepEqual(
				item.ids,
				stored.map((entry) => entry.id),
			);
			assert.ok(stored.every((entry) => entry.route === 'many'));
			const requests = await sent(mark, '/local-restore');
			assert.equal(requests.length, 1);
			assert.deepEqual(requests[0].body, {
				sourceAssetIds: [video(), logo()],
				restoreProfileNames: RESTORE_PROFILES,
			});
		});

		it("fails with the DAM's message and status for an unknown profile and an unknown asset", async () => {
			const profile = await fails(
				sandbox,
				asset('localRestore', { assetId: byId(video()), restoreProfileNames: 'Tape Robot' }),
			);
			assert.match(profile.message, /Restore profile 'Tape Robot' was not found\. \(HTTP 400\)$/);
			const missing = await fails(
				sandbox,
				asset('localRestoreMany', {
					assetIds: `${video()}, ${UNKNOWN}`,
					restoreProfileNames: RESTORE_PROFILES[1],
				}),
			);
			assert.equal(missing.httpCode, '404');
			assert.deepEqual(await restores(video()), []);
		});

		it('refuses no profile names and an ID list with a non-ID, naming the parameter, before any request', async () => {
			const mark = await sandbox.mark();
			const none = await fails(
				sandbox,
				asset('localRestore', { assetId: byId(video()), restoreProfileNames: ' , ' }),
			);
			assert.equal(none.message, '"Restore Profile Names" needs at least one name');
			const bad = await fails(
				sandbox,
				asset('localRestoreMany', { assetIds: `${video()}, logo.png`, restoreProfileNames: 'x' }),
			);
			assert.match(
				bad.message,
				/^"Asset IDs" contains a value that is not a Nomad Media ID: logo\.png/,
			);
			assert.equal((await sandbox.journal('nomad', mark)).length, 0);
		});

		it('continues on fail: an error item for the bad asset, the restore for the good one', async () => {
			const result = await run(
				sandbox,
				asset('localRestore', {
					assetId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
					restoreProfileNames: RESTORE_PROFILES[0],
				}),
				{ continueOnFail: true, input: [{ json: { id: UNKNOWN } }, { json: { id: video() } }] },
			);
			assert.equal(result.error, undefined);
			const [bad, good] = result.output('Nomad');
			assert.match(String(bad.json.error), /was not found/);
			assert.equal(good.json.assetId, video());
			assert.equal((await restores(video())).length, 1);
		});
	});

	describe('one workflow per operation (test/workflows/nomad)', () => {
		const workflow = async (name: string, tokens: Record<string, string> = {}) => {
			const result = await runWorkflowFile(sandbox, `nomad/${name}.json`, {
				FILE_ID: logo(),
				VIDEO_ID: video(),
				FOLDER_ID: ids.folders['Projects'],
				BUCKET_NAME: NOMAD_BUCKET,
				LANGUAGE_ID: LANGUAGES.French,
				USER_ID: ids.users['viewer@example.com'].id,
				...tokens,
			});
			assert.equal(result.error, undefined, result.error?.message);
			return result
				.output(result.run.data.resultData.lastNodeExecuted!)
				.map((item: INodeExecutionData) => item.json);
		};

		it('register, then getByStorageLocation finds the registered asset', async () => {
			const [registered] = await workflow('asset.register');
			assert.equal(registered.displayName, 'interview-03.mp4');
			const [found] = await workflow('asset.getByStorageLocation');
			assert.equal(found.id, registered.id);
		});

		it('changeLanguage, clip, screenshot', async () => {
			const [changed] = await workflow('asset.changeLanguage');
			assert.equal(changed.languageId, LANGUAGES.French);
			const [clip] = await workflow('asset.clip');
			assert.equal(clip.sourceAssetId, video());
			assert.equal(clip.assetStatusName, 'Clipping');
			const [shot] = await workflow('asset.screenshot');
			assert.equal(shot.assetId, video());
		});

		it('share, generateImage, localRestore, localRestoreMany', async () => {
			const [share] = await workflow('asset.share');
			assert.match(String(share.sharedLink), new RegExp(`^${SHARE_HOST}/`));
			const [image] = await workflow('asset.generateImage');
			assert.equal(image.sourceAssetId, logo());
			const [one] = await workflow('asset.localRestore');
			assert.match(String(one.id), GUID);
			const [many] = await workflow('asset.localRestoreMany');
			assert.equal((many.ids as string[]).length, 2);
		});
	});
});
