import { readdirSync } from 'fs';

import { HttpError, Router } from '../core/http';
import { clockRoute } from '../core/kit';
import { splitPath, type WoodWingState } from './state';
import { type Asset, assetPathOf, currentVersion, memoryVersion, metadataOf } from './store';

/**
 * Test-side routes under /sims/woodwing: configuration (error style, session lifetime, slow
 * uploads...), the clock (`POST /clock { advanceMs }`), users, seeded assets and check-outs,
 * folders, sessions and the uploads in flight; for the trigger: changes made by other clients,
 * dated in the past or hidden from search until revealed (`/assets/:id/change`, `/changes`,
 * `/assets/:id/reveal`).
 */

/** An asset as the tests see it: its path, metadata, check-out, versions (with MD5) and history. */
function describe(asset: Asset) {
	return {
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
	};
}

/** A seeded asset: `assetPath` or `folderPath` + `filename`, `content` or `base64`, optionally checked out. */
function seedAsset(state: WoodWingState, body: Record<string, unknown>): Asset {
	const fromPath = body.assetPath ? splitPath(String(body.assetPath)) : undefined;
	const folderPath = String(fromPath?.folderPath ?? body.folderPath ?? '/Demo Zone');
	const filename = String(fromPath?.filename ?? body.filename ?? 'file.txt');
	const data =
		body.base64 !== undefined
			? Buffer.from(String(body.base64), 'base64')
			: Buffer.from(String(body.content ?? ''), 'utf8');
	const creator = String(body.creator ?? 'jane');
	const mimeType = body.mimeType as string | undefined;
	const asset = state.createAsset(
		{ user: creator, client: 'webclient' },
		folderPath,
		filename,
		memoryVersion(1, data, filename, creator, state.now(), mimeType),
		(body.metadata as Record<string, unknown>) ?? {},
	);
	// A creation the search shows late (hidden), or dated in the past (createdAgoMs).
	if (body.createdAgoMs !== undefined) {
		const at = state.now() - Number(body.createdAgoMs);
		asset.created = asset.modified = asset.fileModified = at;
		currentVersion(asset).created = at;
		asset.history[asset.history.length - 1].logDate = at;
	}
	if (body.hidden) asset.hidden = true;
	if (body.checkedOutBy) {
		const by = String(body.checkedOutBy);
		const client = String(body.checkedOutOnClient ?? 'webclient');
		checkOut(state, asset, by, client);
	}
	return asset;
}

/**
 * A change made as another client would make it, for the trigger tests: new metadata (a
 * METADATA_UPDATE), `checkIn` (a new version with `content`: assetFileModified moves too), dated
 * `agoMs` in the past or exactly `at` (ms), and `hidden` (the search does not show the asset
 * until `POST /assets/:id/reveal`: a change that becomes visible late).
 */
function changeAsset(state: WoodWingState, asset: Asset, body: Record<string, unknown>): void {
	const at = body.at !== undefined ? Number(body.at) : state.now() - Number(body.agoMs ?? 0);
	const user = String(body.user ?? 'jane');
	const actor = { user, client: 'webclient' };
	const changed = state.applyMetadata(asset, (body.metadata as Record<string, unknown>) ?? {});
	asset.modified = at;
	asset.modifier = user;
	if (body.checkIn) {
		const versionNumber = currentVersion(asset).versionNumber + 1;
		const data = Buffer.from(String(body.content ?? `version ${versionNumber}`), 'utf8');
		asset.versions.push(memoryVersion(versionNumber, data, asset.filename, user, at));
		asset.fileModified = at;
		asset.checkout = undefined;
		state.log(asset, actor, 'CHECKIN', { logDate: at, changedMetadata: null });
	} else {
		state.log(asset, actor, 'METADATA_UPDATE', { logDate: at, changedMetadata: changed });
	}
	if (body.hidden !== undefined) asset.hidden = !!body.hidden;
}

function checkOut(state: WoodWingState, asset: Asset, user: string, client: string): void {
	asset.checkout = { at: state.now(), by: user, client };
	state.log(asset, { user, client }, 'CHECKOUT');
}

export function controlRoutes(state: WoodWingState): Router {
	const known = (id: string) => {
		const asset = state.assets.get(id);
		if (!asset) throw new HttpError(404, { message: 'No such asset' });
		return asset;
	};
	const router = new Router()
		.post('/config', async (req) => {
			state.config = { ...state.config, ...(await req.json()) };
			return { body: state.config };
		})
		.post('/users', async (req) => {
			const { username, password, fullName } = await req.json();
			state.users[username] = {
				password,
				fullName: fullName ?? username,
				email: `${username}@example.com`,
				groups: [],
			};
			return { status: 201, body: { username } };
		})
		.post('/assets', async (req) => ({
			status: 201,
			body: describe(seedAsset(state, await req.json())),
		}))
		.post('/assets/bulk', async (req) => {
			const { count, folderPath, prefix, metadata, sameTime, stepMs } = await req.json();
			const ids: string[] = [];
			for (let n = 0; n < Number(count); n++) {
				const asset = seedAsset(state, {
					folderPath,
					filename: `${prefix ?? 'asset'}-${String(n).padStart(5, '0')}.txt`,
					content: `asset ${n}`,
					metadata,
				});
				// Distinct creation times stepMs (1) apart, newest last (or all the same with sameTime).
				if (!sameTime) asset.created = asset.created + n * (Number(stepMs) || 1);
				asset.modified = asset.fileModified = asset.created;
				ids.push(asset.id);
			}
			return { status: 201, body: { count: ids.length, first: ids.slice(0, 5) } };
		})
		.get('/assets', () => ({ body: [...state.assets.values()].map(describe) }))
		.get('/assets/:id', (req) => ({ body: describe(known(req.params.id)) }))
		.post('/assets/:id/change', async (req) => {
			const asset = known(req.params.id);
			changeAsset(state, asset, await req.json());
			return { body: describe(asset) };
		})
		.post('/assets/:id/reveal', (req) => {
			known(req.params.id).hidden = false;
			return { body: { revealed: req.params.id } };
		})
		.post('/changes', async (req) => {
			// Several assets changed at one timestamp (a bulk update): { ids, metadata?, checkIn? }.
			const body = await req.json();
			const at = body.at !== undefined ? Number(body.at) : state.now();
			for (const id of body.ids as string[]) changeAsset(state, known(id), { ...body, at });
			return { body: { at, count: (body.ids as string[]).length } };
		})
		.post('/assets/:id/checkout', async (req) => {
			const asset = known(req.params.id);
			const { user, client } = await req.json();
			checkOut(state, asset, user, client ?? 'webclient');
			return { body: describe(asset) };
		})
		.post('/folders', async (req) => {
			state.addFolder(String((await req.json()).path));
			return { status: 201, body: { folders: [...state.folders].sort() } };
		})
		.get('/sessions', () => ({
			body: [...state.sessions.values()].map((s) => ({
				user: s.user,
				kind: s.kind,
				client: s.client,
				hasCsrf: !!s.csrf,
			})),
		}))
		.post('/sessions/expire', () => {
			const count = state.sessions.size;
			state.sessions.clear();
			return { body: { expired: count } };
		})
		.get('/uploads', () => ({
			body: {
				active: [...state.uploads.values()].map((u) => ({ bytes: u.bytes })),
				files: readdirSync(state.dir).sort(),
			},
		}));
	return clockRoute(router, state.clock);
}
