import type { Router, SimRequest } from '../core/http';
import { S3_BUCKET } from '../storage/s3';
import { authenticate, objectBody, routeGuid, type NomadContext } from './context';
import {
	ASSET_STATUSES,
	enumName,
	GUID,
	guid,
	OVERWRITE_OPTIONS,
	problem,
	validationProblem,
	type SimAsset,
	type SimUpload,
	type SimUser,
} from './model';

const MiB = 1024 * 1024;
const DEFAULT_CHUNK = 8 * MiB;
const MIN_CHUNK = 5 * MiB;
const MAX_PARTS = 10_000;

function hasExtension(name: string): boolean {
	return /\.[A-Za-z0-9]{1,8}$/.test(name);
}

/** The part size Nomad settles on: the requested chunk, at least 5 MiB, grown to stay within 10,000 parts. */
export function chunkFor(contentLength: number, requested: unknown, minimum = MIN_CHUNK): number {
	let chunk =
		typeof requested === 'number' && requested > 0 ? Math.floor(requested) : DEFAULT_CHUNK;
	chunk = Math.max(chunk, minimum);
	if (Math.ceil(contentLength / chunk) > MAX_PARTS)
		chunk = Math.ceil(contentLength / MAX_PARTS / MiB) * MiB;
	return chunk;
}

/** A part as AssetPartUploadModel; its URL under the configured field name (`url` or `uploadUrl`). */
function partModel(
	part: SimUpload['parts'][number],
	withUrl: boolean,
	urlField: 'url' | 'uploadUrl' = 'url',
) {
	return {
		id: part.id,
		...(withUrl ? { [urlField]: part.url } : {}),
		partNumber: part.partNumber,
		startingPosition: part.startingPosition,
		endingPosition: part.endingPosition,
		isCompleted: part.isCompleted,
	};
}

