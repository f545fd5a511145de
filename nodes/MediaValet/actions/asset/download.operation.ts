import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { downloadSignedUrl } from '../../../shared/signedDownload';
import { assetOutput, getAsset, getAssetId, originalFileOf } from '../../helpers/utils';
import { field } from '../../transport';
import { assetLocator, outputBinaryPropertyName } from '../common.descriptions';

const properties: INodeProperties[] = [
	assetLocator,
	outputBinaryPropertyName('Name of the binary field the original file is written to'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description:
					"File name for the binary data. Leave empty to use the asset's original file name.",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['download'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData> {
	const assetId = getAssetId.call(this, i);
	const property = this.getNodeParameter('binaryPropertyName', i) as string;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const asset = await getAsset.call(this, assetId, i);
	const media = field(asset, 'media');
	const url = [field(media, 'original'), field(media, 'download')].find(
		(value): value is string => typeof value === 'string' && /^https?:\/\//i.test(value),
	);
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
	return { json: assetOutput(asset), binary: { [property]: binary } };
}
