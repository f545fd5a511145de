import type { Router } from '../core/http';
import type { SandboxEnv } from '../env';
import { authenticate } from './auth';
import { sendFile } from './files';
import type { UploadedFile } from './multipart';
import { matchesQuery } from './query';
import {
	discard,
	type Params,
	parseMetadata,
	readParams,
	requireAsset,
	service,
	uploadedFile,
	wwError,
} from './services';
import { type Actor, joinPath, splitPath, type WoodWingState } from './state';
import {
	type Asset,
	actionsForLevel,
	assetPathOf,
	currentVersion,
	deleteVersionFiles,
	historyHit,
	hitOf,
	memoryVersion,
	metadataOf,
	storedMimeType,
	storeUpload,
} from './store';

/**
 * What acts on assets: create and update (with a file: a new version, i.e. a check-in), remove,
 * check-out (optionally answering with the file) and undo, and the history with its detail levels.
 * Uploaded files are streamed to disk as they arrive; whatever a refused request uploaded is discarded.
 */

/** Where a create puts the asset: metadata.assetPath, or folderPath plus filename/name/the file's name. */
function createTarget(
	metadata: Record<string, unknown>,
	params: Params,
	file: UploadedFile | undefined,
): { folderPath: string; filename: string } {
	let folderPath = (metadata.folderPath as string | undefined) ?? params.get('folderPath');
	let filename =
		(metadata.filename as string | undefined) ??
		(metadata.name as string | undefined) ??
		file?.fileName;
	const assetPath = (metadata.assetPath as string | undefined) ?? params.get('assetPath');
	if (assetPath) ({ folderPath, filename } = splitPath(assetPath));
	if (!folderPath) throw wwError(400, 'Either folderPath or assetPath is required in metadata');
	if (!folderPath.startsWith('/')) throw wwError(400, `Invalid folderPath: ${folderPath}`);
	if (!filename) throw wwError(400, 'No Filedata and no file name in metadata');
	return { folderPath: folderPath.replace(/\/+$/, '') || '/', filename };
}

const PLACEMENT_FIELDS = ['folderPath', 'filename', 'name', 'assetPath'];

function create(state: WoodWingState, session: Actor, params: Params): Asset {
	const metadata = parseMetadata(params);
	const file = uploadedFile(params);
	const target = createTarget(metadata, params, file);
	let { filename } = target;
	const taken = joinPath(target.folderPath, filename);
	if (state.findByPath(taken)) {
		if (params.get('autoRename') === 'false')
			throw wwError(409, `PathAlreadyExistsException: ${taken} already exists`);
		filename = state.uniqueName(target.folderPath, filename);
	}
	const fields = Object.fromEntries(
		Object.entries(metadata).filter(([key]) => !PLACEMENT_FIELDS.includes(key)),
	);
	const version = file
		? {
				size: file.size,
				md5: file.md5,
				fileName: file.fileName,
				mimeType: storedMimeType(filename, file.contentType),
			}
		: memoryVersion(1, Buffer.alloc(0), filename, session.user, state.now());
	const asset = state.createAsset(session, target.folderPath, filename, version, fields);
	if (file) currentVersion(asset).path = storeUpload(state.dir, asset.id, 1, file.path);
	discard(params.files.filter((f) => f !== file));
	return asset;
}

/** Metadata, and with a file a new version (a check-in: refused when another user or client holds the check-out). */
function update(state: WoodWingState, session: Actor, params: Params): Asset {
	const asset = requireAsset(state, params.get('id'));
	const metadata = parseMetadata(params);
	const file = uploadedFile(params);
	const lock = asset.checkout;
	if (file && lock && (lock.by !== session.user || lock.client !== session.client)) {
		throw wwError(
			409,
			`Asset ${assetPathOf(asset)} is checked out by ${lock.by} on ${lock.client}; only that user and client can check it in`,
		);
	}
	const changed = state.applyMetadata(asset, metadata);
	asset.modified = state.now();
	if (file) asset.fileModified = asset.modified;
	asset.modifier = session.user;
	if (file) {
		const versionNumber = currentVersion(asset).versionNumber + 1;
		asset.versions.push({
			versionNumber,
			size: file.size,
			md5: file.md5,
			fileName: file.fileName,
			mimeType: storedMimeType(asset.filename, file.contentType),
			created: state.now(),
			createdBy: session.user,
			path: storeUpload(state.dir, asset.id, versionNumber, file.path),
		});
		if (params.get('clearCheckoutState') !== 'false') asset.checkout = undefined;
		const changedMetadata = Object.keys(changed).length ? changed : null;
		state.log(asset, session, 'CHECKIN', { changedMetadata });
	} else if (Object.keys(changed).length) {
		state.log(asset, session, 'METADATA_UPDATE', { changedMetadata: changed });
	}
	discard(params.files.filter((f) => f !== file));
	return asset;
}

