import { HttpError, Router, type SimRequest } from '../core/http';
import {
	envelope,
	gateway,
	requirePermission,
	tokenEndpoint,
	type ApiHandler,
	type CallContext,
} from './gateway';
import { validFileName, type Asset, type MediaValetState, type UploadSession } from './model';
import { mimeTypeOf } from '../core/kit';
import { CONTAINER } from './seed';
import { searchAssets, type SearchQuery } from './search';
import { publishAssetsAssigned, publishAttributesAdded, publishMediaFileAdded } from './skyhook';

/** A JSON body; a text/plain body is taken as a bare string (the check-in validate step allows both). */
async function bodyOf(req: SimRequest): Promise<unknown> {
	const raw = (await req.body()).toString('utf8');
	if (raw.trim() === '') return undefined;
	try {
		return JSON.parse(raw);
	} catch {
		if ((req.header('content-type') ?? '').includes('text/plain')) return raw;
		throw new HttpError(400, { message: 'The request body is not valid JSON' });
	}
}

function numberParam(req: SimRequest, name: string): number | undefined {
	const value = req.query.get(name);
	if (value === null || value === '') return undefined;
	const parsed = Number(value);
	if (!Number.isFinite(parsed))
		throw new HttpError(400, { message: `The value '${value}' is not valid for ${name}` });
	return parsed;
}

function checkUuid(id: string, what = 'id'): string {
	if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
		throw new HttpError(400, { message: `The value '${id}' is not valid for ${what}.` });
	}
	return id.toLowerCase();
}

function pageOf<T>(req: SimRequest, list: T[]): { page: T[]; offset: number } {
	const count = numberParam(req, 'count') ?? 50;
	const offset = numberParam(req, 'offset') ?? 0;
	if (count < 1 || count > 1000 || offset < 0)
		throw new HttpError(400, { message: 'count must be from 1 to 1000 and offset 0 or more' });
	return { page: list.slice(offset, offset + count), offset };
}

/** Find a key of an object case-insensitively (ASP.NET model binding is case-insensitive). */
function prop(body: unknown, name: string): unknown {
	if (!body || typeof body !== 'object') return undefined;
	const key = Object.keys(body).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
	return key === undefined ? undefined : (body as Record<string, unknown>)[key];
}

function checkedOutByCaller(asset: Asset, ctx: CallContext): void {
	if (asset.checkedOutBy !== ctx.user.id) {
		throw new HttpError(403, {
			message: asset.checkedOutBy
				? 'The asset is checked out by another user'
				: 'The asset is not checked out by the current user',
		});
	}
}

/** Another visible asset already named `fileName`? (A new version may keep its own asset's name.) */
function nameTaken(state: MediaValetState, fileName: string, except: string): boolean {
	return [...state.assets.values()].some(
		(asset) =>
			asset.id !== except &&
			asset.status === 1 &&
			!asset.softDeletedAt &&
			state.current(asset)?.fileName.toLowerCase() === fileName.toLowerCase(),
	);
}

/** Reads the committed blob from Azurite and records it as the asset's next version. */
async function recordVersion(
	state: MediaValetState,
	asset: Asset,
	slot: { mediaFileId: string; blobName: string },
	details: {
		fileName: string;
		size: number;
		userId: string;
		comment: string | null;
		checkInStatus?: number;
	},
): Promise<void> {
	const blob = await state.env.azure.blobInfo(CONTAINER, slot.blobName);
	if (!blob.exists) {
		throw new HttpError(400, {
			message: 'No file was found at the upload URL: upload the file before finalizing',
		});
	}
	if (blob.size !== details.size) {
		throw new HttpError(400, {
			message: `fileSizeInBytes (${details.size}) does not match the uploaded file (${blob.size} bytes)`,
		});
	}
	const now = state.clock.iso();
	asset.versions.push({
		version: asset.versions.length + 1,
		mediaFileId: slot.mediaFileId,
		fileName: details.fileName,
		blobName: slot.blobName,
		sizeInBytes: blob.size!,
		md5: blob.md5!,
		mimeType: mimeTypeOf(details.fileName),
		uploadedAt: now,
		uploadedBy: details.userId,
		comment: details.comment,
		checkInStatus: details.checkInStatus,
	});
	asset.modifiedAt = now;
	asset.modifiedBy = details.userId;
}

