import { HttpError, Router } from '../core/http';
import { clockRoute } from '../core/kit';
import { IDS } from './data';
import type { TenovosState, Version } from './state';

/**
 * When a change happens on the DAM's clock: `epoch` (absolute), `ageMs` before now (a change that
 * shows up in the search only now, with an older timestamp), or now.
 */
interface When {
	epoch?: number;
	ageMs?: number;
}

function epochOf(state: TenovosState, { epoch, ageMs }: When): number {
	if (epoch !== undefined) return Number(epoch);
	return state.epoch() - (Number(ageMs) || 0);
}

function versionOf(state: TenovosState, id: unknown): Version {
	const version = state.find(String(id));
	if (!version) throw new HttpError(404, { message: `No asset ${String(id)}` });
	return version;
}

/** Sets (or replaces) an asset's Title metadata. */
function setTitle(version: Version, title: string): void {
	version.metadata = version.metadata.filter((m) => m.metadataDefinitionId !== IDS.attrTitle);
	version.metadata.push({ metadataDefinitionId: IDS.attrTitle, metadataDefinitionValue: title });
}

/**
 * Metadata-only assets named <prefix>-<n>.jpg, created one epoch apart (for paging tests), or all
 * at `epoch` / `ageMs` before now (see When).
 */
function seed(
	state: TenovosState,
	{
		count = 1,
		prefix = 'seed',
		title,
		...when
	}: { count?: number; prefix?: string; title?: string } & When,
): string[] {
	const created: string[] = [];
	for (let n = 1; n <= count; n++) {
		const fileId = state.uuid();
		const now =
			when.epoch !== undefined || when.ageMs !== undefined ? epochOf(state, when) : state.epoch();
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
		state.changed('asset.created', version);
		created.push(version.objectId);
	}
	return created;
}

/**
 * Control routes (under /sims/tenovos): GET /state, POST /config, POST /clock { advanceMs },
 * POST /revoke { refreshTokens }, POST /seed { count, prefix, title, epoch?, ageMs? },
 * POST /touch { objectIds, title?, epoch?, ageMs? } (a modification: lastUpdatedEpoch and,
 * optionally, the Title), POST /on-search { searches, delete?: objectIds, touch?: objectIds }
 * (done just before the keyword search that many searches from now is answered: assets leave
 * the results, or are modified, while a client pages through them).
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
		.post('/seed', async (req) => ({ body: { objectIds: seed(state, await req.json()) } }))
		.post('/touch', async (req) => {
			const {
				objectIds = [],
				title,
				...when
			} = (await req.json()) as {
				objectIds?: string[];
				title?: string;
			} & When;
			const versions = objectIds.map((id) => versionOf(state, id));
			const touched = versions.map((version) => {
				if (title !== undefined) setTitle(version, title);
				version.lastUpdatedEpoch = epochOf(state, when);
				state.changed('asset.metadata.updated', version);
				return { objectId: version.objectId, lastUpdatedEpoch: version.lastUpdatedEpoch };
			});
			return { body: { touched } };
		})
		.post('/on-search', async (req) => {
			const body = (await req.json()) as {
				searches?: number;
				delete?: string[];
				touch?: string[];
			};
			const deleted = (body.delete ?? []).map((id) => versionOf(state, id));
			const touched = (body.touch ?? []).map((id) => versionOf(state, id));
			state.searchActions.push({
				searches: Math.max(1, Number(body.searches) || 1),
				run: () => {
					for (const version of deleted) {
						version.deleted = true;
						version.lastUpdatedEpoch = state.epoch();
						state.changed('asset.deleted', version);
					}
					for (const version of touched) {
						version.lastUpdatedEpoch = state.epoch();
						state.changed('asset.metadata.updated', version);
					}
				},
			});
			return { status: 204 };
		});
	return clockRoute(router, state.clock);
}
