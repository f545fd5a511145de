import { createReadStream } from 'fs';
import { Readable } from 'stream';

import type { Router, SimRequest, SimResponse } from '../core/http';
import { authenticate } from './auth';
import { wwError } from './services';
import type { WoodWingState } from './state';
import { type Asset, currentVersion, type Version } from './store';

/**
 * Files: `/file/<id>/*` (an original, any version), `/preview` and `/thumbnail` (a placeholder
 * image). Not /services: always real HTTP statuses, whatever `okOnError` says.
 */

/** A version's bytes with its type, size and name (attachment or inline). */
export function sendFile(
	asset: Asset,
	version: Version,
	forceDownload: boolean,
	method: string,
): SimResponse {
	const disposition = `${forceDownload ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(asset.filename)}`;
	const headers = {
		'Content-Type': version.mimeType,
		'Content-Length': version.size,
		'Content-Disposition': disposition,
	};
	if (method === 'HEAD') return { status: 200, headers };
	const body = version.data
		? Readable.from([version.data])
		: createReadStream(version.path!, { highWaterMark: 1024 * 1024 });
	return { status: 200, headers, body };
}

const PLACEHOLDER_JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

export function fileRoutes(router: Router, state: WoodWingState): Router {
	const file = async (req: SimRequest) => {
		const session = authenticate(state, { ...req, method: 'GET' });
		const asset = state.assets.get(req.params.id);
		if (!asset) throw wwError(404, `Asset not found: ${req.params.id}`);
		const wanted = req.query.get('version');
		const version = wanted
			? asset.versions.find((v) => v.versionNumber === Number(wanted))
			: currentVersion(asset);
		if (!version) throw wwError(404, `Version ${wanted} of asset ${asset.id} not found`);
		state.log(asset, session, 'DOWNLOAD');
		return sendFile(asset, version, req.query.get('forceDownload') === 'true', req.method);
	};
	const placeholderImage = (req: SimRequest) => {
		authenticate(state, { ...req, method: 'GET' });
		if (!state.assets.has(req.params.id)) throw wwError(404, `Asset not found: ${req.params.id}`);
		return { headers: { 'Content-Type': 'image/jpeg' }, body: PLACEHOLDER_JPEG };
	};
	return router
		.get('/file/:id/*', file)
		.post('/file/:id/*', file)
		.get('/preview/:id/*', placeholderImage)
		.get('/thumbnail/:id/*', placeholderImage);
}
