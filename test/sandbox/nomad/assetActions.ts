import type { Router, SimRequest } from '../core/http';
import {
	authenticate,
	field,
	guidList,
	objectBody,
	routeGuid,
	timeCodeField,
	type NomadContext,
} from './context';
import { GUID, guid, problem, validationProblem, type SimAsset } from './model';
import { NOMAD_BUCKET, type NomadState } from './state';

/**
 * The asset actions beyond create / update / archive: register a storage object, find an asset by
 * its storage location, change its language, clip, screenshot, share, generate an image and local
 * restore. Bodies are read in the field names of Nomad Media's OpenAPI document (RegisterAssetModel,
 * ChangeAssetLanguageModel, ClipModel, ScreenshotModel, ShareModel, GenerateImageModel,
 * LocalRestoreModel), in any case as ASP.NET binds them.
 *
 * Registered before the asset routes: `POST /api/admin/asset/register` must not be taken for the
 * batch action `register`.
 */

/** [G] The languages the simulator knows (Nomad Media's language lookups are GUIDs). */
export const LANGUAGES: Record<string, string> = {
	English: '6f1c3a52-0d7e-4c4b-9a3e-1b2c3d4e5f60',
	German: '6f1c3a52-0d7e-4c4b-9a3e-1b2c3d4e5f61',
	French: '6f1c3a52-0d7e-4c4b-9a3e-1b2c3d4e5f62',
};

/** [G] The on-premises restore profiles configured in the simulator. */
export const RESTORE_PROFILES = ['Studio NAS', 'Archive SAN'];

/** [G] Where a share link points (the portal's share page). */
export const SHARE_HOST = 'https://portal.nomad-sandbox.test/share';

/** What the simulator keeps of a share (ShareModel, reduced). */
export interface SimShare {
	id: string;
	assetId: string;
	name: string | null;
	nomadUsers: string[];
	expirationDate: string | null;
	sharedDurationInHours: number | null;
	sharedLink: string;
	/** Every body field as received, to prove what the node did (and did not) send. */
	received: Record<string, unknown>;
}

/** A local restore as the simulator recorded it. */
export interface SimLocalRestore {
	id: string;
	assetId: string;
	profile: string;
	route: 'many' | 'one';
}

/** Shares and local restores of each asset; the assets are new objects after a reset, so these go with them. */
const shares = new WeakMap<SimAsset, SimShare[]>();
const restores = new WeakMap<SimAsset, SimLocalRestore[]>();