export function apiRouter(state: MediaValetState): Router {
	const router = new Router();
	const api = (
		method: 'get' | 'post' | 'put' | 'patch' | 'delete',
		path: string,
		handler: ApiHandler,
	) => router[method](path, gateway(state, handler));
	const assetOf = (req: SimRequest, includeSoftDeleted = false) =>
		state.visibleAsset(checkUuid(req.params.assetId, 'assetId'), includeSoftDeleted);

	router.post('/connect/token', tokenEndpoint(state));

	api('get', '/users/current', (_req, ctx) =>
		envelope(ctx, {
			...state.userDto(ctx.user.id),
			email: ctx.user.username,
			userName: ctx.user.username,
			permissions: ctx.user.permissions,
		}),
	);

	// ---- assets: search, read, update, delete
	const search = (ctx: CallContext, query: SearchQuery) => {
		requirePermission(ctx, 'asset:view');
		const { page, total, offset } = searchAssets(state, query);
		return envelope(
			ctx,
			{ assets: page.map((asset) => state.assetDto(asset, ctx.user)), assetCount: total },
			{ recordCount: { total, offset, returned: page.length } },
		);
	};
	api('get', '/assets', (req, ctx) =>
		search(ctx, {
			search: req.query.get('search') ?? undefined,
			filters: req.query.get('filters') ?? undefined,
			containerfilter:
				req.query.get('containerfilter') ?? req.query.get('containerFilter') ?? undefined,
			sort: req.query.get('sort') ?? undefined,
			count: numberParam(req, 'count'),
			offset: numberParam(req, 'offset'),
			includeSoftDeleted: req.query.get('includeSoftDeleted') === 'true',
		}),
	);
	api('post', '/assets/search', async (req, ctx) => {
		const body = (await bodyOf(req)) ?? {};
		return search(ctx, {
			search: prop(body, 'search') as string,
			filters: prop(body, 'filters') as string,
			containerfilter: prop(body, 'containerfilter') as string,
			sort: prop(body, 'sort') as string,
			count: prop(body, 'count') as number,
			offset: prop(body, 'offset') as number,
			includeSoftDeleted: prop(body, 'includeSoftDeleted') === true,
		});
	});
	api('get', '/assets/:assetId', (req, ctx) => {
		requirePermission(ctx, 'asset:view');
		const asset = assetOf(req, req.query.get('includeSoftDeleted') === 'true');
		return envelope(ctx, state.assetDto(asset, ctx.user));
	});
	api('patch', '/assets/:assetId', async (req, ctx) => {
		const asset = assetOf(req);
		requirePermission(ctx, 'asset:edit');
		const patch = await bodyOf(req);
		if (!Array.isArray(patch)) {
			throw new HttpError(400, {
				message: 'The request body must be a JSON Patch document (an array of operations)',
			});
		}
		const errors: Array<{ message: string; path?: string }> = [];
		const attributesSet: Record<string, string> = {};
		for (const line of patch) {
			const op = String(prop(line, 'op') ?? '').toLowerCase();
			const path = String(prop(line, 'path') ?? '');
			const value = prop(line, 'value');
			if (!['add', 'replace', 'remove'].includes(op)) {
				errors.push({ message: `Operation '${op}' is not supported`, path });
				continue;
			}
			const attribute = /^\/attributes\/(.+)$/i.exec(path);
			if (attribute) {
				const id = attribute[1].toLowerCase();
				if (!state.attributes.has(id)) {
					errors.push({ message: `Attribute '${attribute[1]}' does not exist`, path });
					continue;
				}
				if (op === 'remove') delete asset.attributes[id];
				else asset.attributes[id] = attributesSet[id] = String(value ?? '');
				continue;
			}
			const field = (
				{ '/title': 'title', '/description': 'description', '/alttext': 'altText' } as Record<
					string,
					'title' | 'description' | 'altText'
				>
			)[path.toLowerCase()];
			if (field) {
				asset[field] = op === 'remove' ? '' : String(value ?? '');
				continue;
			}
			if (path.toLowerCase() === '/filename') {
				const current = state.current(asset);
				if (!validFileName(value)) errors.push({ message: 'The file name is not valid', path });
				else if (current) current.fileName = value;
				continue;
			}
			errors.push({ message: `Path '${path}' cannot be changed`, path });
		}
		asset.modifiedAt = state.clock.iso();
		asset.modifiedBy = ctx.user.id;
		// SkyHOOK's table has no event for title, description or alt text edits.
		if (Object.keys(attributesSet).length > 0) publishAttributesAdded(state, asset, attributesSet);
		return envelope(ctx, state.assetDto(asset, ctx.user), { errors });
	});
	api('delete', '/assets/:assetId', (req, ctx) => {
		const asset = assetOf(req);
		requirePermission(ctx, 'asset:delete');
		if (req.query.get('isHardDelete') === 'true') state.assets.delete(asset.id);
		else {
			asset.softDeletedAt = state.clock.iso();
			asset.softDeletedBy = ctx.user.id;
		}
		return envelope(ctx, null);
	});

	// ---- check-out and check-in
	api('post', '/assets/:assetId/checkOut', async (req, ctx) => {
		const asset = assetOf(req);
		requirePermission(ctx, 'asset:checkout');
		const body = await bodyOf(req);
		const comment = Array.isArray(body) ? body[0] : body;
		if (comment !== undefined && typeof comment !== 'string') {
			throw new HttpError(400, {
				message: 'The check-out comment must be a JSON array holding one string',
			});
		}
		if (asset.checkedOutBy) {
			const owner = state.userById(asset.checkedOutBy);
			throw new HttpError(409, {
				message: `The asset is already checked out by ${owner?.username ?? 'another user'}`,
			});
		}
		const version = state.current(asset)!;
		asset.checkedOutBy = ctx.user.id;
		asset.checkOutComment = comment ?? null;
		asset.checkIn = undefined;
		if (comment) {
			asset.comments.push({
				id: state.uuid(),
				assetId: asset.id,
				comment,
				versionNumber: version.version,
				addedBy: ctx.user.id,
				addedAt: state.clock.iso(),
				commentType: 'CheckOut',
			});
		}
		return envelope(ctx, state.env.azure.sasUrl(CONTAINER, version.blobName, 'r', 24), {
			status: 202,
		});
	});
	api('post', '/assetCheckIn/:assetId/validate', async (req, ctx) => {
		const asset = assetOf(req);
		requirePermission(ctx, 'asset:checkout');
		checkedOutByCaller(asset, ctx);
		const name = await bodyOf(req);
		if (!validFileName(name)) throw new HttpError(400, { message: 'The file name is not valid' });
		if (nameTaken(state, name, asset.id)) {
			throw new HttpError(409, { message: `An asset with the file name '${name}' already exists` });
		}
		asset.checkIn = { ...(asset.checkIn ?? {}), validatedName: name };
		return envelope(ctx, { fileName: name, isValid: true });
	});
	api('get', '/assetCheckIn/:assetId', async (req, ctx) => {
		const asset = assetOf(req);
		requirePermission(ctx, 'asset:checkout');
		checkedOutByCaller(asset, ctx);
		const slot = await state.newSlot(
			asset.id,
			asset.checkIn?.validatedName ?? state.current(asset)!.fileName,
		);
		asset.checkIn = { ...(asset.checkIn ?? {}), slot };
		return envelope(
			ctx,
			{
				id: asset.id,
				uploadUrl: slot.uploadUrl,
				uploadFileName: slot.uploadFileName,
				mediaFileId: slot.mediaFileId,
				title: asset.title,
				description: asset.description,
				fileSizeInBytes: 0,
				_links: { self: 'assetCheckIn', functions: ['validate', 'finalize'] },
			},
			{ status: 202 },
		);
	});
	api('put', '/assetCheckIn/:assetId', async (req, ctx) => {
		const asset = assetOf(req);
		requirePermission(ctx, 'asset:checkout');
		checkedOutByCaller(asset, ctx);
		const body = await bodyOf(req);
		if (!body || typeof body !== 'object' || Array.isArray(body))
			throw new HttpError(400, { message: 'The check-in details are missing' });
		const slot = asset.checkIn?.slot;
		if (!slot)
			throw new HttpError(400, {
				message: 'No upload was started for this check-in: get an upload URL first',
			});
		const mediaFileId = prop(body, 'mediaFileId');
		if (mediaFileId !== undefined && String(mediaFileId).toLowerCase() !== slot.mediaFileId) {
			throw new HttpError(400, { message: `Unknown mediaFileId '${String(mediaFileId)}'` });
		}
		const uploadFileName = prop(body, 'uploadFileName');
		if (uploadFileName !== undefined && uploadFileName !== slot.uploadFileName) {
			throw new HttpError(400, {
				message: 'uploadFileName does not match the upload URL that was issued',
			});
		}
		const fileName = prop(body, 'fileName');
		if (!validFileName(fileName))
			throw new HttpError(400, { message: 'fileName is missing or not valid' });
		if (nameTaken(state, fileName, asset.id)) {
			throw new HttpError(409, {
				message: `An asset with the file name '${fileName}' already exists`,
			});
		}
		const size = prop(body, 'fileSizeInBytes');
		if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) {
			throw new HttpError(400, {
				message: 'fileSizeInBytes must be the size of the uploaded file in bytes',
			});
		}
		const status = prop(body, 'status');
		if (status !== undefined && !Number.isInteger(status))
			throw new HttpError(400, { message: 'status must be an integer' });
		const comment = prop(body, 'comment');
		await recordVersion(state, asset, slot, {
			fileName,
			size,
			userId: ctx.user.id,
			comment: typeof comment === 'string' && comment ? comment : null,
			checkInStatus: status as number | undefined,
		});
		const version = state.current(asset)!;
		asset.checkedOutBy = null;
		asset.checkOutComment = null;
		asset.checkInComment = typeof comment === 'string' && comment ? comment : null;
		asset.checkIn = undefined;
		if (asset.checkInComment) {
			asset.comments.push({
				id: state.uuid(),
				assetId: asset.id,
				comment: asset.checkInComment,
				versionNumber: version.version,
				addedBy: ctx.user.id,
				addedAt: state.clock.iso(),
				commentType: 'CheckIn',
			});
		}
		publishMediaFileAdded(state, asset, version);
		return envelope(ctx, state.assetDto(asset, ctx.user), { status: 202 });
	});
	api('get', '/assets/:assetId/versions', (req, ctx) => {
		requirePermission(ctx, 'asset:view');
		const asset = assetOf(req);
		const list = asset.versions.map((version) => state.versionDto(asset, version)).reverse();
		return envelope(ctx, list, {
			recordCount: { total: list.length, offset: 0, returned: list.length },
		});
	});

	// ---- comments
	api('get', '/assets/:assetId/comments', (req, ctx) => {
		requirePermission(ctx, 'asset:view');
		const asset = assetOf(req);
		const list = asset.comments.map((comment) => state.commentDto(comment));
		return envelope(ctx, list, {
			recordCount: { total: list.length, offset: 0, returned: list.length },
		});
	});
	api('post', '/assets/:assetId/comments', async (req, ctx) => {
		const asset = assetOf(req);
		requirePermission(ctx, 'asset:comment');
		const body = await bodyOf(req);
		if (
			!Array.isArray(body) ||
			body.length === 0 ||
			body.some((entry) => typeof entry !== 'string' || !entry.trim())
		) {
			throw new HttpError(400, {
				message: 'Provide the comments as a JSON array of non-empty strings',
			});
		}
		for (const text of body as string[]) {
			asset.comments.push({
				id: state.uuid(),
				assetId: asset.id,
				comment: text,
				versionNumber: state.current(asset)?.version ?? 1,
				addedBy: ctx.user.id,
				addedAt: state.clock.iso(),
				commentType: 'Comment',
			});
		}
		return envelope(ctx, null, { status: 201 });
	});

	// ---- categories and attributes
	api('get', '/categories', (req, ctx) => {
		const all = [...state.categories.keys()].map((id) => state.categoryDto(id));
		const { page, offset } = pageOf(req, all);
		return envelope(ctx, page, {
			recordCount: { total: all.length, offset, returned: page.length },
		});
	});
	api('get', '/categories/:categoryId', (req, ctx) => {
		const id = checkUuid(req.params.categoryId, 'categoryId');
		if (!state.categories.has(id))
			throw new HttpError(404, { message: `Category ${id} was not found` });
		return envelope(ctx, state.categoryDto(id));
	});
	api('get', '/assets/:assetId/categories', (req, ctx) => {
		requirePermission(ctx, 'asset:view');
		const asset = assetOf(req);
		const list = asset.categories.map((id) => state.categoryDto(id));
		return envelope(ctx, list, {
			recordCount: { total: list.length, offset: 0, returned: list.length },
		});
	});
	api('post', '/assets/:assetId/categories', async (req, ctx) => {
		const asset = assetOf(req);
		requirePermission(ctx, 'category:assign');
		const body = await bodyOf(req);
		if (!Array.isArray(body) || body.length === 0 || body.some((id) => typeof id !== 'string')) {
			throw new HttpError(400, { message: 'Provide the category IDs as a JSON array of strings' });
		}
		const errors: Array<{ message: string }> = [];
		for (const raw of body as string[]) {
			const id = raw.toLowerCase();
			if (!state.categories.has(id)) errors.push({ message: `Category '${raw}' was not found` });
			else if (!asset.categories.includes(id)) {
				asset.categories.push(id);
				publishAssetsAssigned(state, [asset.id], id);
			}
		}
		asset.modifiedAt = state.clock.iso();
		return envelope(
			ctx,
			{ assetId: asset.id, categoryIds: [...asset.categories] },
			{ status: errors.length ? 200 : 202, errors },
		);
	});
	api('get', '/attributes', (req, ctx) => {
		const all = [...state.attributes.values()].map((attribute) => ({
			...attribute,
			_links: { self: `/attributes/${attribute.id}` },
		}));
		const { page, offset } = pageOf(req, all);
		return envelope(ctx, page, {
			recordCount: { total: all.length, offset, returned: page.length },
		});
	});

	// ---- new assets: POST /uploads, blob upload, PUT record, categories, keywords, PATCH status
	const sessionOf = (req: SimRequest, ctx: CallContext): UploadSession => {
		const session = state.uploads.get(checkUuid(req.params.uploadId, 'uploadId'));
		if (!session || session.createdBy !== ctx.user.id)
			throw new HttpError(404, { message: `Upload ${req.params.uploadId} was not found` });
		return session;
	};
	api('post', '/uploads', async (req, ctx) => {
		requirePermission(ctx, 'asset:upload');
		const body = await bodyOf(req);
		const filename = prop(body, 'filename');
		if (!validFileName(filename))
			throw new HttpError(400, { message: 'filename is missing or not valid' });
		const id = state.uuid();
		const slot = await state.newSlot(id, filename);
		const now = state.clock.iso();
		state.assets.set(id, {
			id,
			status: 0,
			title: filename,
			description: '',
			altText: '',
			categories: [],
			keywords: [],
			attributes: {},
			versions: [],
			comments: [],
			checkedOutBy: null,
			checkOutComment: null,
			checkInComment: null,
			createdAt: now,
			createdBy: ctx.user.id,
			modifiedAt: now,
			modifiedBy: ctx.user.id,
			softDeletedAt: null,
			softDeletedBy: null,
		});
		state.uploads.set(id, {
			id,
			createdBy: ctx.user.id,
			filename,
			slot,
			recordSet: false,
			categories: [],
			keywords: [],
			finalized: false,
		});
		return envelope(
			ctx,
			{
				id,
				uploadUrl: slot.uploadUrl,
				uploadFileName: slot.uploadFileName,
				mediaFileId: slot.mediaFileId,
			},
			{ status: 201 },
		);
	});
	api('put', '/uploads/:uploadId', async (req, ctx) => {
		const session = sessionOf(req, ctx);
		const body = await bodyOf(req);
		if (String(prop(body, 'filename') ?? '') !== session.slot.uploadFileName) {
			throw new HttpError(400, {
				message: 'filename must be the uploadFileName returned when the upload was created',
			});
		}
		const size = prop(body, 'fileSizeInBytes');
		if (typeof size !== 'number' || !Number.isInteger(size) || size <= 0) {
			throw new HttpError(400, {
				message: 'fileSizeInBytes must be the size of the uploaded file in bytes',
			});
		}
		session.title = String(prop(body, 'title') ?? session.filename);
		session.description = String(prop(body, 'description') ?? '');
		session.fileSizeInBytes = size;
		session.recordSet = true;
		return envelope(ctx, {
			id: session.id,
			uploadUrl: session.slot.uploadUrl,
			uploadFileName: session.slot.uploadFileName,
			mediaFileId: session.slot.mediaFileId,
			title: session.title,
			description: session.description,
			fileSizeInBytes: size,
		});
	});
	api('post', '/uploads/:uploadId/categories', async (req, ctx) => {
		const session = sessionOf(req, ctx);
		const body = await bodyOf(req);
		if (!Array.isArray(body) || body.some((id) => typeof id !== 'string')) {
			throw new HttpError(400, { message: 'Provide the category IDs as a JSON array of strings' });
		}
		const unknown = (body as string[]).find((id) => !state.categories.has(id.toLowerCase()));
		if (unknown) throw new HttpError(400, { message: `Category '${unknown}' was not found` });
		session.categories = [
			...new Set([...session.categories, ...(body as string[]).map((id) => id.toLowerCase())]),
		];
		return envelope(ctx, session.categories, { status: 201 });
	});
	api('post', '/uploads/:uploadId/keywords', async (req, ctx) => {
		const session = sessionOf(req, ctx);
		const body = await bodyOf(req);
		if (
			!Array.isArray(body) ||
			body.some((keyword) => typeof keyword !== 'string' || !keyword.trim())
		) {
			throw new HttpError(400, { message: 'Provide the keywords as a JSON array of strings' });
		}
		session.keywords = [...new Set([...session.keywords, ...(body as string[])])];
		return envelope(ctx, session.keywords, { status: 201 });
	});
	api('patch', '/uploads/:uploadId', async (req, ctx) => {
		const session = sessionOf(req, ctx);
		const body = await bodyOf(req);
		if (!Array.isArray(body))
			throw new HttpError(400, {
				message: 'The request body must be a JSON Patch document (an array of operations)',
			});
		const statusOp = body.find((line) => String(prop(line, 'path')).toLowerCase() === '/status');
		if (!statusOp || prop(statusOp, 'value') !== 1) {
			return envelope(ctx, null, {
				errors: [{ message: 'Only /status can be patched on an upload' }],
			});
		}
		if (session.finalized) throw new HttpError(409, { message: 'The upload is already complete' });
		if (!session.recordSet)
			throw new HttpError(400, {
				message: 'Set the upload record (PUT /uploads/{id}) before finalizing',
			});
		const asset = state.assets.get(session.id)!;
		await recordVersion(state, asset, session.slot, {
			fileName: session.filename,
			size: session.fileSizeInBytes!,
			userId: ctx.user.id,
			comment: null,
		});
		asset.title = session.title ?? session.filename;
		asset.description = session.description ?? '';
		asset.categories = [...session.categories];
		asset.keywords = [...session.keywords];
		asset.status = 1;
		session.finalized = true;
		publishMediaFileAdded(state, asset, state.current(asset)!);
		return envelope(ctx, { id: asset.id, status: 1 });
	});
	api('delete', '/uploads/:uploadId', async (req, ctx) => {
		const session = sessionOf(req, ctx);
		if (session.finalized) throw new HttpError(409, { message: 'The upload is already complete' });
		state.uploads.delete(session.id);
		state.assets.delete(session.id);
		await state.env.azure
			.service()
			.getContainerClient(CONTAINER)
			.getBlobClient(session.slot.blobName)
			.deleteIfExists()
			.catch(() => undefined);
		return envelope(ctx, null);
	});

	return router;
}
