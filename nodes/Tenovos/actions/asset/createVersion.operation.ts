import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	buildMetadata,
	loadTemplate,
	mergeMetadata,
	metadataProperties,
	type MetadataItem,
} from '../../helpers/metadata';
import { assertUploadable, createAssetWithContent } from '../../helpers/upload';
import { assertTemplateIds, assetLocator, getAsset, getAssetId } from '../../helpers/utils';
import { binaryInputProperty, getString, idList } from './common';

const show = { resource: ['asset'], operation: ['createVersion'] };

export const description: INodeProperties[] = [
	assetLocator(['createVersion'], 'The asset to add a version to (any of its versions)'),
	binaryInputProperty(['createVersion']),
	...metadataProperties(['createVersion'], ['asset.value', 'options.metadataTemplateId']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Copy Current Metadata',
				name: 'copyMetadata',
				type: 'boolean',
				default: true,
				description:
					'Whether the new version starts with the metadata of the version it replaces (fields given above override it). Not done when the metadata template changes.',
			},
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description:
					'Name of the file in Tenovos, with its extension. Defaults to the name of the binary file.',
			},
			{
				displayName: 'Metadata Template Name or ID',
				name: 'metadataTemplateId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getMetadataTemplates' },
				default: '',
				description:
					'The metadata template of the new version; defaults to the current one. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Security Template Names or IDs',
				name: 'securityTemplateIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getSecurityTemplates' },
				default: [],
				description:
					'Security templates of the new version; default to the current ones. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const assetId = getAssetId.call(this, i);
	const propertyName = getString.call(this, 'binaryPropertyName', i, 'data');
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	await assertUploadable.call(this, i, propertyName); // before any request
	const chosenTemplateId = String(options.metadataTemplateId ?? '').trim();
	const chosenSecurity = idList(options.securityTemplateIds);
	if (chosenTemplateId)
		assertTemplateIds.call(this, [chosenTemplateId], 'Metadata Template Name or ID', i);
	assertTemplateIds.call(this, chosenSecurity, 'Security Template Names or IDs', i);
	// The version links to the asset by the file ID of its first version: read it from the asset.
	const current = await getAsset.call(this, assetId, i);
	const originalFileId = String(current.originalFileId ?? current.fileId ?? '');
	if (!originalFileId) {
		throw new NodeOperationError(
			this.getNode(),
			`Tenovos returned no original file ID for asset ${assetId}`,
			{ itemIndex: i },
		);
	}
	const currentTemplateId = String(current.metadataTemplateId ?? '');
	const metadataTemplateId = chosenTemplateId || currentTemplateId;
	const securityTemplateIds = chosenSecurity.length
		? chosenSecurity
		: idList(current.securityTemplateIds);

	let metadata = await buildMetadata.call(this, i, async () => metadataTemplateId);
	if (
		options.copyMetadata !== false &&
		metadataTemplateId === currentTemplateId &&
		Array.isArray(current.metadata)
	) {
		// Carry over what can be written back: fields of the template that are not read-only.
		const template = await loadTemplate.call(this, metadataTemplateId, i);
		const writable = new Set(template.attributes.filter((a) => !a.readonly).map((a) => a.id));
		const existing = (current.metadata as MetadataItem[]).filter(
			(item) => item && writable.has(String(item.metadataDefinitionId)),
		);
		metadata = mergeMetadata(existing, metadata);
	}
	const created = await createAssetWithContent.call(
		this,
		i,
		{ metadataTemplateId, metadata, securityTemplateIds, originalFileId },
		propertyName,
		String(options.fileName ?? '').trim() || undefined,
	);
	return { ...created, previousObjectId: current.objectId };
}
