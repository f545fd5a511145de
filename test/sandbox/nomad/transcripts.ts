import { crc32 } from 'zlib';

import { HttpError, type Router, type SimRequest } from '../core/http';
import { authenticate, field, routeGuid, timeCodeField, type NomadContext } from './context';
import { guid, problem, validationProblem, type SimAsset } from './model';

/** A transcribed word: where it is (ms) and what was said. */
interface Word {
	startMs: number;
	endMs: number;
	value: string;
	confidence: number | null;
	speakerName: string | null;
}

/** [G] A transcript: a related asset of the file (its id is the transcript's) with its words. */
interface Transcript {
	id: string;
	languageId: string;
	words: Word[];
}

/** The transcripts of each file, kept with the asset object (a reset starts over). */
const transcripts = new WeakMap<SimAsset, Transcript[]>();

const transcriptsOf = (asset: SimAsset): Transcript[] => transcripts.get(asset) ?? [];

/** English, as Nomad Media's LanguageModel names it. */
const ENGLISH = {
	id: 'c66131cd-27fc-4f83-9b89-b57575ac0ed8',
	title: 'English',
	translatedTitle: 'English',
	iso2: 'en',
	iso3: 'eng',
	iso5: 'en-US',
	score: null,
};

/** TranscriptionContainerOutputTypes by number (the OpenAPI document's order), with what they are. */
const FORMATS = [
	{
		name: 'DocX',
		ext: 'docx',
		type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	},
	{ name: 'Text', ext: 'txt', type: 'text/plain; charset=utf-8' },
	{ name: 'SRT', ext: 'srt', type: 'application/x-subrip' },
	{ name: 'VTT', ext: 'vtt', type: 'text/vtt; charset=utf-8' },
];

