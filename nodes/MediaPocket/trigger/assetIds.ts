import type { IHookFunctions, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MEDIA_POCKET_ID } from '../helpers/ids';
import { splitList } from '../helpers/utils';

/**
 * The trigger's "Asset IDs", each checked to be an asset id before any request. Polling needs at
 * least one; in webhook mode an empty list means every asset.
 */
export function watchedAssetIds(
	this: IPollFunctions | IHookFunctions | IWebhookFunctions,
	required: boolean,
): string[] {
	const assetIds = splitList(this.getNodeParameter('assetIds', ''));
	if (required && assetIds.length === 0)
		throw new NodeOperationError(this.getNode(), 'Enter at least one asset ID under "Asset IDs"');
	const invalid = assetIds.find((id) => !MEDIA_POCKET_ID.pattern.test(id));
	if (invalid !== undefined) {
		throw new NodeOperationError(
			this.getNode(),
			`"${invalid}" is not a valid Media Pocket asset ID (parameter "Asset IDs")`,
			{
				description:
					'Asset IDs are letters, digits, "-" and "_" (e.g. 7UhQGdm3p9MJHRBI9Ohu), separated by commas, spaces or new lines',
			},
		);
	}
	return assetIds;
}
