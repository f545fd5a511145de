import { randomUUID } from 'crypto';

import { HttpError } from '../core/http';

/** Asset types as Nomad Media documents them (seed 002). JSON carries the names. */
export const ASSET_TYPES: Record<string, number> = { Folder: 1, File: 2, Bucket: 5 };

/** Asset statuses with the numbers seed 002 gives them. JSON carries the names. */
export const ASSET_STATUSES: Record<string, number> = {
	Available: 1,
	Renaming: 2,
	Copying: 3,
	Restoring: 4,
	Registering: 5,
	Uploading: 6,
	Archiving: 7,
	Archived: 8,
	PendingArchive: 9,
	PendingRestore: 11,
	Restored: 12,
	Deleting: 13,
	Moving: 14,
	SlugReplaced: 15,
	Updating: 16,
	Error: 17,
	Assembling: 18,
	Clipping: 19,
	Placeholder: 20,
	Creating: 21,
	Replacing: 22,
};

/** Download-queue transfer statuses (declaration order of AssetTransferStatuses). */
export const TRANSFER_STATUSES = [
	'Queued',
	'Downloading',
	'Uploading',
	'Error',
	'Complete',
	'Cancelled',
];

/** Upload overwrite options (UploadOverwriteOptions). */
export const OVERWRITE_OPTIONS = ['Cancel', 'Continue', 'Replace', 'AssetReplace'];

/** Batch action names the simulator knows (the real server answers 400 for an unknown name). */
export const BATCH_ACTIONS = [
	'Delete',
	'Archive',
	'Restore',
	'Duplicate',
	'Move',
	'Copy',
	'Index',
	'Reprocess',
	'AddTag',
	'RemoveTag',
	'AddCollection',
	'RemoveCollection',
];

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

export const guid = (): string => randomUUID();

/** Case-insensitive lookup of an enum member given as a name or (0-based or documented) number. */
export function enumName(
	table: Record<string, number> | string[],
	value: unknown,
): string | undefined {
	if (Array.isArray(table)) {
		if (typeof value === 'number') return table[value];
		if (typeof value === 'string' && /^\d+$/.test(value)) return table[Number(value)];
		return table.find(
			(name) => typeof value === 'string' && name.toLowerCase() === value.toLowerCase(),
		);
	}
	if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))) {
		return Object.keys(table).find((name) => table[name] === Number(value));
	}
	return Object.keys(table).find(
		(name) => typeof value === 'string' && name.toLowerCase() === value.toLowerCase(),
	);
}

const TYPE_URLS: Record<number, string> = {
	400: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
	401: 'https://tools.ietf.org/html/rfc9110#section-15.5.2',
	403: 'https://tools.ietf.org/html/rfc9110#section-15.5.4',
	404: 'https://tools.ietf.org/html/rfc9110#section-15.5.5',
	409: 'https://tools.ietf.org/html/rfc9110#section-15.5.10',
};
const TITLES: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	409: 'Conflict',
};

/** An RFC 7807 ProblemDetails error, as ASP.NET Core answers it. */
export function problem(
	status: number,
	detail: string | undefined,
	instance: string,
	headers: Record<string, string> = {},
): HttpError {
	const body: Record<string, unknown> = {
		type: TYPE_URLS[status] ?? 'about:blank',
		title: TITLES[status] ?? 'Error',
		status,
		instance,
		traceId: `00-${guid().replace(/-/g, '')}-${guid().replace(/-/g, '').slice(0, 16)}-00`,
	};
	if (detail !== undefined) body.detail = detail;
	return new HttpError(status, body, headers);
}

/** ASP.NET Core's model-validation answer: a ProblemDetails with an `errors` dictionary. */
export function validationProblem(errors: Record<string, string[]>, instance: string): HttpError {
	return new HttpError(400, {
		type: TYPE_URLS[400],
		title: 'One or more validation errors occurred.',
		status: 400,
		instance,
		errors,
		traceId: `00-${guid().replace(/-/g, '')}-${guid().replace(/-/g, '').slice(0, 16)}-00`,
	});
}

