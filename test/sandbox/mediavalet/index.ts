import { HttpError, Router } from '../core/http';
import { webhookControlRoutes } from '../core/webhooks';
import type { Simulator } from '../core/server';
import { clockRoute, mimeTypeOf } from '../core/kit';
import type { SandboxEnv } from '../env';
import { apiRouter } from './api';
import { MediaValetState, noDashes, type Asset } from './model';
import { CONTAINER, EDITOR, USERS } from './seed';
import { publishMediaFileAdded, skyhookRoutes } from './skyhook';

export { MediaValetState } from './model';

/** What a test may send to POST /sims/mediavalet/assets to seed an asset (with real bytes in Azurite). */
export interface SeedAssetRequest {
	title?: string;
	description?: string;
	fileName?: string;
	/** Text content of the original; `size` generates that many bytes instead. */
	content?: string;
	size?: number;
	categories?: string[];
	keywords?: string[];
	attributes?: Record<string, string>;
	/** Username (or user id) that has it checked out. */
	checkedOutBy?: string;
	checkOutComment?: string;
	deleted?: boolean;
	/** Seed this many assets at once (titles get " 1", " 2"... appended). */
	count?: number;
	/** Give every asset of the batch the same created/modified time (now) instead of 1 s apart. */
	sameTimestamp?: boolean;
	/** Created (and modified) this many ms before the sim clock's now. */
	ageMs?: number;
	/** Not visible to the API yet (status 0, as during an upload) until POST /assets/:id/reveal. */
	hidden?: boolean;
}

/** What POST /sims/mediavalet/assets/:id/touch changes: a modification, at a chosen time. */
export interface TouchAssetRequest {
	title?: string;
	description?: string;
	/** The new modification time: `modifiedAt` (ISO), or now minus `ageMs`, or now. */
	modifiedAt?: string;
	ageMs?: number;
	/** Also move the creation time (ISO). */
	createdAt?: string;
}

function userIdOf(nameOrId: string | undefined): string | null {
	if (!nameOrId) return null;
	const user = USERS.find(
		(candidate) => candidate.id === nameOrId || candidate.username === nameOrId,
	);
	if (!user) throw new HttpError(400, { message: `No seeded user ${nameOrId}` });
	return user.id;
}

/**
 * The MediaValet simulator: the IdentityServer token endpoint (password grant, expiry, refresh on
 * 401), the API Management gateway (subscription key, quota), the enveloped API (assets, search,
 * check-out lock, check-in validate / upload URL / finalize, comments, categories, attributes,
 * new-asset uploads) with write SAS URLs into Azurite, and finalize steps that read the
 * committed blob back from Azurite to record each version's real size and MD5.
 * SkyHOOK (skyhook.ts): subscriptions validated by Event Grid's handshake, and a CloudEvent for
 * each new media file (seeded, uploaded, checked in), attribute change and category assignment;
 * tests replay or forge deliveries through the control routes /webhooks...
 */
