import { createHmac, randomBytes } from 'crypto';

import { mimeTypeOf, SimState } from '../core/kit';

import {
	ASSET_STATUSES,
	ASSET_TYPES,
	type Collection,
	EMPTY_GUID,
	guid,
	type AdBreak,
	type Face,
	type Job,
	type Person,
	type QueueItem,
	type Session,
	type SimAsset,
	type SimUpload,
	type SimUser,
} from './model';

export const NOMAD_BUCKET = 'nomad-sandbox-media';
export const CDN_HOST = 'https://cdn.nomad-sandbox.test';
/** The "Asset" content definition id of this environment (search results carry it). */
export const ASSET_CONTENT_DEFINITION_ID = '3ff29f61-bd0b-4c17-b855-49db5a292aeb';

export interface NomadConfig {
	/** Lifetime of a login token in seconds (Nomad: about 45 minutes). */
	tokenLifetimeSeconds: number;
	refreshLifetimeSeconds: number;
	/** Simulated duration of one processing step (status change) in ms. */
	stepMs: number;
	/** Real-time delay before a >50-id queue request is processed in the background. */
	backgroundDelayMs: number;
	/** Emit asset type and status as numbers instead of names. */
	enumsAsNumbers: boolean;
	/** Requests above this many ids are processed in the background. */
	queueSyncLimit: number;
	/** Smallest part size handed out (S3's minimum; tests raise it to see the client follow the DAM). */
	minChunkBytes: number;
	/** Validity of presigned part URLs (Nomad: "limited validity"). */
	partUrlTtlSeconds: number;
	/** Field that carries a part's presigned URL: `url` (Nomad's OpenAPI) or `uploadUrl` (the seed's prose). */
	partUrlField: 'url' | 'uploadUrl';
	/** Most search results one page holds, whatever pageSize asks (non-vendor; the API allows 1-999). */
	searchPageLimit: number;
}

export const DEFAULT_CONFIG: NomadConfig = {
	tokenLifetimeSeconds: 2700,
	refreshLifetimeSeconds: 30 * 24 * 3600,
	stepMs: 60_000,
	backgroundDelayMs: 400,
	enumsAsNumbers: false,
	queueSyncLimit: 50,
	minChunkBytes: 5 * 1024 * 1024,
	partUrlTtlSeconds: 3600,
	partUrlField: 'url',
	searchPageLimit: 999,
};

export interface BackgroundTask {
	id: string;
	userId: string;
	ids: string[];
	downloadProxy: boolean;
	receivedAt: number;
	processedAt?: number;
	added?: number;
	skipped?: number;
}

/** Everything the Nomad Media simulator knows. Times are simulated (`now()`, the kit's clock), movable by tests. */
export class NomadState extends SimState {
	config: NomadConfig = { ...DEFAULT_CONFIG };
	users = new Map<string, SimUser>();
	sessions = new Map<string, Session>();
	refreshTokens = new Map<string, Session>();
	assets = new Map<string, SimAsset>();
	collections = new Map<string, Collection>();
	tagIds = new Map<string, string>();
	persons = new Map<string, Person>();
	uploads = new Map<string, SimUpload>();
	partIndex = new Map<string, { uploadId: string; partNumber: number }>();
	queue = new Map<string, QueueItem>();
	tasks: BackgroundTask[] = [];
	archives: Array<{ id: string; assetIds: string[]; filename: string; downloadProxy: boolean }> =
		[];
	relatedTypes: Record<string, string> = {};
	rootId = '';
	incomingId = '';
	private jwtSecret = randomBytes(16);
	timers = new Set<NodeJS.Timeout>();

	now(): number {
		return this.clock.now();
	}

	iso(time: number | null | undefined): string | null {
		return time === null || time === undefined ? null : new Date(time).toISOString();
	}

	override reset(): void {
		super.reset();
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.config = { ...DEFAULT_CONFIG };
		this.users.clear();
		this.sessions.clear();
		this.refreshTokens.clear();
		this.assets.clear();
		this.collections.clear();
		this.tagIds.clear();
		this.persons.clear();
		this.uploads.clear();
		this.partIndex.clear();
		this.queue.clear();
		this.tasks = [];
		this.archives = [];
		this.seed();
	}

