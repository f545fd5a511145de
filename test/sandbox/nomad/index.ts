import { HttpError, Router } from '../core/http';
import { clockRoute } from '../core/kit';
import type { Simulator } from '../core/server';
import type { SandboxEnv } from '../env';
import { registerAdBreakRoutes } from './adBreaks';
import { registerAssetActionControl, registerAssetActionRoutes } from './assetActions';
import { registerAnnotationRoutes } from './annotations';
import { registerAssetInfoRoutes } from './assetInfo';
import { registerAccountRoutes, registerAssetRoutes } from './assets';
import type { NomadContext } from './context';
import { registerFaceRoutes } from './faces';
import { guid, problem } from './model';
import { registerQueueRoutes } from './queue';
import { NomadState } from './state';
import { registerTranscriptControl, registerTranscriptRoutes } from './transcripts';
import { registerUploadRoutes } from './upload';

/**
 * Nomad Media ("Asset Management API") simulator. Every route lives under /api, answers errors as
 * RFC 7807 ProblemDetails, needs `Authorization: Bearer <token from /api/account/login>` unless public,
 * and emits asset types and statuses as their names (numbers with the `enumsAsNumbers` config).
 *
 * Control routes (under /sims/nomad): GET /seed, GET /assets/:id, GET /children/:id, POST /assets
 * { count?, prefix?, ext?, displayName?, parentId, assetType?, assetStatus?, ageMs?, at? },
 * POST /assets/:id/touch { assetStatus?, displayName?, parentId?, customProperties?, ageMs? },
 * POST /assets/:id/transcript { words? } (transcripts.ts), GET /uploads,
 * GET /queue, GET /tasks, GET /collections, GET /sessions, POST /clock { advanceMs } (the kit's clock), POST /config,
 * POST /users/:userName, POST /sessions/expire; GET /shares/:assetId, GET /local-restores/:assetId,
 * GET /languages (assetActions.ts).
 */