export function registerUploadRoutes(router: Router, ctx: NomadContext): void {
	const { state, env } = ctx;

	const uploadModel = (upload: SimUpload) => ({
		id: upload.id,
		assetId: upload.related ? upload.related.relatedAssetId : upload.assetId,
		etag: upload.state === 'Completed' ? `"${upload.id.replace(/-/g, '')}"` : null,
		url: `s3://${S3_BUCKET}/${upload.s3Key}`,
		contentLength: upload.contentLength,
		startDate: state.iso(upload.startDate),
		parts: upload.parts.map((part) =>
			partModel(part, upload.state === 'InProgress', state.config.partUrlField),
		),
	});

	async function openUpload(
		user: SimUser,
		asset: SimAsset,
		fileName: string,
		contentLength: number,
		requestedChunk: unknown,
		extra: Pick<SimUpload, 'createdAsset' | 'previousStatus' | 'related'>,
	): Promise<SimUpload> {
		const chunk = chunkFor(contentLength, requestedChunk, state.config.minChunkBytes);
		const count = Math.max(1, Math.ceil(contentLength / chunk));
		const id = guid();
		const s3Key = `nomad/${id}/${fileName}`;
		const s3UploadId = await env.s3.createMultipartUpload(s3Key);
		const upload: SimUpload = {
			id,
			assetId: asset.id,
			userId: user.id,
			s3Key,
			s3UploadId,
			contentLength,
			chunkSize: chunk,
			startDate: state.now(),
			state: 'InProgress',
			parts: Array.from({ length: count }, (_, index) => ({
				id: guid(),
				partNumber: index + 1,
				startingPosition: index * chunk,
				endingPosition: Math.min(contentLength, (index + 1) * chunk) - 1,
				isCompleted: false,
				url: env.s3.presign(
					'PUT',
					s3Key,
					{ partNumber: String(index + 1), uploadId: s3UploadId },
					state.config.partUrlTtlSeconds,
				),
			})),
			...extra,
		};
		state.uploads.set(id, upload);
		for (const part of upload.parts)
			state.partIndex.set(part.id, { uploadId: id, partNumber: part.partNumber });
		return upload;
	}

	function contentLengthOf(body: Record<string, any>, req: SimRequest): number {
		const value =
			typeof body.contentLength === 'string' && /^\d+$/.test(body.contentLength)
				? Number(body.contentLength)
				: body.contentLength;
		if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
			throw validationProblem(
				{ ContentLength: ['The ContentLength field must be a non-negative integer.'] },
				req.path,
			);
		}
		return value;
	}

	function overwriteOf(body: Record<string, any>, req: SimRequest): string {
		const option = enumName(OVERWRITE_OPTIONS, body.uploadOverwriteOption ?? 'Replace');
		if (!option)
			throw validationProblem(
				{
					'$.uploadOverwriteOption': [
						'The JSON value could not be converted to UploadOverwriteOptions.',
					],
				},
				req.path,
			);
		return option;
	}

	function ownUpload(req: SimRequest, user: SimUser, id: string): SimUpload {
		const upload = state.uploads.get(id);
		if (!upload || upload.userId !== user.id)
			throw problem(404, `Upload '${id}' was not found.`, req.path);
		return upload;
	}

	router.post('/api/asset/upload/start', async (req) => {
		const { user } = authenticate(ctx, req);
		const body = await objectBody(req);
		const contentLength = contentLengthOf(body, req);
		const overwrite = overwriteOf(body, req);

		if (body.existingAssetId) {
			if (typeof body.existingAssetId !== 'string' || !GUID.test(body.existingAssetId)) {
				throw validationProblem(
					{ '$.existingAssetId': ['The JSON value could not be converted to System.Guid.'] },
					req.path,
				);
			}
			const existing = state.find(body.existingAssetId.toLowerCase());
			if (!existing) throw problem(404, `Asset '${body.existingAssetId}' was not found.`, req.path);
			if (existing.assetType !== 'File')
				throw problem(400, 'Only a file asset can be overwritten by an upload.', req.path);
			const previousStatus = existing.assetStatus;
			state.schedule(existing, 'Uploading', []);
			const upload = await openUpload(
				user,
				existing,
				existing.displayName,
				contentLength,
				body.chunkSize,
				{ createdAsset: false, previousStatus },
			);
			return { body: uploadModel(upload) };
		}

		const parentId = body.parentId ? String(body.parentId) : state.incomingId;
		if (!GUID.test(parentId))
			throw validationProblem(
				{ '$.parentId': ['The JSON value could not be converted to System.Guid.'] },
				req.path,
			);
		const found = state.find(parentId.toLowerCase());
		if (!found) throw problem(404, `Parent folder '${parentId}' was not found.`, req.path);
		let parent: SimAsset = found;
		if (!state.isContainer(parent))
			throw problem(400, 'The parent asset is not a folder.', req.path);
		const segments = String(body.relativePath ?? '')
			.split('/')
			.map((s) => s.trim())
			.filter(Boolean);
		const fileName =
			(typeof body.displayName === 'string' && body.displayName.trim()) ||
			segments[segments.length - 1] ||
			'';
		if (!fileName)
			throw validationProblem({ DisplayName: ['The DisplayName field is required.'] }, req.path);
		if (!hasExtension(fileName))
			throw problem(400, 'The display name must include the file extension.', req.path);
		// A path in relativePath creates its folders below the parent.
		for (const folderName of segments.slice(0, -1)) {
			const existingFolder: SimAsset | undefined = state
				.children(parent.id)
				.find(
					(c) =>
						c.assetType === 'Folder' && c.displayName.toLowerCase() === folderName.toLowerCase(),
				);
			parent =
				existingFolder ??
				state.createAsset({ parentId: parent.id, assetType: 'Folder', displayName: folderName });
		}
		const sameName = state
			.children(parent.id)
			.find(
				(c) => c.assetType === 'File' && c.displayName.toLowerCase() === fileName.toLowerCase(),
			);
		if (sameName) {
			if (overwrite === 'Cancel')
				throw problem(409, `A file named '${fileName}' already exists in this folder.`, req.path);
			if (overwrite === 'Continue') {
				const running = [...state.uploads.values()].find(
					(u) => u.assetId === sameName.id && u.state === 'InProgress' && u.userId === user.id,
				);
				if (running) return { body: uploadModel(running) };
			}
			const previousStatus = sameName.assetStatus;
			state.schedule(sameName, 'Uploading', []);
			const upload = await openUpload(user, sameName, fileName, contentLength, body.chunkSize, {
				createdAsset: false,
				previousStatus,
			});
			return { body: uploadModel(upload) };
		}
		const asset = state.createAsset({
			parentId: parent.id,
			assetType: 'File',
			displayName: fileName,
			contentLength,
			assetStatus: 'Uploading',
		});
		if (typeof body.languageId === 'string' && GUID.test(body.languageId))
			asset.languageId = body.languageId;
		const upload = await openUpload(user, asset, fileName, contentLength, body.chunkSize, {
			createdAsset: true,
		});
		return { body: uploadModel(upload) };
	});

	router.post('/api/asset/upload/start-related-asset', async (req) => {
		const { user } = authenticate(ctx, req);
		const body = await objectBody(req);
		if (typeof body.existingAssetId !== 'string' || !GUID.test(body.existingAssetId)) {
			throw validationProblem(
				{ ExistingAssetId: ['The ExistingAssetId field is required.'] },
				req.path,
			);
		}
		const contentLength = contentLengthOf(body, req);
		overwriteOf(body, req);
		const parent = state.find(body.existingAssetId.toLowerCase());
		if (!parent) throw problem(404, `Asset '${body.existingAssetId}' was not found.`, req.path);
		if (parent.assetType !== 'File')
			throw problem(400, 'Related files can only be attached to a file asset.', req.path);
		const fileName =
			String(body.relativePath ?? '')
				.split('/')
				.filter(Boolean)
				.pop() ?? '';
		if (!fileName)
			throw validationProblem({ RelativePath: ['The RelativePath field is required.'] }, req.path);
		if (!hasExtension(fileName))
			throw problem(400, 'The file name must include the file extension.', req.path);
		let relatedAssetId: string;
		let metadataTypeId: string;
		if (body.relatedAssetId) {
			const existing = parent.related.find(
				(r) => r.id === String(body.relatedAssetId).toLowerCase(),
			);
			if (!existing)
				throw problem(
					404,
					`Related asset '${body.relatedAssetId}' was not found on this asset.`,
					req.path,
				);
			relatedAssetId = existing.id;
			metadataTypeId = existing.metadataTypeId;
		} else {
			const type = String(body.newRelatedAssetMetadataType ?? '').toLowerCase();
			if (!type)
				throw problem(
					400,
					'newRelatedAssetMetadataType is required when relatedAssetId is not given.',
					req.path,
				);
			if (!Object.values(state.relatedTypes).includes(type))
				throw problem(
					400,
					`'${body.newRelatedAssetMetadataType}' is not a known related asset metadata type.`,
					req.path,
				);
			relatedAssetId = guid();
			metadataTypeId = type;
		}
		const languageId =
			typeof body.languageId === 'string' && GUID.test(body.languageId) ? body.languageId : null;
		const upload = await openUpload(user, parent, fileName, contentLength, body.chunkSize, {
			createdAsset: false,
			related: {
				parentAssetId: parent.id,
				metadataTypeId,
				relatedAssetId,
				languageId,
				title: fileName,
			},
		});
		return { body: uploadModel(upload) };
	});

	router.post('/api/asset/upload/part/:partId/complete', async (req) => {
		const { user } = authenticate(ctx, req);
		const partId = routeGuid(req, 'partId');
		const body = await objectBody(req);
		const ref = state.partIndex.get(partId);
		const upload = ref ? state.uploads.get(ref.uploadId) : undefined;
		if (!ref || !upload || upload.userId !== user.id)
			throw problem(404, `Upload part '${partId}' was not found.`, req.path);
		if (typeof body.etag !== 'string' || !body.etag.trim())
			throw validationProblem({ Etag: ['The Etag field is required.'] }, req.path);
		if (upload.state !== 'InProgress')
			throw problem(
				400,
				`The upload is ${upload.state === 'Cancelled' ? 'cancelled' : 'already completed'}.`,
				req.path,
			);
		const part = upload.parts[ref.partNumber - 1];
		part.isCompleted = true;
		part.etag = body.etag;
		return { body: partModel(part, false) };
	});

	router.post('/api/asset/upload/:id/complete', async (req) => {
		const { user } = authenticate(ctx, req);
		const upload = ownUpload(req, user, routeGuid(req, 'id'));
		if (upload.state === 'Cancelled') throw problem(400, 'The upload was cancelled.', req.path);
		if (upload.state === 'Completed')
			throw problem(400, 'The upload is already completed.', req.path);
		const missing = upload.parts.filter((part) => !part.isCompleted).map((part) => part.partNumber);
		if (missing.length)
			throw problem(
				400,
				`Part(s) ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''} have not been completed.`,
				req.path,
			);
		const outcome = await env.s3.completeMultipartUpload(
			upload.s3Key,
			upload.s3UploadId,
			upload.parts.map((part) => ({ partNumber: part.partNumber, etag: part.etag! })),
		);
		if (!outcome.ok)
			throw problem(
				400,
				`The storage service refused to assemble the upload: ${outcome.message}`,
				req.path,
			);
		upload.state = 'Completed';
		upload.completedDate = state.now();
		const asset = state.assets.get(upload.assetId)!;
		let resultId = asset.id;
		if (upload.related) {
			const related = upload.related;
			const existing = asset.related.find((r) => r.id === related.relatedAssetId);
			const record = {
				id: related.relatedAssetId,
				metadataTypeId: related.metadataTypeId,
				title: related.title,
				contentLength: upload.contentLength,
				languageId: related.languageId,
				s3Key: upload.s3Key,
				createdDate: state.now(),
				uploadId: upload.id,
			};
			if (existing) Object.assign(existing, record);
			else asset.related.push(record);
			state.addJob(asset, 'RelatedAssetUpload', 1, `Related file ${related.title}`);
			resultId = related.relatedAssetId;
		} else {
			asset.s3Key = upload.s3Key;
			asset.contentLength = upload.contentLength;
			const placeholder = upload.previousStatus === 'Placeholder';
			state.schedule(
				asset,
				'Assembling',
				placeholder ? ['Creating', 'SlugReplaced'] : ['Creating', 'Available'],
			);
			state.addJob(asset, 'AssetUpload', 0, `Upload of ${upload.parts.length} part(s)`);
			state.addJob(asset, 'MediaInfo', 2, 'Media information');
			if (asset.mediaType === 'Video' || asset.mediaType === 'Image')
				state.addJob(asset, 'Transcode', 2, 'Proxies and previews');
		}
		const result = {
			items: [
				{
					id: resultId,
					assetId: asset.id,
					uploadId: upload.id,
					assetStatus: state.enumOut(ASSET_STATUSES, asset.assetStatus),
				},
			],
			totalItemCount: 1,
		};
		upload.completeResult = result;
		return { body: result };
	});

	router.post('/api/asset/upload/:id/cancel', async (req) => {
		const { user } = authenticate(ctx, req);
		const upload = ownUpload(req, user, routeGuid(req, 'id'));
		if (upload.state === 'Completed')
			throw problem(400, 'A completed upload cannot be cancelled.', req.path);
		if (upload.state === 'Cancelled') return { status: 200 };
		await env.s3.abortMultipartUpload(upload.s3Key, upload.s3UploadId);
		upload.state = 'Cancelled';
		upload.cancelMessage = req.query.get('message') ?? undefined;
		const asset = state.assets.get(upload.assetId);
		if (asset && !upload.related) {
			if (upload.createdAsset) asset.deleted = true;
			else if (upload.previousStatus) state.schedule(asset, upload.previousStatus, []);
		}
		return { status: 200 };
	});

	router.get('/api/admin/asset/upload', (req) => {
		const { user } = authenticate(ctx, req);
		const all = req.query.get('includeCompletedUploads') === 'true';
		const list = [...state.uploads.values()].filter(
			(u) => u.userId === user.id && (all || u.state === 'InProgress'),
		);
		return { body: list.map(uploadModel) };
	});

	router.get('/api/admin/asset/upload/:id', (req) => {
		const { user } = authenticate(ctx, req);
		const upload = ownUpload(req, user, routeGuid(req, 'id'));
		if (upload.state === 'InProgress') {
			// [G] The parts list hands out fresh URLs (the ones from the start may have expired).
			for (const part of upload.parts) {
				part.url = env.s3.presign(
					'PUT',
					upload.s3Key,
					{ partNumber: String(part.partNumber), uploadId: upload.s3UploadId },
					state.config.partUrlTtlSeconds,
				);
			}
		}
		return {
			body: upload.parts.map((part) =>
				partModel(part, upload.state === 'InProgress', state.config.partUrlField),
			),
		};
	});
}
