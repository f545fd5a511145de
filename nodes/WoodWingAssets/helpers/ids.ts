import type { IExecuteFunctions } from 'n8n-workflow';

import { getId, type IdFormat } from '../../shared/ids';

/** WoodWing asset IDs: 22 URL-safe characters today; 8 to 64 leaves room for other server versions. */
export const ASSET_ID: IdFormat = {
	pattern: /^[A-Za-z0-9_-]{8,64}$/,
	looksLike: 'a WoodWing Assets ID (8 to 64 letters, digits, - and _)',
};

/** The locator's ID mode and the ID inside WoodWing links: /file|preview|thumbnail|asset/<id>, id=<id>, @id:<id>. */
export const ASSET_ID_REGEX = '[A-Za-z0-9_-]{8,64}';
export const ASSET_URL_REGEX = `(?:/(?:file|preview|thumbnail|asset)/|[#?&/@]id[=:])(${ASSET_ID_REGEX})`;

/** The asset of the "Asset" locator, in any mode, checked before it goes into a path or a query. */
export function getAssetId(this: IExecuteFunctions, itemIndex: number): string {
	return getId.call(this, 'assetId', itemIndex, { ...ASSET_ID, label: 'Asset' });
}
