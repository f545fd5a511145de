import type { IExecuteFunctions } from 'n8n-workflow';

import { getId, type IdFormat } from '../../shared/ids';

/**
 * The shapes of Media Pocket's ids (seed 004): assets, projects and collections have URL-safe
 * string ids (letters, digits, "-" and "_", e.g. "-vevooaEWuYCnLFQqe2l"); comments, media, DAG
 * actions and runs have whole-number ids (the shared WHOLE_NUMBER). Neither can be "." or "..".
 */
export const MEDIA_POCKET_ID_REGEX = '[A-Za-z0-9_-]+';

export const MEDIA_POCKET_ID: IdFormat = {
	pattern: new RegExp(`^${MEDIA_POCKET_ID_REGEX}$`),
	looksLike: 'a Media Pocket ID (letters, digits, "-" and "_", e.g. 7UhQGdm3p9MJHRBI9Ohu)',
};

/** The Asset locator every operation has. */
export function getAssetId(this: IExecuteFunctions, itemIndex: number): string {
	return getId.call(this, 'assetId', itemIndex, { ...MEDIA_POCKET_ID, label: 'Asset' });
}
