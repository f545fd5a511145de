import type { Router, SimRequest } from '../core/http';
import { authenticate, routeGuid, type NomadContext } from './context';
import { guid, problem, type SimAsset } from './model';
import type { NomadState } from './state';

/** [G] A screenshot the AI took in a segment (a still at a time code). */
interface Screenshot {
	id: string;
	timestamp: number;
}

/** [G] Where a label was seen in a video: a time range with the screenshots taken there. */
interface Segment {
	id: string;
	timestamp: number;
	duration: number;
	confidence: number;
	screenshots: Screenshot[];
}

interface Label {
	id: string;
	labelName: string;
	confidence: number;
	segments: Segment[];
}

/**
 * [G] What the AI found on each file, made up on first look (video: two labels over three
 * segments with two screenshots each; image: one label without segments; other files: nothing)
 * and kept with the asset object, so that a reset (new assets) starts over.
 */
const found = new WeakMap<SimAsset, Label[]>();

function labelsOf(asset: SimAsset): Label[] {
	let labels = found.get(asset);
	if (!labels) {
		const segment = (timestamp: number, duration: number, confidence: number): Segment => ({
			id: guid(),
			timestamp,
			duration,
			confidence,
			screenshots: [0, Math.floor(duration / 2)].map((offset) => ({
				id: guid(),
				timestamp: timestamp + offset,
			})),
		});
		const label = (labelName: string, confidence: number, segments: Segment[]): Label => ({
			id: guid(),
			labelName,
			confidence,
			segments,
		});
		labels =
			asset.mediaType === 'Video'
				? [
						label('Person', 0.98, [segment(0, 4000, 0.98), segment(70_000, 6000, 0.95)]),
						label('Microphone', 0.91, [segment(12_000, 3000, 0.91)]),
					]
				: asset.mediaType === 'Image'
					? [label('Logo', 0.97, [])]
					: [];
		found.set(asset, labels);
	}
	return labels;
}

/** A NomadCommonModelsAdminAssetLabelModel, `count` the segments it was seen in (1 for an image). */
function labelModel(label: Label, sourceId: string): Record<string, unknown> {
	return {
		id: label.id,
		labelName: label.labelName,
		confidence: label.confidence,
		count: Math.max(label.segments.length, 1),
		segments: label.segments.map((segment) => ({
			id: segment.id,
			duration: segment.duration,
			timestamp: segment.timestamp,
			confidence: segment.confidence,
			count: segment.screenshots.length,
		})),
		children: [],
		boundingBoxes: [],
		sourceId,
		rollupCount: null,
		rollupConfidence: null,
		metadataType: 'RekognitionVideoLabels',
	};
}

/**
 * Asset information of Nomad Media's admin API: the metadata summary (AI labels), the detail of a
 * segment and of a screenshot in it, deleting a related asset, and resolving a relative URL of an
 * asset into a signed one (`/api/admin/asset/{id}/…`).
 * [G] For a folder the summary adds up the labels of the files below it by name (the seed says it
 * aggregates); a segment's detail is the asset's detail with only that segment's label and its
 * screenshots, a screenshot's detail with only that screenshot; the 404 messages; resolving takes
 * the asset's own `bucket::key` URL, its object key, or a related asset's URL, and answers 404 for
 * any other and 400 without one.
 */
