import type { Router, SimRequest } from '../core/http';
import { authenticate, guidList, objectBody, routeGuid, type NomadContext } from './context';
import {
	ASSET_STATUSES,
	ASSET_TYPES,
	BATCH_ACTIONS,
	enumName,
	GUID,
	guid,
	problem,
	validationProblem,
	type SimAsset,
	type SimUser,
} from './model';
import type { NomadState } from './state';

const OPERATORS = [
	'Equals',
	'NotEquals',
	'Contains',
	'NotContains',
	'Like',
	'NotLike',
	'LessThan',
	'GreaterThan',
	'LessThanEquals',
	'GreaterThanEquals',
	'Prefix',
];
const ARCHIVABLE = ['Available', 'Restored', 'SlugReplaced'];

function hasExtension(name: string): boolean {
	return /\.[A-Za-z0-9]{1,8}$/.test(name);
}

export function registerAccountRoutes(router: Router, ctx: NomadContext): void {
	const { state } = ctx;
	router
		.post('/api/account/login', async (req) => {
			const body = await objectBody(req);
			const userName = body.userName ?? body.username ?? body.email;
			const errors: Record<string, string[]> = {};
			if (typeof userName !== 'string' || !userName)
				errors.UserName = ['The UserName field is required.'];
			if (typeof body.password !== 'string' || !body.password)
				errors.Password = ['The Password field is required.'];
			if (Object.keys(errors).length) throw validationProblem(errors, req.path);
			const user = state.userByName(userName);
			if (!user || user.password !== body.password)
				throw problem(404, 'Invalid username or password.', req.path);
			if (user.status !== 'Active') {
				const loginStatus = {
					Disabled: 'IsDisabled',
					Expired: 'IsExpired',
					PendingInvitation: 'IsPendingInvitation',
				}[user.status];
				throw problem(403, `The user account is ${user.status}. (${loginStatus})`, req.path);
			}
			const session = state.openSession(user);
			return { body: state.loginResponse(user, session) };
		})
		.post('/api/account/refresh-token', async (req) => {
			const body = await objectBody(req);
			if (typeof body.refreshToken !== 'string' || !body.refreshToken) {
				throw validationProblem(
					{ RefreshToken: ['The RefreshToken field is required.'] },
					req.path,
				);
			}
			const old = state.refreshTokens.get(body.refreshToken);
			const user = old ? state.users.get(old.userId) : undefined;
			if (
				!old ||
				old.revoked ||
				old.refreshExpiresAt <= state.now() ||
				!user ||
				user.status !== 'Active'
			) {
				throw problem(404, 'The refresh token is invalid or has expired.', req.path);
			}
			// Refresh tokens are single-use: the old pair stops working.
			state.refreshTokens.delete(old.refreshToken);
			old.revoked = true;
			const session = state.openSession(user, old.sessionId);
			return { body: state.loginResponse(user, session) };
		})
		.post('/api/account/logout', async (req) => {
			const { session } = authenticate(ctx, req);
			for (const s of state.sessions.values())
				if (s.sessionId === session.sessionId) s.revoked = true;
			return { status: 200 };
		})
		.get('/api/account/user', (req) => {
			const { user } = authenticate(ctx, req);
			return {
				body: {
					id: user.id,
					email: user.userName,
					firstName: user.firstName,
					lastName: user.lastName,
				},
			};
		})
		.get('/api/ping/auth', (req) => {
			authenticate(ctx, req);
			return { body: 'Pong' };
		});
}

function findOr404(state: NomadState, id: string, req: SimRequest): SimAsset {
	const asset = state.find(id);
	if (!asset) throw problem(404, `Asset '${id}' was not found.`, req.path);
	return asset;
}

function requireWrite(user: SimUser, req: SimRequest): void {
	if (!user.fileWrite)
		throw problem(403, 'You do not have file write permission on this asset.', req.path);
}

/** Starts archiving a file: PendingArchive -> Archiving -> Archived (Glacier). */
function archive(state: NomadState, asset: SimAsset): string | undefined {
	if (asset.assetType !== 'File')
		return `Only file assets can be archived; '${asset.displayName}' is a ${asset.assetType}.`;
	if (!ARCHIVABLE.includes(asset.assetStatus))
		return `The asset cannot be archived while its status is ${asset.assetStatus}.`;
	state.schedule(asset, 'PendingArchive', [
		'Archiving',
		{ status: 'Archived', storageClass: 'Glacier' },
	]);
	state.addJob(asset, 'Archive', 2, 'Move the file to archival storage');
	return undefined;
}

