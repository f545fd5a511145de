import { Router } from '../core/http';
import { clockRoute } from '../core/kit';
import { IDS } from './data';
import type { TenovosState, Version } from './state';

/** Metadata-only assets named <prefix>-<n>.jpg, created one epoch apart (for paging tests). */
function seed(
	state: TenovosState,
	{ count = 1, prefix = 'seed', title }: { count?: number; prefix?: string; title?: string },
): string[] {
	const created: string[] = [];
	for (let n = 1; n <= count; n++) {
		const fileId = state.uuid();
		const now = state.epoch();
		const version: Version = {
			objectId: state.uuid(),
			fileId,
			originalFileId: fileId,
			filename: `${prefix}-${String(n).padStart(4, '0')}.jpg`,
			metadataTemplateId: IDS.templateCorporate,
			metadata: title
				? [{ metadataDefinitionId: IDS.attrTitle, metadataDefinitionValue: `${title} ${n}` }]
				: [],
			securityTemplateIds: [IDS.securityPublic],
			createdEpoch: now,
			lastUpdatedEpoch: now,
			versionNumber: 1,
			currentVersion: 'Y',
			deleted: false,
		};
		state.versions.push(version);
		created.push(version.objectId);
	}
	return created;
}

/**
 * Control routes (under /sims/tenovos): GET /state, POST /config, POST /clock { advanceMs },
 * POST /revoke { refreshTokens }, POST /seed { count, prefix, title }.
 */
export function tenovosControl(state: TenovosState): Router {
	const { auth } = state;
	const router = new Router()
		.get('/state', async () => {
			await state.settleAll();
			return {
				body: {
					auth: auth.stats,
					versions: state.versions.map((v) => ({
						...v,
						upload: v.upload ? { ...v.upload } : undefined,
					})),
				},
			};
		})
		.post('/config', async (req) => {
			const body = await req.json();
			const { config } = state;
			if (body.requireClientId !== undefined) auth.requireClientId = !!body.requireClientId;
			if (body.wrappedTemplates !== undefined) config.wrappedTemplates = !!body.wrappedTemplates;
			if (body.maxFileSize !== undefined) config.maxFileSize = Number(body.maxFileSize);
			if (body.partSize !== undefined) config.partSize = Number(body.partSize);
			if (body.technicalMetadataPending !== undefined)
				config.technicalMetadataPending = !!body.technicalMetadataPending;
			return { body: { requireClientId: auth.requireClientId, ...config } };
		})
		.post('/revoke', async (req) => {
			const { refreshTokens } = await req.json();
			auth.revoke(!!refreshTokens);
			return { status: 204 };
		})
		.post('/seed', async (req) => ({ body: { objectIds: seed(state, await req.json()) } }));
	return clockRoute(router, state.clock);
}