	private seed(): void {
		this.addUser({
			userName: 'svc-integration@example.com',
			password: 'Sandbox-Pass-1',
			firstName: 'Service',
			lastName: 'Integration',
			isAdmin: true,
			fileWrite: true,
		});
		this.addUser({
			userName: 'viewer@example.com',
			password: 'Viewer-Pass-1',
			firstName: 'Read',
			lastName: 'Only',
			isAdmin: false,
			fileWrite: false,
		});
		this.relatedTypes = { Subtitle: guid(), Proxy: guid(), Thumbnail: guid() };

		const bucket = this.createAsset({
			parentId: null,
			assetType: 'Bucket',
			displayName: NOMAD_BUCKET,
		});
		this.rootId = bucket.id;
		this.incomingId = this.createAsset({
			parentId: bucket.id,
			assetType: 'Folder',
			displayName: 'Incoming',
		}).id;
		const projects = this.createAsset({
			parentId: bucket.id,
			assetType: 'Folder',
			displayName: 'Projects',
		});
		const interviews = this.createAsset({
			parentId: projects.id,
			assetType: 'Folder',
			displayName: 'Interviews',
		});
		const raw = this.createAsset({
			parentId: interviews.id,
			assetType: 'Folder',
			displayName: 'Raw',
		});
		this.createAsset({ parentId: bucket.id, assetType: 'Folder', displayName: 'Empty' });
		const file = (
			parentId: string,
			displayName: string,
			contentLength: number,
			mediaType: string,
		) => this.createAsset({ parentId, assetType: 'File', displayName, contentLength, mediaType });
		const interview1 = file(interviews.id, 'interview-01.mp4', 734_003_200, 'Video');
		file(interviews.id, 'interview-02.mp4', 512_000_000, 'Video');
		file(interviews.id, 'notes.pdf', 182_044, 'Document');
		file(raw.id, 'raw-01.mov', 1_288_490_188, 'Video');
		file(raw.id, 'raw-02.wav', 52_428_800, 'Audio');
		const logo = file(projects.id, 'logo.png', 48_213, 'Image');
		// Two people the face recognition knows, and two faces it found in the first interview.
		for (const name of ['Ada Lovelace', 'Grace Hopper']) {
			const person: Person = { id: guid(), name };
			this.persons.set(person.id, person);
		}
		interview1.faces = ['00:00:04;00', '00:01:10;12'].map((startTimeCode): Face => ({
			id: guid(),
			startTimeCode,
			personId: null,
		}));
		const highlights: Collection = {
			id: guid(),
			name: 'Highlights',
			assetIds: new Set([interview1.id, logo.id, raw.id]),
		};
		this.collections.set(highlights.id, highlights);
	}

	addUser(user: Omit<SimUser, 'id' | 'status'> & { status?: SimUser['status'] }): SimUser {
		const full: SimUser = { id: guid(), status: 'Active', ...user };
		this.users.set(full.id, full);
		return full;
	}

	userByName(name: string): SimUser | undefined {
		return [...this.users.values()].find(
			(user) => user.userName.toLowerCase() === name.toLowerCase(),
		);
	}

	// ---------- sessions ----------

	private jwt(user: SimUser, sessionId: string, expiresAt: number): string {
		const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
		const header = b64({ alg: 'HS256', typ: 'JWT' });
		const payload = b64({
			sub: user.id,
			email: user.userName,
			sid: sessionId,
			jti: guid(),
			exp: Math.floor(expiresAt / 1000),
			iss: 'nomad-sandbox',
		});
		const signature = createHmac('sha256', this.jwtSecret)
			.update(`${header}.${payload}`)
			.digest('base64url');
		return `${header}.${payload}.${signature}`;
	}

	openSession(user: SimUser, sessionId = guid()): Session {
		const now = this.now();
		const expiresAt = now + this.config.tokenLifetimeSeconds * 1000;
		const session: Session = {
			token: this.jwt(user, sessionId, expiresAt),
			refreshToken: randomBytes(48).toString('base64url'),
			userId: user.id,
			sessionId,
			expiresAt,
			refreshExpiresAt: now + this.config.refreshLifetimeSeconds * 1000,
		};
		this.sessions.set(session.token, session);
		this.refreshTokens.set(session.refreshToken, session);
		return session;
	}

	loginResponse(user: SimUser, session: Session): Record<string, unknown> {
		return {
			id: user.id,
			userName: user.userName,
			firstName: user.firstName,
			lastName: user.lastName,
			token: session.token,
			refreshToken: session.refreshToken,
			expirationSeconds: this.config.tokenLifetimeSeconds,
			userSessionId: session.sessionId,
			isAdmin: user.isAdmin,
			isGuest: false,
			loginStatus: null,
			scopeId: null,
			scopeName: null,
			cookies: [],
			claims: [],
		};
	}

