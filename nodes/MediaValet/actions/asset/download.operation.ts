import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { binaryOutputField, optionsCollection } from '../../../shared/descriptions';
import { getId } from '../../../shared/ids';
import { binaryItem, type OperationItems } from '../../../shared/items';
import { downloadSignedUrl } from '../../../shared/signedDownload';
import { ASSET } from '../../helpers/ids';
import { assetOutput, getAsset, isHttpUrl, originalFileOf } from '../../helpers/utils';
import { field } from '../../transport';
import { assetLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	assetLocator,
	binaryOutputField('Name of the binary field the original file is written to'),
	optionsCollection([
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			description:
				"File name for the binary data. Leave empty to use the asset's original file name.",
		},
	]),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<OperationItems> {
	const assetId = getId.call(this, 'assetId', i, ASSET);
	const property = this.getNodeParameter('binaryPropertyName', i) as string;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const asset = await getAsset.call(this, assetId, i);
	const media = field(asset, 'media');
	const url = [field(media, 'original'), field(media, 'download')].find(isHttpUrl);
	if (!url) {
		throw new NodeOperationError(
			this.getNode(),
			`MediaValet gave no download link for the original of asset ${assetId}`,
			{
				itemIndex: i,
				description:
					'The user may lack the "download" permission for this asset, or the asset is still processing.',
			},
		);
	}
	const original = originalFileOf(asset);
	const fileName = (options.fileName as string) || original.fileName;
	const binary = await downloadSignedUrl.call(
		this,
		url,
		'Download original',
		fileName,
		original.mimeType,
	);
	if (options.fileName) binary.fileName = fileName;
	return binaryItem(assetOutput(asset), property, binary);
}

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['download'] } },
	properties,
);

export const option = {
	name: 'Download',
	description: 'Download the original file of an asset',
	action: 'Download an asset',
};
