import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getId, WHOLE_NUMBER } from '../../../shared/ids';
import { getAssetId } from '../../helpers/ids';
import { listOf } from '../../helpers/utils';
import { assetPath, mediaPocketRequest } from '../../transport';

/** The asset and the media (a whole number) an operation works on. */
export function getMediaIds(
	this: IExecuteFunctions,
	i: number,
): { assetId: string; mediaId: string } {
	const assetId = getAssetId.call(this, i);
	return { assetId, mediaId: getId.call(this, 'mediaId', i, { ...WHOLE_NUMBER, label: 'Media' }) };
}

/** The media entry `mediaId` of an asset, from the asset's media list. */
export async function findMedia(
	this: IExecuteFunctions,
	assetId: string,
	mediaId: string,
	itemIndex: number,
): Promise<IDataObject> {
	const response = await mediaPocketRequest.call(this, 'GET', assetPath(assetId, 'media'), {
		itemIndex,
	});
	const media = listOf(response, 'media');
	const found = media.find((entry) => String(entry.id) === mediaId);
	if (!found) {
		const known = media.map((entry) => entry.id).join(', ');
		throw new NodeOperationError(
			this.getNode(),
			`Asset ${assetId} has no media with ID ${mediaId}`,
			{
				itemIndex,
				description: known
					? `Its media IDs are: ${known}`
					: 'The asset has no media (yet): media added from a URL appears once Media Pocket has ingested it',
			},
		);
	}
	return found;
}

/** The file name to ask a download URL for: the user's, else the media's own. */
export function mediaFileName(
	media: IDataObject | undefined,
	override: unknown,
	mediaId: string,
): string {
	const chosen = String(override ?? '').trim();
	if (chosen) return chosen;
	for (const key of ['filename', 'file_name', 'original_filename', 'name']) {
		if (typeof media?.[key] === 'string' && media[key]) return media[key] as string;
	}
	return `media-${mediaId}`;
}

/** A short-lived download URL for one media item (null while Media Pocket has no file for it). */
export async function getDownloadUrl(
	this: IExecuteFunctions,
	assetId: string,
	mediaId: string,
	fileName: string,
	itemIndex: number,
): Promise<string | null> {
	const response = await mediaPocketRequest.call(
		this,
		'GET',
		assetPath(assetId, 'media', mediaId, 'download_url'),
		{
			qs: { filename: fileName },
			itemIndex,
		},
	);
	return typeof response.url === 'string' && response.url ? response.url : null;
}
