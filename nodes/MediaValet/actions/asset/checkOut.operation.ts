import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { DamFlow } from '../../../shared/flow';
import { downloadSignedUrl } from '../../../shared/signedDownload';
import {
	assetOutput,
	findDownloadUrl,
	getAsset,
	getAssetId,
	originalFileOf,
	sendOnce,
} from '../../helpers/utils';
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
		description:
			'Whether to also download the checked-out file (the current original) as binary data',
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

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['checkOut'] } },
	properties,
);

const STEPS = ['Check out the asset', 'Read the asset', 'Download the checked-out file'] as const;

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData> {
	const assetId = getAssetId.call(this, i);
	const comment = (this.getNodeParameter('comment', i, '') as string).trim();
	const download = this.getNodeParameter('download', i, false) as boolean;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;

	const steps = download ? STEPS : STEPS.slice(0, 2);
	const flow = new DamFlow(this, { service: 'MediaValet', name: 'Check-out', steps, itemIndex: i });
	let lock: 'unchanged' | 'maybe' | 'held' = 'unchanged';
	flow.leaves(
		() =>
			({
				unchanged: 'Nothing was changed.',
				maybe: `MediaValet's answer was lost: asset ${assetId} may be checked out now (it was not sent again). Read it before trying again.`,
				held: `Asset ${assetId} is checked out now; check it in, or undo the check-out in MediaValet.`,
			})[lock],
	);

	// Sent once: a repeat would find the asset locked (by this very request).
	const answer = await flow.step(
		STEPS[0],
		async () =>
			await sendOnce(
				async () =>
					await mvRequest.call(
						this,
						{
							method: 'POST',
							url: `/assets/${assetId}/checkOut`,
							body: comment ? [comment] : undefined,
							headers: comment ? { 'Content-Type': 'application/json' } : undefined,
						},
						{ itemIndex: i, commit: true },
					),
				() => (lock = 'maybe'),
			),
	);
	lock = 'held';

	const asset = await flow.step(STEPS[1], async () => await getAsset.call(this, assetId, i));
	let binary: IBinaryData | undefined;
	if (download) {
		binary = await flow.step(STEPS[2], async () => {
			const url = findDownloadUrl(payloadOf(answer));
			if (!url)
				throw new NodeOperationError(
					this.getNode(),
					'MediaValet returned no download link with the check-out',
					{ itemIndex: i },
				);
			const original = originalFileOf(asset);
			return await downloadSignedUrl.call(
				this,
				url,
				'Download checked-out file',
				original.fileName,
				original.mimeType,
			);
		});
	}
	const json = assetOutput(asset, options.includeMediaUrls === true);
	return binary
		? { json, binary: { [this.getNodeParameter('binaryPropertyName', i) as string]: binary } }
		: { json };
}
