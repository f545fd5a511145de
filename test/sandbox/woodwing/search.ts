import type { Router } from '../core/http';
import type { SandboxEnv } from '../env';
import { authenticate } from './auth';
import { matchesQuery, queryProblem, sortBy } from './query';
import { type Params, readParams, service, wwError } from './services';
import type { WoodWingState } from './state';
import { assetPathOf, hitOf, metadataOf } from './store';

/**
 * `/services/search` (the query subset of query.ts, paging with start/num, sorting, capped at the
 * result window start + num = 10,000 as the server does) and `/services/browse` (folders and
 * assets of one folder). Both answer GET and POST.
 */

function search(state: WoodWingState, env: SandboxEnv, params: Params) {
	const q = params.get('q');
	if (q === undefined) throw wwError(400, 'Parameter q is required');
	const problem = queryProblem(q);
	if (problem) throw wwError(400, `Cannot parse query '${q}': ${problem}`);
	const start = Math.max(0, Number(params.get('start') ?? 0) || 0);
	const numRaw = params.get('num');
	const num = numRaw === undefined || numRaw === '' ? 50 : Math.max(0, Number(numRaw) || 0);
	const sort = params.get('sort') || 'assetCreated-desc';
	// Metadata computed once per asset and request (sorting reads it many times).
	const rows = [...state.assets.values()]
		.filter((asset) => !asset.hidden)
		.map((asset) => ({
			id: asset.id,
			asset,
			metadata: metadataOf(asset),
		}));
	const matching = rows.filter((row) =>
		matchesQuery(q, (field) => (field === 'id' ? row.id : row.metadata[field]), state.now()),
	);
	const sorted = sortBy(matching, sort, (row, field) =>
		field === 'id' ? row.id : row.metadata[field],
	);
	const end = Math.min(start + num, state.config.maxResultWindow, sorted.length);
	const page = start < end ? sorted.slice(start, end) : [];
	const baseUrl = env.urlOf('woodwing');
	return {
		firstResult: start,
		maxResultHits: num,
		totalHits: matching.length,
		hits: page.map((row) => hitOf(row.asset, baseUrl, params.get('metadataToReturn'))),
		facets: {},
	};
}

function browse(state: WoodWingState, params: Params): Record<string, unknown>[] {
	const path = (params.get('path') ?? '/').replace(/\/+$/, '') || '/';
	if (path !== '/' && !state.folders.has(path)) throw wwError(404, `Folder not found: ${path}`);
	const prefix = path === '/' ? '/' : `${path}/`;
	const entry = { collection: false, permissionMask: 'VPUMERXCD', removing: false };
	const entries: Record<string, unknown>[] = [];
	if (params.get('includeFolders') !== 'false') {
		for (const folder of [...state.folders].sort()) {
			if (!folder.startsWith(prefix) || folder.slice(prefix.length).includes('/')) continue;
			const name = folder.slice(prefix.length);
			entries.push({ assetPath: folder, name, directory: true, browsable: true, ...entry });
		}
	}
	if (params.get('includeAssets') !== 'false') {
		for (const asset of state.assets.values()) {
			if (asset.folderPath !== path) continue;
			entries.push({
				assetPath: assetPathOf(asset),
				name: asset.filename,
				directory: false,
				containerId: asset.id,
				browsable: false,
				...entry,
			});
		}
	}
	return entries;
}

export function searchRoutes(router: Router, state: WoodWingState, env: SandboxEnv): Router {
	const searchHandler = service(state, async (req) => {
		authenticate(state, req);
		return { body: search(state, env, await readParams(state, req)) };
	});
	const browseHandler = service(state, async (req) => {
		authenticate(state, req);
		return { body: browse(state, await readParams(state, req)) };
	});
	return router
		.get('/services/search', searchHandler)
		.post('/services/search', searchHandler)
		.get('/services/browse', browseHandler)
		.post('/services/browse', browseHandler);
}
