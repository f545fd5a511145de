import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { actOnce } from '../../../shared/flow';
import { getId } from '../../../shared/ids';
import { jsonItems } from '../../../shared/items';
import { ASSET_ID, SECURITY_TEMPLATES, getIdList, idList } from '../../helpers/ids';
import { buildMetadata, metadataProperties, type MetadataItem } from '../../helpers/metadata';
import { getAsset } from '../../helpers/utils';
import { tenovosRequest } from '../../transport';
import { assetLocator, assetOperation, templatePicker } from './common';

export const description = assetOperation('update', [
	assetLocator('The asset version to update (its object ID)'),
	...metadataProperties(['asset.value']),
	optionsCollection([
		templatePicker('securityTemplateIds', 'Replaces the security templates of the asset.'),
	]),
]);

/** A metadata value in comparable form: vocabulary values by their ID. */
function comparable(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(comparable);
	if (value && typeof value === 'object') {
		const { valueId } = value as IDataObject;
		return valueId !== undefined ? String(valueId) : JSON.stringify(value);
	}
	return value === undefined || value === '' ? undefined : value;
}

function sameValue(written: MetadataItem, stored: IDataObject | undefined): boolean {
	const read = (item: IDataObject | undefined) =>
		JSON.stringify(comparable(item?.metadataDefinitionValue ?? item?.metadataDefinitionTableValue));
	return read(written) === read(stored);
}

/** Whether the asset holds what the update wrote. */
async function updateApplied(
	this: IExecuteFunctions,
	objectId: string,
	metadata: MetadataItem[],
	securityTemplateIds: string[],
	i: number,
): Promise<boolean> {
	const asset = await getAsset.call(this, objectId, i);
	const stored = (Array.isArray(asset.metadata) ? asset.metadata : []) as IDataObject[];
	const fieldsMatch = metadata.every((item) =>
		sameValue(
			item,
			stored.find((s) => s?.metadataDefinitionId === item.metadataDefinitionId),
		),
	);
	const held = new Set(idList(asset.securityTemplateIds));
	const wanted = new Set(securityTemplateIds);
	const securityMatches =
		wanted.size === 0 || (held.size === wanted.size && [...wanted].every((id) => held.has(id)));
	return fieldsMatch && securityMatches;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const objectId = getId.call(this, 'asset', i, ASSET_ID);
	const securityTemplateIds = getIdList.call(
		this,
		'options.securityTemplateIds',
		i,
		SECURITY_TEMPLATES,
	);
	// Field values are shaped by the asset's template, read only when fields are given.
	const metadata = await buildMetadata.call(this, i, async () => {
		const asset = await getAsset.call(this, objectId, i);
		return String(asset.metadataTemplateId ?? '');
	});
	if (metadata.length === 0 && securityTemplateIds.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			'Nothing to update: add metadata fields or security templates',
			{ itemIndex: i },
		);
	}
	const body: IDataObject = {};
	if (metadata.length) body.metadata = metadata;
	if (securityTemplateIds.length) body.securityTemplateIds = securityTemplateIds;
	// Sent once: Tenovos reports each update as an event. A lost answer is read back.
	const { value, verified } = await actOnce<IDataObject>(this, {
		service: 'Tenovos',
		itemIndex: i,
		work: async () =>
			await tenovosRequest.call(this, 'PATCH', `/asset/${objectId}`, body, {
				itemIndex: i,
				commit: true,
			}),
		readBack: async () =>
			(await updateApplied.call(this, objectId, metadata, securityTemplateIds, i))
				? { done: true, value: {}, found: 'the new values on the asset' }
				: { done: false, found: 'the update was not applied' },
	});
	return jsonItems({
		objectId,
		updated: true,
		message: value.message ?? 'Updated',
		updatedFields: metadata.length,
		...(verified ? { verified } : {}),
	});
}

/** Its entry in the Operation dropdown. */
export const option = {
	name: 'Update',
	description: 'Update the metadata or security templates of an asset',
	action: 'Update an asset',
};
