/** MediaValet's IDs: every record (asset, category, attribute, upload) is named by a UUID. */
import { UUID, type IdFormat } from '../../shared/ids';

/** The UUID pattern for locator validation (n8n anchors it; the URL mode finds it anywhere). */
export const UUID_SOURCE =
	'[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

const uuidOf = (what: string): IdFormat => ({
	pattern: UUID.pattern,
	looksLike: `a MediaValet ${what} ID (${UUID.looksLike})`,
});

export const ASSET_ID = uuidOf('asset');
export const CATEGORY_ID = uuidOf('category');
export const ATTRIBUTE_ID = uuidOf('attribute');
export const UPLOAD_ID = uuidOf('upload');

/** The "Asset" resource locator, as getId reads it. */
export const ASSET = { ...ASSET_ID, label: 'Asset' };

/** Whether `value` has the shape of `format` (for IDs inside lists and collections). */
export function isIdOf(format: IdFormat, value: string): boolean {
	return format.pattern.test(value);
}