export function registerAssetInfoRoutes(router: Router, ctx: NomadContext): void {
	const { state } = ctx;

	const assetOf = (req: SimRequest, name = 'id'): SimAsset => {
		authenticate(ctx, req);
		const id = routeGuid(req, name);
		const asset = state.find(id);
		if (!asset) throw problem(404, `Asset '${id}' was not found.`, req.path);
		return asset;
	};

	const segmentOf = (asset: SimAsset, req: SimRequest) => {
		const id = routeGuid(req, 'segmentId');
		for (const label of labelsOf(asset)) {
			const segment = label.segments.find((entry) => entry.id === id);
			if (segment) return { label, segment };
		}
		throw problem(404, `Segment '${id}' was not found on this asset.`, req.path);
	};

	const segmentDetail = (
		asset: SimAsset,
		label: Label,
		segment: Segment,
		screenshots: Screenshot[],
	) => ({
		...state.detail(asset),
		labels: [labelModel({ ...label, segments: [segment] }, asset.id)],
		screenshots: screenshots.map((shot) => screenshotModel(state, asset, shot)),
	});

	router
		.get('/api/admin/asset/:id/metadata-summary', (req) => {
			const asset = assetOf(req);
			if (asset.assetType === 'File')
				return { body: labelsOf(asset).map((label) => labelModel(label, asset.id)) };
			// A folder or bucket: the labels of every file below it, added up by name.
			const byName = new Map<string, Record<string, unknown>>();
			for (const file of state.descendants(asset.id).filter((a) => a.assetType === 'File')) {
				for (const label of labelsOf(file)) {
					const model = labelModel(label, file.id);
					const seen = byName.get(label.labelName);
					if (!seen) byName.set(label.labelName, { ...model, id: guid(), sourceId: asset.id });
					else {
						seen.count = Number(seen.count) + Number(model.count);
						seen.segments = [...(seen.segments as unknown[]), ...(model.segments as unknown[])];
						seen.confidence = Math.max(Number(seen.confidence), label.confidence);
					}
				}
			}
			return { body: [...byName.values()] };
		})
		.get('/api/admin/asset/:id/:segmentId/detail', (req) => {
			const asset = assetOf(req);
			const { label, segment } = segmentOf(asset, req);
			return { body: segmentDetail(asset, label, segment, segment.screenshots) };
		})
		.get('/api/admin/asset/:id/:segmentId/:screenshotId/detail', (req) => {
			const asset = assetOf(req);
			const { label, segment } = segmentOf(asset, req);
			const screenshotId = routeGuid(req, 'screenshotId');
			const shot = segment.screenshots.find((entry) => entry.id === screenshotId);
			if (!shot)
				throw problem(404, `Screenshot '${screenshotId}' was not found in this segment.`, req.path);
			return { body: segmentDetail(asset, label, segment, [shot]) };
		})
		.delete('/api/admin/asset/:id/related-asset/:relatedAssetId', (req) => {
			const asset = assetOf(req);
			const relatedId = routeGuid(req, 'relatedAssetId');
			const related = asset.related.find((entry) => entry.id === relatedId);
			if (!related)
				throw problem(404, `Related asset '${relatedId}' was not found on this asset.`, req.path);
			asset.related = asset.related.filter((entry) => entry !== related);
			asset.lastModifiedDate = state.now();
			return { body: { id: related.id } };
		})
		.get('/api/admin/asset/:assetId/resolve-full-url', (req) => {
			const asset = assetOf(req, 'assetId');
			const url = req.query.get('url')?.trim();
			if (!url) throw problem(400, 'A url to resolve is required.', req.path);
			const key = keyOf(state, asset, url);
			if (key === undefined)
				throw problem(404, `The url '${url}' does not belong to this asset.`, req.path);
			return { body: state.signedUrl(key) };
		});
}

/** A screenshot as an AssetReferenceModel: its image behind a signed URL. */
function screenshotModel(
	state: NomadState,
	asset: SimAsset,
	shot: Screenshot,
): Record<string, unknown> {
	const key = `screenshots/${asset.id}/${shot.id}.jpg`;
	return {
		id: shot.id,
		url: `${asset.bucketName}::${key}`,
		fullUrl: state.signedUrl(key),
		title: `${asset.displayName} @ ${shot.timestamp} ms`,
		metadataType: 'Screenshot',
		lastModifiedDate: state.iso(state.now()),
	};
}

/** The object key a relative URL of the asset names: its own file or one of its related assets. */
function keyOf(state: NomadState, asset: SimAsset, url: string): string | undefined {
	const key = url.includes('::') ? url.slice(url.indexOf('::') + 2) : url.replace(/^\/+/, '');
	const own = asset.assetType === 'File' ? [state.objectKey(asset)] : [];
	return [...own, ...asset.related.map((related) => related.s3Key)].find(
		(candidate) => candidate === key,
	);
}