/** A TimeSpan as System.Text.Json writes it: `00:00:01.5000000`. */
function timeSpan(ms: number): string {
	const pad = (value: number, size = 2) => String(value).padStart(size, '0');
	const seconds = Math.floor(ms / 1000);
	return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}.${pad(ms % 1000, 3)}0000`;
}

/** [G] A time code in ms: frames at 30 per second, `.mmm` as milliseconds. */
function timeCodeMs(code: string): number {
	const [, hh, mm, ss, sep, rest] = /^(\d{2}):(\d{2}):(\d{2})(?:([:;.])(\d+))?$/.exec(code)!;
	const base = (Number(hh) * 3600 + Number(mm) * 60 + Number(ss)) * 1000;
	if (!rest) return base;
	return (
		base + (sep === '.' ? Number(rest.padEnd(3, '0')) : Math.round((Number(rest) * 1000) / 30))
	);
}

function cueTime(ms: number, separator: ',' | '.'): string {
	const span = timeSpan(ms);
	return `${span.slice(0, 8)}${separator}${span.slice(9, 12)}`;
}

/** The subtitle file of `words` in a format: text, or a Word document for DocX. */
function render(words: Word[], format: (typeof FORMATS)[number]['name']): Buffer {
	if (format === 'SRT')
		return Buffer.from(
			words
				.map(
					(word, index) =>
						`${index + 1}\n${cueTime(word.startMs, ',')} --> ${cueTime(word.endMs, ',')}\n${word.value}\n`,
				)
				.join('\n'),
		);
	if (format === 'VTT')
		return Buffer.from(
			`WEBVTT\n\n${words.map((word) => `${cueTime(word.startMs, '.')} --> ${cueTime(word.endMs, '.')}\n${word.value}\n`).join('\n')}`,
		);
	const text = words.map((word) => word.value).join(' ');
	if (format === 'Text') return Buffer.from(`${text}\n`);
	return docx(text);
}

/** [G] A minimal Word document (the three parts Word needs, stored in a zip without compression). */
function docx(text: string): Buffer {
	const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	const main = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
	const files: Array<[string, string]> = [
		[
			'[Content_Types].xml',
			`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${main}"/></Types>`,
		],
		[
			'_rels/.rels',
			'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
		],
		[
			'word/document.xml',
			`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${escaped}</w:t></w:r></w:p></w:body></w:document>`,
		],
	];
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const [name, content] of files) {
		const data = Buffer.from(content);
		const nameBytes = Buffer.from(name);
		const header = (signature: number, central: boolean) => {
			const head = Buffer.alloc(central ? 46 : 30);
			let at = 0;
			const u32 = (value: number) => (at = head.writeUInt32LE(value >>> 0, at));
			const u16 = (value: number) => (at = head.writeUInt16LE(value, at));
			u32(signature);
			if (central) u16(20);
			u16(20); // version needed
			u16(0); // flags
			u16(0); // stored
			u16(0); // time
			u16(0x21); // date: 1980-01-01
			u32(crc32(data));
			u32(data.length);
			u32(data.length);
			u16(nameBytes.length);
			u16(0); // extra
			if (central) {
				u16(0); // comment
				u16(0); // disk
				u16(0); // internal attributes
				u32(0); // external attributes
				u32(offset);
			}
			return Buffer.concat([head, nameBytes]);
		};
		const local = Buffer.concat([header(0x04034b50, false), data]);
		centrals.push(header(0x02014b50, true));
		locals.push(local);
		offset += local.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(files.length, 8);
	end.writeUInt16LE(files.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

/**
 * Transcripts and subtitles (`/api/admin/asset/{id}/transcription-words`,
 * `/api/asset/{assetId}/transcript/{transcriptId}`, `/api/asset/{id}/subtitle/{relatedAssetId}/export`).
 * A transcript is a related asset of the file (type Subtitle), made with the control route
 * POST /sims/nomad/assets/:id/transcript. [G] A file without a transcript has no words (language
 * null); an update replaces the words with one per entry (its content), each ending where the next
 * starts (the last one a second later); an export without words answers 204; the exported file is
 * named after the asset with the format's extension (Content-Disposition).
 */
export function registerTranscriptRoutes(router: Router, ctx: NomadContext): void {
	const { state } = ctx;

	const assetOf = (req: SimRequest, name: string): SimAsset => {
		authenticate(ctx, req);
		const id = routeGuid(req, name);
		const asset = state.find(id);
		if (!asset) throw problem(404, `Asset '${id}' was not found.`, req.path);
		return asset;
	};

	const transcriptOf = (asset: SimAsset, req: SimRequest, name: string): Transcript => {
		const id = routeGuid(req, name);
		// A deleted related asset takes its transcript with it.
		const found = transcriptsOf(asset).find(
			(entry) => entry.id === id && asset.related.some((related) => related.id === id),
		);
		if (!found) throw problem(404, `Transcript '${id}' was not found on this asset.`, req.path);
		return found;
	};

	router
		.get('/api/admin/asset/:id/transcription-words', (req) => {
			const [transcript] = transcriptsOf(assetOf(req, 'id'));
			return {
				body: {
					language: transcript ? ENGLISH : null,
					words: (transcript?.words ?? []).map((word) => ({
						startTime: timeSpan(word.startMs),
						endTime: timeSpan(word.endMs),
						value: word.value,
						speakerLabel: null,
						speakerName: word.speakerName,
						confidence: word.confidence,
					})),
				},
			};
		})
		.post('/api/asset/:assetId/transcript/:transcriptId', async (req) => {
			const asset = assetOf(req, 'assetId');
			const transcript = transcriptOf(asset, req, 'transcriptId');
			const body = await req.json();
			if (!Array.isArray(body))
				throw validationProblem(
					{ $: ['The JSON value could not be converted to System.Collections.Generic.List`1.'] },
					req.path,
				);
			const entries = body.map((entry: unknown, index: number) => {
				if (!entry || typeof entry !== 'object' || Array.isArray(entry))
					throw validationProblem(
						{
							[`$[${index}]`]: ['The JSON value could not be converted to UpdateTranscriptModel.'],
						},
						req.path,
					);
				const start = timeCodeField(entry as Record<string, any>, 'startTimeCode', req.path);
				const content = field(entry as Record<string, any>, 'content');
				if (!start || typeof content !== 'string' || !content.trim())
					throw validationProblem(
						{ [`$[${index}]`]: ['A transcript entry needs a startTimeCode and a content.'] },
						req.path,
					);
				return { startMs: timeCodeMs(start), value: content.trim() };
			});
			transcript.words = entries.map((entry, index) => ({
				...entry,
				endMs: entries[index + 1]?.startMs ?? entry.startMs + 1000,
				confidence: null,
				speakerName: null,
			}));
			asset.lastModifiedDate = state.now();
			return { body: { id: transcript.id } };
		})
		.post('/api/asset/:id/subtitle/:relatedAssetId/export', async (req) => {
			const asset = assetOf(req, 'id');
			const transcript = transcriptOf(asset, req, 'relatedAssetId');
			const raw = await req.body();
			const body = raw.length ? await req.json() : {};
			if (!body || typeof body !== 'object' || Array.isArray(body))
				throw validationProblem(
					{ $: ['The JSON value could not be converted to RenderSubtitlesModel.'] },
					req.path,
				);
			// An int enum: absent is 0 (DocX), as System.Text.Json binds it.
			const value = field(body, 'exportFormat') ?? 0;
			const format =
				typeof value === 'number'
					? FORMATS[value]
					: FORMATS.find((entry) => entry.name.toLowerCase() === String(value).toLowerCase());
			if (!format)
				throw validationProblem(
					{
						'$.exportFormat': [
							`The JSON value could not be converted to TranscriptionContainerOutputTypes.`,
						],
					},
					req.path,
				);
			if (!transcript.words.length) return { status: 204 };
			const file = render(transcript.words, format.name);
			const base = asset.displayName.replace(/\.[^.]+$/, '');
			return {
				headers: {
					'Content-Type': format.type,
					'Content-Disposition': `attachment; filename="${base}.${format.ext}"`,
					'Content-Length': file.length,
				},
				body: file,
			};
		});
}

/**
 * Control route (under /sims/nomad): POST /assets/:id/transcript { words?: [{ value, startMs,
 * endMs?, confidence?, speakerName? }] } gives a file a transcript (a related asset of type
 * Subtitle, listed by the asset detail) and answers its id.
 */
export function registerTranscriptControl(control: Router, ctx: NomadContext): void {
	const { state } = ctx;
	control.post('/assets/:id/transcript', async (req) => {
		const asset = state.find(req.params.id);
		if (!asset || asset.assetType !== 'File')
			throw new HttpError(404, { message: 'No such file asset' });
		const body = (await req.json()) as { words?: Array<Partial<Word>> };
		const words = (body.words ?? [{ value: 'Hello', startMs: 0 }]).map((word, index, all) => ({
			value: String(word.value),
			startMs: Number(word.startMs ?? 0),
			endMs: Number(word.endMs ?? all[index + 1]?.startMs ?? Number(word.startMs ?? 0) + 500),
			confidence: word.confidence ?? 0.99,
			speakerName: word.speakerName ?? null,
		}));
		const transcript: Transcript = { id: guid(), languageId: ENGLISH.id, words };
		transcripts.set(asset, [...transcriptsOf(asset), transcript]);
		const base = asset.displayName.replace(/\.[^.]+$/, '');
		asset.related.push({
			id: transcript.id,
			metadataTypeId: state.relatedTypes.Subtitle,
			title: `${base}.en.vtt`,
			contentLength: 0,
			languageId: ENGLISH.id,
			s3Key: `transcripts/${asset.id}/${transcript.id}.vtt`,
			createdDate: state.now(),
			uploadId: guid(),
		});
		return { status: 201, body: { transcriptId: transcript.id } };
	});
}
