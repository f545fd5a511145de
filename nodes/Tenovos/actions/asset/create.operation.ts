import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildMetadata, metadataProperties } from '../../helpers/metadata';
import { assertUploadable, createAssetWithContent } from '../../helpers/upload';
import { assertTemplateIds } from '../../helpers/utils';
import {
	binaryInputProperty,
	getString,
	idList,
	metadataTemplateProperty,
	securityTemplatesProperty,
} from './common';

const show = { resource: ['asset'], operation: ['create'] };

export const description: INodeProperties[] = [
	binaryInputProperty(['create']),
	metadataTemplateProperty(['create']),
	securityTemplatesProperty(['create']),
	...metadataProperties(['create'], ['metadataTemplateId']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description:
					'Name of the file in Tenovos, with its extension. Defaults to the name of the binary file.',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const propertyName = getString.call(this, 'binaryPropertyName', i, 'data');
	const metadataTemplateId = getString.call(this, 'metadataTemplateId', i);
	await assertUploadable.call(this, i, propertyName); // before any request
	const securityTemplateIds = idList(this.getNodeParameter('securityTemplateIds', i, []));
	assertTemplateIds.call(this, [metadataTemplateId], 'Metadata Template Name or ID', i);
	assertTemplateIds.call(this, securityTemplateIds, 'Security Template Names or IDs', i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const metadata = await buildMetadata.call(this, i, async () => metadataTemplateId);
	return await createAssetWithContent.call(
		this,
		i,
		{ metadataTemplateId, metadata, securityTemplateIds },
		propertyName,
		String(options.fileName ?? '').trim() || undefined,
	);
}
