import { Readable } from 'stream';

import { HttpError, Router, type SimRequest, type SimResponse } from '../core/http';
import type { SandboxEnv } from '../env';
import { copyUrlToStorage, generatedBytes, mediaTypeOf } from './files';
import { extensionOf, mimeTypeOf } from '../core/kit';
import type { Asset, Comment, Media, MediaPocketState, User } from './state';

/**
 * Media Pocket API v2 as seed 004 documents it. Every success is HTTP 200 (creates included);
 * errors are {"error": "..."}; two routes answer HTTP 200 with an error body (assign, unassign)
 * and remove-media answers 200 with an "errors" object when there was nothing to remove.
 */

type Body = Record<string, unknown>;

function fail(status: number, error: string): never {
	throw new HttpError(status, { error });
}

/** apipie's way of showing a value in an error: Ruby's inspect, which JSON matches for strings and numbers. */
function inspect(value: unknown): string {
	return JSON.stringify(value);
}

function requireParam(body: Body, name: string): unknown {
	const value = body[name];
	if (value === undefined || value === null || value === '') fail(422, `Missing parameter ${name}`);
	return value;
}

function optionalString(body: Body, name: string): string | undefined {
	const value = body[name];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string')
		fail(422, `Invalid parameter '${name}' value ${inspect(value)}: Must be a String`);
	return value;
}

function requireString(body: Body, name: string): string {
	requireParam(body, name);
	return optionalString(body, name)!;
}

function optionalTags(body: Body): string[] | undefined {
	const value = body.tags;
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value) || value.some((tag) => typeof tag !== 'string')) {
		fail(422, `Invalid parameter 'tags' value ${inspect(value)}: Must be an array of String`);
	}
	return (value as string[]).map((tag) => tag.toLowerCase());
}

async function jsonBody(req: SimRequest): Promise<Body> {
	const body = await req.json<unknown>();
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as Body) : {};
}

