import { HttpError, Router } from '../core/http';
import { clockRoute } from '../core/kit';
import type { SimConfig } from './state';
import { ALL_PERMISSIONS, type MediaPocketState, pushId } from './state';

/**
 * Test-side routes under /sims/mediapocket: seed data, inspect state, move the clock, and make
 * history events appear the way the trigger tests need (bursts, equal timestamps, late commits).
 */
export function controlRoutes(state: MediaPocketState): Router {
	const asset = (id: string) => {
		const found = state.assets.get(id);
		if (!found) throw new HttpError(404, { message: `No asset ${id}` });
		return found;
	};
	const admin = () => state.users.get(1)!;

	// POST /clock { advanceMs } moves the simulated clock: DAG runs advance with it.
	return (
		clockRoute(new Router(), state.clock)
			.get('/config', () => ({ body: state.config }))
			.post('/config', async (req) => {
				const changes = (await req.json()) as Partial<SimConfig>;
				Object.assign(state.config, changes);
				return { body: state.config };
			})
			/** A new user with its own API key and the permissions given. */
			.post('/users', async (req) => {
				const { email, permissions, key } = (await req.json()) as {
					email?: string;
					permissions?: string[];
					key?: string;
				};
				const created = state.addUser(
					email ?? `user${state.users.size + 1}@mediapocket.test`,
					permissions ?? ALL_PERMISSIONS,
					key ?? `mp-key-${pushId()}`,
				);
				return { status: 201, body: { key: created.key, user: state.publicUser(created.user.id) } };
			})
			/** An asset created directly (with its ASSET_ADDED event unless `silent`). */
			.post('/assets', async (req) => {
				const body = (await req.json()) as { title?: string; silent?: boolean; ownerId?: number };
				const owner = state.users.get(body.ownerId ?? 1) ?? admin();
				const created = state.createAsset({ title: body.title ?? 'Seeded asset' }, owner);
				if (!body.silent) state.addEvent(created, 'ASSET_ADDED', owner.id);
				return { status: 201, body: state.publicAsset(created) };
			})
			.get('/assets/:id', (req) => {
				const found = asset(req.params.id);
				return {
					body: {
						...state.publicAsset(found),
						ingest: found.ingest ?? null,
						media: [...state.media.values()].filter((media) => media.assetId === found.id),
					},
				};
			})
			/** A media entry Media Pocket has no file for (yet): its download_url is null. */
			.post('/assets/:id/media', async (req) => {
				const target = asset(req.params.id);
				const { filename } = (await req.json()) as { filename?: string };
				const id = state.nextNumber('media');
				const media = {
					id,
					assetId: target.id,
					kind: 'original' as const,
					filename: filename ?? 'pending.bin',
					content_type: 'application/octet-stream',
					file_size: 0,
					md5_sum: '',
					created_at: state.iso(),
					s3Key: '',
				};
				state.media.set(id, media);
				return { status: 201, body: media };
			})
			.post('/projects', async (req) => {
				const { title } = (await req.json()) as { title?: string };
				const project = {
					internalId: state.nextNumber('assetInternal'),
					id: pushId(),
					title: title ?? 'Sample Project',
					owner: admin().email,
					created_date: state.iso(),
				};
				state.projects.set(project.id, project);
				return { status: 201, body: project };
			})
			.post('/collections', async (req) => {
				const { title, assetIds } = (await req.json()) as { title?: string; assetIds?: string[] };
				const now = state.iso();
				const collection = {
					id: pushId(),
					title: title ?? 'Sample Collection',
					description: null,
					category: null,
					tags: [],
					owner: admin().email,
					media_type: 'collection' as const,
					isPublic: false,
					created_date: now,
					modification_date: now,
					original_title: title ?? 'Sample Collection',
					assetIds: assetIds ?? [],
				};
				state.collections.set(collection.id, collection);
				const { assetIds: _ids, ...visible } = collection;
				return { status: 201, body: visible };
			})
			/**
			 * Appends `count` history events to an asset. `types` cycles through event types;
			 * `sameTimestamp` gives them all one created_at (as a bulk operation would).
			 */
			.post('/assets/:id/events', async (req) => {
				const target = asset(req.params.id);
				const body = (await req.json()) as {
					count?: number;
					types?: string[];
					sameTimestamp?: boolean;
					userId?: number;
				};
				const types = body.types?.length ? body.types : ['ASSET_EDITED_METADATA'];
				const stamp = body.sameTimestamp ? state.iso() : undefined;
				const events = Array.from({ length: body.count ?? 1 }, (_, index) =>
					state.addEvent(target, types[index % types.length], body.userId ?? 1, {
						createdAt: stamp,
					}),
				);
				return { status: 201, body: { events: events.map((event) => state.publicEvent(event)) } };
			})
			/** An event whose id is taken now but that becomes visible only on /events/:id/commit (a slow transaction). */
			.post('/assets/:id/events/reserve', async (req) => {
				const target = asset(req.params.id);
				const { type } = (await req.json()) as { type?: string };
				const event = state.addEvent(target, type ?? 'ASSET_EDITED_METADATA', 1, {
					visible: false,
				});
				return { status: 201, body: { id: event.id } };
			})
			.post('/events/:id/commit', (req) => {
				const event = state.events.find((candidate) => candidate.id === Number(req.params.id));
				if (!event) throw new HttpError(404, { message: 'No such event' });
				state.commitEvent(event);
				return { body: state.publicEvent(event) };
			})
			/** The asset's whole visible history, oldest first (what a trigger should have delivered). */
			.get('/assets/:id/history', (req) => {
				asset(req.params.id);
				const events = state.events
					.filter((event) => event.visible && event.assetIds.includes(req.params.id))
					.sort((a, b) => a.id - b.id)
					.map((event) => state.publicEvent(event));
				return { body: { events } };
			})
			.get('/runs/:id', (req) => {
				const run = state.runs.get(Number(req.params.id));
				if (!run) throw new HttpError(404, { message: 'No such run' });
				return { body: { ...state.publicRun(run), userId: run.userId, assetId: run.assetId } };
			})
	);
}