export interface Job {
	id: string;
	assetId: string;
	jobType: string;
	registerDate: number;
	startDate: number;
	/** Simulated time the job completes (or errors). */
	completesAt: number;
	isErrored: boolean;
	description: string;
	displayMessage: string;
}

export interface RelatedAsset {
	id: string;
	metadataTypeId: string;
	title: string;
	contentLength: number;
	languageId: string | null;
	s3Key: string;
	createdDate: number;
	uploadId: string;
}

/** An annotation (Nomad Media's comments on an asset), as AnnotationModel. */
export interface Annotation {
	id: string;
	startTimeCode: string | null;
	endTimeCode: string | null;
	imageUrl: string | null;
	properties: Record<string, unknown> | null;
	contentId: string;
}

/** A tag or label of an ad break (LookupModel, reduced to what the simulator keeps). */
export interface Lookup {
	id: string;
	description: string;
}

/** An ad break cue point, as AdBreakModel. */
export interface AdBreak {
	id: string;
	timeCode: string | null;
	/** [G] Preroll at 00:00:00, Midroll otherwise (the simulator's rule). */
	adBreakType: 'Preroll' | 'Midroll' | 'Postroll';
	tags: Lookup[];
	labels: Lookup[];
}

/** [G] A face the AI detected on an asset, and the person it is assigned to. */
export interface Face {
	id: string;
	startTimeCode: string;
	personId: string | null;
}

export interface Person {
	id: string;
	name: string;
}

export interface SimAsset {
	id: string;
	parentId: string | null;
	assetType: 'Folder' | 'File' | 'Bucket';
	assetStatus: string;
	displayName: string;
	displayDate: number | null;
	availableStartDate: string | null;
	availableEndDate: string | null;
	bucketName: string;
	objectKey: string;
	contentLength: number | null;
	mediaType: string | null;
	storageClass: string;
	languageId: string | null;
	customProperties: Record<string, unknown>;
	tags: Array<{ id: string; description: string }>;
	createdDate: number;
	lastModifiedDate: number;
	/** Status changes that happen by themselves, in simulated time. */
	transitions: Array<{ at: number; status: string; storageClass?: string }>;
	jobs: Job[];
	related: RelatedAsset[];
	annotations: Annotation[];
	adBreaks: AdBreak[];
	faces: Face[];
	/** Where the file's bytes are in s3rver, once uploaded. */
	s3Key?: string;
	deleted?: boolean;
}

export interface UploadPart {
	id: string;
	partNumber: number;
	startingPosition: number;
	endingPosition: number;
	isCompleted: boolean;
	etag?: string;
	url: string;
}

export interface SimUpload {
	id: string;
	assetId: string;
	userId: string;
	s3Key: string;
	s3UploadId: string;
	contentLength: number;
	chunkSize: number;
	startDate: number;
	parts: UploadPart[];
	state: 'InProgress' | 'Completed' | 'Cancelled';
	/** The asset existed before (replace/placeholder): restore this status on cancel. */
	previousStatus?: string;
	createdAsset: boolean;
	related?: {
		parentAssetId: string;
		metadataTypeId: string;
		relatedAssetId: string;
		languageId: string | null;
		title: string;
	};
	completedDate?: number;
	cancelMessage?: string;
	completeResult?: unknown;
}

export interface QueueItem {
	assetDownloadQueueId: string;
	assetId: string;
	userId: string;
	downloadProxy: boolean;
	transferStatus: string;
	completePercentage: number;
	errorMessage: string | null;
	createdDate: number;
}

export interface SimUser {
	id: string;
	userName: string;
	password: string;
	firstName: string;
	lastName: string;
	isAdmin: boolean;
	/** Account state: Active, or a login failure the account is in. */
	status: 'Active' | 'Disabled' | 'Expired' | 'PendingInvitation';
	/** Whether the user may write files (archive/restore need it). */
	fileWrite: boolean;
}

export interface Session {
	token: string;
	refreshToken: string;
	userId: string;
	sessionId: string;
	expiresAt: number;
	refreshExpiresAt: number;
	revoked?: boolean;
}

export interface Collection {
	id: string;
	name: string;
	assetIds: Set<string>;
}