	// ---------- assets ----------

	createAsset(input: {
		parentId: string | null;
		assetType: SimAsset['assetType'];
		displayName: string;
		contentLength?: number;
		mediaType?: string;
		assetStatus?: string;
	}): SimAsset {
		const now = this.now();
		const asset: SimAsset = {
			id: guid(),
			parentId: input.parentId,
			assetType: input.assetType,
			assetStatus: input.assetStatus ?? 'Available',
			displayName: input.displayName,
			displayDate: now,
			availableStartDate: null,
			availableEndDate: null,
			bucketName: NOMAD_BUCKET,
			objectKey: '',
			contentLength: input.assetType === 'File' ? (input.contentLength ?? 0) : null,
			mediaType:
				input.assetType === 'File' ? (input.mediaType ?? mediaTypeOf(input.displayName)) : null,
			storageClass: 'Standard',
			languageId: null,
			customProperties: {},
			tags: [],
			createdDate: now,
			lastModifiedDate: now,
			transitions: [],
			jobs: [],
			related: [],
			annotations: [],
			adBreaks: [],
			faces: [],
		};
		this.assets.set(asset.id, asset);
		return asset;
	}

	/** The asset if it exists (not deleted), with its scheduled status changes applied. */
	find(id: string): SimAsset | undefined {
		const asset = this.assets.get(id);
		if (!asset || asset.deleted) return undefined;
		this.settle(asset);
		return asset;
	}

	settle(asset: SimAsset): void {
		const now = this.now();
		while (asset.transitions.length && asset.transitions[0].at <= now) {
			const next = asset.transitions.shift()!;
			asset.assetStatus = next.status;
			if (next.storageClass) asset.storageClass = next.storageClass;
			asset.lastModifiedDate = next.at;
		}
	}

	/** Replaces the scheduled status changes: one status per processing step from now. */
	schedule(
		asset: SimAsset,
		now: string,
		steps: Array<string | { status: string; storageClass?: string }>,
	): void {
		const start = this.now();
		asset.assetStatus = now;
		asset.lastModifiedDate = start;
		asset.transitions = steps.map((step, index) => ({
			at: start + (index + 1) * this.config.stepMs,
			...(typeof step === 'string' ? { status: step } : step),
		}));
	}

	/** [G] Job types are the simulator's names (AssetUpload, MediaInfo, Transcode, Archive, ...). */
	addJob(
		asset: SimAsset,
		jobType: string,
		steps: number,
		description: string,
		isErrored = false,
	): Job {
		const now = this.now();
		const job: Job = {
			id: guid(),
			assetId: asset.id,
			jobType,
			registerDate: now,
			startDate: now,
			completesAt: now + steps * this.config.stepMs,
			isErrored,
			description,
			displayMessage: isErrored ? `${jobType} failed` : `${jobType} completed`,
		};
		asset.jobs.push(job);
		return job;
	}

	jobModel(job: Job): Record<string, unknown> {
		const done = job.completesAt <= this.now();
		return {
			id: job.id,
			assetId: job.assetId,
			jobType: job.jobType,
			registerDate: this.iso(job.registerDate),
			startDate: this.iso(job.startDate),
			completeDate: done && !job.isErrored ? this.iso(job.completesAt) : null,
			errorDate: done && job.isErrored ? this.iso(job.completesAt) : null,
			isErrored: done && job.isErrored,
			description: job.description,
			displayMessage: done ? job.displayMessage : `${job.jobType} in progress`,
			properties: {},
		};
	}

	children(id: string): SimAsset[] {
		return [...this.assets.values()].filter((asset) => asset.parentId === id && !asset.deleted);
	}

	descendants(id: string): SimAsset[] {
		const out: SimAsset[] = [];
		const walk = (parentId: string) => {
			for (const child of this.children(parentId)) {
				out.push(child);
				walk(child.id);
			}
		};
		walk(id);
		return out;
	}

	ancestors(asset: SimAsset): SimAsset[] {
		const chain: SimAsset[] = [];
		let current = asset.parentId ? this.assets.get(asset.parentId) : undefined;
		while (current) {
			chain.unshift(current);
			current = current.parentId ? this.assets.get(current.parentId) : undefined;
		}
		return chain;
	}

	isContainer(asset: SimAsset): boolean {
		return asset.assetType === 'Folder' || asset.assetType === 'Bucket';
	}

