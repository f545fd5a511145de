import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readBinaryInput } from '../../../shared/binary';
import { inputBinaryField, metadataFields, metadataJsonOption, metadataToReturnOption } from '../../helpers/descriptions';
import { getMetadata, getMetadataToReturn, normalizeFolderPath } from '../../helpers/utils';
import { ensureFreshSession, type Hit } from '../../transport';
import { uploadMultipart } from '../../transport/multipart';

const show = { resource: ['asset'], operation: ['create'] };

export const description: INodeProperties[] = [
	inputBinaryField(['create']),
	{
		displayName: 'Folder',
		name: 'folderPath',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'Folder to create the asset in. WoodWing creates missing folders.',
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a folder...',
				typeOptions: { searchListMethod: 'searchFolders', searchable: true, searchFilterRequired: false },
			},
			{
				displayName: 'By Path',
				name: 'path',
				type: 'string',
				placeholder: 'e.g. /Demo Zone/Images',
				validation: [{ type: 'regex', properties: { regex: '^/.*', errorMessage: 'A folder path starts with /' } }],
			},
		],
	},
	metadataFields(['create'], 'Metadata to set on the new asset'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Auto Rename',
				name: 'autoRename',
				type: 'boolean',
				default: true,
				description:
					'Whether to give the asset a unique name when the folder already holds a file with that name. When off, the upload fails instead.',
			},
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. beach.jpg',
				description: 'Name of the new asset. Defaults to the file name of the binary data.',
			},
			metadataJsonOption,
			metadataToReturnOption,
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const property = this.getNodeParameter('binaryPropertyName', i) as string;
	const folderPath = normalizeFolderPath.call(
		this,
		this.getNodeParameter('folderPath', i, '', { extractValue: true }) as string,
		i,
	);
	const fileName = (this.getNodeParameter('options.fileName', i, '') as string).trim();
	const autoRename = this.getNodeParameter('options.autoRename', i, true) as boolean;
	const metadataToReturn = getMetadataToReturn.call(this, i) || 'all';
	const metadata = { ...getMetadata.call(this, i), folderPath };

	this.helpers.assertBinaryData(i, property);
	await ensureFreshSession.call(this, i);
	const input = await readBinaryInput.call(this, i, property, fileName || undefined);
	const { response, upload } = await uploadMultipart.call(
		this,
		'/services/create',
		[
			['metadata', JSON.stringify(metadata)],
			['metadataToReturn', metadataToReturn],
			['autoRename', String(autoRename)],
		],
		input,
		i,
	);
	const hit = response && typeof response === 'object' && response.id ? response : undefined;
	if (!hit) {
		// Some server versions answer create without the hit: nothing to look it up by, so report what was sent.
		return { folderPath, upload: { ...upload } };
	}
	return { ...(hit as Hit), upload: { ...upload } };
}
