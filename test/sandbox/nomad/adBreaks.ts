import type { Router, SimRequest } from '../core/http';
import {
	authenticate,
	field,
	objectBody,
	routeGuid,
	timeCodeField,
	type NomadContext,
} from './context';
import {
	GUID,
	guid,
	problem,
	validationProblem,
	type AdBreak,
	type Lookup,
	type SimAsset,
} from './model';
import type { NomadState } from './state';

/**
 * Ad breaks, the VMAP/VAST cue points of a video (`/api/admin/asset/{assetId}/adbreak…`): a time
 * code with tags and labels (LookupModel: a known id, or a description the simulator turns into
 * one). [G] The break type is Preroll at 00:00:00 and Midroll elsewhere; the score stays null.
 */
export function registerAdBreakRoutes(router: Router, ctx: NomadContext): void {
	const { state } = ctx;

	const assetOf = (req: SimRequest): SimAsset => {
		authenticate(ctx, req);
		const id = routeGuid(req, 'assetId');
		const asset = state.find(id);
		if (!asset) throw problem(404, `Asset '${id}' was not found.`, req.path);
		if (asset.assetType !== 'File')
			throw problem(400, 'Ad breaks can only be set on file assets.', req.path);
		return asset;
	};

	const adBreakOf = (asset: SimAsset, req: SimRequest): AdBreak => {
		const id = routeGuid(req, 'id');
		const found = asset.adBreaks.find((adBreak) => adBreak.id === id);
		if (!found) throw problem(404, `Ad break '${id}' was not found.`, req.path);
		return found;
	};

	/** An AdBreakSubmitModel as received; `id` is kept by a PUT. */
	const read = (body: Record<string, any>, req: SimRequest, id = guid()): AdBreak => {
		const timeCode = timeCodeField(body, 'timeCode', req.path);
		if (!timeCode)
			throw validationProblem({ TimeCode: ['The TimeCode field is required.'] }, req.path);
		return {
			id,
			timeCode,
			adBreakType: /^00:00:00([:;.]0+)?$/.test(timeCode) ? 'Preroll' : 'Midroll',
			tags: lookups(state, field(body, 'tags'), 'tags', req),
			labels: lookups(state, field(body, 'labels'), 'labels', req),
		};
	};

	router
		.get('/api/admin/asset/:assetId/adbreak', (req) => ({
			body: assetOf(req).adBreaks.map((adBreak) => state.adBreakModel(adBreak)),
		}))
		.post('/api/admin/asset/:assetId/adbreak', async (req) => {
			const asset = assetOf(req);
			const adBreak = read(await objectBody(req), req);
			asset.adBreaks.push(adBreak);
			return { body: state.adBreakModel(adBreak) };
		})
		.put('/api/admin/asset/:assetId/adbreak/:id', async (req) => {
			const asset = assetOf(req);
			const previous = adBreakOf(asset, req);
			const updated = read(await objectBody(req), req, previous.id);
			asset.adBreaks[asset.adBreaks.indexOf(previous)] = updated;
			return { body: state.adBreakModel(updated) };
		})
		.delete('/api/admin/asset/:assetId/adbreak/:id', (req) => {
			const asset = assetOf(req);
			const adBreak = adBreakOf(asset, req);
			asset.adBreaks = asset.adBreaks.filter((entry) => entry !== adBreak);
			return { body: { id: adBreak.id } };
		});
}

/** Tags or labels: each a LookupModel with an `id` or a `description`. */
function lookups(state: NomadState, value: unknown, name: string, req: SimRequest): Lookup[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value))
		throw validationProblem(
			{ [`$.${name}`]: ['The JSON value could not be converted to List`1[LookupModel].'] },
			req.path,
		);
	return value.map((entry: Record<string, any>, index) => {
		const id = entry && field(entry, 'id');
		const description = entry && field(entry, 'description');
		if (typeof id === 'string' && GUID.test(id))
			return {
				id: id.toLowerCase(),
				description: typeof description === 'string' ? description : '',
			};
		if (typeof description === 'string' && description.trim())
			return { id: state.tagId(description.trim()), description: description.trim() };
		throw validationProblem(
			{ [`$.${name}[${index}]`]: ['A lookup needs an id or a description.'] },
			req.path,
		);
	});
}
