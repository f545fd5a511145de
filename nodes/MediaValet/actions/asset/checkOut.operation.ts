import type { IBinaryData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { binaryOutputField, optionsCollection } from '../../../shared/descriptions';
import { actOnce, DamFlow } from '../../../shared/flow';
import { getId } from '../../../shared/ids';
import { binaryItem, jsonItems, type OperationItems } from '../../../shared/items';
import { downloadSignedUrl } from '../../../shared/signedDownload';
import { ASSET } from '../../helpers/ids';
import { assetOutput, findDownloadUrl, getAsset, originalFileOf } from '../../helpers/utils';
import { mediaValetApi, mvRequest, payloadOf } from '../../transport';
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
	...updateDisplayOptions({ show: { download: [true] } }, [binaryOutputField()]),
	optionsCollection([includeMediaUrlsOption]),
];

const STEPS = ['Check out the asset', 'Read the asset', 'Download the checked-out file'] as const;

export async function execute(this: IExecuteFunctions, i: number): Promise<OperationItems> {
	const assetId = getId.call(this, 'assetId', i, ASSET);
	const comment = (this.getNodeParameter('comment', i, '') as string).trim();
	const download = this.getNodeParameter('download', i, false) as boolean;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;

	const steps = download ? STEPS : STEPS.slice(0, 2);
	const { service } = mediaValetApi;
	const flow = new DamFlow(this, { service, name: 'Check-out', steps, itemIndex: i });

	// Sent once: a repeat would find the asset locked (by this very request). Until it is answered
	// the flow says nothing of the lock: a refusal changed nothing, a lost answer says what may be.
	const { value: answer } = await flow.step(
		STEPS[0],
		async () =>
			await actOnce(this, {
				service,
				itemIndex: i,
				work: async () =>
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
				mayHave: `checked out asset ${assetId}`,
			}),
	);
	flow.leaves(
		`Asset ${assetId} is checked out now; check it in, or undo the check-out in MediaValet.`,
	);

	const asset = await flow.step(STEPS[1], async () => await getAsset.call(this, assetId, i));
	const json = assetOutput(asset, options.includeMediaUrls === true);
	if (!download) return jsonItems(json);
	const binary: IBinaryData = await flow.step(STEPS[2], async () => {
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
	return binaryItem(json, this.getNodeParameter('binaryPropertyName', i) as string, binary);
}

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['checkOut'] } },
	properties,
);

export const option = {
	name: 'Check Out',
	description: 'Lock an asset for editing, optionally downloading its file',
	action: 'Check out an asset',
};
