import { rmSync } from 'fs';

import { type Handler, HttpError, type SimRequest, type SimResponse } from '../core/http';
import { boundaryOf, parseMultipart, type UploadedFile } from './multipart';
import type { WoodWingState } from './state';
import type { Asset } from './store';

/** What every /services route shares: errors, parameters, the Date header. */

export function wwError(status: number, message: string): HttpError {
	return new HttpError(status, { errorcode: status, message });
}

/** Request parameters from the query string and the body (urlencoded or multipart). */
export interface Params {
	get(name: string): string | undefined;
	files: UploadedFile[];
}

/** The parameters of a request; a multipart body is streamed to disk (an upload in flight meanwhile). */
export async function readParams(state: WoodWingState, req: SimRequest): Promise<Params> {
	const values = new Map<string, string>();
	req.query.forEach((value, key) => values.set(key, value));
	let files: UploadedFile[] = [];
	const type = req.header('content-type') ?? '';
	if (req.method === 'POST' && type.startsWith('multipart/form-data')) {
		const boundary = boundaryOf(type);
		if (!boundary) throw wwError(400, 'Multipart request without a boundary');
		const id = `upload-${state.nextNumber('upload')}`;
		state.uploads.set(id, { bytes: 0 });
		try {
			const form = await parseMultipart(req.raw, boundary, {
				dir: state.dir,
				chunkDelayMs: state.config.uploadChunkDelayMs,
				onProgress: (bytes) => state.uploads.set(id, { bytes }),
			});
			form.fields.forEach((value, key) => values.set(key, value));
			files = form.files;
		} finally {
			state.uploads.delete(id);
		}
	} else if (req.method === 'POST' && type.startsWith('application/x-www-form-urlencoded')) {
		new URLSearchParams((await req.body()).toString('utf8')).forEach((value, key) =>
			values.set(key, value),
		);
	}
	return { get: (name) => values.get(name), files };
}

/** Deletes uploaded files a request did not keep. */
export function discard(files: UploadedFile[]): void {
	for (const file of files) rmSync(file.path, { force: true });
}

/** The uploaded file of a create or update (`Filedata`, or `file` as older clients name it). */
export function uploadedFile(params: Params): UploadedFile | undefined {
	return params.files.find((file) => file.field === 'Filedata' || file.field === 'file');
}

/** The `metadata` parameter: a JSON object in a string. */
export function parseMetadata(params: Params): Record<string, unknown> {
	const raw = params.get('metadata');
	if (!raw) return {};
	try {
		const parsed = JSON.parse(raw);
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
			throw new Error('not an object');
		return parsed as Record<string, unknown>;
	} catch {
		throw wwError(
			400,
			`Invalid metadata parameter: expected a JSON object, got ${raw.slice(0, 80)}`,
		);
	}
}

export function requireAsset(state: WoodWingState, id: string | undefined): Asset {
	if (!id) throw wwError(400, 'Parameter id is required');
	const asset = state.assets.get(id);
	if (!asset) throw wwError(404, `Asset not found: ${id}`);
	return asset;
}

/** The server's own time in the Date header, from the same clock as asset dates (tests move it). */
function dated(state: WoodWingState, answer: SimResponse): SimResponse {
	return { ...answer, headers: { Date: new Date(state.now()).toUTCString(), ...answer.headers } };
}

/** Wraps a /services handler: errors as the server is configured to send them, and the Date header. */
export function service(state: WoodWingState, handler: Handler): Handler {
	return async (req) => {
		try {
			return dated(state, await handler(req));
		} catch (error) {
			if (error instanceof HttpError && state.config.okOnError)
				return dated(state, { status: 200, headers: error.headers, body: error.body });
			throw error;
		}
	};
}