/** The assets a remove names: by query, by ids (404 when none exists) or by folder. */
function removeTargets(state: WoodWingState, params: Params): Asset[] {
	const all = [...state.assets.values()];
	const q = params.get('q');
	const ids = params.get('ids');
	const folderPath = params.get('folderPath');
	if (q)
		return all.filter((a) =>
			matchesQuery(q, (f) => (f === 'id' ? a.id : metadataOf(a)[f]), state.now()),
		);
	if (ids) {
		const wanted = ids
			.split(',')
			.map((id) => id.trim())
			.filter(Boolean);
		const found = wanted.filter((id) => state.assets.has(id)).map((id) => state.assets.get(id)!);
		const missing = wanted.filter((id) => !state.assets.has(id));
		if (missing.length && found.length === 0)
			throw wwError(404, `Asset not found: ${missing.join(', ')}`);
		return found;
	}
	if (folderPath) {
		const prefix = folderPath.replace(/\/+$/, '');
		return all.filter((a) => a.folderPath === prefix || a.folderPath.startsWith(`${prefix}/`));
	}
	throw wwError(400, 'One of q, ids or folderPath is required');
}

function history(state: WoodWingState, params: Params) {
	const asset = requireAsset(state, params.get('id'));
	const level = params.get('detailLevel') === undefined ? 1 : Number(params.get('detailLevel'));
	if (!Number.isInteger(level) || level < 0 || level > 5)
		throw wwError(400, `Invalid detailLevel: ${params.get('detailLevel')}`);
	const actions = (params.get('actions') ?? '')
		.split(',')
		.map((a) => a.trim().toUpperCase())
		.filter(Boolean);
	if (level === 0 && actions.length === 0)
		throw wwError(400, 'detailLevel 0 needs the actions parameter');
	const include = actionsForLevel(level, actions);
	const entries = asset.history.filter((entry) => include(entry.action)).reverse();
	const start = Math.max(0, Number(params.get('start') ?? 0) || 0);
	const num = params.get('num') === undefined ? 50 : Math.max(0, Number(params.get('num')) || 0);
	return {
		totalHits: entries.length,
		hits: entries.slice(start, start + num).map((entry) => historyHit(asset, entry)),
	};
}

export function assetRoutes(router: Router, state: WoodWingState, env: SandboxEnv): Router {
	/** An upload route: the files of a refused request are discarded. `update` may answer with an empty body. */
	const withUpload = (act: (session: Actor, params: Params) => Asset, isUpdate = false) =>
		service(state, async (req) => {
			const session = authenticate(state, req);
			const params = await readParams(state, req);
			try {
				const asset = act(session, params);
				if (isUpdate && state.config.emptyUpdateResponse) return { status: 200 };
				return { body: hitOf(asset, env.urlOf('woodwing'), params.get('metadataToReturn')) };
			} catch (error) {
				discard(params.files);
				throw error;
			}
		});
	const historyHandler = service(state, async (req) => {
		authenticate(state, req);
		return { body: history(state, await readParams(state, req)) };
	});

	return router
		.post(
			'/services/create',
			withUpload((session, params) => create(state, session, params)),
		)
		.post(
			'/services/update',
			withUpload((session, params) => update(state, session, params), true),
		)
		.post(
			'/services/remove',
			service(state, async (req) => {
				const session = authenticate(state, req);
				const targets = removeTargets(state, await readParams(state, req));
				let processedCount = 0;
				let errorCount = 0;
				for (const asset of targets) {
					if (asset.checkout && asset.checkout.by !== session.user) {
						errorCount++;
						continue;
					}
					deleteVersionFiles(asset);
					state.assets.delete(asset.id);
					processedCount++;
				}
				return { body: { processedCount, errorCount } };
			}),
		)
		.post(
			'/services/checkout/:id',
			service(state, async (req) => {
				const session = authenticate(state, req);
				const params = await readParams(state, req);
				const asset = requireAsset(state, req.params.id);
				if (asset.checkout) {
					throw wwError(
						409,
						`Asset ${assetPathOf(asset)} is already checked out by ${asset.checkout.by} on ${asset.checkout.client}`,
					);
				}
				asset.checkout = { at: state.now(), by: session.user, client: session.client };
				state.log(asset, session, 'CHECKOUT');
				if (params.get('download') === 'true')
					return sendFile(asset, currentVersion(asset), true, 'POST');
				const { at, by, client } = asset.checkout;
				return { body: { checkedOut: at, checkedOutBy: by, checkedOutOnClient: client } };
			}),
		)
		.post(
			'/services/undocheckout/:id',
			service(state, async (req) => {
				const session = authenticate(state, req);
				await readParams(state, req);
				const asset = requireAsset(state, req.params.id);
				if (asset.checkout) {
					if (asset.checkout.by !== session.user && session.user !== 'admin') {
						throw wwError(
							403,
							`Asset ${assetPathOf(asset)} is checked out by ${asset.checkout.by}; only that user or an administrator can undo the check-out`,
						);
					}
					asset.checkout = undefined;
					state.log(asset, session, 'UNDO_CHECKOUT');
				}
				return { status: 200 };
			}),
		)
		.get('/services/asset/history', historyHandler)
		.post('/services/asset/history', historyHandler);
}
