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
	EMPTY_GUID,
	GUID,
	guid,
	problem,
	validationProblem,
	type Annotation,
	type SimAsset,
} from './model';

/**
 * Annotations, Nomad Media's comments on an asset (`/api/asset/{assetId}/annotation…`): a time code
 * range and free properties (the SDKs write title, summary and description there). Field names
 * bind in any case, as ASP.NET binds them: the SDKs' `startTimecode` is `startTimeCode`.
 * [G] Unknown annotations answer 404 (the OpenAPI document lists no 404 for DELETE); time codes are
 * checked as hh:mm:ss with optional frames.
 */
export function registerAnnotationRoutes(router: Router, ctx: NomadContext): void {
	const { state } = ctx;

	const assetOf = (req: SimRequest): SimAsset => {
		authenticate(ctx, req);
		const id = routeGuid(req, 'assetId');
		const asset = state.find(id);
		if (!asset) throw problem(404, `Asset '${id}' was not found.`, req.path);
		return asset;
	};

	/** An AddAnnotationModel as received; `previous` is the annotation a PUT replaces. */
	const read = (
		body: Record<string, any>,
		req: SimRequest,
		where = '',
		previous?: Annotation,
	): Annotation => {
		const properties = field(body, 'properties');
		if (properties !== undefined && properties !== null) {
			if (typeof properties !== 'object' || Array.isArray(properties))
				throw validationProblem(
					{ [`$${where}.properties`]: ['The JSON value could not be converted to a dictionary.'] },
					req.path,
				);
		}
		const contentId = field(body, 'contentId');
		if (contentId !== undefined && contentId !== null && !GUID.test(String(contentId)))
			throw validationProblem(
				{ [`$${where}.contentId`]: ['The JSON value could not be converted to System.Guid.'] },
				req.path,
			);
		const imageUrl = field(body, 'imageUrl');
		return {
			id: previous?.id ?? guid(),
			startTimeCode: timeCodeField(body, 'startTimeCode', req.path),
			endTimeCode: timeCodeField(body, 'endTimeCode', req.path),
			imageUrl: typeof imageUrl === 'string' && imageUrl ? imageUrl : null,
			properties: properties ?? null,
			contentId: contentId ? String(contentId).toLowerCase() : EMPTY_GUID,
		};
	};

	const model = (annotation: Annotation) => ({ ...annotation });

	const annotationOf = (asset: SimAsset, req: SimRequest): Annotation => {
		const id = routeGuid(req, 'annotationId');
		const found = asset.annotations.find((annotation) => annotation.id === id);
		if (!found) throw problem(404, `Annotation '${id}' was not found.`, req.path);
		return found;
	};

	router
		.post('/api/asset/:assetId/annotation/import', async (req) => {
			const asset = assetOf(req);
			const body = await req.json();
			if (!Array.isArray(body))
				throw validationProblem(
					{ $: ['The JSON value could not be converted to System.Collections.Generic.List`1.'] },
					req.path,
				);
			// Checked as a whole first: a bad entry imports nothing.
			const imported = body.map((entry: unknown, index: number) => {
				if (!entry || typeof entry !== 'object' || Array.isArray(entry))
					throw validationProblem(
						{ [`$[${index}]`]: ['The JSON value could not be converted to AddAnnotationModel.'] },
						req.path,
					);
				return read(entry as Record<string, any>, req, `[${index}]`);
			});
			asset.annotations.push(...imported);
			return { body: imported.map(model) };
		})
		.post('/api/asset/:assetId/annotation', async (req) => {
			const asset = assetOf(req);
			const annotation = read(await objectBody(req), req);
			asset.annotations.push(annotation);
			return { body: model(annotation) };
		})
		.get('/api/asset/:assetId/annotation', (req) => ({
			body: assetOf(req).annotations.map(model),
		}))
		.put('/api/asset/:assetId/annotation/:annotationId', async (req) => {
			const asset = assetOf(req);
			const previous = annotationOf(asset, req);
			const updated = read(await objectBody(req), req, '', previous);
			asset.annotations[asset.annotations.indexOf(previous)] = updated;
			return { body: model(updated) };
		})
		.delete('/api/asset/:assetId/annotation/:annotationId', (req) => {
			const asset = assetOf(req);
			const annotation = annotationOf(asset, req);
			asset.annotations = asset.annotations.filter((entry) => entry !== annotation);
			return { body: annotation.id };
		});
}