	/** The object key: the path below the bucket (folders end with a slash). */
	objectKey(asset: SimAsset): string {
		if (asset.assetType === 'Bucket') return '';
		const names = [
			...this.ancestors(asset)
				.filter((a) => a.assetType !== 'Bucket')
				.map((a) => a.displayName),
			asset.displayName,
		];
		return names.join('/') + (asset.assetType === 'Folder' ? '/' : '');
	}

	displayPath(asset: SimAsset): string {
		return [...this.ancestors(asset).map((a) => a.displayName), asset.displayName].join('/');
	}

	/** A CloudFront-style signed URL, as Nomad hands out for media (must not leak into n8n output). */
	signedUrl(key: string): string {
		const expires = Math.floor(this.now() / 1000) + 3600;
		const signature = createHmac('sha256', this.jwtSecret)
			.update(`${key}:${expires}`)
			.digest('base64url');
		return `${CDN_HOST}/${key.split('/').map(encodeURIComponent).join('/')}?Expires=${expires}&Signature=${signature}&Key-Pair-Id=K2SANDBOXKEYPAIR`;
	}

	enumOut(table: Record<string, number>, name: string): string | number {
		return this.config.enumsAsNumbers ? table[name] : name;
	}

	assetModel(asset: SimAsset): Record<string, unknown> {
		return {
			id: asset.id,
			parentId: asset.parentId,
			displayName: asset.displayName,
			displayDate: this.iso(asset.displayDate),
			bucketName: asset.bucketName,
			objectKey: this.objectKey(asset),
			fullUrl: asset.assetType === 'File' ? this.signedUrl(this.objectKey(asset)) : null,
			assetStatus: this.enumOut(ASSET_STATUSES, asset.assetStatus),
			storageClass: asset.storageClass,
			assetType: this.enumOut(ASSET_TYPES, asset.assetType),
		};
	}

	searchItem(asset: SimAsset): Record<string, unknown> {
		return {
			id: asset.id,
			title: asset.displayName,
			contentDefinitionId: ASSET_CONTENT_DEFINITION_ID,
			score: 1.0,
			previewImageUrl:
				asset.assetType === 'File' && asset.mediaType === 'Image'
					? this.signedUrl(`previews/${asset.id}.jpg`)
					: null,
			lastModifiedDate: this.iso(asset.lastModifiedDate),
			createdDate: this.iso(asset.createdDate),
			languageId: asset.languageId,
			permission: 'Administrator',
			identifiers: {
				name: asset.displayName,
				assetType: this.enumOut(ASSET_TYPES, asset.assetType),
				assetTypeDisplay: asset.assetType,
				assetStatus: this.enumOut(ASSET_STATUSES, asset.assetStatus),
				mediaTypeDisplay: asset.mediaType,
				contentLength: asset.contentLength,
				displayPath: this.displayPath(asset),
				parentId: asset.parentId,
				url: `${asset.bucketName}::${this.objectKey(asset)}`,
				fullUrl: asset.assetType === 'File' ? this.signedUrl(this.objectKey(asset)) : null,
			},
			tags: asset.tags.map((tag) => ({ ...tag })),
			collections: this.collectionsOf(asset.id).map((c) => ({ id: c.id, description: c.name })),
		};
	}

	collectionsOf(assetId: string): Collection[] {
		return [...this.collections.values()].filter((c) => c.assetIds.has(assetId));
	}

