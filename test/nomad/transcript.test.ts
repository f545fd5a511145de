import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { binaryBytes } from '../harness/engine';
import { Sandbox } from '../harness/sandbox';
import { byId, fails, ok, run, seed, type Seed } from './helpers';

const UNKNOWN = '0f8fad5b-d9cb-469f-a165-70867728950e';

const WORDS = [
	{ value: 'Welcome', startMs: 0, endMs: 600, confidence: 0.97, speakerName: 'Ada' },
	{ value: 'to', startMs: 600, endMs: 800 },
	{ value: 'Nomad', startMs: 800, endMs: 1500 },
];

describe('Nomad Media transcripts and subtitles through the engine', () => {
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
	/** Gives the video a transcript (a related asset) with `words`; its ID. */
	const transcribe = async (words: unknown[] = WORDS): Promise<string> =>
		(
			await sandbox.sim<{ transcriptId: string }>(
				'nomad',
				'POST',
				`/assets/${video()}/transcript`,
				{
					words,
				},
			)
		).transcriptId;
	const getWords = async () =>
		(
			await ok(sandbox, { resource: 'transcript', operation: 'getWords', assetId: byId(video()) })
		)[0];
	const exportSubtitle = (relatedAssetId: string, extra: IDataObject = {}) => ({
		resource: 'transcript',
		operation: 'exportSubtitle',
		assetId: byId(video()),
		relatedAssetId,
		...extra,
	});

	describe('getWords', () => {
		it('gives the words with their timings, their number and the whole text in one item', async () => {
			await transcribe();
			const item = await getWords();
			assert.equal(item.assetId, video());
			assert.equal(item.wordCount, 3);
			assert.equal(item.text, 'Welcome to Nomad');
			assert.equal((item.language as IDataObject).iso2, 'en');
			const [first] = item.words as IDataObject[];
			assert.deepEqual(first, {
				startTime: '00:00:00.0000000',
				endTime: '00:00:00.6000000',
				value: 'Welcome',
				speakerLabel: null,
				speakerName: 'Ada',
				confidence: 0.97,
			});
		});

		it('gives no words for a file without a transcript, and fails with the DAM’s 404 for an unknown asset', async () => {
			const none = await getWords();
			assert.deepEqual([none.wordCount, none.text, none.words, none.language], [0, '', [], null]);
			const error = await fails(sandbox, {
				resource: 'transcript',
				operation: 'getWords',
				assetId: byId(UNKNOWN),
			});
			assert.match(
				error.message,
				new RegExp(`Asset '${UNKNOWN}' was not found\\. \\(HTTP 404\\)$`),
			);
			assert.equal(error.httpCode, '404');
		});
	});

	describe('update', () => {
		it("replaces the words, sent in the spec's field names; Get Words' own output is accepted as it is", async () => {
			const transcriptId = await transcribe();
			const before = await getWords();
			const edited = (before.words as IDataObject[]).map((word, index) =>
				index === 2 ? { ...word, value: 'Nomad Media' } : word,
			);
			const mark = await sandbox.mark();
			const [updated] = await ok(sandbox, {
				resource: 'transcript',
				operation: 'update',
				assetId: byId(video()),
				transcriptId,
				words: JSON.stringify([...edited, { startTimeCode: '00:00:02;15', text: 'Thanks' }]),
			});
			assert.deepEqual(updated, {
				id: transcriptId,
				assetId: video(),
				transcriptId,
				wordCount: 4,
				updated: true,
			});
			const [sent] = (await sandbox.journal('nomad', mark)).filter((e) =>
				e.path.includes('/transcript/'),
			);
			assert.deepEqual(sent.body, [
				{ startTimeCode: '00:00:00.000', content: 'Welcome' },
				{ startTimeCode: '00:00:00.600', content: 'to' },
				{ startTimeCode: '00:00:00.800', content: 'Nomad Media' },
				{ startTimeCode: '00:00:02;15', content: 'Thanks' },
			]);
			const after = await getWords();
			assert.equal(after.text, 'Welcome to Nomad Media Thanks');
			assert.equal((after.words as IDataObject[])[3].startTime, '00:00:02.5000000');
		});

		it('refuses an entry without a start, with a bad time code or an unknown field, naming the parameter and entry, before any request', async () => {
			const transcriptId = await transcribe();
			const attempt = async (words: string) =>
				await fails(sandbox, {
					resource: 'transcript',
					operation: 'update',
					assetId: byId(video()),
					transcriptId,
					words,
				});
			const mark = await sandbox.mark();
			assert.match(
				(await attempt('[{ "content": "x" }]')).message,
				/^"Words" entry 1 has no startTimeCode$/,
			);
			assert.match(
				(
					await attempt(
						'[{ "startTimeCode": "00:00:01", "content": "a" }, { "start": "1s", "text": "b" }]',
					)
				).message,
				/^"Words" entry 2: startTimeCode must be a time code \(hh:mm:ss/,
			);
			assert.match(
				(await attempt('[{ "startTimeCode": "00:00:01", "word": "a" }]')).message,
				/^"Words" entry 1 has an unknown field "word"$/,
			);
			assert.match((await attempt('[]')).message, /^"Words" needs a non-empty JSON array$/);
			assert.equal((await sandbox.journal('nomad', mark)).length, 0);
		});

		it("fails with the DAM's 404 for an unknown transcript, and is sent once when the answer is lost", async () => {
			await transcribe();
			const unknown = await fails(sandbox, {
				resource: 'transcript',
				operation: 'update',
				assetId: byId(video()),
				transcriptId: UNKNOWN,
				words: '[{ "startTimeCode": "00:00:01", "content": "x" }]',
			});
			assert.match(
				unknown.message,
				new RegExp(`Transcript '${UNKNOWN}' was not found on this asset\\. \\(HTTP 404\\)$`),
			);
			const transcriptId = await transcribe();
			await sandbox.fault({
				target: 'nomad',
				method: 'POST',
				path: '/transcript/',
				after: true,
				status: 502,
			});
			const mark = await sandbox.mark();
			const lost = await fails(sandbox, {
				resource: 'transcript',
				operation: 'update',
				assetId: byId(video()),
				transcriptId,
				words: '[{ "startTimeCode": "00:00:01", "content": "x" }]',
			});
			assert.equal(lost.httpCode, '502');
			assert.match(String(lost.description), /updated the transcript/);
			assert.equal(
				(await sandbox.journal('nomad', mark)).filter((e) => e.path.includes('/transcript/'))
					.length,
				1,
				'sent once',
			);
		});
	});

	describe('exportSubtitle', () => {
		it('streams an SRT file into the binary field, named as Nomad Media names it, with the spec’s format number sent', async () => {
			const relatedAssetId = await transcribe();
			const mark = await sandbox.mark();
			const result = await run(
				sandbox,
				exportSubtitle(relatedAssetId, { binaryPropertyName: 'subtitle' }),
			);
			assert.equal(result.error, undefined, result.error?.message);
			const [item] = result.output('Nomad');
			const binary = item.binary!.subtitle;
			assert.equal(binary.fileName, 'interview-01.srt');
			assert.equal(binary.mimeType, 'application/x-subrip');
			assert.ok(binary.id, 'kept by the binary store, not inline');
			assert.equal(
				(await binaryBytes(binary)).toString(),
				'1\n00:00:00,000 --> 00:00:00,600\nWelcome\n\n2\n00:00:00,600 --> 00:00:00,800\nto\n\n3\n00:00:00,800 --> 00:00:01,500\nNomad\n',
			);
			assert.deepEqual(item.json, {
				assetId: video(),
				relatedAssetId,
				exportFormat: 'SRT',
				fileName: 'interview-01.srt',
				mimeType: 'application/x-subrip',
				fileSize: binary.fileSize ?? null,
			});
			const [sent] = (await sandbox.journal('nomad', mark)).filter((e) =>
				e.path.endsWith('/export'),
			);
			assert.deepEqual(sent.body, { exportFormat: 2 });
		});

		it('exports VTT, Text and DocX with their extensions and MIME types, and the options in the body', async () => {
			const relatedAssetId = await transcribe();
			const mark = await sandbox.mark();
			const vtt = await run(
				sandbox,
				exportSubtitle(relatedAssetId, {
					exportFormat: 'VTT',
					options: { showSpeakers: true, fileName: 'captions' },
				}),
			);
			const vttFile = vtt.output('Nomad')[0].binary!.data;
			assert.equal(vttFile.fileName, 'captions.vtt', 'the extension added to a name without one');
			assert.equal(vttFile.mimeType, 'text/vtt');
			assert.match(
				(await binaryBytes(vttFile)).toString(),
				/^WEBVTT\n\n00:00:00\.000 --> 00:00:00\.600\nWelcome\n/,
			);

			const text = (
				await run(sandbox, exportSubtitle(relatedAssetId, { exportFormat: 'Text' }))
			).output('Nomad')[0].binary!.data;
			assert.equal(text.fileName, 'interview-01.txt');
			assert.equal(text.mimeType, 'text/plain');
			assert.equal((await binaryBytes(text)).toString(), 'Welcome to Nomad\n');

			const docx = (
				await run(
					sandbox,
					exportSubtitle(relatedAssetId, {
						exportFormat: 'DocX',
						options: { showTimestamps: true },
					}),
				)
			).output('Nomad')[0].binary!.data;
			assert.equal(docx.fileName, 'interview-01.docx');
			assert.equal(
				docx.mimeType,
				'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			);
			assert.equal((await binaryBytes(docx)).subarray(0, 4).toString('hex'), '504b0304');

			const bodies = (await sandbox.journal('nomad', mark))
				.filter((e) => e.path.endsWith('/export'))
				.map((e) => e.body);
			assert.deepEqual(bodies, [
				{ exportFormat: 3, showSpeakers: true },
				{ exportFormat: 1 },
				{ exportFormat: 0, showTimestamps: true },
			]);
		});

		it('names the file after the related asset with the format’s type when Nomad Media sends no name or type', async () => {
			const relatedAssetId = await transcribe();
			await sandbox.fault({
				target: 'nomad',
				method: 'POST',
				path: '/export$',
				status: 200,
				headers: { 'Content-Type': 'application/octet-stream' },
				body: 'WEBVTT\n',
			});
			const result = await run(sandbox, exportSubtitle(relatedAssetId, { exportFormat: 'VTT' }));
			const binary = result.output('Nomad')[0].binary!.data;
			assert.equal(binary.fileName, `${relatedAssetId}.vtt`);
			assert.equal(binary.mimeType, 'text/vtt');
		});

		it("fails with the DAM's 404 for an unknown related asset, says so for a transcript without words (204), and refuses a bad format", async () => {
			const unknown = await fails(sandbox, exportSubtitle(UNKNOWN));
			assert.equal(unknown.httpCode, '404');
			assert.match(unknown.message, /Transcript '.*' was not found on this asset\. \(HTTP 404\)$/);
			const empty = await fails(sandbox, exportSubtitle(await transcribe([])));
			assert.match(
				empty.message,
				/^Nomad Media has nothing to export: the transcript has no words/,
			);
			const mark = await sandbox.mark();
			const bad = await fails(
				sandbox,
				exportSubtitle(await transcribe(), { exportFormat: '={{ "PDF" }}' }),
			);
			assert.match(bad.message, /^"Export Format" must be one of DocX, Text, SRT, VTT, got "PDF"$/);
			assert.equal(
				(await sandbox.journal('nomad', mark)).filter((e) => e.path.endsWith('/export')).length,
				0,
			);
		});
	});
});
