import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildMetadata, metadataProperties, type MetadataItem } from '../../helpers/metadata';
import { sendOnce } from '../../helpers/outcome';
import { assertTemplateIds, assetLocator, getAsset, getAssetId } from '../../helpers/utils';
import { tenovosRequest } from '../../transport';
import { idList } from './common';

const show = { resource: ['asset'], operation: ['update'] };

export const description: INodeProperties[] = [
	assetLocator(['update'], 'The asset version to update (its object ID)'),
	...metadataProperties(['update'], ['asset.value']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Security Template Names or IDs',
				name: 'securityTemplateIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getSecurityTemplates' },
				default: [],
				description:
					'Replaces the security templates of the asset. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

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

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const objectId = getAssetId.call(this, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const securityTemplateIds = idList(options.securityTemplateIds);
	assertTemplateIds.call(this, securityTemplateIds, 'Security Template Names or IDs', i);
	// Field values are shaped by the asset's template, read only when fields are given.
	const metadata = await buildMetadata.call(this, i, async () => {
		const asset = await getAsset.call(this, objectId, i);
		return String(asset.metadataTemplateId ?? '');
	});
	if (metadata.length === 0 && securityTemplateIds.length === 0) {
		throw new NodeOperationError(
			this.getNode(),
			'Nothing to update: add metadata fields or security templates',
			{
				itemIndex: i,
			},
		);
	}
	const body: IDataObject = {};
	if (metadata.length) body.metadata = metadata;
	if (securityTemplateIds.length) body.securityTemplateIds = securityTemplateIds;
	// Sent once: Tenovos reports each update as an event. A lost answer is read back.
	const response = await sendOnce.call(
		this,
		async () =>
			await tenovosRequest.call(this, 'PATCH', `/asset/${encodeURIComponent(objectId)}`, body, {
				itemIndex: i,
				commit: true,
			}),
		{
			applied: async () =>
				await updateApplied.call(this, objectId, metadata, securityTemplateIds, i),
			done: {
				message: 'Updated (the answer was lost; reading the asset back shows the new values)',
			},
			missing: 'the update was not applied',
		},
	);
	return {
		objectId,
		updated: true,
		message: response.message ?? 'Updated',
		updatedFields: metadata.length,
	};
}
