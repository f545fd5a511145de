import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { downloadSignedUrl } from '../../../shared/signedDownload';
import { assetOutput, findDownloadUrl, getAsset, getAssetId, originalFileOf, stepFailure } from '../../helpers/utils';
import { mvRequest, payloadOf } from '../../transport';
import { assetLocator, includeMediaUrlsOption } from '../common.descriptions';

const properties: INodeProperties[] = [
	assetLocator,
	{
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		default: '',
		placeholder: 'e.g. Colour correction',
		description: 'Check-out comment shown in MediaValet while the asset is checked out',
	},
	{
		displayName: 'Download File',
		name: 'download',
		type: 'boolean',
		default: false,
		description: 'Whether to also download the checked-out file (the current original) as binary data',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show: { download: [true] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [includeMediaUrlsOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['asset'], operation: ['checkOut'] } }, properties);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData> {
	const assetId = getAssetId.call(this, i);
	const comment = (this.getNodeParameter('comment', i, '') as string).trim();
	const download = this.getNodeParameter('download', i, false) as boolean;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;

	const answer = await mvRequest.call(
		this,
		{
			method: 'POST',
			url: `/assets/${assetId}/checkOut`,
			body: comment ? [comment] : undefined,
			headers: comment ? { 'Content-Type': 'application/json' } : undefined,
		},
		{ itemIndex: i },
	);

	const steps = download ? 3 : 2;
	const checkedOut = `Asset ${assetId} is checked out now; check it in, or undo the check-out in MediaValet.`;
	let binary: IBinaryData | undefined;
	let asset: IDataObject;
	try {
		asset = await getAsset.call(this, assetId, i);
	} catch (error) {
		throw stepFailure.call(this, error, { flow: 'Check-out', step: 'Read the asset', number: 2, of: steps, state: checkedOut, itemIndex: i });
	}
	if (download) {
		try {
			const url = findDownloadUrl(payloadOf(answer));
			if (!url) throw new NodeOperationError(this.getNode(), 'MediaValet returned no download link with the check-out', { itemIndex: i });
			const original = originalFileOf(asset);
			binary = await downloadSignedUrl.call(this, url, 'Download checked-out file', original.fileName, original.mimeType);
		} catch (error) {
			throw stepFailure.call(this, error, {
				flow: 'Check-out',
				step: 'Download the checked-out file',
				number: 3,
				of: steps,
				state: checkedOut,
				itemIndex: i,
			});
		}
	}
	const json = assetOutput(asset, options.includeMediaUrls === true);
	return binary ? { json, binary: { [this.getNodeParameter('binaryPropertyName', i) as string]: binary } } : { json };
}
