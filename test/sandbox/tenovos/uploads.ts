import { HttpError, type Router, type SimRequest } from '../core/http';
import { forbidden, type TenovosState } from './state';

const badRequest = (message: string) => new HttpError(400, { message });

/**
 * POST /asset/complete: completes a multipart upload with the parts' ETags (s3 assembles the
 * object) or cancels it (s3 drops the parts). Every call is recorded on the upload for tests.
 */
async function completeUpload(state: TenovosState, req: SimRequest) {
	state.auth.checkTokens(req);
	const body = await req.json();
	const { fileId, filename, uploadId, action } = (body ?? {}) as Record<string, unknown>;
	if (!fileId || !filename || !uploadId || !action)
		throw badRequest('Failed to parse asset: Missing fields');
	if (action !== 'complete' && action !== 'cancel')
		throw badRequest('Failed to parse asset: Invalid action');
	const version = state.versions.find((v) => v.fileId === fileId);
	const upload = version?.upload;
	if (!version || !upload || upload.mode !== 'multipart') throw forbidden('Asset not found');
	if (upload.uploadId !== uploadId) throw badRequest('Failed to parse asset: Invalid uploadId');
	const respond = (label: string) => ({
		body: {
			fileId: version.fileId,
			filename: version.filename,
			action: label,
			originalFileId: version.originalFileId,
			uploadId,
			s3Key: upload.key,
			status: 'success',
		},
	});
	const parts = Array.isArray(body.parts)
		? (body.parts as Array<{ partNumber?: unknown; etag?: unknown }>)
		: [];
	const record = (status: number) =>
		upload.calls.push({ action: String(action), parts: parts.length, status });
	const refuse = (message: string) => {
		record(400);
		return badRequest(message);
	};
	if (upload.state !== 'pending') {
		const done = upload.state === 'complete' ? 'completed' : 'cancelled';
		throw refuse(`Failed to parse asset: Upload is already ${done}`);
	}
	if (action === 'cancel') {
		await state.env.s3.abortMultipartUpload(upload.key, upload.uploadId!);
		upload.state = 'cancelled';
		record(200);
		return respond('Cancel');
	}
	const contiguous =
		parts.length > 0 &&
		parts.every((p, i) => p && p.partNumber === i + 1 && typeof p.etag === 'string' && p.etag);
	if (!contiguous) throw refuse('Failed to parse asset: Missing fields');
	const done = await state.env.s3.completeMultipartUpload(
		upload.key,
		upload.uploadId!,
		parts.map((p) => ({ partNumber: Number(p.partNumber), etag: String(p.etag) })),
	);
	if (!done.ok) throw refuse(`Failed to complete multipart upload: ${done.message}`);
	const info = await state.env.s3.objectInfo(upload.key);
	upload.state = 'complete';
	version.content = { key: upload.key, size: info.size ?? 0, md5: info.md5 ?? '' };
	version.lastUpdatedEpoch = state.epoch();
	record(200);
	return respond('Complete');
}

export function registerUploadRoutes(router: Router, state: TenovosState): void {
	router.post('/asset/complete', (req) => completeUpload(state, req));
}
