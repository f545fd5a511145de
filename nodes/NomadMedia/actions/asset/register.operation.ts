import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { getOptionalGuid } from '../../helpers/ids';
import { fetchCreated, nomadActOnce } from '../common';
import { bucketNameProperty, objectKeyProperty, readNames, readStorageLocation } from './fields';

export const option = {
	name: 'Register',
	description: 'Make an object already in storage an asset (by bucket name and object key)',
	action: 'Register a storage object',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['register'],
		},
	},
	[
		bucketNameProperty,
		{ ...objectKeyProperty, description: 'Key of the object to register (its path in the bucket)' },
		optionsCollection([
			{
				displayName: 'Parent Folder ID',
				name: 'parentId',
				type: 'string',
				default: '',
				placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
				description:
					'Folder the asset appears in; empty lets Nomad Media take the folder of the object key',
			},
			{
				displayName: 'Start Media Processing',
				name: 'startMediaProcessor',
				type: 'boolean',
				default: true,
				description:
					'Whether Nomad Media processes the file after registering it (proxies, thumbnails, AI)',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'interview, 2026',
				description: 'Tags of the new asset, separated by commas',
			},
		]),
	],
);

/** POST /admin/asset/register (RegisterAssetModel, sent once), then the new asset. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { bucketName, objectKey } = readStorageLocation.call(this, i);
	if (objectKey.endsWith('/'))
		throw new NodeOperationError(
			this.getNode(),
			`"Object Key" must name a file, not a folder: "${objectKey}"`,
			{ itemIndex: i },
		);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const body: IDataObject = { bucketName, objectKey };
	const parentId = getOptionalGuid.call(this, 'options.parentId', i, 'Parent Folder ID');
	if (parentId) body.parentId = parentId;
	// RegisterAssetModel's tags are plain names (strings), not lookups.
	const tags = readNames.call(this, 'options.tags', i, 'Tags');
	if (tags.length) body.tags = tags;
	if (typeof options.startMediaProcessor === 'boolean')
		body.startMediaProcessor = options.startMediaProcessor;
	const created = await nomadActOnce.call(
		this,
		i,
		{ url: '/admin/asset/register', body },
		`registered "${bucketName}/${objectKey}" (Get by Storage Location finds it)`,
	);
	return jsonItems(await fetchCreated.call(this, created, i, 'asset'));
}
