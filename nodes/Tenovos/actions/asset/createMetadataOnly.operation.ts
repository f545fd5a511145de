import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { getTemplateIds } from '../../helpers/ids';
import { buildMetadata, metadataProperties } from '../../helpers/metadata';
import { postAsset } from '../../helpers/upload';
import { getString } from '../../helpers/utils';
import { assetOperation, securityTemplatesRequired, templatePicker } from './common';

export const description = assetOperation('createMetadataOnly', [
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'product-shot.jpg',
		description:
			'Name of the file the asset will hold, with its extension (Tenovos checks the file type)',
	},
	templatePicker('metadataTemplateId'),
	securityTemplatesRequired,
	...metadataProperties(['metadataTemplateId']),
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { metadataTemplateId, securityTemplateIds } = getTemplateIds.call(this, i);
	const metadata = await buildMetadata.call(this, i, async () => metadataTemplateId);
	const filename = getString.call(this, 'fileName', i);
	const created = await postAsset.call(
		this,
		{ metadataTemplateId, metadata, securityTemplateIds, filename },
		i,
	);
	// The response's upload URL is not needed (and is a credential of sorts): leave it out.
	return jsonItems({
		objectId: created.objectId,
		fileId: created.fileId,
		originalFileId: created.originalFileId,
		filename: created.filename,
	});
}

/** Its entry in the Operation dropdown. */
export const option = {
	name: 'Create Metadata-Only',
	description: 'Create an asset without content',
	action: 'Create an asset without content',
};
