import type { Router } from '../core/http';
import { authenticate, routeGuid, type NomadContext } from './context';
import { problem } from './model';

/**
 * Face recognition: assigning a detected face (the asset detail's `faceItems`) to a known person,
 * or removing the assignment (`/api/asset/{assetId}/assign-person/{faceId}/{personId}`,
 * `/api/asset/{assetId}/remove-person/{faceId}`). Both answer 200 without a body, as documented.
 * [G] The 404 messages for an unknown face or person.
 */
export function registerFaceRoutes(router: Router, ctx: NomadContext): void {
	const { state } = ctx;

	const faceOf = (assetId: string, faceId: string, instance: string) => {
		const asset = state.find(assetId);
		if (!asset) throw problem(404, `Asset '${assetId}' was not found.`, instance);
		const face = asset.faces.find((entry) => entry.id === faceId);
		if (!face) throw problem(404, `Face '${faceId}' was not found on this asset.`, instance);
		return { asset, face };
	};

	router
		.post('/api/asset/:assetId/assign-person/:faceId/:personId', (req) => {
			authenticate(ctx, req);
			const { asset, face } = faceOf(routeGuid(req, 'assetId'), routeGuid(req, 'faceId'), req.path);
			const personId = routeGuid(req, 'personId');
			if (!state.persons.has(personId))
				throw problem(404, `Person '${personId}' was not found.`, req.path);
			face.personId = personId;
			asset.lastModifiedDate = state.now();
			return { status: 200 };
		})
		.post('/api/asset/:assetId/remove-person/:faceId', (req) => {
			authenticate(ctx, req);
			const { asset, face } = faceOf(routeGuid(req, 'assetId'), routeGuid(req, 'faceId'), req.path);
			face.personId = null;
			asset.lastModifiedDate = state.now();
			return { status: 200 };
		});
}
