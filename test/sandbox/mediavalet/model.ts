import { HttpError } from '../core/http';
import { SimState } from '../core/kit';
import type { SandboxEnv } from '../env';
import { newSkyhookOutbox, type Validation } from './skyhook';
import {
	ATTRIBUTES,
	CATEGORIES,
	CONTAINER,
	LIBRARY_ID,
	USERS,
	type SeedAttribute,
	type SeedCategory,
	type SeedUser,
} from './seed';

export interface Version {
	version: number;
	mediaFileId: string;
	fileName: string;
	blobName: string;
	sizeInBytes: number;
	md5: string;
	mimeType: string;
	uploadedAt: string;
	uploadedBy: string;
	comment: string | null;
	checkInStatus?: number;
}

export interface Comment {
	id: string;
	assetId: string;
	comment: string;
	versionNumber: number;
	addedBy: string;
	addedAt: string;
	commentType: 'Comment' | 'CheckOut' | 'CheckIn';
}

/** Where the bytes of the next version go: issued by GET /assetCheckIn/{id} or POST /uploads. */
export interface UploadSlot {
	mediaFileId: string;
	uploadFileName: string;
	blobName: string;
	uploadUrl: string;
}

export interface Asset {
	id: string;
	/** 0 = uploading (placeholder), 1 = active. */
	status: number;
	title: string;
	description: string;
	altText: string;
	categories: string[];
	keywords: string[];
	attributes: Record<string, string>;
	versions: Version[];
	comments: Comment[];
	checkedOutBy: string | null;
	checkOutComment: string | null;
	checkInComment: string | null;
	createdAt: string;
	createdBy: string;
	modifiedAt: string;
	modifiedBy: string;
	softDeletedAt: string | null;
	softDeletedBy: string | null;
	/** Check-in in progress: the validated name and the upload slot. */
	checkIn?: { validatedName?: string; slot?: UploadSlot };
}

/** A new-asset upload (POST /uploads): the placeholder asset plus what PUT /uploads/{id} set. */
export interface UploadSession {
	id: string;
	createdBy: string;
	filename: string;
	slot: UploadSlot;
	title?: string;
	description?: string;
	fileSizeInBytes?: number;
	recordSet: boolean;
	categories: string[];
	keywords: string[];
	finalized: boolean;
}

export interface Token {
	token: string;
	userId: string;
	clientId: string;
	scope: string;
	expiresAt: number;
}

export interface RefreshToken {
	token: string;
	userId: string;
	clientId: string;
	scope: string;
	used: boolean;
}

export interface SimConfig {
	tokenLifetimeSeconds: number;
	/** Requests allowed per subscription key per window; 0 = unlimited. */
	quota: number;
	quotaWindowSeconds: number;
	/** The client_credentials grant ("coming soon" per MediaValet support): off unless a test turns it on. */
	clientCredentials: boolean;
	/** Most assets one search page returns, whatever `count` asks; 0 = as asked. */
	maxPageSize: number;
	/** A library that ignores `sort` (always oldest first) or `offset` (always the first page). */
	ignoreSort: boolean;
	ignoreOffset: boolean;
	/** SkyHOOK (the Enterprise plan): off answers 403 on its routes. */
	skyhook: boolean;
}

export const DEFAULT_CONFIG: SimConfig = {
	tokenLifetimeSeconds: 3600,
	quota: 0,
	quotaWindowSeconds: 60,
	clientCredentials: false,
	maxPageSize: 0,
	ignoreSort: false,
	ignoreOffset: false,
	skyhook: true,
};

export const noDashes = (id: string): string => id.replace(/-/g, '');

export function assetTypeOf(mimeType: string): string {
	if (mimeType.startsWith('image/')) return 'Image';
	if (mimeType.startsWith('video/')) return 'Video';
	if (mimeType.startsWith('audio/')) return 'Audio';
	return 'Document';
}

