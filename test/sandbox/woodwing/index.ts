import { randomBytes } from 'crypto';
import { createReadStream, mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';

import { type Handler, HttpError, Router, type SimRequest, type SimResponse } from '../core/http';
import type { Simulator } from '../core/server';
import type { SandboxEnv } from '../env';
import { boundaryOf, parseMultipart, type UploadedFile } from './multipart';
import { matchesQuery, queryProblem, sortBy } from './query';
import {
	type Asset,
	actionsForLevel,
	assetPathOf,
	currentVersion,
	deleteVersionFiles,
	extensionOf,
	historyHit,
	hitOf,
	isSystemField,
	memoryVersion,
	metadataOf,
	mimeTypeFor,
	newAssetId,
	normalizeFieldValue,
	storeUpload,
	type HistoryEntry,
	type Version,
} from './store';

/**
 * WoodWing Assets Server (Assets 6 `/services` API) simulator.
 *
 * - `/services/apilogin` issues a bearer token (JWT-like) with an inactivity expiry; `/services/login`
 *   sets an `authToken` cookie and returns a `csrfToken`. Cookie sessions must send `X-CSRF-TOKEN`
 *   on every POST (403 otherwise); bearer sessions need none.
 * - Parameters come from the query string, urlencoded or multipart bodies (`metadata` is a JSON string).
 *   Multipart uploads are streamed to disk and hashed while they arrive.
 * - Errors are `{"errorcode": N, "message": "..."}` with the real status, or HTTP 200 when the
 *   `okOnError` switch (the server's `returnStatusOkOnErrorForServicesApi`) is on.
 * - Search caps results at 10,000 (`start + num`), as the server does.
 */

interface Session {
	token: string;
	user: string;
	kind: 'api' | 'cookie';
	client: string;
	csrf?: string;
	lastUsed: number;
}

interface Config {
	/** The server option returnStatusOkOnErrorForServicesApi: /services errors with HTTP 200. */
	okOnError: boolean;
	/** Inactivity after which a session token stops working. */
	sessionTtlMs: number;
	/** Delay after each received upload chunk (tests slow uploads down to cancel them). */
	uploadChunkDelayMs: number;
	/** Search result window (start + num). */
	maxResultWindow: number;
	/** Answer /services/update with an empty body, as some server versions do. */
	emptyUpdateResponse: boolean;
}

const DEFAULT_CONFIG: Config = {
	okOnError: false,
	sessionTtlMs: 30 * 60 * 1000,
	uploadChunkDelayMs: 0,
	maxResultWindow: 10_000,
	emptyUpdateResponse: false,
};

const DEFAULT_USERS: Record<
	string,
	{ password: string; fullName: string; email: string; groups: string[] }
> = {
	api_user: {
		password: 'api-secret',
		fullName: 'API User',
		email: 'api@example.com',
		groups: ['api'],
	},
	jane: {
		password: 'jane-secret',
		fullName: 'Jane Editor',
		email: 'jane@example.com',
		groups: ['editors'],
	},
	admin: {
		password: 'admin-secret',
		fullName: 'Administrator',
		email: 'admin@example.com',
		groups: ['admins'],
	},
};

/** Fake but JWT-shaped token (header.payload.signature, base64url). */
function newToken(user: string): string {
	const header = Buffer.from(JSON.stringify({ alg: 'HS512', zip: 'DEF' })).toString('base64url');
	const payload = Buffer.from(
		JSON.stringify({ sub: user, jti: randomBytes(12).toString('hex') }),
	).toString('base64url');
	return `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
}

function wwError(status: number, message: string): HttpError {
	return new HttpError(status, { errorcode: status, message });
}

/** Request parameters from the query string and the body (urlencoded or multipart). */
interface Params {
	get(name: string): string | undefined;
	files: UploadedFile[];
}

export function woodWingSimulator(env: SandboxEnv): Simulator {
	const dir = mkdtempSync(join(tmpdir(), 'woodwing-sim-'));
	process.once('exit', () => rmSync(dir, { recursive: true, force: true }));

	let config: Config = { ...DEFAULT_CONFIG };
	let clockOffset = 0;
	const now = () => Date.now() + clockOffset;
	let users = structuredClone(DEFAULT_USERS);
	const sessions = new Map<string, Session>();
	const assets = new Map<string, Asset>();
	const folders = new Set<string>();
	const uploads = new Map<string, { bytes: number; path: string }>();
	let uploadSeq = 0;

	const baseUrl = () => env.urlOf('woodwing');

	const addFolder = (path: string) => {
		const parts = path.split('/').filter(Boolean);
		for (let i = 1; i <= parts.length; i++) folders.add(`/${parts.slice(0, i).join('/')}`);
	};

	const findByPath = (path: string) =>
		[...assets.values()].find((a) => assetPathOf(a).toLowerCase() === path.toLowerCase());

	const log = (
		asset: Asset,
		session: { user: string; client: string },
		action: string,
		extra: Partial<HistoryEntry> = {},
	) => {
		asset.history.push({
			logDate: now(),
			userName: session.user,
			clientType: session.client,
			action,
			versionNumber: currentVersion(asset).versionNumber,
			changedMetadata: null,
			versionCreating: ['CREATE', 'CHECKIN', 'COPY', 'COPY_VERSION', 'CREATE_VARIATION'].includes(
				action,
			),
			...extra,
		});
	};

	// ---------- authentication ----------

	const cookieToken = (req: SimRequest): string | undefined => {
		const cookie = req.header('cookie') ?? '';
		const match = /(?:^|;\s*)authToken=([^;]+)/.exec(cookie);
		return match ? match[1] : undefined;
	};

	/** The caller's session, enforcing token expiry and (for cookie sessions) CSRF on POST. */
	const authenticate = (req: SimRequest): Session => {
		const bearer = /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '')?.[1];
		const token = bearer ?? cookieToken(req);
		const session = token ? sessions.get(token) : undefined;
		if (!session) throw wwError(401, 'Not logged in');
		if (now() - session.lastUsed > config.sessionTtlMs) {
			sessions.delete(session.token);
			throw wwError(401, 'Not logged in: your session has expired');
		}
		if (!bearer && session.kind === 'cookie' && req.method === 'POST') {
			const csrf = req.header('x-csrf-token');
			if (!csrf)
				throw wwError(
					403,
					'Missing CSRF token: send the csrfToken from the login response as X-CSRF-TOKEN',
				);
			if (csrf !== session.csrf) throw wwError(403, 'Invalid CSRF token');
		}
		session.lastUsed = now();
		return session;
	};

	// ---------- parameters ----------

	const readParams = async (req: SimRequest): Promise<Params> => {
		const values = new Map<string, string>();
		req.query.forEach((value, key) => values.set(key, value));
		let files: UploadedFile[] = [];
		const type = req.header('content-type') ?? '';
		if (req.method === 'POST' && type.startsWith('multipart/form-data')) {
			const boundary = boundaryOf(type);
			if (!boundary) throw wwError(400, 'Multipart request without a boundary');
			const id = `upload-${++uploadSeq}`;
			uploads.set(id, { bytes: 0, path: '' });
			try {
				const form = await parseMultipart(req.raw, boundary, {
					dir,
					chunkDelayMs: config.uploadChunkDelayMs,
					onProgress: (bytes) => uploads.set(id, { bytes, path: '' }),
				});
				form.fields.forEach((value, key) => values.set(key, value));
				files = form.files;
			} finally {
				uploads.delete(id);
			}
		} else if (req.method === 'POST' && type.startsWith('application/x-www-form-urlencoded')) {
			new URLSearchParams((await req.body()).toString('utf8')).forEach((value, key) =>
				values.set(key, value),
			);
		}
		return { get: (name) => values.get(name), files };
	};

	const discard = (files: UploadedFile[]) => {
		for (const file of files) rmSync(file.path, { force: true });
	};

	const parseMetadata = (params: Params): Record<string, unknown> => {
		const raw = params.get('metadata');
		if (!raw) return {};
		try {
			const parsed = JSON.parse(raw);
			if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
				throw new Error('not an object');
			return parsed as Record<string, unknown>;
		} catch {
			throw wwError(
				400,
				`Invalid metadata parameter: expected a JSON object, got ${raw.slice(0, 80)}`,
			);
		}
	};

	const requireAsset = (id: string | undefined): Asset => {
		if (!id) throw wwError(400, 'Parameter id is required');
		const asset = assets.get(id);
		if (!asset) throw wwError(404, `Asset not found: ${id}`);
		return asset;
	};

	/** Applies editable metadata; returns what changed (for history). */
	const applyMetadata = (asset: Asset, metadata: Record<string, unknown>) => {
		const changed: Record<string, { oldValue: unknown; newValue: unknown }> = {};
		for (const [field, raw] of Object.entries(metadata)) {
			if (isSystemField(field)) continue;
			const value = normalizeFieldValue(field, raw);
			const old = asset.fields[field];
			if (JSON.stringify(old) === JSON.stringify(value)) continue;
			changed[field] = { oldValue: old ?? null, newValue: value };
			if (value === null || value === '') delete asset.fields[field];
			else asset.fields[field] = value;
		}
		return changed;
	};

	/** The server's own time in the Date header, from the same clock as asset dates (tests move it). */
	const dated = (answer: SimResponse): SimResponse => ({
		...answer,
		headers: { Date: new Date(now()).toUTCString(), ...answer.headers },
	});

	/** Wraps a /services handler: errors as the server is configured to send them. */
	const service =
		(handler: Handler): Handler =>
		async (req) => {
			try {
				return dated(await handler(req));
			} catch (error) {
				if (error instanceof HttpError && config.okOnError)
					return dated({ status: 200, headers: error.headers, body: error.body });
				throw error;
			}
		};

	const sendFile = (
		asset: Asset,
		version: Version,
		forceDownload: boolean,
		method: string,
	): SimResponse => {
		const disposition = `${forceDownload ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(asset.filename)}`;
		const headers = {
			'Content-Type': version.mimeType,
			'Content-Length': version.size,
			'Content-Disposition': disposition,
		};
		if (method === 'HEAD') return { status: 200, headers };
		const body = version.data
			? Readable.from([version.data])
			: createReadStream(version.path!, { highWaterMark: 1024 * 1024 });
		return { status: 200, headers, body };
	};

	const createAsset = (
		session: { user: string; client: string },
		folderPath: string,
		filename: string,
		version: Omit<Version, 'versionNumber' | 'created' | 'createdBy'> & Partial<Version>,
		metadata: Record<string, unknown>,
	): Asset => {
		const created = now();
		const asset: Asset = {
			id: newAssetId(),
			folderPath,
			filename,
			fields: {},
			created,
			creator: session.user,
			modified: created,
			modifier: session.user,
			versions: [{ versionNumber: 1, created, createdBy: session.user, ...version } as Version],
			history: [],
		};
		applyMetadata(asset, metadata);
		assets.set(asset.id, asset);
		addFolder(folderPath);
		log(asset, session, 'CREATE');
		return asset;
	};

	const uniquePath = (folderPath: string, filename: string): string => {
		const ext = extensionOf(filename);
		const stem = ext ? filename.slice(0, -(ext.length + 1)) : filename;
		for (let n = 1; ; n++) {
			const candidate = `${stem}-${n}${ext ? `.${ext}` : ''}`;
			if (!findByPath(`${folderPath === '/' ? '' : folderPath}/${candidate}`)) return candidate;
		}
	};

	const splitPath = (assetPath: string) => {
		const index = assetPath.lastIndexOf('/');
		return {
			folderPath: index <= 0 ? '/' : assetPath.slice(0, index),
			filename: assetPath.slice(index + 1),
		};
	};

	const search = (params: Params) => {
		const q = params.get('q');
		if (q === undefined) throw wwError(400, 'Parameter q is required');
		const problem = queryProblem(q);
		if (problem) throw wwError(400, `Cannot parse query '${q}': ${problem}`);
		const start = Math.max(0, Number(params.get('start') ?? 0) || 0);
		const numRaw = params.get('num');
		const num = numRaw === undefined || numRaw === '' ? 50 : Math.max(0, Number(numRaw) || 0);
		const sort = params.get('sort') || 'assetCreated-desc';
		// Metadata computed once per asset and request (sorting reads it many times).
		const rows = [...assets.values()].map((asset) => ({
			id: asset.id,
			asset,
			metadata: metadataOf(asset),
		}));
		const matching = rows.filter((row) =>
			matchesQuery(q, (field) => (field === 'id' ? row.id : row.metadata[field])),
		);
		const sorted = sortBy(matching, sort, (row, field) =>
			field === 'id' ? row.id : row.metadata[field],
		);
		const end = Math.min(start + num, config.maxResultWindow, sorted.length);
		const page = start < end ? sorted.slice(start, end) : [];
		return {
			firstResult: start,
			maxResultHits: num,
			totalHits: matching.length,
			hits: page.map((row) => hitOf(row.asset, baseUrl(), params.get('metadataToReturn'))),
			facets: {},
		};
	};

	// ---------- /services ----------

	const router = new Router()
		.post(
			'/services/apilogin',
			service(async (req) => {
				const params = await readParams(req);
				const username = params.get('username') ?? '';
				const user = users[username];
				if (!user || user.password !== params.get('password')) {
					return {
						body: {
							loginSuccess: false,
							loginFaultMessage: 'Invalid username or password',
							authToken: null,
						},
					};
				}
				const token = newToken(username);
				sessions.set(token, {
					token,
					user: username,
					kind: 'api',
					client: params.get('clientId') || 'api',
					lastUsed: now(),
				});
				return { body: { loginSuccess: true, serverVersion: '6.118.0.1', authToken: token } };
			}),
		)
		.post(
			'/services/login',
			service(async (req) => {
				const params = await readParams(req);
				let username = params.get('username') ?? '';
				let password = params.get('password');
				const cred = params.get('cred');
				if (cred) {
					const decoded = Buffer.from(cred, 'base64').toString('utf8');
					const colon = decoded.indexOf(':');
					username = decoded.slice(0, colon);
					password = decoded.slice(colon + 1);
				}
				const user = users[username];
				if (!user || user.password !== password) {
					return {
						body: { loginSuccess: false, loginFaultMessage: 'Invalid username or password' },
					};
				}
				const token = newToken(username);
				const csrf = randomBytes(16).toString('base64url');
				sessions.set(token, {
					token,
					user: username,
					kind: 'cookie',
					client: params.get('clientType') || 'webclient',
					csrf,
					lastUsed: now(),
				});
				const body: Record<string, unknown> = {
					loginSuccess: true,
					serverVersion: '6.118.0.1',
					csrfToken: csrf,
				};
				if (params.get('returnProfile') === 'true')
					body.userProfile = { username, fullName: user.fullName, email: user.email };
				return { headers: { 'Set-Cookie': [`authToken=${token}; Path=/; HttpOnly`] }, body };
			}),
		)
		.post(
			'/services/logout',
			service(async (req) => {
				const session = authenticate(req);
				sessions.delete(session.token);
				return { body: { logoutSuccess: true } };
			}),
		);

	const profile = service(async (req) => {
		const session = authenticate(req);
		const user = users[session.user];
		return {
			body: {
				username: session.user,
				fullName: user?.fullName ?? session.user,
				email: user?.email ?? '',
				locale: 'en_US',
				authorities: ['ROLE_USER', ...(session.user === 'admin' ? ['ROLE_ADMIN'] : [])],
				userZone: 'Users',
				groups: user?.groups ?? [],
			},
		};
	});
	router.get('/services/profile', profile).post('/services/profile', profile);

	const searchHandler = service(async (req) => {
		authenticate(req);
		return { body: search(await readParams(req)) };
	});
	router.get('/services/search', searchHandler).post('/services/search', searchHandler);

	const browseHandler = service(async (req) => {
		authenticate(req);
		const params = await readParams(req);
		const path = (params.get('path') ?? '/').replace(/\/+$/, '') || '/';
		if (path !== '/' && !folders.has(path)) throw wwError(404, `Folder not found: ${path}`);
		const includeFolders = params.get('includeFolders') !== 'false';
		const includeAssets = params.get('includeAssets') !== 'false';
		const prefix = path === '/' ? '/' : `${path}/`;
		const entries: Record<string, unknown>[] = [];
		if (includeFolders) {
			for (const folder of [...folders].sort()) {
				if (!folder.startsWith(prefix) || folder.slice(prefix.length).includes('/')) continue;
				const name = folder.slice(prefix.length);
				entries.push({
					assetPath: folder,
					name,
					directory: true,
					collection: false,
					browsable: true,
					permissionMask: 'VPUMERXCD',
					removing: false,
				});
			}
		}
		if (includeAssets) {
			for (const asset of assets.values()) {
				if (asset.folderPath !== path) continue;
				entries.push({
					assetPath: assetPathOf(asset),
					name: asset.filename,
					directory: false,
					collection: false,
					containerId: asset.id,
					browsable: false,
					permissionMask: 'VPUMERXCD',
					removing: false,
				});
			}
		}
		return { body: entries };
	});
	router.get('/services/browse', browseHandler).post('/services/browse', browseHandler);

	router.post(
		'/services/create',
		service(async (req) => {
			const session = authenticate(req);
			const params = await readParams(req);
			try {
				const metadata = parseMetadata(params);
				const file = params.files.find((f) => f.field === 'Filedata' || f.field === 'file');
				let folderPath = (metadata.folderPath as string | undefined) ?? params.get('folderPath');
				let filename =
					(metadata.filename as string | undefined) ??
					(metadata.name as string | undefined) ??
					file?.fileName;
				const assetPath = (metadata.assetPath as string | undefined) ?? params.get('assetPath');
				if (assetPath) ({ folderPath, filename } = splitPath(assetPath));
				if (!folderPath)
					throw wwError(400, 'Either folderPath or assetPath is required in metadata');
				if (!folderPath.startsWith('/')) throw wwError(400, `Invalid folderPath: ${folderPath}`);
				folderPath = folderPath.replace(/\/+$/, '') || '/';
				if (!filename) throw wwError(400, 'No Filedata and no file name in metadata');
				if (findByPath(`${folderPath === '/' ? '' : folderPath}/${filename}`)) {
					if (params.get('autoRename') === 'false') {
						throw wwError(
							409,
							`PathAlreadyExistsException: ${folderPath === '/' ? '' : folderPath}/${filename} already exists`,
						);
					}
					filename = uniquePath(folderPath, filename);
				}
				const fields = Object.fromEntries(
					Object.entries(metadata).filter(
						([key]) => !['folderPath', 'filename', 'name', 'assetPath'].includes(key),
					),
				);
				const version = file
					? {
							size: file.size,
							md5: file.md5,
							fileName: file.fileName,
							mimeType: mimeTypeFor(filename, file.contentType),
						}
					: memoryVersion(1, Buffer.alloc(0), filename, session.user, now());
				const asset = createAsset(session, folderPath, filename, version, fields);
				if (file) currentVersion(asset).path = storeUpload(dir, asset.id, 1, file.path);
				discard(params.files.filter((f) => f !== file));
				return { body: hitOf(asset, baseUrl(), params.get('metadataToReturn')) };
			} catch (error) {
				discard(params.files);
				throw error;
			}
		}),
	);

	router.post(
		'/services/update',
		service(async (req) => {
			const session = authenticate(req);
			const params = await readParams(req);
			try {
				const asset = requireAsset(params.get('id'));
				const metadata = parseMetadata(params);
				const file = params.files.find((f) => f.field === 'Filedata' || f.field === 'file');
				if (
					file &&
					asset.checkout &&
					(asset.checkout.by !== session.user || asset.checkout.client !== session.client)
				) {
					throw wwError(
						409,
						`Asset ${assetPathOf(asset)} is checked out by ${asset.checkout.by} on ${asset.checkout.client}; only that user and client can check it in`,
					);
				}
				const changed = applyMetadata(asset, metadata);
				asset.modified = now();
				asset.modifier = session.user;
				if (file) {
					const versionNumber = currentVersion(asset).versionNumber + 1;
					asset.versions.push({
						versionNumber,
						size: file.size,
						md5: file.md5,
						fileName: file.fileName,
						mimeType: mimeTypeFor(asset.filename, file.contentType),
						created: now(),
						createdBy: session.user,
						path: storeUpload(dir, asset.id, versionNumber, file.path),
					});
					if (params.get('clearCheckoutState') !== 'false') asset.checkout = undefined;
					log(asset, session, 'CHECKIN', {
						changedMetadata: Object.keys(changed).length ? changed : null,
					});
				} else if (Object.keys(changed).length) {
					log(asset, session, 'METADATA_UPDATE', { changedMetadata: changed });
				}
				discard(params.files.filter((f) => f !== file));
				if (config.emptyUpdateResponse) return { status: 200 };
				return { body: hitOf(asset, baseUrl(), params.get('metadataToReturn')) };
			} catch (error) {
				discard(params.files);
				throw error;
			}
		}),
	);

	router.post(
		'/services/remove',
		service(async (req) => {
			const session = authenticate(req);
			const params = await readParams(req);
			let targets: Asset[];
			const q = params.get('q');
			const ids = params.get('ids');
			const folderPath = params.get('folderPath');
			if (q)
				targets = [...assets.values()].filter((a) =>
					matchesQuery(q, (f) => (f === 'id' ? a.id : metadataOf(a)[f])),
				);
			else if (ids) {
				const wanted = ids
					.split(',')
					.map((id) => id.trim())
					.filter(Boolean);
				const missing = wanted.filter((id) => !assets.has(id));
				targets = wanted.filter((id) => assets.has(id)).map((id) => assets.get(id)!);
				if (missing.length && targets.length === 0)
					throw wwError(404, `Asset not found: ${missing.join(', ')}`);
			} else if (folderPath) {
				const prefix = folderPath.replace(/\/+$/, '');
				targets = [...assets.values()].filter(
					(a) => a.folderPath === prefix || a.folderPath.startsWith(`${prefix}/`),
				);
			} else throw wwError(400, 'One of q, ids or folderPath is required');
			let processedCount = 0;
			let errorCount = 0;
			for (const asset of targets) {
				if (asset.checkout && asset.checkout.by !== session.user) {
					errorCount++;
					continue;
				}
				deleteVersionFiles(asset);
				assets.delete(asset.id);
				processedCount++;
			}
			return { body: { processedCount, errorCount } };
		}),
	);

	router.post(
		'/services/checkout/:id',
		service(async (req) => {
			const session = authenticate(req);
			const params = await readParams(req);
			const asset = requireAsset(req.params.id);
			if (asset.checkout) {
				throw wwError(
					409,
					`Asset ${assetPathOf(asset)} is already checked out by ${asset.checkout.by} on ${asset.checkout.client}`,
				);
			}
			asset.checkout = { at: now(), by: session.user, client: session.client };
			log(asset, session, 'CHECKOUT');
			if (params.get('download') === 'true')
				return sendFile(asset, currentVersion(asset), true, 'POST');
			return {
				body: {
					checkedOut: asset.checkout.at,
					checkedOutBy: asset.checkout.by,
					checkedOutOnClient: asset.checkout.client,
				},
			};
		}),
	);

	router.post(
		'/services/undocheckout/:id',
		service(async (req) => {
			const session = authenticate(req);
			await readParams(req);
			const asset = requireAsset(req.params.id);
			if (asset.checkout) {
				if (asset.checkout.by !== session.user && session.user !== 'admin') {
					throw wwError(
						403,
						`Asset ${assetPathOf(asset)} is checked out by ${asset.checkout.by}; only that user or an administrator can undo the check-out`,
					);
				}
				asset.checkout = undefined;
				log(asset, session, 'UNDO_CHECKOUT');
			}
			return { status: 200 };
		}),
	);

	const historyHandler = service(async (req) => {
		authenticate(req);
		const params = await readParams(req);
		const asset = requireAsset(params.get('id'));
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
			body: {
				totalHits: entries.length,
				hits: entries.slice(start, start + num).map((entry) => historyHit(asset, entry)),
			},
		};
	});
	router
		.get('/services/asset/history', historyHandler)
		.post('/services/asset/history', historyHandler);

	// ---------- files (not /services: always real HTTP statuses) ----------

	const file = async (req: SimRequest) => {
		const session = authenticate({ ...req, method: 'GET' });
		const asset = assets.get(req.params.id);
		if (!asset) throw wwError(404, `Asset not found: ${req.params.id}`);
		const wanted = req.query.get('version');
		const version = wanted
			? asset.versions.find((v) => v.versionNumber === Number(wanted))
			: currentVersion(asset);
		if (!version) throw wwError(404, `Version ${wanted} of asset ${asset.id} not found`);
		log(asset, session, 'DOWNLOAD');
		return sendFile(asset, version, req.query.get('forceDownload') === 'true', req.method);
	};
	router.get('/file/:id/*', file).post('/file/:id/*', file);
	const placeholderImage = (req: SimRequest) => {
		authenticate({ ...req, method: 'GET' });
		if (!assets.has(req.params.id)) throw wwError(404, `Asset not found: ${req.params.id}`);
		return {
			headers: { 'Content-Type': 'image/jpeg' },
			body: Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex'),
		};
	};
	router.get('/preview/:id/*', placeholderImage).get('/thumbnail/:id/*', placeholderImage);

	// ---------- control routes (tests) ----------

	const seedAsset = (body: Record<string, unknown>): Asset => {
		const fromPath = body.assetPath ? splitPath(String(body.assetPath)) : undefined;
		const folderPath = String(fromPath?.folderPath ?? body.folderPath ?? '/Demo Zone');
		const filename = String(fromPath?.filename ?? body.filename ?? 'file.txt');
		const data =
			body.base64 !== undefined
				? Buffer.from(String(body.base64), 'base64')
				: Buffer.from(String(body.content ?? ''), 'utf8');
		const creator = String(body.creator ?? 'jane');
		const asset = createAsset(
			{ user: creator, client: 'webclient' },
			folderPath,
			filename,
			memoryVersion(1, data, filename, creator, now(), body.mimeType as string | undefined),
			(body.metadata as Record<string, unknown>) ?? {},
		);
		if (body.checkedOutBy) {
			asset.checkout = {
				at: now(),
				by: String(body.checkedOutBy),
				client: String(body.checkedOutOnClient ?? 'webclient'),
			};
			log(asset, { user: asset.checkout.by, client: asset.checkout.client }, 'CHECKOUT');
		}
		return asset;
	};

	const describe = (asset: Asset) => ({
		id: asset.id,
		assetPath: assetPathOf(asset),
		metadata: metadataOf(asset),
		checkout: asset.checkout ?? null,
		versions: asset.versions.map((v) => ({
			versionNumber: v.versionNumber,
			size: v.size,
			md5: v.md5,
			fileName: v.fileName,
			mimeType: v.mimeType,
			createdBy: v.createdBy,
			onDisk: !!v.path,
		})),
		history: asset.history.map((entry) => ({
			action: entry.action,
			userName: entry.userName,
			clientType: entry.clientType,
			versionNumber: entry.versionNumber,
		})),
	});

	const control = new Router()
		.post('/config', async (req) => {
			config = { ...config, ...(await req.json()) };
			return { body: config };
		})
		.post('/clock', async (req) => {
			clockOffset += Number((await req.json()).advanceMs ?? 0);
			return { body: { now: now() } };
		})
		.post('/users', async (req) => {
			const { username, password, fullName } = await req.json();
			users[username] = {
				password,
				fullName: fullName ?? username,
				email: `${username}@example.com`,
				groups: [],
			};
			return { status: 201, body: { username } };
		})
		.post('/assets', async (req) => ({ status: 201, body: describe(seedAsset(await req.json())) }))
		.post('/assets/bulk', async (req) => {
			const { count, folderPath, prefix, metadata } = await req.json();
			const ids: string[] = [];
			for (let n = 0; n < Number(count); n++) {
				const asset = seedAsset({
					folderPath,
					filename: `${prefix ?? 'asset'}-${String(n).padStart(5, '0')}.txt`,
					content: `asset ${n}`,
					metadata,
				});
				asset.created = asset.created + n; // distinct creation times, newest last
				asset.modified = asset.created;
				ids.push(asset.id);
			}
			return { status: 201, body: { count: ids.length, first: ids.slice(0, 5) } };
		})
		.get('/assets', () => ({ body: [...assets.values()].map(describe) }))
		.get('/assets/:id', (req) => {
			const asset = assets.get(req.params.id);
			if (!asset) throw new HttpError(404, { message: 'No such asset' });
			return { body: describe(asset) };
		})
		.post('/assets/:id/checkout', async (req) => {
			const asset = assets.get(req.params.id);
			if (!asset) throw new HttpError(404, { message: 'No such asset' });
			const { user, client } = await req.json();
			asset.checkout = { at: now(), by: user, client: client ?? 'webclient' };
			log(asset, { user, client: client ?? 'webclient' }, 'CHECKOUT');
			return { body: describe(asset) };
		})
		.post('/folders', async (req) => {
			addFolder(String((await req.json()).path));
			return { status: 201, body: { folders: [...folders].sort() } };
		})
		.get('/sessions', () => ({
			body: [...sessions.values()].map((s) => ({
				user: s.user,
				kind: s.kind,
				client: s.client,
				hasCsrf: !!s.csrf,
			})),
		}))
		.post('/sessions/expire', () => {
			const count = sessions.size;
			sessions.clear();
			return { body: { expired: count } };
		})
		.get('/uploads', () => ({
			body: {
				active: [...uploads.values()].map((u) => ({ bytes: u.bytes })),
				files: readdirSync(dir).sort(),
			},
		}));

	const reset = () => {
		for (const asset of assets.values()) deleteVersionFiles(asset);
		assets.clear();
		sessions.clear();
		folders.clear();
		uploads.clear();
		for (const name of readdirSync(dir)) rmSync(join(dir, name), { force: true });
		users = structuredClone(DEFAULT_USERS);
		config = { ...DEFAULT_CONFIG };
		clockOffset = 0;
		addFolder('/Demo Zone');
	};
	reset();

	return {
		name: 'woodwing',
		router,
		control,
		reset,
		notFound: (req) =>
			req.path.startsWith('/services/')
				? {
						status: config.okOnError ? 200 : 404,
						body: { errorcode: 404, message: `No such service: ${req.path}` },
					}
				: { status: 404, body: { errorcode: 404, message: 'Not found' } },
	};
}
