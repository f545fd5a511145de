import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildMetadata, metadataProperties } from '../../helpers/metadata';
import { tenovosRequest } from '../../transport';
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
		description: 'Name of the file the asset will hold, with its extension (Tenovos checks the file type)',
		displayOptions: { show },
	},
	metadataTemplateProperty(['createMetadataOnly']),
	securityTemplatesProperty(['createMetadataOnly']),
	...metadataProperties(['createMetadataOnly'], ['metadataTemplateId']),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const metadataTemplateId = getString.call(this, 'metadataTemplateId', i);
	const metadata = await buildMetadata.call(this, i, async () => metadataTemplateId);
	const created = await tenovosRequest.call(
		this,
		'POST',
		'/asset',
		{
			metadataTemplateId,
			metadata,
			securityTemplateIds: idList(this.getNodeParameter('securityTemplateIds', i, [])),
			filename: getString.call(this, 'fileName', i),
		},
		{ itemIndex: i },
	);
	// The response's upload URL is not needed (and is a credential of sorts): leave it out.
	return {
		objectId: created.objectId,
		fileId: created.fileId,
		originalFileId: created.originalFileId,
		filename: created.filename,
	};
}
