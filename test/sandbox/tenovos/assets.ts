import { HttpError, type Router, type SimRequest } from '../core/http';
import { TEMPLATES } from './data';
import { forbidden, UUID, type MetadataItem, type TenovosState, type Version } from './state';

/** POST /asset: a new asset, a new version (originalFileId) or, with a file size, a multipart upload. */
async function createAsset(state: TenovosState, req: SimRequest) {
	const { auth, env, config } = state;
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
	if (state.securityProblem(body.securityTemplateIds))
		throw forbidden('Invalid security template ID(s)', true);
	const metadataError = state.metadataProblem(body.metadataTemplateId, body.metadata);
	if (metadataError) throw forbidden(metadataError, true);
	let versionNumber = 1;
	let originalFileId: string | undefined;
	if (body.originalFileId !== undefined) {
		const original = UUID.test(String(body.originalFileId))
			? state.family(String(body.originalFileId))
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
	if (typeof declared === 'number' && declared > config.maxFileSize) {
		throw forbidden('Invalid Asset: File size must be less than or equal to 5GB');
	}

	const fileId = state.uuid();
	const now = state.epoch();
	const version: Version = {
		objectId: state.uuid(),
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
		const partCount = Math.max(1, Math.ceil(declared / config.partSize));
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
	if (originalFileId) for (const other of state.family(originalFileId)) other.currentVersion = 'N';
	state.versions.push(version);
	state.changed(originalFileId ? 'version.created' : 'asset.created', version);
	return { body: answer };
}

/** PATCH /asset/:id: metadata merged per field, security templates replaced. */
async function updateAsset(state: TenovosState, version: Version, req: SimRequest) {
	const body = await req.json();
	if (!body || typeof body !== 'object' || Array.isArray(body))
		throw forbidden('Invalid fields for metadata template', true);
	if (body.metadata !== undefined) {
		const problem = state.metadataProblem(version.metadataTemplateId, body.metadata);
		if (problem) throw forbidden(problem, true);
	}
	if (body.securityTemplateIds !== undefined && state.securityProblem(body.securityTemplateIds)) {
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
	version.lastUpdatedEpoch = state.epoch();
	if (body.metadata !== undefined) state.changed('asset.metadata.updated', version);
	if (body.securityTemplateIds !== undefined) state.changed('asset.security.updated', version);
	return { body: { status: 'success', message: 'Asset update was successful' } };
}

/** POST /asset/:id/delete: every version of the asset to the recycle bin, or back. */
async function deleteAsset(state: TenovosState, version: Version, req: SimRequest) {
	const body = await req.json();
	if (body.action !== 'delete' && body.action !== 'undelete')
		throw new HttpError(502, { message: 'Internal server error' });
	if (body.action === 'undelete' && !version.deleted) throw forbidden('Failed to UnDelete Asset');
	for (const v of state.family(version.originalFileId)) {
		v.deleted = body.action === 'delete';
		v.lastUpdatedEpoch = state.epoch();
	}
	state.changed(body.action === 'delete' ? 'asset.deleted' : 'asset.restored', version);
	return {
		body: {
			status: 'success',
			message: 'Master Object update was successful',
			data: JSON.stringify({
				...state.assetJson(version),
				versionNumber: version.versionNumber,
				lockStatus: 'unlocked',
			}),
		},
	};
}

/** Create, get (also latest and all versions), update, delete and download an asset. */
export function registerAssetRoutes(router: Router, state: TenovosState): void {
	const { auth, env } = state;
	/** The version named in the path (object ID or file ID); Tenovos answers an unknown one 403. */
	const versionOf = async (req: SimRequest): Promise<Version> => {
		auth.checkTokens(req);
		const version = state.find(req.params.id);
		if (!version) throw forbidden('Asset not found');
		await state.settle(version);
		return version;
	};
	router
		.post('/asset', (req) => createAsset(state, req))
		.get('/asset/:id', async (req) => ({ body: state.assetJson(await versionOf(req)) }))
		.get('/asset/:id/latest', async (req) => {
			const version = await versionOf(req);
			const latest =
				state.family(version.originalFileId).find((v) => v.currentVersion === 'Y') ?? version;
			await state.settle(latest);
			return { body: state.assetJson(latest) };
		})
		.get('/asset/:id/version', async (req) => {
			const version = await versionOf(req);
			const all = state
				.family(version.originalFileId)
				.sort((a, b) => b.versionNumber - a.versionNumber);
			await state.settleAll(all);
			return { body: all.map((v) => state.assetJson(v)) };
		})
		.patch('/asset/:id', async (req) => await updateAsset(state, await versionOf(req), req))
		.post('/asset/:id/delete', async (req) => await deleteAsset(state, await versionOf(req), req))
		.get('/asset/:id/content', async (req) => {
			const version = await versionOf(req);
			if (!version.content) throw forbidden('Asset content not found');
			return { body: { presignedURL: env.s3.presign('GET', version.content.key, {}, 3600) } };
		});
}
