import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readBinaryInput } from '../../../shared/binary';
import {
	assetLocator,
	inputBinaryField,
	metadataFields,
	metadataJsonOption,
	metadataToReturnOption,
} from '../../helpers/descriptions';
import { getAssetId, getMetadata, getMetadataToReturn } from '../../helpers/utils';
import { getAsset, plainValue } from '../../transport';
import { uploadMultipart } from '../../transport/multipart';

const show = { resource: ['asset'], operation: ['checkIn'] };

export const description: INodeProperties[] = [
	assetLocator(['checkIn'], 'The checked-out asset to upload a new version of'),
	inputBinaryField(['checkIn']),
	metadataFields(['checkIn'], 'Metadata to change together with the new version'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Keep Checked Out',
				name: 'keepCheckedOut',
				type: 'boolean',
				default: false,
				description: 'Whether the asset stays checked out after the new version is stored',
			},
			metadataJsonOption,
			metadataToReturnOption,
			{
				displayName: 'Require Check-Out',
				name: 'requireCheckOut',
				type: 'boolean',
				default: true,
				description:
					'Whether to refuse when the asset is not checked out. WoodWing itself also accepts a new version of an asset nobody checked out.',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = getAssetId.call(this, i);
	const property = this.getNodeParameter('binaryPropertyName', i) as string;
	const keepCheckedOut = this.getNodeParameter('options.keepCheckedOut', i, false) as boolean;
	const requireCheckOut = this.getNodeParameter('options.requireCheckOut', i, true) as boolean;
	const metadata = getMetadata.call(this, i);
	const metadataToReturn = getMetadataToReturn.call(this, i) || 'all';
	this.helpers.assertBinaryData(i, property);

	// Look the asset up first: it must exist and (by default) be checked out. This also renews an
	// expired session before the upload, whose body cannot be sent twice.
	const current = await getAsset.call(this, id, 'assetPath,versionNumber,checkedOut,checkedOutBy,checkedOutOnClient', i);
	const checkedOut = plainValue(current.metadata?.checkedOut);
	if (requireCheckOut && !checkedOut && !current.metadata?.checkedOutBy) {
		throw new NodeOperationError(this.getNode(), `Asset ${current.metadata?.assetPath ?? id} is not checked out`, {
			itemIndex: i,
			description:
				'Check it out first (operation "Check Out"), or turn off the option "Require Check-Out" to store a new version anyway',
		});
	}

	const input = await readBinaryInput.call(this, i, property);
	const fields: Array<[string, string]> = [
		['id', id],
		['clearCheckoutState', String(!keepCheckedOut)],
		['metadataToReturn', metadataToReturn],
	];
	if (Object.keys(metadata).length) fields.push(['metadata', JSON.stringify(metadata)]);
	const { response, upload } = await uploadMultipart.call(this, '/services/update', fields, input, i);
	const hit = response && typeof response === 'object' && response.id ? response : await getAsset.call(this, id, metadataToReturn, i);
	return { ...hit, upload: { ...upload } };
}
