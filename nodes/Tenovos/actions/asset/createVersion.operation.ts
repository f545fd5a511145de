import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { binaryInputField, optionsCollection } from '../../../shared/descriptions';
import { getId } from '../../../shared/ids';
import { jsonItems } from '../../../shared/items';
import { ASSET_ID, getTemplateIds, idList } from '../../helpers/ids';
import {
	buildMetadata,
	loadTemplate,
	mergeMetadata,
	metadataProperties,
	type MetadataItem,
} from '../../helpers/metadata';
import { assertUploadable, createAssetWithContent } from '../../helpers/upload';
import { getAsset, getString } from '../../helpers/utils';
import { assetLocator, assetOperation, fileNameOption, templatePicker } from './common';

export const description = assetOperation('createVersion', [
	assetLocator('The asset to add a version to (any of its versions)'),
	binaryInputField('The file to upload as the new version'),
	...metadataProperties(['asset.value', 'options.metadataTemplateId']),
	optionsCollection([
		{
			displayName: 'Copy Current Metadata',
			name: 'copyMetadata',
			type: 'boolean',
			default: true,
			description:
				'Whether the new version starts with the metadata of the version it replaces (fields given above override it). Not done when the metadata template changes.',
		},
		fileNameOption,
		templatePicker(
			'metadataTemplateId',
			'The metadata template of the new version; defaults to the current one.',
		),
		templatePicker(
			'securityTemplateIds',
			'Security templates of the new version; default to the current ones.',
		),
	]),
]);

/** The current metadata that can be written back: fields of its template that are not read-only. */
async function writableMetadata(
	this: IExecuteFunctions,
	current: IDataObject,
	i: number,
): Promise<MetadataItem[]> {
	const template = await loadTemplate.call(this, String(current.metadataTemplateId), i);
	const writable = new Set(template.attributes.filter((a) => !a.readonly).map((a) => a.id));
	return (current.metadata as MetadataItem[]).filter(
		(item) => item && writable.has(String(item.metadataDefinitionId)),
	);
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getId.call(this, 'asset', i, ASSET_ID);
	const propertyName = getString.call(this, 'binaryPropertyName', i, 'data');
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	await assertUploadable.call(this, i, propertyName); // before any request
	const chosen = getTemplateIds.call(this, i, 'options');
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
	const metadataTemplateId = chosen.metadataTemplateId || currentTemplateId;
	const securityTemplateIds = chosen.securityTemplateIds.length
		? chosen.securityTemplateIds
		: idList(current.securityTemplateIds);

	let metadata = await buildMetadata.call(this, i, async () => metadataTemplateId);
	if (
		options.copyMetadata !== false &&
		metadataTemplateId === currentTemplateId &&
		Array.isArray(current.metadata)
	) {
		metadata = mergeMetadata(await writableMetadata.call(this, current, i), metadata);
	}
	const created = await createAssetWithContent.call(
		this,
		i,
		{ metadataTemplateId, metadata, securityTemplateIds, originalFileId },
		propertyName,
		String(options.fileName ?? '').trim() || undefined,
	);
	return jsonItems({ ...created, previousObjectId: current.objectId });
}

/** Its entry in the Operation dropdown. */
export const option = {
	name: 'Create Version',
	description: 'Upload a file as the new version of an asset',
	action: 'Create a new version of an asset',
};
