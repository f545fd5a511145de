import { randomUUID } from 'crypto';

import { HttpError, Router, type SimRequest } from '../core/http';
import type { Simulator } from '../core/server';
import type { SandboxEnv } from '../env';
import { TenovosAuth } from './auth';
import {
	IDS,
	SECURITY_TEMPLATES,
	TEMPLATES,
	TENOVOS_CUSTOMER_ID,
	TENOVOS_MAX_FILE_SIZE,
	TENOVOS_PART_SIZE,
	TENOVOS_USER_ID,
	VOCABULARIES,
	findAttribute,
	templateJson,
} from './data';

/** One metadata value as Tenovos writes and reads it. */
interface MetadataItem {
	metadataDefinitionId: string;
	metadataDefinitionValue?: unknown;
	metadataDefinitionTableValue?: unknown;
}

interface Upload {
	mode: 'single' | 'multipart';
	key: string;
	uploadId?: string;
	partCount?: number;
	declaredSize?: number;
	state: 'pending' | 'complete' | 'cancelled';
	/** Every /asset/complete call for this upload, in order (tests read them). */
	calls: Array<{ action: string; parts: number; status: number }>;
}

/** One asset version. Its objectId and fileId are its own; originalFileId ties the versions of one asset. */
interface Version {
	objectId: string;
	fileId: string;
	originalFileId: string;
	filename: string;
	metadataTemplateId: string;
	metadata: MetadataItem[];
	securityTemplateIds: string[];
	createdEpoch: number;
	lastUpdatedEpoch: number;
	versionNumber: number;
	currentVersion: 'Y' | 'N';
	deleted: boolean;
	upload?: Upload;
	content?: { key: string; size: number; md5: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_WINDOW = 10_000;

function humanSize(bytes: number): string {
	const units = ['B', 'KB', 'MB', 'GB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

const forbidden = (message: string, withStatus = false) =>
	new HttpError(403, withStatus ? { status: 'error', message } : { message });

/**
 * Tenovos API v1/v1.5 as the reference describes it: API Gateway key check (403 Forbidden), Cognito
 * tokens (401 Unauthorized), 403 for not-found and validation errors, create asset / version /
 * metadata-only with presigned s3rver URLs (one URL, or 100 MiB parts with an upload id; 10^8-byte
 * parts by /config partSize),
 * /asset/complete that assembles or aborts the multipart upload, get, versions, keyword search with
 * offset paging (hitCount = page length, 10,000 window), metadata update, soft delete, download URL,
 * metadata and security templates, controlled vocabularies.
 */
export function tenovosSimulator(env: SandboxEnv): Simulator {
	const auth = new TenovosAuth();
	let versions: Version[] = [];
	let epochCounter = 0;
	let wrappedTemplates = true;
	let maxFileSize = TENOVOS_MAX_FILE_SIZE;
	/** Bytes per presigned part: 100 MiB, or 10^8 when "100MB" is read as decimal megabytes. */
	let partSize = TENOVOS_PART_SIZE;
	/** Tenovos extracts technical metadata on its own schedule: when pending, assets show none yet. */
	let technicalMetadataPending = false;

	const epoch = () => auth.now() + epochCounter++;
	const grantedSecurity = () =>
		SECURITY_TEMPLATES.filter((t) => t.granted).map((t) => t.templateId);

	const find = (id: string) => versions.find((v) => v.objectId === id || v.fileId === id);
	const family = (originalFileId: string) =>
		versions.filter((v) => v.originalFileId === originalFileId);

	/** A single-URL upload has no completion call: its content counts once the object is in s3. */
	async function settle(version: Version): Promise<void> {
		const upload = version.upload;
		if (!upload || upload.mode !== 'single' || upload.state !== 'pending') return;
		const info = await env.s3.objectInfo(upload.key);
		if (!info.exists) return;
		upload.state = 'complete';
		version.content = { key: upload.key, size: info.size ?? 0, md5: info.md5 ?? '' };
	}

	function vocabName(attributeId: string, templateId: string, valueId: string): string | undefined {
		const attribute = findAttribute(templateId, attributeId);
		const vocabulary = attribute?.controlledVocabularyId
			? VOCABULARIES[attribute.controlledVocabularyId]
			: undefined;
		return vocabulary?.values.find((v) => v.valueId === valueId)?.valueName;
	}

	/** The readable text of a metadata value (for search and filters). */
	function displayValues(version: Version, item: MetadataItem): string[] {
		const value = item.metadataDefinitionValue;
		if (typeof value === 'string') return [value];
		const list = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : [];
		return list
			.map((v) =>
				vocabName(
					item.metadataDefinitionId,
					version.metadataTemplateId,
					String((v as { valueId?: string }).valueId),
				),
			)
			.filter((v): v is string => !!v);
	}

	function assetJson(version: Version): Record<string, unknown> {
		const state = version.deleted ? 'recycle bin' : 'available';
		const denormalized: Record<string, unknown> = {};
		for (const item of version.metadata) {
			const attribute = findAttribute(version.metadataTemplateId, item.metadataDefinitionId);
			if (attribute) denormalized[attribute.searchField] = displayValues(version, item).join(', ');
		}
		return {
			objectId: version.objectId,
			fileId: version.fileId,
			originalFileId: version.originalFileId,
			objectType: 'Asset',
			filename: version.filename,
			fileState: state,
			metadataState: state,
			currentVersion: version.currentVersion,
			customerId: TENOVOS_CUSTOMER_ID,
			createdBy: TENOVOS_USER_ID,
			createdEpoch: version.createdEpoch,
			lastUpdatedBy: TENOVOS_USER_ID,
			lastUpdatedEpoch: version.lastUpdatedEpoch,
			metadataTemplateId: version.metadataTemplateId,
			metadata: version.metadata,
			metadataDenormalized: denormalized,
			securityTemplateIds: version.securityTemplateIds,
			securityDenormalized: version.securityTemplateIds.map((groupId) => ({
				groupId,
				permissions: [],
			})),
			renditions: {},
			technicalMetadata:
				version.content && !technicalMetadataPending
					? {
							tenovos_metadata: {
								fileName: version.filename,
								fileSize: humanSize(version.content.size),
								MD5Checksum: version.content.md5,
							},
						}
					: {},
		};
	}

	/** Checks metadata against a template the way the create and update operations do. */
	function metadataProblem(templateId: string, items: unknown): string | undefined {
		if (!Array.isArray(items)) return 'Invalid fields for metadata template';
		for (const raw of items) {
			if (!raw || typeof raw !== 'object') return 'Invalid fields for metadata template';
			const item = raw as MetadataItem;
			const attribute = findAttribute(templateId, String(item.metadataDefinitionId));
			if (!attribute || attribute.readonly) return 'Invalid fields for metadata template';
			if (!('metadataDefinitionValue' in item)) continue;
			const value = item.metadataDefinitionValue;
			if (attribute.type === 'text' && typeof value !== 'string')
				return 'Invalid fields for metadata template';
			if (
				attribute.type === 'date' &&
				!(typeof value === 'string' && /^\d{2}\/\d{2}\/\d{4}$/.test(value))
			) {
				return 'Invalid fields for metadata template';
			}
			if (attribute.type === 'controlledVocabulary') {
				const allowed =
					VOCABULARIES[attribute.controlledVocabularyId ?? '']?.values.map((v) => v.valueId) ?? [];
				const list = attribute.isMultipleSelect ? value : [value];
				if (!Array.isArray(list) || (!attribute.isMultipleSelect && Array.isArray(value)))
					return 'Invalid fields for metadata template';
				for (const entry of list) {
					if (
						!entry ||
						typeof entry !== 'object' ||
						!allowed.includes(String((entry as { valueId?: string }).valueId))
					) {
						return 'Invalid fields for metadata template';
					}
				}
			}
		}
		return undefined;
	}

	function securityProblem(ids: unknown): boolean {
		return (
			!Array.isArray(ids) ||
			ids.length === 0 ||
			ids.some((id) => !(grantedSecurity() as string[]).includes(String(id)))
		);
	}

	async function createAsset(req: SimRequest) {
		auth.checkTokens(req);
		const body = await req.json();
		if (!body || typeof body !== 'object' || Array.isArray(body))
			throw forbidden('Failed to parse Asset');
		const filename = body.filename;
		if (typeof filename !== 'string' || !/^[^/\\]+\.[A-Za-z0-9]{1,10}$/.test(filename))
			throw forbidden('Failed to parse Asset');
		if (body.metadata === undefined) throw forbidden('Unexpected end of JSON input');
		if (!body.metadataTemplateId) throw forbidden('Invalid Asset: Missing Metadata Template ID');
		if (
			!TEMPLATES.some(
				(t) => t.templateId === body.metadataTemplateId && t.templateType.includes('default'),
			)
		) {
			throw forbidden('Invalid Asset: Invalid Metadata Template ID');
		}
		if (!Array.isArray(body.securityTemplateIds) || body.securityTemplateIds.length === 0) {
			throw forbidden('Invalid Asset: Missing Security Template ID(s)');
		}
		if (securityProblem(body.securityTemplateIds))
			throw forbidden('Invalid security template ID(s)', true);
		const metadataError = metadataProblem(body.metadataTemplateId, body.metadata);
		if (metadataError) throw forbidden(metadataError, true);
		let versionNumber = 1;
		let originalFileId: string | undefined;
		if (body.originalFileId !== undefined) {
			const original = UUID.test(String(body.originalFileId))
				? family(String(body.originalFileId))
				: [];
			if (original.length === 0) throw forbidden('Invalid Response from Create Asset');
			originalFileId = String(body.originalFileId);
			versionNumber = Math.max(...original.map((v) => v.versionNumber)) + 1;
		}
		const declared = body.filesize ?? body.fileSize;
		if (
			declared !== undefined &&
			(typeof declared !== 'number' || !Number.isFinite(declared) || declared < 0)
		) {
			throw forbidden('Failed to parse Asset');
		}
		if (typeof declared === 'number' && declared > maxFileSize) {
			throw forbidden('Invalid Asset: File size must be less than or equal to 5GB');
		}

		const fileId = randomUUID();
		const now = epoch();
		const version: Version = {
			objectId: randomUUID(),
			fileId,
			originalFileId: originalFileId ?? fileId,
			filename,
			metadataTemplateId: body.metadataTemplateId,
			metadata: body.metadata as MetadataItem[],
			securityTemplateIds: body.securityTemplateIds.map(String),
			createdEpoch: now,
			lastUpdatedEpoch: now,
			versionNumber,
			currentVersion: 'Y',
			deleted: false,
		};
		const key = `masters/${fileId}/${filename}`;
		const answer: Record<string, unknown> = {
			filename,
			objectId: version.objectId,
			fileId: version.fileId,
			originalFileId: version.originalFileId,
		};
		if (typeof declared === 'number') {
			const uploadId = await env.s3.createMultipartUpload(key);
			const partCount = Math.max(1, Math.ceil(declared / partSize));
			version.upload = {
				mode: 'multipart',
				key,
				uploadId,
				partCount,
				declaredSize: declared,
				state: 'pending',
				calls: [],
			};
			answer.uploadId = uploadId;
			answer.urls = Array.from({ length: partCount }, (_, i) => ({
				partNumber: i + 1,
				url: env.s3.presign('PUT', key, { partNumber: String(i + 1), uploadId }, 86400),
			}));
		} else {
			version.upload = { mode: 'single', key, state: 'pending', calls: [] };
			answer.url = env.s3.presign('PUT', key, {}, 86400);
		}
		if (originalFileId) for (const other of family(originalFileId)) other.currentVersion = 'N';
		versions.push(version);
		return { body: answer };
	}

	async function completeUpload(req: SimRequest) {
		auth.checkTokens(req);
		const body = await req.json();
		const { fileId, filename, uploadId, action } = (body ?? {}) as Record<string, unknown>;
		if (!fileId || !filename || !uploadId || !action)
			throw new HttpError(400, { message: 'Failed to parse asset: Missing fields' });
		if (action !== 'complete' && action !== 'cancel')
			throw new HttpError(400, { message: 'Failed to parse asset: Invalid action' });
		const version = versions.find((v) => v.fileId === fileId);
		const upload = version?.upload;
		if (!version || !upload || upload.mode !== 'multipart') throw forbidden('Asset not found');
		if (upload.uploadId !== uploadId)
			throw new HttpError(400, { message: 'Failed to parse asset: Invalid uploadId' });
		const respond = (label: string) => ({
			fileId: version.fileId,
			filename: version.filename,
			action: label,
			originalFileId: version.originalFileId,
			uploadId,
			s3Key: upload.key,
			status: 'success',
		});
		const parts = Array.isArray(body.parts)
			? (body.parts as Array<{ partNumber?: unknown; etag?: unknown }>)
			: [];
		const record = (status: number) =>
			upload.calls.push({ action: String(action), parts: parts.length, status });
		if (upload.state !== 'pending') {
			record(400);
			throw new HttpError(400, {
				message: `Failed to parse asset: Upload is already ${upload.state === 'complete' ? 'completed' : 'cancelled'}`,
			});
		}
		if (action === 'cancel') {
			await env.s3.abortMultipartUpload(upload.key, upload.uploadId!);
			upload.state = 'cancelled';
			record(200);
			return { body: respond('Cancel') };
		}
		const contiguous =
			parts.length > 0 &&
			parts.every((p, i) => p && p.partNumber === i + 1 && typeof p.etag === 'string' && p.etag);
		if (!contiguous) {
			record(400);
			throw new HttpError(400, { message: 'Failed to parse asset: Missing fields' });
		}
		const done = await env.s3.completeMultipartUpload(
			upload.key,
			upload.uploadId!,
			parts.map((p) => ({ partNumber: Number(p.partNumber), etag: String(p.etag) })),
		);
		if (!done.ok) {
			record(400);
			throw new HttpError(400, { message: `Failed to complete multipart upload: ${done.message}` });
		}
		const info = await env.s3.objectInfo(upload.key);
		upload.state = 'complete';
		version.content = { key: upload.key, size: info.size ?? 0, md5: info.md5 ?? '' };
		version.lastUpdatedEpoch = epoch();
		record(200);
		return { body: respond('Complete') };
	}

	async function getVersion(req: SimRequest): Promise<Version> {
		auth.checkTokens(req);
		const version = find(req.params.id);
		if (!version) throw forbidden('Asset not found');
		await settle(version);
		return version;
	}

	function sortValue(version: Version, field: string): string | number {
		const lower = field.toLowerCase();
		if (lower === 'createdepoch') return version.createdEpoch;
		if (lower === 'lastupdatedepoch') return version.lastUpdatedEpoch;
		if (lower === 'filename') return version.filename.toLowerCase();
		const item = version.metadata.find(
			(m) =>
				findAttribute(version.metadataTemplateId, m.metadataDefinitionId)?.searchField === field,
		);
		return item ? displayValues(version, item).join(', ').toLowerCase() : '';
	}

	function sortable(field: string): boolean {
		if (['createdepoch', 'lastupdatedepoch', 'filename'].includes(field.toLowerCase())) return true;
		return TEMPLATES.some((t) =>
			t.groups.some((g) => g.attributes.some((a) => a.sortable && a.searchField === field)),
		);
	}

	function wildcard(term: string): RegExp {
		const escaped = term.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
		return new RegExp(escaped, 'i');
	}

	async function search(req: SimRequest) {
		auth.checkTokens(req);
		const body = await req.json();
		const invalid = () => new HttpError(400, { status: 'error', message: 'Invalid Search Query' });
		if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid();
		const from = body.from ?? 0;
		const limit = body.limit ?? 50;
		if (!Number.isInteger(from) || !Number.isInteger(limit) || from < 0 || limit < 1 || limit > 100)
			throw invalid();
		if (from + limit > MAX_WINDOW) throw invalid();
		const terms: string[] = body.searchTerm === undefined ? ['*'] : body.searchTerm;
		if (!Array.isArray(terms) || terms.some((t) => typeof t !== 'string')) throw invalid();
		const operation = String(body.operation ?? 'AND').toUpperCase();
		if (operation !== 'AND' && operation !== 'OR') throw invalid();
		const field = body.keywordSearchField as string | undefined;
		if (field !== undefined && !['filename', 'assetId', 'metadata', 'content'].includes(field))
			throw invalid();
		const sortBy = (body.sortBy ?? [
			{ metadataDefinitionSearchField: 'lastUpdatedEpoch', order: 'desc' },
		]) as Array<{
			metadataDefinitionSearchField?: string;
			order?: string;
		}>;
		if (
			!Array.isArray(sortBy) ||
			sortBy.some(
				(s) =>
					!s ||
					!sortable(String(s.metadataDefinitionSearchField)) ||
					!['asc', 'desc'].includes(String(s.order ?? 'desc')),
			)
		) {
			throw invalid();
		}
		// ("Name":"value") with query-string escapes: \" is a quote, \\ a backslash, \x the character x.
		const filters: Array<{ name: string; value: string }> = [];
		const unescape = (text: string) => text.replace(/\\(.)/g, '$1');
		for (const filter of (body.filters ?? []) as unknown[]) {
			const parsed =
				typeof filter === 'string'
					? /^\("((?:[^"\\]|\\.)+)":"((?:[^"\\]|\\.)*)"\)$/.exec(filter)
					: null;
			if (!parsed) throw invalid();
			filters.push({ name: unescape(parsed[1]), value: unescape(parsed[2]) });
		}

		for (const version of versions) await settle(version);
		const matchesTerm = (version: Version, term: string) => {
			if (term.trim() === '' || term.trim() === '*') return true;
			const pattern = wildcard(term.trim());
			const metadataText = () => version.metadata.flatMap((m) => displayValues(version, m));
			switch (field) {
				case 'filename':
					return pattern.test(version.filename);
				case 'assetId':
					return [version.objectId, version.fileId, version.originalFileId].includes(term.trim());
				case 'metadata':
					return metadataText().some((text) => pattern.test(text));
				case 'content':
					return false; // the sandbox extracts no text content
				default:
					return (
						pattern.test(version.filename) || metadataText().some((text) => pattern.test(text))
					);
			}
		};
		const matchesFilter = (version: Version, filter: { name: string; value: string }) =>
			version.metadata.some((m) => {
				const attribute = findAttribute(version.metadataTemplateId, m.metadataDefinitionId);
				return (
					attribute?.name === filter.name &&
					displayValues(version, m).some((v) => v.toLowerCase() === filter.value.toLowerCase())
				);
			});
		const hits = versions.filter(
			(v) =>
				(body.includeDeleted === true || !v.deleted) &&
				(body.includeVersions === true || v.currentVersion === 'Y') &&
				(operation === 'AND'
					? terms.every((t) => matchesTerm(v, t))
					: terms.some((t) => matchesTerm(v, t))) &&
				filters.every((f) => matchesFilter(v, f)),
		);
		hits.sort((a, b) => {
			for (const rule of sortBy) {
				const x = sortValue(a, String(rule.metadataDefinitionSearchField));
				const y = sortValue(b, String(rule.metadataDefinitionSearchField));
				if (x !== y) return (x < y ? -1 : 1) * (rule.order === 'asc' ? 1 : -1);
			}
			return a.objectId < b.objectId ? -1 : 1;
		});
		const page = hits.slice(from, from + limit).map(assetJson);
		return { body: { hitCount: page.length, result: page, facets: [] } };
	}

	const router = new Router()
		.post('/auth/token', (req) => auth.token(req))
		.delete('/auth/token', (req) => auth.expire(req))
		.get('/metadata/template', (req) => {
			auth.checkTokens(req);
			return { body: TEMPLATES.map((t) => templateJson(t, 1_600_000_000_000, wrappedTemplates)) };
		})
		.get('/metadata/template/:id', (req) => {
			auth.checkTokens(req);
			const template = TEMPLATES.find((t) => t.templateId === req.params.id);
			if (!template) throw new HttpError(400, { message: 'Metadata Template not found' });
			return { body: templateJson(template, 1_600_000_000_000, wrappedTemplates) };
		})
		.get('/metadata/vocabulary', (req) => {
			auth.checkTokens(req);
			return { body: Object.keys(VOCABULARIES).map(vocabularyJson) };
		})
		.get('/metadata/vocabulary/:id', (req) => {
			auth.checkTokens(req);
			if (!VOCABULARIES[req.params.id])
				throw new HttpError(404, { message: 'Controlled vocabulary not found' });
			return { body: vocabularyJson(req.params.id) };
		})
		.get('/security/template', (req) => {
			auth.checkTokens(req);
			return {
				body: SECURITY_TEMPLATES.filter((t) => t.granted).map((t) => ({
					templateId: t.templateId,
					templateName: t.templateName,
					securityDenormalized: [
						{ groupId: IDS.securityPublic, permissions: ['view', 'download'] },
					],
					templateDocument: [
						{
							groupId: IDS.securityPublic,
							groupPermissions: [{ permissionId: 'view', isPermitted: true }],
						},
					],
				})),
			};
		})
		.post('/asset', (req) => createAsset(req))
		.post('/asset/complete', (req) => completeUpload(req))
		.post('/search/keyword', (req) => search(req))
		.get('/asset/:id', async (req) => ({ body: assetJson(await getVersion(req)) }))
		.get('/asset/:id/latest', async (req) => {
			const version = await getVersion(req);
			const latest =
				family(version.originalFileId).find((v) => v.currentVersion === 'Y') ?? version;
			await settle(latest);
			return { body: assetJson(latest) };
		})
		.get('/asset/:id/version', async (req) => {
			const version = await getVersion(req);
			const all = family(version.originalFileId).sort((a, b) => b.versionNumber - a.versionNumber);
			for (const v of all) await settle(v);
			return { body: all.map(assetJson) };
		})
		.patch('/asset/:id', async (req) => {
			const version = await getVersion(req);
			const body = await req.json();
			if (!body || typeof body !== 'object' || Array.isArray(body))
				throw forbidden('Invalid fields for metadata template', true);
			if (body.metadata !== undefined) {
				const problem = metadataProblem(version.metadataTemplateId, body.metadata);
				if (problem) throw forbidden(problem, true);
			}
			if (body.securityTemplateIds !== undefined && securityProblem(body.securityTemplateIds)) {
				throw forbidden('Invalid security template ID(s)', true);
			}
			for (const item of (body.metadata ?? []) as MetadataItem[]) {
				const rest = version.metadata.filter(
					(m) => m.metadataDefinitionId !== item.metadataDefinitionId,
				);
				version.metadata = [...rest, item];
			}
			if (body.securityTemplateIds !== undefined)
				version.securityTemplateIds = body.securityTemplateIds.map(String);
			version.lastUpdatedEpoch = epoch();
			return { body: { status: 'success', message: 'Asset update was successful' } };
		})
		.post('/asset/:id/delete', async (req) => {
			const version = await getVersion(req);
			const body = await req.json();
			if (body.action !== 'delete' && body.action !== 'undelete')
				throw new HttpError(502, { message: 'Internal server error' });
			if (body.action === 'undelete' && !version.deleted)
				throw forbidden('Failed to UnDelete Asset');
			for (const v of family(version.originalFileId)) {
				v.deleted = body.action === 'delete';
				v.lastUpdatedEpoch = epoch();
			}
			return {
				body: {
					status: 'success',
					message: 'Master Object update was successful',
					data: JSON.stringify({
						...assetJson(version),
						versionNumber: version.versionNumber,
						lockStatus: 'unlocked',
					}),
				},
			};
		})
		.get('/asset/:id/content', async (req) => {
			const version = await getVersion(req);
			if (!version.content) throw forbidden('Asset content not found');
			return { body: { presignedURL: env.s3.presign('GET', version.content.key, {}, 3600) } };
		});

	function vocabularyJson(id: string) {
		const vocabulary = VOCABULARIES[id];
		return {
			metadataDefinitionId: id,
			metadataDefinitionName: vocabulary.name,
			metadataDefinitionSearchField: vocabulary.searchField,
			metadataDefinitionType: 'controlledVocabulary',
			metadata: { values: vocabulary.values, searchable: true },
			createdEpoch: 1_600_000_000_000,
			lastUpdatedEpoch: 1_600_000_000_000,
			customerId: TENOVOS_CUSTOMER_ID,
		};
	}

	const control = new Router()
		.get('/state', async () => {
			for (const version of versions) await settle(version);
			return {
				body: {
					auth: auth.stats,
					versions: versions.map((v) => ({ ...v, upload: v.upload ? { ...v.upload } : undefined })),
				},
			};
		})
		.post('/config', async (req) => {
			const body = await req.json();
			if (body.requireClientId !== undefined) auth.requireClientId = !!body.requireClientId;
			if (body.wrappedTemplates !== undefined) wrappedTemplates = !!body.wrappedTemplates;
			if (body.maxFileSize !== undefined) maxFileSize = Number(body.maxFileSize);
			if (body.partSize !== undefined) partSize = Number(body.partSize);
			if (body.technicalMetadataPending !== undefined)
				technicalMetadataPending = !!body.technicalMetadataPending;
			return {
				body: {
					requireClientId: auth.requireClientId,
					wrappedTemplates,
					maxFileSize,
					partSize,
					technicalMetadataPending,
				},
			};
		})
		.post('/clock', async (req) => {
			const { advanceMs } = await req.json();
			auth.offsetMs += Number(advanceMs ?? 0);
			return { body: { now: auth.now() } };
		})
		.post('/revoke', async (req) => {
			const { refreshTokens } = await req.json();
			auth.revoke(!!refreshTokens);
			return { status: 204 };
		})
		.post('/seed', async (req) => {
			// Metadata-only assets named <prefix>-<n>.jpg, created one epoch apart (for paging tests).
			const { count = 1, prefix = 'seed', title } = await req.json();
			const created: string[] = [];
			for (let n = 1; n <= count; n++) {
				const fileId = randomUUID();
				const now = epoch();
				const version: Version = {
					objectId: randomUUID(),
					fileId,
					originalFileId: fileId,
					filename: `${prefix}-${String(n).padStart(4, '0')}.jpg`,
					metadataTemplateId: IDS.templateCorporate,
					metadata: title
						? [{ metadataDefinitionId: IDS.attrTitle, metadataDefinitionValue: `${title} ${n}` }]
						: [],
					securityTemplateIds: [IDS.securityPublic],
					createdEpoch: now,
					lastUpdatedEpoch: now,
					versionNumber: 1,
					currentVersion: 'Y',
					deleted: false,
				};
				versions.push(version);
				created.push(version.objectId);
			}
			return { body: { objectIds: created } };
		});

	return {
		name: 'tenovos',
		router,
		control,
		// API Gateway answers a route it does not know like this.
		notFound: () => ({ status: 403, body: { message: 'Missing Authentication Token' } }),
		reset() {
			auth.reset();
			versions = [];
			epochCounter = 0;
			wrappedTemplates = true;
			maxFileSize = TENOVOS_MAX_FILE_SIZE;
			partSize = TENOVOS_PART_SIZE;
			technicalMetadataPending = false;
		},
	};
}