export function apiRoutes(state: MediaPocketState, env: SandboxEnv): Router {
	const router = new Router();

	/** Every API route: a known X-API-KEY or 401. */
	const authed =
		(handler: (req: SimRequest, user: User) => Promise<SimResponse> | SimResponse) =>
		async (req: SimRequest): Promise<SimResponse> => {
			const key = req.header('x-api-key');
			const apiKey = key ? state.keys.get(key) : undefined;
			const user = apiKey ? state.users.get(apiKey.userId) : undefined;
			if (!user) fail(401, 'Unauthorized');
			return await handler(req, user);
		};

	const findAsset = (id: string): Asset => {
		const asset = state.assets.get(id);
		if (!asset) fail(404, 'asset not found');
		return asset;
	};

	const requirePermission = (user: User, permission: string) => {
		if (!user.permissions.includes(permission))
			fail(403, `Permission denied. Must have ${permission} permissions.`);
	};

	const findComment = (asset: Asset, id: string): Comment => {
		const comment = /^\d+$/.test(id) ? state.comments.get(Number(id)) : undefined;
		if (!comment || comment.assetId !== asset.id) {
			fail(
				404,
				`Couldn't find Comment with 'id'=${id} [WHERE "comments"."target_id" = $1 AND "comments"."target_type" = $2]`,
			);
		}
		return comment;
	};

	const mediaOf = (asset: Asset): Media[] =>
		[...state.media.values()].filter((media) => media.assetId === asset.id);

	const touch = (asset: Asset) => {
		asset.modification_date = state.iso();
	};

	const mentionsIn = (text: string): number[] =>
		[...state.users.values()]
			.filter((user) => text.includes(`@${user.email}`))
			.map((user) => user.id);

	// ---- API keys (cheap authenticated call; used by the credential test)
	router.get(
		'/api/v2/user/api_keys',
		authed((_req, user) => ({
			body: {
				// GUESS: the shape of this answer was not captured.
				api_keys: [...state.keys.values()]
					.filter((key) => key.userId === user.id)
					.map((key) => ({
						id: key.id,
						name: key.name,
						key: `${key.key.slice(0, 3)}...${key.key.slice(-3)}`,
						created_at: key.created_at,
					})),
			},
		})),
	);

	// ---- Assets
	router.get(
		'/api/v2/assets/:asset_id',
		authed((req) => ({ body: { asset: state.publicAsset(findAsset(req.params.asset_id)) } })),
	);

	router.post(
		'/api/v2/assets',
		authed(async (req, user) => {
			const body = await jsonBody(req);
			const title = requireString(body, 'title');
			const description = optionalString(body, 'description');
			const category = optionalString(body, 'category');
			const externalId = optionalString(body, 'external_id');
			const tags = optionalTags(body);
			const mediaType = body.media_type;
			if (mediaType !== undefined && mediaType !== null && mediaType !== 'article') {
				fail(
					422,
					`Invalid parameter 'media_type' value ${inspect(mediaType)}: Must be one of: <code>article</code>.`,
				);
			}
			if (title.length > 255) fail(400, 'Title is too long (maximum is 255 characters)');
			if (
				externalId &&
				[...state.assets.values()].some((asset) => asset.external_id === externalId)
			) {
				fail(400, 'External id has already been taken');
			}
			const asset = state.createAsset(
				{
					title,
					description: description ?? null,
					category: category?.toLowerCase() ?? null,
					tags: tags ?? [],
					external_id: externalId ?? null,
					media_type: mediaType === 'article' ? 'article' : 'placeholder',
				},
				user,
			);
			state.addEvent(
				asset,
				mediaType === 'article' ? 'ASSET_ADDED_ARTICLE' : 'ASSET_ADDED',
				user.id,
			);
			return { body: { asset: state.publicAsset(asset) } };
		}),
	);

	router.put(
		'/api/v2/assets/:asset_id',
		authed(async (req, user) => {
			const asset = findAsset(req.params.asset_id);
			const body = await jsonBody(req);
			const title = optionalString(body, 'title');
			const description = optionalString(body, 'description');
			const category = optionalString(body, 'category');
			const externalId = optionalString(body, 'external_id');
			const tags = optionalTags(body);
			if (title !== undefined && title.length > 255)
				fail(400, 'Title is too long (maximum is 255 characters)');
			if (title !== undefined && title.trim() === '') fail(400, "Title can't be blank");
			if (
				externalId &&
				[...state.assets.values()].some(
					(other) => other !== asset && other.external_id === externalId,
				)
			) {
				fail(400, 'External id has already been taken');
			}
			if (title !== undefined) asset.title = title;
			if (description !== undefined) asset.description = description;
			if (category !== undefined) asset.category = category.toLowerCase();
			if (externalId !== undefined) asset.external_id = externalId;
			if (tags !== undefined) asset.tags = tags;
			touch(asset);
			state.addEvent(asset, 'ASSET_EDITED_METADATA', user.id);
			return { body: { asset: state.publicAsset(asset) } };
		}),
	);

	router.post(
		'/api/v2/assets/:asset_id/trash_bin',
		authed((req, user) => {
			const asset = findAsset(req.params.asset_id);
			asset.deleted = state.iso();
			touch(asset);
			state.addEvent(asset, 'ASSET_REMOVED', user.id);
			return { body: { ok: 'ok' } };
		}),
	);

	router.post(
		'/api/v2/assets/:asset_id/restore',
		authed((req, user) => {
			const asset = findAsset(req.params.asset_id);
			if (!asset.deleted) fail(400, 'Can not restore Assets that is not in trash bin');
			asset.deleted = null;
			touch(asset);
			state.addEvent(asset, 'ASSET_RESTORED', user.id);
			return { body: { ok: 'ok' } };
		}),
	);

	router.delete(
		'/api/v2/assets/:asset_id',
		authed(async (req, user) => {
			const asset = findAsset(req.params.asset_id);
			state.addEvent(asset, 'ASSET_PURGED', user.id);
			for (const media of mediaOf(asset)) {
				state.media.delete(media.id);
				await env.s3.deleteObject(media.s3Key).catch(() => undefined);
			}
			for (const comment of [...state.comments.values()])
				if (comment.assetId === asset.id) state.comments.delete(comment.id);
			for (const run of [...state.runs.values()])
				if (run.assetId === asset.id) state.runs.delete(run.id);
			state.assets.delete(asset.id);
			return { body: { ok: 'ok' } };
		}),
	);

	router.post(
		'/api/v2/assets/:asset_id/assign',
		authed(async (req, user) => {
			const asset = findAsset(req.params.asset_id);
			const body = await jsonBody(req);
			const projectId = requireString(body, 'to_project_id');
			const project = state.projects.get(projectId);
			// Quirk kept from the seed: an unknown project (or the asset itself) is HTTP 200 with an error body.
			if (!project) return { body: { error: 'Project not found.' } };
			asset.project_id = project.id;
			asset.parent_id = project.id;
			touch(asset);
			state.addEvent(asset, 'ASSET_LINKED', user.id, {
				extraTargets: [
					{
						target_type: 'Project',
						target: { id: project.internalId, elasticsearch_id: project.id, title: project.title },
					},
				],
			});
			return { body: { ok: 'ok' } };
		}),
	);

	router.delete(
		'/api/v2/assets/:asset_id/unassign',
		authed((req, user) => {
			const asset = findAsset(req.params.asset_id);
			if (!asset.project_id)
				return { body: { error: `${asset.id} does not have a parent project` } };
			const project = state.projects.get(asset.project_id);
			asset.project_id = null;
			asset.parent_id = null;
			touch(asset);
			state.addEvent(asset, 'ASSET_UNLINKED', user.id, {
				extraTargets: project
					? [
							{
								target_type: 'Project',
								target: {
									id: project.internalId,
									elasticsearch_id: project.id,
									title: project.title,
								},
							},
						]
					: [],
			});
			return { body: { ok: 'ok' } };
		}),
	);

	router.get(
		'/api/v2/assets/:asset_id/file_metadata',
		authed((req) => {
			const asset = findAsset(req.params.asset_id);
			const original = mediaOf(asset)[0];
			// GUESS: the seed documents the route only. EXIF/IPTC/XMP and mediainfo of the original file.
			const metadata = original
				? {
						exif: {
							FileName: original.filename,
							FileSize: original.file_size,
							MIMEType: original.content_type,
						},
						iptc: {},
						xmp: {},
						mediainfo: {
							format: extensionOf(original.filename).toUpperCase(),
							file_size: original.file_size,
						},
					}
				: {};
			return { body: { file_metadata: metadata } };
		}),
	);

	router.get(
		'/api/v2/assets/:asset_id/collections',
		authed((req) => {
			const asset = findAsset(req.params.asset_id);
			const collections = [...state.collections.values()]
				.filter((collection) => collection.assetIds.includes(asset.id))
				.map(({ assetIds: _ids, ...collection }) => ({
					...collection,
					tags: [...collection.tags],
				}));
			return { body: { collections } };
		}),
	);

	// ---- Media
	router.get(
		'/api/v2/assets/:asset_id/media',
		authed((req) => {
			const asset = findAsset(req.params.asset_id);
			const includeLocations = req.query.get('include_locations') === 'true';
			const media = mediaOf(asset).map((item) => ({
				id: item.id,
				kind: item.kind,
				filename: item.filename,
				content_type: item.content_type,
				file_size: item.file_size,
				md5_sum: item.md5_sum,
				created_at: item.created_at,
				...(includeLocations
					? { locations: [{ storage: 's3', bucket: 'dam-sandbox', key: item.s3Key }] }
					: {}),
			}));
			return { body: { media } };
		}),
	);

	router.post(
		'/api/v2/assets/:asset_id/media',
		authed(async (req, user) => {
			const asset = findAsset(req.params.asset_id);
			const body = await jsonBody(req);
			const fileUrl = requireString(body, 'file_url');
			const filename = requireString(body, 'filename');
			if (!/^https?:\/\/[^\s/]+/i.test(fileUrl)) fail(400, 'not a valid HTTP URL');
			const generation = state.generation;
			asset.ingest = { status: 'running' };
			state.addEvent(asset, 'ASSET_STARTED_INGEST', user.id);
			const mediaId = state.nextNumber('media');
			const s3Key = `mediapocket/${asset.id}/${mediaId}/${filename}`;
			setTimeout(() => {
				void (async () => {
					try {
						const stored = await copyUrlToStorage(
							fileUrl,
							env.s3.presign('PUT', s3Key),
							mimeTypeOf(filename),
						);
						if (state.generation !== generation || !state.assets.has(asset.id)) return;
						for (const old of mediaOf(asset)) {
							state.media.delete(old.id);
							await env.s3.deleteObject(old.s3Key).catch(() => undefined);
						}
						state.media.set(mediaId, {
							id: mediaId,
							assetId: asset.id,
							kind: 'original',
							filename,
							content_type:
								stored.contentType === 'application/octet-stream'
									? mimeTypeOf(filename)
									: stored.contentType,
							file_size: stored.size,
							md5_sum: stored.md5,
							created_at: state.iso(),
							s3Key,
						});
						asset.media_type = mediaTypeOf(filename);
						asset.original_filename = filename;
						asset.md5_sum = stored.md5;
						asset.ingest = { status: 'finished' };
						touch(asset);
						state.addEvent(asset, 'ASSET_FINISHED_INGEST', user.id);
					} catch (error) {
						if (state.generation !== generation || !state.assets.has(asset.id)) return;
						asset.ingest = { status: 'failed', error: String((error as Error).message ?? error) };
					}
				})();
			}, state.config.ingestDelayMs);
			return { body: { ok: 'ok' } };
		}),
	);

	router.delete(
		'/api/v2/assets/:asset_id/media',
		authed(async (req, user) => {
			const asset = findAsset(req.params.asset_id);
			const media = mediaOf(asset);
			if (media.length === 0) {
				// Quirk kept from the seed: HTTP 200 with the asset and an "errors" object.
				return {
					body: {
						asset: state.publicAsset(asset),
						errors: { error: 'No media found on this asset.', status: 400 },
					},
				};
			}
			for (const item of media) {
				state.media.delete(item.id);
				await env.s3.deleteObject(item.s3Key).catch(() => undefined);
			}
			asset.media_type = 'placeholder';
			asset.original_filename = null;
			asset.md5_sum = null;
			touch(asset);
			state.addEvent(asset, 'ASSET_REMOVED_MEDIA', user.id);
			return { body: { asset: state.publicAsset(asset) } };
		}),
	);

	router.get(
		'/api/v2/assets/:asset_id/media/:media_id/download_url',
		authed((req, user) => {
			const asset = findAsset(req.params.asset_id);
			const id = req.params.media_id;
			const media = /^\d+$/.test(id) ? state.media.get(Number(id)) : undefined;
			if (!media || media.assetId !== asset.id) {
				fail(404, `Couldn't find Media with 'id'=${id} [WHERE "media"."asset_id" = $1]`);
			}
			const filename = req.query.get('filename');
			if (!filename) fail(422, 'Missing parameter filename');
			if (!media.s3Key) return { body: { url: null } };
			state.addEvent(asset, 'ASSET_DOWNLOADED', user.id);
			if (state.config.downloadUrlStyle === 'tenant') {
				return {
					body: {
						url: `${env.urlOf('mediapocket')}/api/v2/media_files/${media.id}/${encodeURIComponent(filename)}`,
					},
				};
			}
			// A Wasabi-style presigned URL, valid 15 minutes.
			// (Real S3 would also take response-content-disposition; s3rver refuses it behind the proxy.)
			const url = env.s3.presign('GET', media.s3Key, {}, 900);
			return { body: { url } };
		}),
	);

	// Only with downloadUrlStyle 'tenant': the file served by the tenant itself, behind the API key.
	router.get(
		'/api/v2/media_files/:media_id/:filename',
		authed(async (req) => {
			const media = state.media.get(Number(req.params.media_id));
			if (!media || !media.s3Key) fail(404, 'media not found');
			const upstream = await fetch(env.s3.presign('GET', media.s3Key, {}, 60));
			if (!upstream.ok || !upstream.body) fail(502, 'storage unavailable');
			return {
				headers: {
					'Content-Type': media.content_type,
					'Content-Length': media.file_size,
					'Content-Disposition': `attachment; filename="${req.params.filename.replace(/"/g, '')}"`,
				},
				body: Readable.fromWeb(upstream.body as never),
			};
		}),
	);

	// ---- Comments
	router.get(
		'/api/v2/assets/:asset_id/comments',
		authed((req) => {
			const asset = findAsset(req.params.asset_id);
			const comments = [...state.comments.values()].filter(
				(comment) => comment.assetId === asset.id,
			);
			return { body: { comments: comments.map((comment) => state.publicComment(comment)) } };
		}),
	);

	router.post(
		'/api/v2/assets/:asset_id/comments',
		authed(async (req, user) => {
			const asset = findAsset(req.params.asset_id);
			const text = requireString(await jsonBody(req), 'comment');
			const comment: Comment = {
				id: state.nextNumber('comment'),
				assetId: asset.id,
				message: text,
				updated_at: state.iso(),
				userId: user.id,
				mentioned: mentionsIn(text),
			};
			state.comments.set(comment.id, comment);
			state.addEvent(asset, 'ASSET_ADDED_COMMENT', user.id, {
				extraTargets: [
					{ target_type: 'Comment', target: { id: comment.id, message: comment.message } },
				],
			});
			return { body: { comment: state.publicComment(comment) } };
		}),
	);

	router.get(
		'/api/v2/assets/:asset_id/comments/:comment_id',
		authed((req) => {
			const asset = findAsset(req.params.asset_id);
			return { body: { comment: state.publicComment(findComment(asset, req.params.comment_id)) } };
		}),
	);

	router.post(
		'/api/v2/assets/:asset_id/comments/:comment_id',
		authed(async (req, user) => {
			const asset = findAsset(req.params.asset_id);
			const comment = findComment(asset, req.params.comment_id);
			const text = requireString(await jsonBody(req), 'comment');
			if (comment.userId !== user.id) fail(403, 'Not allowed to perform this action');
			comment.message = text;
			comment.mentioned = mentionsIn(text);
			comment.updated_at = state.iso();
			state.addEvent(asset, 'ASSET_EDITED_COMMENT', user.id, {
				extraTargets: [
					{ target_type: 'Comment', target: { id: comment.id, message: comment.message } },
				],
			});
			// The seed's update answer lists "message" before "id".
			const { message, id, ...rest } = state.publicComment(comment);
			return { body: { comment: { message, id, ...rest } } };
		}),
	);

	router.delete(
		'/api/v2/assets/:asset_id/comments/:comment_id',
		authed((req, user) => {
			const asset = findAsset(req.params.asset_id);
			const comment = findComment(asset, req.params.comment_id);
			if (comment.userId !== user.id) fail(403, 'Not allowed to perform this action');
			state.comments.delete(comment.id);
			state.addEvent(asset, 'ASSET_REMOVED_COMMENT', user.id, {
				extraTargets: [
					{ target_type: 'Comment', target: { id: comment.id, message: comment.message } },
				],
			});
			return { body: { ok: 'comment deleted' } };
		}),
	);

	// ---- DAG actions and runs
	router.get(
		'/api/v2/assets/:asset_id/dag_actions',
		authed((req, user) => {
			findAsset(req.params.asset_id);
			requirePermission(user, 'ACTIONS_VIEW');
			return {
				body: {
					dag_actions: [...state.actions.values()].map((action) => state.publicAction(action)),
				},
			};
		}),
	);

	router.post(
		'/api/v2/assets/:asset_id/dag_actions/:dag_action_id',
		authed((req, user) => {
			const asset = findAsset(req.params.asset_id);
			requirePermission(user, 'ACTIONS_START');
			const id = req.params.dag_action_id;
			const action = /^\d+$/.test(id) ? state.actions.get(Number(id)) : undefined;
			if (!action) fail(404, `Couldn't find DagAction with 'id'=${id}`);
			const run = state.startRun(asset, action, user);
			return { body: { dag_action_run: state.publicRun(run, false) } };
		}),
	);

	router.get(
		'/api/v2/assets/:asset_id/dag_action_runs',
		authed((req, user) => {
			const asset = findAsset(req.params.asset_id);
			requirePermission(user, 'ACTIONS_VIEW');
			const runs = [...state.runs.values()]
				.filter((run) => run.assetId === asset.id)
				.sort((a, b) => b.id - a.id);
			return { body: { dag_action_runs: runs.map((run) => state.publicRun(run)) } };
		}),
	);

	// ---- History (cursor paging: 0 is the first page, next_cursor null on the last)
	router.get(
		'/api/v2/assets/:asset_id/history/:cursor',
		authed((req) => {
			const cursorText = req.params.cursor;
			if (!/^\d+$/.test(cursorText))
				fail(422, `Invalid parameter 'cursor' value ${inspect(cursorText)}: Invalid cursor`);
			const asset = findAsset(req.params.asset_id);
			const cursor = Number(cursorText);
			const descending = state.config.historyOrder === 'desc';
			const all = state.events
				.filter((event) => event.visible && event.assetIds.includes(asset.id))
				.sort((a, b) => (descending ? b.id - a.id : a.id - b.id));
			const remaining =
				cursor === 0
					? all
					: all.filter((event) => (descending ? event.id < cursor : event.id > cursor));
			const page = remaining.slice(0, state.config.historyPageSize);
			const more = remaining.length > page.length;
			return {
				body: {
					history: {
						results: page.map((event) => state.publicEvent(event)),
						next_cursor: more ? page[page.length - 1].id : null,
					},
				},
			};
		}),
	);

	// ---- Not part of Media Pocket: a stand-in for "some public web server" that file_url points to.
	router.get('/_files/:name', (req) => {
		const status = Number(req.query.get('status') ?? 200);
		if (status !== 200) return { status, body: 'Not here' };
		const size = Number(req.query.get('size') ?? 1024);
		const seed = Number(req.query.get('seed') ?? 1);
		return {
			headers: { 'Content-Type': mimeTypeOf(req.params.name), 'Content-Length': size },
			body: generatedBytes(size, seed),
		};
	});

	return router;
}
