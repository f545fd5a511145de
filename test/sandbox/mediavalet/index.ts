import { HttpError, Router } from '../core/http';
import type { Simulator } from '../core/server';
import { clockRoute, mimeTypeOf } from '../core/kit';
import type { SandboxEnv } from '../env';
import { apiRouter } from './api';
import { MediaValetState, noDashes, type Asset } from './model';
import { CONTAINER, EDITOR, USERS } from './seed';

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
				const when = new Date(state.clock.now() - (count - n) * 1000).toISOString();
				const checkedOutBy = userIdOf(seed.checkedOutBy);
				const asset: Asset = {
					id,
					status: 1,
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
				created.push({ id, fileName, blobName, md5: info.md5, size: info.size });
			}
			return { status: 201, body: count > 1 ? created : created[0] };
		})
		.get('/assets/:id', (req) => {
			const asset = state.assets.get(req.params.id.toLowerCase());
			if (!asset) throw new HttpError(404, { message: 'No such asset' });
			return { body: { ...asset, container: CONTAINER } };
		})
		.post('/assets/:id/checkOut', async (req) => {
			const asset = state.assets.get(req.params.id.toLowerCase());
			if (!asset) throw new HttpError(404, { message: 'No such asset' });
			const { user, comment } = await req.json<{ user?: string; comment?: string }>();
			asset.checkedOutBy = userIdOf(user ?? EDITOR.username);
			asset.checkOutComment = comment ?? null;
			return { body: { id: asset.id, checkedOutBy: asset.checkedOutBy } };
		})
		.get('/uploads/:id', (req) => {
			const upload = state.uploads.get(req.params.id.toLowerCase());
			if (!upload) throw new HttpError(404, { message: 'No such upload' });
			return { body: upload };
		});

	return {
		name: 'mediavalet',
		router: apiRouter(state),
		reset: () => state.reset(),
		control,
		notFound: () => ({ status: 404, body: { statusCode: 404, message: 'Resource not found' } }),
	};
}