/** Starts restoring an archived file: PendingRestore -> Restoring -> Restored (Standard). */
function restore(state: NomadState, asset: SimAsset): string | undefined {
	if (asset.assetStatus !== 'Archived')
		return `Only archived assets can be restored; the status is ${asset.assetStatus}.`;
	state.schedule(asset, 'PendingRestore', [
		'Restoring',
		{ status: 'Restored', storageClass: 'Standard' },
	]);
	state.addJob(asset, 'Restore', 2, 'Restore the file from archival storage');
	return undefined;
}

function copyTree(
	state: NomadState,
	source: SimAsset,
	parentId: string,
	name = source.displayName,
): SimAsset {
	const copy = state.createAsset({
		parentId,
		assetType: source.assetType === 'Bucket' ? 'Folder' : source.assetType,
		displayName: name,
		contentLength: source.contentLength ?? undefined,
		mediaType: source.mediaType ?? undefined,
	});
	copy.customProperties = { ...source.customProperties };
	copy.tags = source.tags.map((t) => ({ ...t }));
	copy.s3Key = source.s3Key;
	if (copy.assetType === 'File') {
		state.schedule(copy, 'Copying', ['Available']);
		state.addJob(copy, 'Copy', 1, `Copy of ${source.id}`);
	}
	for (const child of state.children(source.id)) copyTree(state, child, copy.id);
	return copy;
}

function uniqueName(state: NomadState, parentId: string, name: string): string {
	const taken = new Set(state.children(parentId).map((c) => c.displayName.toLowerCase()));
	const dot = name.lastIndexOf('.');
	const base = dot > 0 ? name.slice(0, dot) : name;
	const ext = dot > 0 ? name.slice(dot) : '';
	let candidate = `${base} - Copy${ext}`;
	for (let n = 2; taken.has(candidate.toLowerCase()); n++)
		candidate = `${base} - Copy (${n})${ext}`;
	return candidate;
}

function destination(state: NomadState, args: Record<string, unknown>, req: SimRequest): SimAsset {
	const id = args.destinationFolderAssetId;
	if (typeof id !== 'string' || !GUID.test(id)) {
		throw problem(
			400,
			'actionArguments.destinationFolderAssetId is required for this action.',
			req.path,
		);
	}
	const target = state.find(id.toLowerCase());
	if (!target || !state.isContainer(target))
		throw problem(400, `Destination folder '${id}' was not found.`, req.path);
	return target;
}

function collectionFor(
	state: NomadState,
	args: Record<string, unknown>,
	create: boolean,
	req: SimRequest,
) {
	if (typeof args.collectionId === 'string' && args.collectionId) {
		const found = state.collections.get(args.collectionId.toLowerCase());
		if (!found) throw problem(400, `Collection '${args.collectionId}' was not found.`, req.path);
		return found;
	}
	if (typeof args.collectionName === 'string' && args.collectionName) {
		const name = args.collectionName;
		const existing = [...state.collections.values()].find(
			(c) => c.name.toLowerCase() === name.toLowerCase(),
		);
		if (existing) return existing;
		if (!create) throw problem(400, `Collection '${name}' was not found.`, req.path);
		const created = { id: guid(), name, assetIds: new Set<string>() };
		state.collections.set(created.id, created);
		return created;
	}
	throw problem(
		400,
		'actionArguments.collectionId or actionArguments.collectionName is required for this action.',
		req.path,
	);
}

function tagName(args: Record<string, unknown>, req: SimRequest): string {
	if (typeof args.tagName === 'string' && args.tagName.trim()) return args.tagName.trim();
	throw problem(400, 'actionArguments.tagName is required for this action.', req.path);
}