export function nomadSimulator(env: SandboxEnv): Simulator {
	const state = new NomadState();
	state.reset();
	const ctx: NomadContext = { state, env };

	const router = new Router();
	registerAccountRoutes(router, ctx);
	// Upload routes first: /api/admin/asset/upload must not be taken for an asset id.
	registerUploadRoutes(router, ctx);
	// And /api/admin/asset/register not for the batch action "register".
	registerAssetActionRoutes(router, ctx);
	registerAssetRoutes(router, ctx);
	registerAssetInfoRoutes(router, ctx);
	registerAdBreakRoutes(router, ctx);
	registerAnnotationRoutes(router, ctx);
	registerFaceRoutes(router, ctx);
	registerQueueRoutes(router, ctx);
	registerTranscriptRoutes(router, ctx);

	const control = new Router()
		.get('/seed', () => {
			const folders: Record<string, string> = {};
			const files: Record<string, string> = {};
			for (const asset of state.assets.values()) {
				if (asset.deleted || asset.assetType === 'Bucket') continue;
				const path = state.displayPath(asset).split('/').slice(1).join('/');
				(asset.assetType === 'Folder' ? folders : files)[path] = asset.id;
			}
			const collections = Object.fromEntries(
				[...state.collections.values()].map((c) => [c.name, c.id]),
			);
			const users = Object.fromEntries(
				[...state.users.values()].map((u) => [u.userName, { id: u.id, password: u.password }]),
			);
			const faces = Object.fromEntries(
				[...state.assets.values()]
					.filter((asset) => asset.faces.length)
					.map((asset) => [asset.id, asset.faces.map((face) => face.id)]),
			);
			const persons = Object.fromEntries(
				[...state.persons.values()].map((person) => [person.name, person.id]),
			);
			return {
				body: {
					bucketId: state.rootId,
					incomingId: state.incomingId,
					folders,
					files,
					collections,
					relatedTypes: state.relatedTypes,
					users,
					faces,
					persons,
				},
			};
		})
		.get('/assets/:id', (req) => {
			const asset = state.assets.get(req.params.id);
			if (!asset) throw new HttpError(404, { message: 'No such asset' });
			if (!asset.deleted) state.settle(asset);
			return {
				body: {
					...asset,
					objectKey: state.objectKey(asset),
					jobs: asset.jobs.map((job) => state.jobModel(job)),
					collections: state.collectionsOf(asset.id).map((c) => c.name),
				},
			};
		})
		.get('/children/:id', (req) => ({
			// Every child, also several of the same name (the seed's path map would fold them into one).
			body: state.children(req.params.id).map((c) => ({
				id: c.id,
				displayName: c.displayName,
				assetType: c.assetType,
				assetStatus: c.assetStatus,
			})),
		}))
		.post('/assets', async (req) => {
			const body = await req.json();
			const count = Number(body.count ?? 1);
			const ids = Array.from(
				{ length: count },
				(_, index) =>
					state.createAsset({
						parentId: body.parentId,
						assetType: body.assetType ?? 'File',
						displayName:
							count > 1
								? `${body.prefix ?? 'file'}-${String(index + 1).padStart(3, '0')}${body.ext ?? '.jpg'}`
								: body.displayName,
						contentLength: body.contentLength ?? 1024,
						assetStatus: body.assetStatus,
					}).id,
			);
			// One timestamp for all of them: `at` (ms, the sim clock), else now less `ageMs` (the assets
			// appear now with timestamps that far in the past: a search index that shows them late).
			const at = body.at === undefined ? state.now() - Number(body.ageMs ?? 0) : Number(body.at);
			for (const id of ids) {
				const asset = state.assets.get(id)!;
				asset.createdDate = asset.lastModifiedDate = asset.displayDate = at;
			}
			return { status: 201, body: { ids, at, createdDate: state.iso(at) } };
		})
		.post('/assets/:id/touch', async (req) => {
			// A modification as Nomad Media's UI or a job would make it: status, name or custom
			// properties, lastModifiedDate = now (or `ageMs` in the past: a change that shows up late).
			const asset = state.assets.get(req.params.id);
			if (!asset || asset.deleted) throw new HttpError(404, { message: 'No such asset' });
			state.settle(asset);
			const body = await req.json();
			if (body.assetStatus) {
				asset.assetStatus = body.assetStatus;
				asset.transitions = [];
			}
			if (body.displayName) asset.displayName = body.displayName;
			if (body.parentId) asset.parentId = body.parentId;
			if (body.customProperties) Object.assign(asset.customProperties, body.customProperties);
			asset.lastModifiedDate = state.now() - Number(body.ageMs ?? 0);
			return {
				body: {
					id: asset.id,
					assetStatus: asset.assetStatus,
					lastModifiedDate: state.iso(asset.lastModifiedDate),
				},
			};
		})
		.get('/uploads', () => ({
			body: [...state.uploads.values()].map((u) => ({
				id: u.id,
				assetId: u.assetId,
				state: u.state,
				s3Key: u.s3Key,
				contentLength: u.contentLength,
				chunkSize: u.chunkSize,
				cancelMessage: u.cancelMessage ?? null,
				related: u.related ?? null,
				parts: u.parts.map((p) => ({
					partNumber: p.partNumber,
					isCompleted: p.isCompleted,
					etag: p.etag ?? null,
				})),
			})),
		}))
		.get('/queue', () => ({ body: [...state.queue.values()] }))
		.get('/tasks', () => ({ body: state.tasks }))
		.get('/collections', () => ({
			body: [...state.collections.values()].map((c) => ({
				id: c.id,
				name: c.name,
				assetIds: [...c.assetIds],
			})),
		}))
		.get('/sessions', () => ({
			body: [...state.sessions.values()].map((s) => ({
				userId: s.userId,
				sessionId: s.sessionId,
				expiresAt: s.expiresAt,
				revoked: !!s.revoked,
			})),
		}))
		.post('/config', async (req) => {
			Object.assign(state.config, await req.json());
			return { body: state.config };
		})
		.post('/users/:userName', async (req) => {
			const user = state.userByName(req.params.userName);
			if (!user) throw new HttpError(404, { message: 'No such user' });
			Object.assign(user, await req.json());
			return { body: { id: user.id } };
		})
		.post('/sessions/expire', () => {
			for (const session of state.sessions.values())
				session.expiresAt = Math.min(session.expiresAt, state.now() - 1);
			return { body: { expired: state.sessions.size } };
		})
		.post('/queue/:userName', async (req) => {
			// Seeds queue items in a given transfer status (as the desktop client would have moved them).
			const user = state.userByName(req.params.userName);
			if (!user) throw new HttpError(404, { message: 'No such user' });
			const body = await req.json();
			const item = {
				assetDownloadQueueId: guid(),
				assetId: body.assetId,
				userId: user.id,
				downloadProxy: false,
				transferStatus: body.transferStatus ?? 'Queued',
				completePercentage: 0,
				errorMessage: null,
				createdDate: state.now(),
			};
			state.queue.set(item.assetDownloadQueueId, item);
			return { status: 201, body: item };
		});

	registerAssetActionControl(control, state);
	registerTranscriptControl(control, ctx);

	return {
		name: 'nomad',
		router,
		control: clockRoute(control, state.clock),
		reset: () => state.reset(),
		notFound: (req) => {
			const error = problem(404, undefined, req.path);
			return { status: 404, body: error.body };
		},
	};
}