/** MediaValet refuses these in file names. */
export function validFileName(name: unknown): name is string {
	return (
		typeof name === 'string' &&
		name.trim().length > 0 &&
		name.length <= 255 &&
		!/[\\/:*?"<>|\u0000-\u001f]/.test(name)
	);
}

/** The simulator's whole state, with the kit's clock tests can move. */
export class MediaValetState extends SimState {
	config: SimConfig = { ...DEFAULT_CONFIG };
	users = new Map<string, SeedUser>();
	categories = new Map<string, SeedCategory>();
	attributes = new Map<string, SeedAttribute>();
	assets = new Map<string, Asset>();
	uploads = new Map<string, UploadSession>();
	tokens = new Map<string, Token>();
	refreshTokens = new Map<string, RefreshToken>();
	tokensIssued = 0;
	quotaUsed = new Map<string, { windowStart: number; count: number }>();
	/** SkyHOOK subscriptions and the CloudEvents sent to them (skyhook.ts). */
	readonly skyhook = newSkyhookOutbox();
	skyhookValidations: Validation[] = [];

	constructor(readonly env: SandboxEnv) {
		super();
		this.reset();
	}

	reset(): void {
		super.reset();
		this.config = { ...DEFAULT_CONFIG };
		this.users = new Map(USERS.map((user) => [user.id, { ...user }]));
		this.categories = new Map(CATEGORIES.map((category) => [category.id, { ...category }]));
		this.attributes = new Map(ATTRIBUTES.map((attribute) => [attribute.id, { ...attribute }]));
		this.assets.clear();
		this.uploads.clear();
		this.tokens.clear();
		this.refreshTokens.clear();
		this.tokensIssued = 0;
		this.quotaUsed.clear();
		this.skyhook.reset();
		this.skyhookValidations = [];
	}

	userById(id: string | null): SeedUser | undefined {
		return id ? this.users.get(id) : undefined;
	}

	/** An asset the API can see: finalized and (unless asked) not in the recycle bin. */
	visibleAsset(id: string, includeSoftDeleted = false): Asset {
		const asset = this.assets.get(id.toLowerCase());
		if (!asset || asset.status !== 1 || (asset.softDeletedAt && !includeSoftDeleted)) {
			throw new HttpError(404, { message: `Asset ${id} was not found` });
		}
		return asset;
	}

	current(asset: Asset): Version | undefined {
		return asset.versions[asset.versions.length - 1];
	}

	/** Category ids of `id` and every category below it. */
	descendants(id: string): Set<string> {
		const found = new Set<string>([id]);
		let grew = true;
		while (grew) {
			grew = false;
			for (const category of this.categories.values()) {
				if (category.parentId && found.has(category.parentId) && !found.has(category.id)) {
					found.add(category.id);
					grew = true;
				}
			}
		}
		return found;
	}

	categoryPath(id: string): string {
		const names: string[] = [];
		let category = this.categories.get(id);
		let guard = 0;
		while (category && guard++ < 50) {
			names.unshift(category.name);
			category = category.parentId ? this.categories.get(category.parentId) : undefined;
		}
		return names.join('/');
	}

	categoryDto(id: string): Record<string, unknown> {
		const category = this.categories.get(id)!;
		const ids: string[] = [];
		let cursor: SeedCategory | undefined = category;
		while (cursor) {
			ids.unshift(cursor.id);
			cursor = cursor.parentId ? this.categories.get(cursor.parentId) : undefined;
		}
		const assetCount = [...this.assets.values()].filter(
			(asset) => asset.status === 1 && !asset.softDeletedAt && asset.categories.includes(id),
		).length;
		return {
			id: category.id,
			name: category.name,
			parentId: category.parentId,
			assetCount,
			subfolderCount: [...this.categories.values()].filter((c) => c.parentId === id).length,
			tree: {
				path: this.categoryPath(id),
				name: category.name,
				idPath: ids.join('/'),
				id: category.id,
			},
			_links: { self: `/categories/${category.id}`, functions: [] },
			permissions: [],
		};
	}

	userDto(id: string | null): Record<string, unknown> | null {
		const user = this.userById(id);
		return user
			? { id: user.id, username: user.username, firstName: user.firstName, lastName: user.lastName }
			: null;
	}

	/** A slot for new bytes: a fresh media file id, a blob name and a write SAS URL into Azurite. */
	async newSlot(assetId: string, fileName: string): Promise<UploadSlot> {
		const mediaFileId = this.uuid();
		const uploadFileName = `${mediaFileId}_${fileName}`;
		const blobName = `${noDashes(assetId)}/${mediaFileId}/Original/${uploadFileName}`;
		await this.env.azure.ensureContainer(CONTAINER);
		return {
			mediaFileId,
			uploadFileName,
			blobName,
			uploadUrl: this.env.azure.sasUrl(CONTAINER, blobName, 'cw', 24),
		};
	}

	/** The AssetDto, as GET /assets/{id} answers it. */
	assetDto(asset: Asset, viewer?: SeedUser): Record<string, unknown> {
		const version = this.current(asset);
		const mimeType = version?.mimeType ?? 'application/octet-stream';
		const canDownload = viewer?.permissions.includes('asset:downloadFromPortal') ?? true;
		const original =
			version && canDownload ? this.env.azure.sasUrl(CONTAINER, version.blobName, 'r', 1) : null;
		const expiry = Math.floor(this.clock.now() / 1000) + 3600;
		const extension = version?.fileName.split('.').pop()?.toUpperCase() ?? '';
		return {
			id: asset.id,
			title: asset.title,
			description: asset.description,
			altText: asset.altText,
			containerName: CONTAINER,
			status: asset.status,
			media: {
				type: assetTypeOf(mimeType),
				thumb: original,
				small: original,
				medium: original,
				large: original,
				original,
				download: original,
				downloadRequest: null,
				stream: null,
				streamLoDef: null,
				streamingManifest: null,
				fullStreamAvailable: false,
				originalDimensions: null,
				sasExpiry: expiry,
				sasRenewal: expiry - 600,
				renditionItemCount: 1,
				autodeskUrn: null,
				watermarked: false,
				assetId: asset.id,
			},
			file: version
				? {
						id: version.mediaFileId,
						title: version.fileName,
						fileName: version.fileName,
						md5: version.md5,
						fileType: extension,
						sizeInBytes: version.sizeInBytes,
						description: '',
						keywords: asset.keywords.join(','),
						uploadedAt: version.uploadedAt,
						modifiedAt: asset.modifiedAt,
						approvedAt: null,
						disapprovedAt: null,
						expiresAt: null,
						mimeType,
					}
				: null,
			rating: { average: 0, user: 0 },
			attributes: { ...asset.attributes },
			record: {
				createdAt: asset.createdAt,
				createdBy: this.userDto(asset.createdBy),
				modifiedAt: asset.modifiedAt,
				modifiedBy: this.userDto(asset.modifiedBy),
				softDeletedAt: asset.softDeletedAt,
				softDeletedBy: this.userDto(asset.softDeletedBy),
				version: {
					version: version?.version ?? 0,
					current: version?.mediaFileId ?? null,
					head: asset.versions[0]?.mediaFileId ?? null,
					parentid:
						asset.versions.length > 1
							? asset.versions[asset.versions.length - 2].mediaFileId
							: null,
					isversionable: true,
					islatestversion: true,
					ismajorversion: true,
				},
			},
			categories: [...asset.categories],
			keywords: [...asset.keywords],
			relatedassets: [],
			assetCheckOutComment: asset.checkOutComment,
			assetCheckInComment: asset.checkInComment,
			checkedOutBy: asset.checkedOutBy,
			renderAsPdf: false,
			wopiEnabled: false,
			userViewCounts: {},
			createdAt: asset.createdAt,
			hasVideoIntelligenceContent: false,
			followed: false,
			_links: {
				self: `/assets/${asset.id}`,
				functions: ['checkOut', 'comments', 'categories', 'versions'],
			},
			permissions: viewer?.permissions ?? [],
			translationKeys: {},
			interpolations: {},
		};
	}

	versionDto(asset: Asset, version: Version): Record<string, unknown> {
		return {
			id: version.mediaFileId,
			assetId: asset.id,
			version: version.version,
			fileName: version.fileName,
			sizeInBytes: version.sizeInBytes,
			md5: version.md5,
			uploadedAt: version.uploadedAt,
			uploadedBy: this.userDto(version.uploadedBy),
			comment: version.comment,
			isLatestVersion: version === this.current(asset),
		};
	}

	commentDto(comment: Comment): Record<string, unknown> {
		return { ...comment, addedBy: this.userDto(comment.addedBy) };
	}
}

export { LIBRARY_ID };