function matchesFilter(state: NomadState, asset: SimAsset, filter: Record<string, any>): boolean {
	const operator = enumName(OPERATORS, filter.operator ?? 'Equals') ?? 'Equals';
	const values = (Array.isArray(filter.values) ? filter.values : [filter.values]).map(
		(v: unknown) => String(v).toLowerCase(),
	);
	const field = String(filter.fieldName ?? '');
	// [C] The comparison operators (SearchFilterOperators); [G] how the real index compares dates
	// (here: as instants, the value an ISO 8601 date-time).
	const dateField = { createddate: asset.createdDate, lastmodifieddate: asset.lastModifiedDate }[
		field.toLowerCase()
	];
	if (dateField !== undefined) {
		const instants = values.map((v: string) => Date.parse(v)).filter((v) => !Number.isNaN(v));
		if (!instants.length) return false;
		switch (operator) {
			case 'Equals':
				return instants.includes(dateField);
			case 'NotEquals':
				return !instants.includes(dateField);
			case 'LessThan':
				return dateField < instants[0];
			case 'GreaterThan':
				return dateField > instants[0];
			case 'LessThanEquals':
				return dateField <= instants[0];
			case 'GreaterThanEquals':
				return dateField >= instants[0];
			default:
				return false;
		}
	}
	let actual: string[];
	switch (field.toLowerCase()) {
		case 'id':
			actual = [asset.id];
			break;
		case 'parentid':
			actual = [asset.parentId ?? ''];
			break;
		case 'uuidsearchfield':
			actual = state.ancestors(asset).map((a) => a.id);
			break;
		case 'assettype':
			actual = [asset.assetType, String(ASSET_TYPES[asset.assetType])];
			break;
		case 'assetstatus':
			actual = [asset.assetStatus, String(ASSET_STATUSES[asset.assetStatus])];
			break;
		case 'url':
			actual = [`${asset.bucketName}::${state.objectKey(asset)}`];
			break;
		case 'contentdefinitionid':
			actual = ['3ff29f61-bd0b-4c17-b855-49db5a292aeb'];
			break;
		case 'title':
		case 'name':
			actual = [asset.displayName];
			break;
		default:
			return false;
	}
	const lowered = actual.map((a) => a.toLowerCase());
	const equal = values.some((v: string) => lowered.includes(v));
	switch (operator) {
		case 'Equals':
			return equal;
		case 'NotEquals':
			return !equal;
		case 'Contains':
			return values.some((v: string) => lowered.some((a) => a.includes(v)));
		case 'NotContains':
			return !values.some((v: string) => lowered.some((a) => a.includes(v)));
		case 'Prefix':
			return values.some((v: string) => lowered.some((a) => a.startsWith(v)));
		default:
			return false;
	}
}

function pageToken(page: number): string {
	return Buffer.from(JSON.stringify({ p: page, v: 1 })).toString('base64url');
}

function pageFromOffset(value: unknown, req: SimRequest): number {
	if (value === undefined || value === null || value === '') return 0;
	if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
	if (typeof value === 'string') {
		if (/^\d+$/.test(value)) return Number(value);
		try {
			const decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
			if (Number.isInteger(decoded.p)) return decoded.p;
		} catch {
			// fall through to the validation error
		}
	}
	throw validationProblem(
		{ PageOffset: ['The page offset is not a valid page index or continuation token.'] },
		req.path,
	);
}