export function mediaValetSimulator(env: SandboxEnv): Simulator {
	const state = new MediaValetState(env);

	const control = clockRoute(new Router(), state.clock)
		.get('/state', () => ({
			body: {
				tokensIssued: state.tokensIssued,
				activeTokens: state.tokens.size,
				assets: state.assets.size,
				uploads: [...state.uploads.values()].map((upload) => ({
					id: upload.id,
					finalized: upload.finalized,
					blobName: upload.slot.blobName,
				})),
				config: state.config,
				clockOffsetMs: state.clock.offset,
			},
		}))
		.post('/config', async (req) => {
			Object.assign(state.config, await req.json());
			return { body: state.config };
		})
		.post('/tokens/revoke', () => {
			state.tokens.clear();
			return { status: 204 };
		})
		.post('/assets', async (req) => {
			const seed = await req.json<SeedAssetRequest>();
			const count = Math.max(1, seed.count ?? 1);
			const created: unknown[] = [];
			const base = state.clock.now();
			await env.azure.ensureContainer(CONTAINER);
			const container = env.azure.service().getContainerClient(CONTAINER);
			for (let n = 1; n <= count; n++) {
				const id = state.uuid();
				const mediaFileId = state.uuid();
				const suffix = count > 1 ? ` ${n}` : '';
				const fileName = seed.fileName
					? count > 1
						? seed.fileName.replace(/(\.[^.]*)?$/, `-${n}$1`)
						: seed.fileName
					: `asset-${n}.txt`;
				const blobName = `${noDashes(id)}/${mediaFileId}/Original/${fileName}`;
				const bytes =
					seed.size !== undefined
						? Buffer.alloc(seed.size, n % 256)
						: Buffer.from(seed.content ?? `Original of ${fileName}\n`);
				await container
					.getBlockBlobClient(blobName)
					.uploadData(bytes, { blobHTTPHeaders: { blobContentType: mimeTypeOf(fileName) } });
				const info = await env.azure.blobInfo(CONTAINER, blobName);
				const age = (seed.ageMs ?? 0) + (seed.sameTimestamp ? 0 : (count - n) * 1000);
				const when = new Date((seed.sameTimestamp ? base : state.clock.now()) - age).toISOString();
				const checkedOutBy = userIdOf(seed.checkedOutBy);
				const asset: Asset = {
					id,
					status: seed.hidden ? 0 : 1,
					title: `${seed.title ?? fileName}${suffix}`,
					description: seed.description ?? '',
					altText: '',
					categories: (seed.categories ?? []).map((category) => category.toLowerCase()),
					keywords: seed.keywords ?? [],
					attributes: seed.attributes ?? {},
					versions: [
						{
							version: 1,
							mediaFileId,
							fileName,
							blobName,
							sizeInBytes: info.size!,
							md5: info.md5!,
							mimeType: mimeTypeOf(fileName),
							uploadedAt: when,
							uploadedBy: EDITOR.id,
							comment: null,
						},
					],
					comments: [],
					checkedOutBy,
					checkOutComment: checkedOutBy ? (seed.checkOutComment ?? null) : null,
					checkInComment: null,
					createdAt: when,
					createdBy: EDITOR.id,
					modifiedAt: when,
					modifiedBy: EDITOR.id,
					softDeletedAt: seed.deleted ? when : null,
					softDeletedBy: seed.deleted ? EDITOR.id : null,
				};
				state.assets.set(id, asset);
				if (asset.status === 1 && !asset.softDeletedAt)
					publishMediaFileAdded(state, asset, asset.versions[0]);
				created.push({ id, fileName, blobName, md5: info.md5, size: info.size, createdAt: when });
			}
			return { status: 201, body: count > 1 ? created : created[0] };
		})
		.get('/assets/:id', (req) => {
			const asset = state.assets.get(req.params.id.toLowerCase());
			if (!asset) throw new HttpError(404, { message: 'No such asset' });
			return { body: { ...asset, container: CONTAINER } };
		})
		.post('/assets/:id/touch', async (req) => {
			// A modification as the DAM records it, possibly with a timestamp in the past: a change
			// that reaches the search index after newer ones (index lag, replicas).
			const asset = state.assets.get(req.params.id.toLowerCase());
			if (!asset) throw new HttpError(404, { message: 'No such asset' });
			const touch = await req.json<TouchAssetRequest>();
			if (touch.title !== undefined) asset.title = touch.title;
			if (touch.description !== undefined) asset.description = touch.description;
			asset.modifiedAt =
				touch.modifiedAt ?? new Date(state.clock.now() - (touch.ageMs ?? 0)).toISOString();
			asset.modifiedBy = EDITOR.id;
			if (touch.createdAt !== undefined) asset.createdAt = touch.createdAt;
			return { body: { id: asset.id, createdAt: asset.createdAt, modifiedAt: asset.modifiedAt } };
		})
		.post('/assets/:id/reveal', (req) => {
			// A hidden (seeded with `hidden`) asset becomes visible, keeping its older timestamps.
			const asset = state.assets.get(req.params.id.toLowerCase());
			if (!asset) throw new HttpError(404, { message: 'No such asset' });
			asset.status = 1;
			publishMediaFileAdded(state, asset, asset.versions[0]);
			return { body: { id: asset.id, createdAt: asset.createdAt, modifiedAt: asset.modifiedAt } };
		})
		.post('/assets/:id/checkOut', async (req) => {
			const asset = state.assets.get(req.params.id.toLowerCase());
			if (!asset) throw new HttpError(404, { message: 'No such asset' });
			const { user, comment } = await req.json<{ user?: string; comment?: string }>();
			asset.checkedOutBy = userIdOf(user ?? EDITOR.username);
			asset.checkOutComment = comment ?? null;
			return { body: { id: asset.id, checkedOutBy: asset.checkedOutBy } };
		})
		.get('/skyhook/validations', () => ({ body: state.skyhookValidations }))
		.get('/uploads/:id', (req) => {
			const upload = state.uploads.get(req.params.id.toLowerCase());
			if (!upload) throw new HttpError(404, { message: 'No such upload' });
			return { body: upload };
		});

	return {
		name: 'mediavalet',
		router: skyhookRoutes(apiRouter(state), state),
		reset: () => state.reset(),
		control: webhookControlRoutes(control, state.skyhook),
		notFound: () => ({ status: 404, body: { statusCode: 404, message: 'Resource not found' } }),
	};
}