	detail(asset: SimAsset): Record<string, unknown> {
		const related = asset.related.map((r) => ({
			id: r.id,
			url: `${asset.bucketName}::${r.s3Key}`,
			fullUrl: this.signedUrl(r.s3Key),
			title: r.title,
			language: r.languageId ? { id: r.languageId } : null,
			metadataType:
				Object.keys(this.relatedTypes).find(
					(name) => this.relatedTypes[name] === r.metadataTypeId,
				) ?? 'CustomType',
			metadataTypeId: r.metadataTypeId,
			mediaType: null,
			format: r.title.split('.').pop() ?? null,
			contentLength: r.contentLength,
			videoDuration: null,
			isUrlSecure: true,
			hasAds: false,
			properties: {},
		}));
		return {
			assetId: asset.id,
			permission: 'Administrator',
			isRestricted: false,
			isShared: false,
			inheritSecurity: true,
			relatedAudio: [],
			relatedAssets: related,
			relatedVideos: [],
			relatedImages: [],
			screenshots: [],
			labels: [],
			faceItems: asset.faces.map((face) => this.faceModel(face)),
			persons: [
				...new Set(asset.faces.map((face) => face.personId).filter((id) => id !== null)),
			].map((id) => ({ id, description: this.persons.get(id)?.name ?? null })),
			textItems: [],
			availability: {
				availableStartDate: asset.availableStartDate,
				availableEndDate: asset.availableEndDate,
				isInherited: false,
			},
			availabilityStatus: 'Active',
			geoData: null,
			parents: this.ancestors(asset).map((a) => ({ id: a.id, description: a.displayName })),
			collections: this.collectionsOf(asset.id).map((c) => ({ id: c.id, description: c.name })),
			tags: asset.tags.map((tag) => ({ ...tag })),
			shares: [],
			securityGroups: [],
			securityUsers: [],
			relatedContent: [],
			properties: {
				...this.assetModel(asset),
				displayPath: this.displayPath(asset),
				contentLength: asset.contentLength,
				mediaTypeDisplay: asset.mediaType,
				createdDate: this.iso(asset.createdDate),
				lastModifiedDate: this.iso(asset.lastModifiedDate),
			},
			customAttributes: { ...asset.customProperties },
			adBreaks: asset.adBreaks.map((adBreak) => this.adBreakModel(adBreak)),
			audioTracks: [],
		};
	}

	/** [G] A detected face in the asset detail: where it is and who it is. */
	faceModel(face: Face): Record<string, unknown> {
		const person = face.personId ? this.persons.get(face.personId) : undefined;
		return {
			id: face.id,
			startTimeCode: face.startTimeCode,
			person: person ? { id: person.id, description: person.name } : null,
		};
	}

	adBreakModel(adBreak: AdBreak): Record<string, unknown> {
		return {
			id: adBreak.id,
			timeCode: adBreak.timeCode,
			score: null,
			adBreakType: adBreak.adBreakType,
			tags: adBreak.tags.map((tag) => ({ ...tag })),
			labels: adBreak.labels.map((label) => ({ ...label })),
		};
	}

	tagId(name: string): string {
		const key = name.toLowerCase();
		if (!this.tagIds.has(key)) this.tagIds.set(key, guid());
		return this.tagIds.get(key)!;
	}

	/** Expands file, folder and collection ids to the file assets they stand for. */
	expandToFiles(ids: string[]): string[] {
		const files = new Set<string>();
		const addAsset = (asset: SimAsset | undefined) => {
			if (!asset) return;
			if (asset.assetType === 'File') files.add(asset.id);
			else
				for (const child of this.descendants(asset.id))
					if (child.assetType === 'File') files.add(child.id);
		};
		for (const id of ids) {
			const asset = this.find(id);
			if (asset) {
				addAsset(asset);
				continue;
			}
			const collection = this.collections.get(id);
			if (collection) for (const member of collection.assetIds) addAsset(this.find(member));
		}
		return [...files];
	}

	/** Adds the files behind `ids` to a user's queue, skipping those already Queued or Downloading. */
	enqueue(
		userId: string,
		ids: string[],
		downloadProxy: boolean,
	): { added: number; skipped: number } {
		let added = 0;
		let skipped = 0;
		const active = new Set(
			[...this.queue.values()]
				.filter(
					(item) =>
						item.userId === userId &&
						(item.transferStatus === 'Queued' || item.transferStatus === 'Downloading'),
				)
				.map((item) => item.assetId),
		);
		for (const assetId of this.expandToFiles(ids)) {
			if (active.has(assetId)) {
				skipped++;
				continue;
			}
			const item: QueueItem = {
				assetDownloadQueueId: guid(),
				assetId,
				userId,
				downloadProxy,
				transferStatus: 'Queued',
				completePercentage: 0,
				errorMessage: null,
				createdDate: this.now(),
			};
			this.queue.set(item.assetDownloadQueueId, item);
			active.add(assetId);
			added++;
		}
		return { added, skipped };
	}

	emptyGuid(): string {
		return EMPTY_GUID;
	}
}

/** Nomad Media's media type of a file, from the MIME type its extension has (the kit's table). */
export function mediaTypeOf(name: string): string {
	const mime = mimeTypeOf(name, '');
	const [kind] = mime.split('/');
	if (kind === 'video' || mime === 'application/mxf') return 'Video';
	if (kind === 'audio') return 'Audio';
	if (kind === 'image') return 'Image';
	if (mime === 'application/pdf' || mime.includes('officedocument')) return 'Document';
	if (kind === 'text' || mime === 'application/json' || mime === 'application/x-subrip')
		return 'Text';
	return 'Other';
}