export function registerAssetRoutes(router: Router, ctx: NomadContext): void {
	const { state } = ctx;

	router.post('/api/admin/search', async (req) => {
		authenticate(ctx, req);
		const body = await objectBody(req);
		const pageSize = body.pageSize === undefined ? 100 : Number(body.pageSize);
		if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 999) {
			throw validationProblem(
				{ PageSize: ['The field PageSize must be between 1 and 999.'] },
				req.path,
			);
		}
		const page = pageFromOffset(body.pageOffset, req);
		// A server-side cap below the asked size (tests use it to see the client page by the token).
		const served = Math.min(pageSize, state.config.searchPageLimit);
		const query = String(body.searchQuery ?? body.query ?? '')
			.trim()
			.toLowerCase();
		const filters: Array<Record<string, any>> = Array.isArray(body.filters) ? body.filters : [];
		const binder = enumName(['And', 'Or'], body.filterBinder ?? 'And') ?? 'And';
		let items = [...state.assets.values()].filter((asset) => !asset.deleted);
		items.forEach((asset) => state.settle(asset));
		if (query) items = items.filter((asset) => asset.displayName.toLowerCase().includes(query));
		if (filters.length) {
			items = items.filter((asset) =>
				binder === 'Or'
					? filters.some((f) => matchesFilter(state, asset, f))
					: filters.every((f) => matchesFilter(state, asset, f)),
			);
		}
		const sort =
			Array.isArray(body.sortFields) && body.sortFields[0] ? body.sortFields[0] : undefined;
		const direction =
			sort && enumName(['Ascending', 'Descending'], sort.sortType ?? 'Ascending') === 'Descending'
				? -1
				: 1;
		const field = String(sort?.fieldName ?? 'title').toLowerCase();
		items.sort((a, b) => {
			const key = (asset: SimAsset): string | number =>
				field === 'lastmodifieddate'
					? asset.lastModifiedDate
					: field === 'createddate'
						? asset.createdDate
						: field === 'contentlength'
							? (asset.contentLength ?? 0)
							: asset.displayName.toLowerCase();
			const ka = key(a);
			const kb = key(b);
			if (ka !== kb) return (ka < kb ? -1 : 1) * direction;
			return a.id < b.id ? -1 : 1;
		});
		const total = items.length;
		const slice = items.slice(page * served, (page + 1) * served);
		const more = (page + 1) * served < total;
		return {
			body: {
				items: slice.map((asset) => state.searchItem(asset)),
				totalItemCount: total,
				nextPageOffset: more ? pageToken(page + 1) : null,
				hasItems: slice.length > 0,
				relatedItems: null,
				message: null,
			},
		};
	});

	// Routes with a fixed second segment come before the /admin/asset/{name} batch route.
	// [G] The answer's shape (BatchResultModel with the ZIP asset) is not documented beyond its type.
	router.post('/api/admin/asset/download-archive', async (req) => {
		authenticate(ctx, req);
		const body = await objectBody(req);
		const ids = guidList(body.assetIds, 'assetIds', req.path);
		if (!ids.length) throw problem(400, 'At least one asset ID is required.', req.path);
		const files = state.expandToFiles(ids);
		if (!files.length) throw problem(404, 'None of the requested assets were found.', req.path);
		const filename =
			typeof body.filename === 'string' && body.filename
				? body.filename
				: `download-${new Date(state.now()).toISOString().slice(0, 10)}`;
		const zipName = filename.toLowerCase().endsWith('.zip') ? filename : `${filename}.zip`;
		let folder = state.children(state.rootId).find((a) => a.displayName === 'Downloads');
		folder ??= state.createAsset({
			parentId: state.rootId,
			assetType: 'Folder',
			displayName: 'Downloads',
		});
		const zip = state.createAsset({
			parentId: folder.id,
			assetType: 'File',
			displayName: zipName,
			contentLength: 0,
			mediaType: 'Other',
		});
		state.schedule(zip, 'Creating', ['Available']);
		state.addJob(zip, 'ZipArchive', 1, `ZIP of ${files.length} file(s)`);
		state.archives.push({
			id: zip.id,
			assetIds: files,
			filename: zipName,
			downloadProxy: body.downloadProxy === true,
		});
		return {
			body: {
				items: [
					{
						id: zip.id,
						displayName: zipName,
						assetStatus: state.enumOut(ASSET_STATUSES, zip.assetStatus),
						fileCount: files.length,
						downloadProxy: body.downloadProxy === true,
					},
				],
				totalItemCount: 1,
			},
		};
	});

	router
		.get('/api/admin/asset/:id', (req) => {
			authenticate(ctx, req);
			return { body: state.assetModel(findOr404(state, routeGuid(req, 'id'), req)) };
		})
		.patch('/api/admin/asset/:id', async (req) => {
			authenticate(ctx, req);
			const id = routeGuid(req, 'id');
			const body = await objectBody(req);
			const asset = findOr404(state, id, req);
			const dateField = (name: string) => {
				const value = body[name];
				if (value === undefined) return undefined;
				if (value === null) return null;
				if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
					throw validationProblem(
						{
							[`$.${name}`]: [
								'The JSON value could not be converted to System.Nullable`1[System.DateTime].',
							],
						},
						req.path,
					);
				}
				return new Date(value).toISOString();
			};
			const displayDate = dateField('displayDate');
			const start = dateField('availableStartDate');
			const end = dateField('availableEndDate');
			if (body.displayName !== undefined) {
				if (typeof body.displayName !== 'string' || !body.displayName.trim())
					throw problem(400, 'The display name cannot be empty.', req.path);
				if (asset.assetType === 'File' && !hasExtension(body.displayName))
					throw problem(400, 'The display name must include the file extension.', req.path);
				asset.displayName = body.displayName.trim();
			}
			if (displayDate !== undefined)
				asset.displayDate = displayDate === null ? null : Date.parse(displayDate);
			if (start !== undefined) asset.availableStartDate = start;
			if (end !== undefined) asset.availableEndDate = end;
			if (body.customProperties !== undefined && body.customProperties !== null) {
				if (typeof body.customProperties !== 'object' || Array.isArray(body.customProperties)) {
					throw validationProblem(
						{ '$.customProperties': ['The JSON value could not be converted to a dictionary.'] },
						req.path,
					);
				}
				for (const [key, value] of Object.entries(body.customProperties)) {
					const name = key.charAt(0).toLowerCase() + key.slice(1);
					if (value === null) delete asset.customProperties[name];
					else asset.customProperties[name] = value;
				}
			}
			asset.lastModifiedDate = state.now();
			return { body: { id: asset.id } };
		})
		.delete('/api/admin/asset/:id', (req) => {
			authenticate(ctx, req);
			const asset = findOr404(state, routeGuid(req, 'id'), req);
			for (const child of state.descendants(asset.id)) child.deleted = true;
			asset.deleted = true;
			return { body: { id: asset.id } };
		})
		.get('/api/admin/asset/:id/detail', (req) => {
			authenticate(ctx, req);
			return { body: state.detail(findOr404(state, routeGuid(req, 'id'), req)) };
		})
		.get('/api/admin/asset/:id/parent-folders', (req) => {
			authenticate(ctx, req);
			const asset = findOr404(state, routeGuid(req, 'id'), req);
			const chain = state.ancestors(asset);
			const items = chain.map((folder, index) => {
				const item = state.searchItem(folder);
				(item.identifiers as Record<string, unknown>).children = chain[index + 1]
					? [{ id: chain[index + 1].id }]
					: [];
				return item;
			});
			return { body: { items, totalItemCount: items.length } };
		})
		.post('/api/admin/asset/:parentId/create-folder', async (req) => {
			authenticate(ctx, req);
			const parentId = routeGuid(req, 'parentId');
			const body = await objectBody(req);
			if (typeof body.displayName !== 'string' || !body.displayName.trim()) {
				throw validationProblem({ DisplayName: ['The DisplayName field is required.'] }, req.path);
			}
			const parent = findOr404(state, parentId, req);
			if (!state.isContainer(parent))
				throw problem(400, 'The parent asset is not a folder.', req.path);
			const name = body.displayName.trim();
			if (/[/\\]/.test(name)) throw problem(400, 'A folder name cannot contain slashes.', req.path);
			if (
				state.children(parent.id).some((c) => c.displayName.toLowerCase() === name.toLowerCase())
			) {
				throw problem(400, `An asset named '${name}' already exists in this folder.`, req.path);
			}
			return {
				body: {
					id: state.createAsset({ parentId: parent.id, assetType: 'Folder', displayName: name }).id,
				},
			};
		})
		.post('/api/admin/asset/:parentId/create-placeholder', async (req) => {
			authenticate(ctx, req);
			const parentId = routeGuid(req, 'parentId');
			const body = await objectBody(req);
			if (typeof body.assetName !== 'string' || !body.assetName.trim()) {
				throw validationProblem({ AssetName: ['The AssetName field is required.'] }, req.path);
			}
			const name = body.assetName.trim();
			if (!hasExtension(name))
				throw problem(400, 'The asset name must include the file extension.', req.path);
			const parent = findOr404(state, parentId, req);
			if (!state.isContainer(parent))
				throw problem(400, 'The parent asset is not a folder.', req.path);
			const placeholder = state.createAsset({
				parentId: parent.id,
				assetType: 'File',
				displayName: name,
				contentLength: 0,
				assetStatus: 'Placeholder',
			});
			return { body: { id: placeholder.id } };
		})
		.post('/api/admin/asset/:id/archive', (req) => {
			const { user } = authenticate(ctx, req);
			const asset = findOr404(state, routeGuid(req, 'id'), req);
			requireWrite(user, req);
			const refused = archive(state, asset);
			if (refused) throw problem(400, refused, req.path);
			return { body: { id: asset.id } };
		})
		.post('/api/admin/asset/:id/restore', (req) => {
			const { user } = authenticate(ctx, req);
			const asset = findOr404(state, routeGuid(req, 'id'), req);
			requireWrite(user, req);
			const refused = restore(state, asset);
			if (refused) throw problem(400, refused, req.path);
			return { body: { id: asset.id } };
		})
		.get('/api/admin/asset/:assetId/job-history', (req) => {
			authenticate(ctx, req);
			const asset = findOr404(state, routeGuid(req, 'assetId'), req);
			const jobs = [...asset.jobs].sort((a, b) => a.registerDate - b.registerDate);
			return { body: jobs.map((job) => state.jobModel(job)) };
		});

	// Batch actions. [G] Not documented: the fields of a result item (isSuccess, message, assetStatus,
	// newAssetId) and the argument names for tags (tagName) and collections (collectionId / collectionName).
	router.post('/api/admin/asset/:name', async (req) => {
		const { user } = authenticate(ctx, req);
		const action = BATCH_ACTIONS.find(
			(name) => name.toLowerCase() === req.params.name.toLowerCase(),
		);
		if (!action) throw problem(400, `'${req.params.name}' is not a valid batch action.`, req.path);
		const body = await objectBody(req);
		const targetIds = guidList(body.targetIds, 'targetIds', req.path);
		if (!targetIds.length) throw problem(400, 'The batch request has no target IDs.', req.path);
		const args: Record<string, unknown> =
			body.actionArguments && typeof body.actionArguments === 'object' ? body.actionArguments : {};
		if (['Archive', 'Restore', 'Delete', 'Move'].includes(action)) requireWrite(user, req);
		// Arguments are checked once for the whole batch, before any asset is touched.
		const target =
			action === 'Move' || action === 'Copy' ? destination(state, args, req) : undefined;
		const tag = action === 'AddTag' || action === 'RemoveTag' ? tagName(args, req) : undefined;
		const collection =
			action === 'AddCollection' || action === 'RemoveCollection'
				? collectionFor(state, args, action === 'AddCollection', req)
				: undefined;

		const items = targetIds.map((id) => {
			const asset = state.find(id);
			const result: Record<string, unknown> = { id, batchAction: action };
			if (!asset) return { ...result, isSuccess: false, message: `Asset '${id}' was not found.` };
			let refused: string | undefined;
			switch (action) {
				case 'Delete':
					for (const child of state.descendants(asset.id)) child.deleted = true;
					asset.deleted = true;
					break;
				case 'Archive':
					refused = archive(state, asset);
					break;
				case 'Restore':
					refused = restore(state, asset);
					break;
				case 'Duplicate':
					if (!asset.parentId) refused = 'A bucket cannot be duplicated.';
					else
						result.newAssetId = copyTree(
							state,
							asset,
							asset.parentId,
							uniqueName(state, asset.parentId, asset.displayName),
						).id;
					break;
				case 'Copy':
					result.newAssetId = copyTree(
						state,
						asset,
						target!.id,
						state.children(target!.id).some((c) => c.displayName === asset.displayName)
							? uniqueName(state, target!.id, asset.displayName)
							: asset.displayName,
					).id;
					break;
				case 'Move':
					if (asset.id === target!.id || state.ancestors(target!).some((a) => a.id === asset.id))
						refused = 'A folder cannot be moved into itself.';
					else if (asset.assetType === 'Bucket') refused = 'A bucket cannot be moved.';
					else {
						asset.parentId = target!.id;
						state.schedule(asset, 'Moving', [asset.assetStatus]);
						state.addJob(asset, 'Move', 1, `Move to ${state.displayPath(target!)}`);
					}
					break;
				case 'Index':
					state.addJob(asset, 'Index', 1, 'Re-index in search');
					break;
				case 'Reprocess':
					if (asset.assetType !== 'File') refused = 'Only file assets can be reprocessed.';
					else {
						state.schedule(asset, 'Creating', [
							asset.assetStatus === 'Archived' ? 'Archived' : 'Available',
						]);
						state.addJob(asset, 'MediaInfo', 1, 'Reprocess: media information');
						state.addJob(asset, 'Transcode', 1, 'Reprocess: proxies and previews');
					}
					break;
				case 'AddTag':
					if (!asset.tags.some((t) => t.description.toLowerCase() === tag!.toLowerCase()))
						asset.tags.push({ id: state.tagId(tag!), description: tag! });
					break;
				case 'RemoveTag':
					if (!asset.tags.some((t) => t.description.toLowerCase() === tag!.toLowerCase()))
						refused = `The asset has no tag '${tag}'.`;
					else
						asset.tags = asset.tags.filter(
							(t) => t.description.toLowerCase() !== tag!.toLowerCase(),
						);
					break;
				case 'AddCollection':
					collection!.assetIds.add(asset.id);
					break;
				case 'RemoveCollection':
					if (!collection!.assetIds.delete(asset.id))
						refused = `The asset is not in the collection '${collection!.name}'.`;
					break;
			}
			if (refused) return { ...result, isSuccess: false, message: refused };
			asset.lastModifiedDate = state.now();
			return {
				...result,
				isSuccess: true,
				message: null,
				assetStatus:
					action === 'Delete'
						? state.enumOut(ASSET_STATUSES, 'Deleting')
						: state.enumOut(ASSET_STATUSES, asset.assetStatus),
			};
		});
		return { body: { items, totalItemCount: items.length } };
	});
}
