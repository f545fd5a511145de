import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildMetadata, metadataProperties } from '../../helpers/metadata';
import { postAsset } from '../../helpers/upload';
import { assertTemplateIds } from '../../helpers/utils';
import { getString, idList, metadataTemplateProperty, securityTemplatesProperty } from './common';

const show = { resource: ['asset'], operation: ['createMetadataOnly'] };

export const description: INodeProperties[] = [
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'product-shot.jpg',
		description:
			'Name of the file the asset will hold, with its extension (Tenovos checks the file type)',
		displayOptions: { show },
	},
	metadataTemplateProperty(['createMetadataOnly']),
	securityTemplatesProperty(['createMetadataOnly']),
	...metadataProperties(['createMetadataOnly'], ['metadataTemplateId']),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const metadataTemplateId = getString.call(this, 'metadataTemplateId', i);
	const securityTemplateIds = idList(this.getNodeParameter('securityTemplateIds', i, []));
	assertTemplateIds.call(this, [metadataTemplateId], 'Metadata Template Name or ID', i);
	assertTemplateIds.call(this, securityTemplateIds, 'Security Template Names or IDs', i);
	const metadata = await buildMetadata.call(this, i, async () => metadataTemplateId);
	const created = await postAsset.call(
		this,
		{
			metadataTemplateId,
			metadata,
			securityTemplateIds,
			filename: getString.call(this, 'fileName', i),
		},
		i,
	);
	// The response's upload URL is not needed (and is a credential of sorts): leave it out.
	return {
		objectId: created.objectId,
		fileId: created.fileId,
		originalFileId: created.originalFileId,
		filename: created.filename,
	};
}
