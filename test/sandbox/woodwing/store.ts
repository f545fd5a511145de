import { createHash, randomBytes } from 'crypto';
import { renameSync, rmSync } from 'fs';
import { join } from 'path';

import { mimeTypeOf } from '../core/kit';

/** One stored version of an asset's file: on disk (uploads) or in memory (small seeded files). */
export interface Version {
	versionNumber: number;
	size: number;
	md5: string;
	fileName: string;
	mimeType: string;
	created: number;
	createdBy: string;
	path?: string;
	data?: Buffer;
}

export interface Checkout {
	at: number;
	by: string;
	client: string;
}

export interface HistoryEntry {
	logDate: number;
	userName: string;
	clientType: string;
	action: string;
	versionNumber: number;
	changedMetadata: Record<string, { oldValue: unknown; newValue: unknown }> | null;
	versionCreating: boolean;
}

export interface Asset {
	id: string;
	folderPath: string;
	filename: string;
	/** Editable metadata (status, tags, description and custom fields). */
	fields: Record<string, unknown>;
	created: number;
	creator: string;
	modified: number;
	modifier: string;
	/** When the file last changed: the creation or the last check-in (assetFileModified, "Checked In"). */
	fileModified: number;
	/** Not yet visible to search (a test's "late" change: the index has not caught up). */
	hidden?: boolean;
	versions: Version[];
	checkout?: Checkout;
	history: HistoryEntry[];
}

/** Fields the server computes; an update that sends them is ignored for them. */
const SYSTEM_FIELDS = new Set([
	'id',
	'assetPath',
	'folderPath',
	'filename',
	'name',
	'extension',
	'assetDomain',
	'assetType',
	'mimeType',
	'fileSize',
	'assetCreated',
	'assetModified',
	'assetFileModified',
	'assetCreator',
	'assetModifier',
	'versionNumber',
	'checkedOut',
	'checkedOutBy',
	'checkedOutOnClient',
]);

/** Multi-value fields: a comma-separated string becomes a list. */
const MULTI_VALUE_FIELDS = new Set(['tags', 'keywords']);

export function newAssetId(): string {
	// WoodWing ids are 22 URL-safe characters (16 random bytes, base64url).
	return randomBytes(16).toString('base64url');
}