export function registerAssetActionRoutes(router: Router, ctx: NomadContext): void {
	const { state } = ctx;

	const assetOr404 = (id: string, req: SimRequest): SimAsset => {
		const asset = state.find(id);
		if (!asset) throw problem(404, `Asset '${id}' was not found.`, req.path);
		return asset;
	};
	const routeAsset = (req: SimRequest, name: string): SimAsset => {
		authenticate(ctx, req);
		return assetOr404(routeGuid(req, name), req);
	};
	/** [G] Clips and screenshots are taken of video files only. */
	const videoOf = (asset: SimAsset, what: string, req: SimRequest): SimAsset => {
		if (asset.assetType !== 'File' || asset.mediaType !== 'Video')
			throw problem(400, `Only video files can be ${what}.`, req.path);
		return asset;
	};
	const optionalGuid = (body: Record<string, any>, name: string, req: SimRequest) => {
		const value = field(body, name);
		if (value === undefined || value === null) return null;
		if (typeof value !== 'string' || !GUID.test(value))
			throw validationProblem(
				{
					[`$.${name}`]: [
						'The JSON value could not be converted to System.Nullable`1[System.Guid].',
					],
				},
				req.path,
			);
		return value.toLowerCase();
	};
	const folderOr404 = (id: string, req: SimRequest): SimAsset => {
		const folder = state.find(id);
		if (!folder || !state.isContainer(folder))
			throw problem(404, `Folder '${id}' was not found.`, req.path);
		return folder;
	};
	/** The asset at a storage location: folders match with or without their trailing slash. */
	const atLocation = (bucketName: string, objectKey: string): SimAsset | undefined => {
		const key = objectKey.replace(/^\/+/, '');
		return [...state.assets.values()].find(
			(asset) =>
				!asset.deleted &&
				asset.assetType !== 'Bucket' &&
				asset.bucketName === bucketName &&
				(state.objectKey(asset) === key || state.objectKey(asset) === `${key}/`),
		);
	};
	/** A new file beside (or in `parentId`), with a processing status that settles on Available. */
	const newFile = (
		parentId: string,
		displayName: string,
		source: SimAsset | undefined,
		status: string,
	) => {
		const file = state.createAsset({
			parentId,
			assetType: 'File',
			displayName,
			contentLength: source?.contentLength ?? 0,
			mediaType: source?.mediaType ?? undefined,
		});
		state.schedule(file, status, ['Available']);
		return file;
	};
	/** A display name not yet used in the folder: `name (2).ext` and so on. */
	const freeName = (parentId: string, wanted: string): string => {
		const taken = new Set(state.children(parentId).map((child) => child.displayName.toLowerCase()));
		if (!taken.has(wanted.toLowerCase())) return wanted;
		const dot = wanted.lastIndexOf('.');
		const [base, ext] = dot > 0 ? [wanted.slice(0, dot), wanted.slice(dot)] : [wanted, ''];
		for (let n = 2; ; n++)
			if (!taken.has(`${base} (${n})${ext}`.toLowerCase())) return `${base} (${n})${ext}`;
	};

	router
		.post('/api/admin/asset/register', async (req) => {
			authenticate(ctx, req);
			const body = await objectBody(req);
			const bucketName = field(body, 'bucketName');
			const objectKey = field(body, 'objectKey');
			const missing: Record<string, string[]> = {};
			if (typeof bucketName !== 'string' || !bucketName)
				missing.BucketName = ['The BucketName field is required.'];
			if (typeof objectKey !== 'string' || !objectKey)
				missing.ObjectKey = ['The ObjectKey field is required.'];
			if (Object.keys(missing).length) throw validationProblem(missing, req.path);
			// [G] Only the simulator's bucket is configured; another bucket is not known to Nomad Media.
			if (bucketName !== NOMAD_BUCKET)
				throw problem(404, `Bucket '${bucketName}' was not found.`, req.path);
			const key = String(objectKey).replace(/^\/+/, '');
			if (!key || key.endsWith('/'))
				throw problem(400, `The object key '${objectKey}' is not a file.`, req.path);
			// [G] Registering a key that already has an asset answers that asset (nothing new is made).
			const existing = atLocation(bucketName, key);
			if (existing) return { body: { id: existing.id } };
			const parentId = optionalGuid(body, 'parentId', req);
			const folderKey = key.includes('/') ? key.slice(0, key.lastIndexOf('/')) : '';
			const parent = parentId
				? folderOr404(parentId, req)
				: folderKey
					? atLocation(bucketName, folderKey)
					: state.find(state.rootId);
			if (!parent || !state.isContainer(parent))
				throw problem(
					404,
					`Folder '${folderKey}/' was not found in bucket '${bucketName}'.`,
					req.path,
				);
			const file = newFile(
				parent.id,
				key.slice(key.lastIndexOf('/') + 1),
				undefined,
				'Registering',
			);
			const tags = field(body, 'tags');
			if (Array.isArray(tags))
				file.tags = tags
					.filter((tag) => typeof tag === 'string' && tag.trim())
					.map((tag: string) => ({ id: state.tagId(tag.trim()), description: tag.trim() }));
			// [G] The media processor (proxies, AI) runs only when asked.
			if (field(body, 'startMediaProcessor') === true)
				state.addJob(file, 'MediaInfo', 2, `Media processing of ${file.displayName}`);
			return { body: { id: file.id } };
		})
		.get('/api/admin/asset', (req) => {
			authenticate(ctx, req);
			const bucketName = req.query.get('bucketName');
			const objectKey = req.query.get('objectKey');
			const missing: Record<string, string[]> = {};
			if (!bucketName) missing.bucketName = ['The bucketName field is required.'];
			if (!objectKey) missing.objectKey = ['The objectKey field is required.'];
			if (Object.keys(missing).length) throw validationProblem(missing, req.path);
			const asset = atLocation(bucketName!, objectKey!);
			// [G] The message of the 404.
			if (!asset)
				throw problem(404, `No asset was found at '${bucketName}/${objectKey}'.`, req.path);
			return { body: state.assetModel(asset) };
		})
		.post('/api/admin/asset/:id/language', async (req) => {
			// [G] An unknown asset is a 404 (the spec lists 400 and 401 only for this route).
			const asset = routeAsset(req, 'id');
			const body = await objectBody(req);
			const languageId = optionalGuid(body, 'languageId', req);
			if (!languageId)
				throw validationProblem({ LanguageId: ['The LanguageId field is required.'] }, req.path);
			if (!Object.values(LANGUAGES).includes(languageId))
				throw problem(400, `Language '${languageId}' was not found.`, req.path);
			asset.languageId = languageId;
			asset.lastModifiedDate = state.now();
			// [G] A new language reprocesses the AI data (transcription, subtitles).
			if (asset.assetType === 'File')
				state.addJob(asset, 'Transcribe', 2, `Transcription of ${asset.displayName}`);
			return { body: { id: asset.id } };
		})
		.post('/api/admin/asset/:id/clip', async (req) => {
			const source = videoOf(routeAsset(req, 'id'), 'clipped', req);
			const body = await objectBody(req);
			const start = timeCodeField(body, 'startTimeCode', req.path);
			const end = timeCodeField(body, 'endTimeCode', req.path);
			const missing: Record<string, string[]> = {};
			if (!start) missing.StartTimeCode = ['The StartTimeCode field is required.'];
			if (!end) missing.EndTimeCode = ['The EndTimeCode field is required.'];
			if (Object.keys(missing).length) throw validationProblem(missing, req.path);
			if (seconds(end!) <= seconds(start!))
				throw problem(400, 'The end time code must be after the start time code.', req.path);
			const outputFolderId = optionalGuid(body, 'outputFolderId', req);
			const folder = outputFolderId ? folderOr404(outputFolderId, req) : undefined;
			const title = field(body, 'title');
			const ext = source.displayName.slice(source.displayName.lastIndexOf('.'));
			// [G] The clip is a new file named after its title (else the source), in the output folder
			// (else the source's), Clipping until the clip job is done.
			const parentId = folder?.id ?? source.parentId!;
			const name =
				typeof title === 'string' && title.trim()
					? `${title.trim()}${title.trim().toLowerCase().endsWith(ext.toLowerCase()) ? '' : ext}`
					: `${source.displayName.slice(0, -ext.length)} clip${ext}`;
			const clip = newFile(parentId, freeName(parentId, name), source, 'Clipping');
			state.addJob(clip, 'Clip', 1, `Clip ${start}-${end} of ${source.displayName}`);
			const tags = field(body, 'tags');
			if (Array.isArray(tags))
				clip.tags = tags.map((tag: Record<string, any>) => {
					const description = String(field(tag ?? {}, 'description') ?? '');
					const id = field(tag ?? {}, 'id');
					return { id: typeof id === 'string' ? id : state.tagId(description), description };
				});
			return { body: { id: clip.id } };
		})
		.post('/api/admin/asset/:id/screenshot', async (req) => {
			const asset = videoOf(routeAsset(req, 'id'), 'screenshotted', req);
			const body = await objectBody(req);
			const timeCode = timeCodeField(body, 'timeCode', req.path);
			if (!timeCode)
				throw validationProblem({ TimeCode: ['The TimeCode field is required.'] }, req.path);
			// [G] The still becomes a Thumbnail related asset of the video; its ID is the answer.
			const id = guid();
			asset.related.push({
				id,
				metadataTypeId: state.relatedTypes.Thumbnail,
				title: `Screenshot ${timeCode}`,
				contentLength: 0,
				languageId: null,
				s3Key: `${state.objectKey(asset)}.screenshots/${timeCode.replace(/[:;.]/g, '-')}.jpg`,
				createdDate: state.now(),
				uploadId: '',
			});
			state.addJob(asset, 'Screenshot', 1, `Screenshot at ${timeCode}`);
			return { body: { id } };
		})
		.post('/api/asset/:assetId/share', async (req) => {
			const { user } = authenticate(ctx, req);
			const asset = assetOr404(routeGuid(req, 'assetId'), req);
			const body = await objectBody(req);
			const users = field(body, 'nomadUsers');
			if (users !== undefined && users !== null && !Array.isArray(users))
				throw validationProblem(
					{ '$.nomadUsers': ['The JSON value could not be converted to List`1[LookupModel].'] },
					req.path,
				);
			const nomadUsers = ((users as Array<Record<string, any>>) ?? []).map((entry, index) => {
				const id = entry && field(entry, 'id');
				if (typeof id !== 'string' || !GUID.test(id))
					throw validationProblem(
						{
							[`$.nomadUsers[${index}].id`]: [
								'The JSON value could not be converted to System.Guid.',
							],
						},
						req.path,
					);
				// [G] The message for a recipient who is not a user of this Nomad Media.
				if (!state.users.has(id.toLowerCase()))
					throw problem(400, `User '${id}' was not found.`, req.path);
				return id.toLowerCase();
			});
			const expiration = field(body, 'expirationDate');
			let expirationDate: string | null = null;
			if (expiration !== undefined && expiration !== null) {
				if (typeof expiration !== 'string' || Number.isNaN(Date.parse(expiration)))
					throw validationProblem(
						{
							'$.expirationDate': [
								'The JSON value could not be converted to System.Nullable`1[System.DateTime].',
							],
						},
						req.path,
					);
				if (Date.parse(expiration) <= state.now())
					throw problem(400, 'The expiration date must be in the future.', req.path);
				expirationDate = new Date(expiration).toISOString();
			}
			const hours = field(body, 'sharedDurationInHours');
			if (hours !== undefined && hours !== null && (!Number.isInteger(hours) || hours < 1))
				throw problem(400, 'The share duration must be at least one hour.', req.path);
			const id = guid();
			const share: SimShare = {
				id,
				assetId: asset.id,
				name: typeof field(body, 'name') === 'string' ? field(body, 'name') : null,
				nomadUsers: nomadUsers.length ? nomadUsers : [user.id],
				expirationDate,
				sharedDurationInHours: typeof hours === 'number' ? hours : null,
				sharedLink: `${SHARE_HOST}/${id}`,
				received: body,
			};
			shares.set(asset, [...(shares.get(asset) ?? []), share]);
			// The answer is the share link, a JSON string (the spec's 200 is `type: string`).
			return { body: share.sharedLink };
		})
		.post('/api/asset/:assetId/generate-image', async (req) => {
			const source = routeAsset(req, 'assetId');
			const body = await objectBody(req);
			const bodyAsset = optionalGuid(body, 'assetId', req);
			if (bodyAsset && bodyAsset !== source.id)
				throw problem(400, 'The asset ID of the body does not match the route.', req.path);
			const prompt = field(body, 'prompt');
			if (typeof prompt !== 'string' || !prompt.trim())
				throw validationProblem({ Prompt: ['The Prompt field is required.'] }, req.path);
			// [G] The generated image is a new PNG beside the source (in the folder for a folder).
			const parentId = state.isContainer(source) ? source.id : source.parentId!;
			const image = newFile(
				parentId,
				freeName(parentId, 'generated-image.png'),
				undefined,
				'Creating',
			);
			image.mediaType = 'Image';
			image.contentLength = 1_048_576;
			state.addJob(image, 'GenerateImage', 1, `Image generated from "${prompt.trim()}"`);
			return { body: { assetId: image.id, imageUrl: state.signedUrl(state.objectKey(image)) } };
		})
		.post('/api/asset/local-restore', async (req) => {
			authenticate(ctx, req);
			const body = await objectBody(req);
			const ids = guidList(field(body, 'sourceAssetIds'), 'sourceAssetIds', req.path);
			if (!ids.length)
				throw validationProblem({ SourceAssetIds: ['At least one asset is required.'] }, req.path);
			const assets = ids.map((id) => assetOr404(id, req));
			const profiles = restoreProfiles(body, req);
			return { body: assets.flatMap((asset) => localRestore(asset, profiles, 'many')) };
		})
		.post('/api/asset/:id/localRestore', async (req) => {
			const asset = routeAsset(req, 'id');
			const body = await objectBody(req);
			const [first] = localRestore(asset, restoreProfiles(body, req), 'one');
			return { body: { id: first } };
		});

	/** The restore profile names of a LocalRestoreModel: at least one, each configured. */
	function restoreProfiles(body: Record<string, any>, req: SimRequest): string[] {
		const names = field(body, 'restoreProfileNames');
		if (!Array.isArray(names) || !names.length)
			throw validationProblem(
				{ RestoreProfileNames: ['At least one restore profile is required.'] },
				req.path,
			);
		return names.map((name) => {
			const known = RESTORE_PROFILES.find(
				(profile) => typeof name === 'string' && profile.toLowerCase() === name.toLowerCase(),
			);
			if (!known) throw problem(400, `Restore profile '${String(name)}' was not found.`, req.path);
			return known;
		});
	}

	/** [G] One restore job per asset and profile; the answer carries the job IDs. */
	function localRestore(asset: SimAsset, profiles: string[], route: 'many' | 'one'): string[] {
		const made = profiles.map((profile) => {
			const job = state.addJob(asset, 'LocalRestore', 2, `Local restore to ${profile}`);
			return { id: job.id, assetId: asset.id, profile, route };
		});
		restores.set(asset, [...(restores.get(asset) ?? []), ...made]);
		return made.map((entry) => entry.id);
	}
}

/** Control routes: GET /shares/:assetId, GET /local-restores/:assetId, GET /languages. */
export function registerAssetActionControl(control: Router, state: NomadState): void {
	const asset = (id: string) => state.assets.get(id);
	control
		.get('/shares/:assetId', (req) => {
			const found = asset(req.params.assetId);
			return { body: found ? (shares.get(found) ?? []) : [] };
		})
		.get('/local-restores/:assetId', (req) => {
			const found = asset(req.params.assetId);
			return { body: found ? (restores.get(found) ?? []) : [] };
		})
		.get('/languages', () => ({ body: LANGUAGES }));
}

/** Seconds of a time code (frames and milliseconds as a fraction, enough to order two). */
function seconds(timeCode: string): number {
	const [h, m, s, rest] = timeCode.split(/[:;.]/);
	const fraction = rest ? Number(`0.${rest}`) : 0;
	return Number(h) * 3600 + Number(m) * 60 + Number(s) + fraction;
}