export function extensionOf(fileName: string): string {
	const dot = fileName.lastIndexOf('.');
	return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/** The type the server stores: by extension, else what the upload said (unless it said nothing: octet-stream). */
export function storedMimeType(fileName: string, uploaded?: string): string {
	const said = uploaded && uploaded !== 'application/octet-stream' ? uploaded : undefined;
	return mimeTypeOf(fileName, said ?? 'application/octet-stream');
}

function domainOf(mimeType: string, extension: string): string {
	if (mimeType.startsWith('image/')) return 'image';
	if (mimeType.startsWith('video/')) return 'video';
	if (mimeType.startsWith('audio/')) return 'audio';
	if (extension === 'indd') return 'layout';
	if (['pdf', 'doc', 'docx', 'rtf', 'odt'].includes(extension)) return 'document';
	if (mimeType.startsWith('text/')) return 'text';
	if (extension === 'collection') return 'container';
	return 'generic';
}

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

export function dateField(ms: number): { value: number; formatted: string } {
	const d = new Date(ms);
	return {
		value: ms,
		formatted: `${pad(d.getUTCDate())}-${pad(d.getUTCMonth() + 1)}-${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
	};
}

function sizeField(bytes: number): { value: number; formatted: string } {
	const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return {
		value: bytes,
		formatted: unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`,
	};
}

export function normalizeFieldValue(field: string, value: unknown): unknown {
	if (MULTI_VALUE_FIELDS.has(field) && typeof value === 'string') {
		return value
			.split(',')
			.map((part) => part.trim())
			.filter(Boolean);
	}
	return value;
}

export function isSystemField(field: string): boolean {
	return SYSTEM_FIELDS.has(field);
}

export function currentVersion(asset: Asset): Version {
	return asset.versions[asset.versions.length - 1];
}

export function assetPathOf(asset: Asset): string {
	return `${asset.folderPath === '/' ? '' : asset.folderPath}/${asset.filename}`;
}

/** Every metadata field of the asset, as a search hit shows them. */
export function metadataOf(asset: Asset): Record<string, unknown> {
	const version = currentVersion(asset);
	const extension = extensionOf(asset.filename);
	const metadata: Record<string, unknown> = {
		...asset.fields,
		assetPath: assetPathOf(asset),
		folderPath: asset.folderPath,
		filename: asset.filename,
		name: asset.filename,
		extension,
		assetDomain: domainOf(version.mimeType, extension),
		assetType: extension,
		mimeType: version.mimeType,
		fileSize: sizeField(version.size),
		assetCreated: dateField(asset.created),
		assetModified: dateField(asset.modified),
		assetFileModified: dateField(asset.fileModified),
		assetCreator: asset.creator,
		assetModifier: asset.modifier,
		versionNumber: version.versionNumber,
	};
	if (asset.checkout) {
		metadata.checkedOut = dateField(asset.checkout.at);
		metadata.checkedOutBy = asset.checkout.by;
		metadata.checkedOutOnClient = asset.checkout.client;
	}
	return metadata;
}

/** A search hit, with only the metadata asked for (`all` or empty: everything). */
export function hitOf(
	asset: Asset,
	baseUrl: string,
	metadataToReturn?: string | null,
): Record<string, unknown> {
	const all = metadataOf(asset);
	const wanted = (metadataToReturn ?? '')
		.split(',')
		.map((f) => f.trim())
		.filter(Boolean);
	const metadata =
		wanted.length === 0 || wanted.includes('all')
			? all
			: Object.fromEntries(wanted.filter((f) => f in all).map((f) => [f, all[f]]));
	const version = currentVersion(asset);
	const name = encodeURIComponent(asset.filename);
	return {
		id: asset.id,
		permissions: 'VPUMERXCD',
		metadata,
		thumbnailUrl: `${baseUrl}/thumbnail/${asset.id}/*/${name}.jpg?_=${version.versionNumber}`,
		previewUrl: `${baseUrl}/preview/${asset.id}/*/${name}.jpg?_=${version.versionNumber}`,
		originalUrl: `${baseUrl}/file/${asset.id}/*/${name}?_=${version.versionNumber}`,
		highlightedText: null,
		relation: null,
	};
}

/** Which history actions each detail level returns. */
export function actionsForLevel(level: number, actions: string[]): (action: string) => boolean {
	switch (level) {
		case 0:
			return (action) => actions.includes(action);
		case 1:
			return (action) =>
				['CREATE', 'CREATE_VARIATION', 'COPY', 'COPY_VERSION', 'CHECKIN'].includes(action);
		case 2:
			return (action) =>
				[
					'CREATE',
					'CREATE_VARIATION',
					'COPY',
					'COPY_VERSION',
					'CHECKIN',
					'MOVE',
					'RENAME',
				].includes(action);
		case 3:
			return (action) =>
				!['CHECKOUT', 'UNDO_CHECKOUT', 'METADATA_UPDATE', 'PREVIEW', 'AUTHKEY_UPDATE'].includes(
					action,
				);
		case 4:
			return (action) => action !== 'PREVIEW';
		default:
			return () => true;
	}
}

export function historyHit(asset: Asset, entry: HistoryEntry): Record<string, unknown> {
	const extension = extensionOf(asset.filename);
	const version =
		asset.versions.find((v) => v.versionNumber === entry.versionNumber) ?? currentVersion(asset);
	return {
		usageStatsRecord: {
			id: null,
			logDate: entry.logDate,
			userName: entry.userName,
			userGroups: [],
			clientType: entry.clientType,
			remoteAddr: '127.0.0.1',
			remoteHost: 'localhost',
			action: entry.action,
			assetId: asset.id,
			assetPath: assetPathOf(asset),
			assetType: extension,
			assetDomain: domainOf(version.mimeType, extension),
			sourceAssetPath: null,
			sourceAssetId: null,
			changedMetadata: entry.changedMetadata,
			details: null,
		},
		hit: {
			permissionMask: 'VPUMERXCD',
			metadata: {
				versionNumber: entry.versionNumber,
				assetPath: assetPathOf(asset),
				filename: version.fileName,
				fileSize: sizeField(version.size),
				mimeType: version.mimeType,
			},
			relation: null,
		},
		versionCreatingAction: entry.versionCreating,
	};
}

/** A version kept in memory (seeded content). */
export function memoryVersion(
	versionNumber: number,
	data: Buffer,
	fileName: string,
	createdBy: string,
	created: number,
	mimeType?: string,
): Version {
	return {
		versionNumber,
		size: data.length,
		md5: createHash('md5').update(data).digest('hex'),
		fileName,
		mimeType: storedMimeType(fileName, mimeType),
		created,
		createdBy,
		data,
	};
}

/** Moves an uploaded temp file to the asset's version file. */
export function storeUpload(
	dir: string,
	assetId: string,
	versionNumber: number,
	tempPath: string,
): string {
	const path = join(dir, `${assetId}.v${versionNumber}`);
	renameSync(tempPath, path);
	return path;
}

export function deleteVersionFiles(asset: Asset): void {
	for (const version of asset.versions) if (version.path) rmSync(version.path, { force: true });
}
