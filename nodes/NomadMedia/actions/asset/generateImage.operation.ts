import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { answeredGuid, getGuid } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { fetchAsset, nomadActOnce } from '../common';

export const option = {
	name: 'Generate Image',
	description: "Create a new image asset with Nomad Media's AI image generation",
	action: 'Generate an image',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['generateImage'],
		},
	},
	[
		assetLocator('The asset to generate the image from (the new image is put beside it)'),
		{
			displayName: 'Prompt',
			name: 'prompt',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			required: true,
			placeholder: 'A city skyline at dusk, in the style of the source image',
			description: 'Description of the image to generate',
		},
		optionsCollection([
			{
				displayName: 'Mask Prompt',
				name: 'maskPrompt',
				type: 'string',
				default: '',
				description: 'Which part of the source image to change',
			},
			{
				displayName: 'Negative Prompt',
				name: 'negativePrompt',
				type: 'string',
				default: '',
				description: 'What the image must not show',
			},
			{
				displayName: 'Variation',
				name: 'variation',
				type: 'boolean',
				default: false,
				description: 'Whether to make a variation of the source image rather than a new image',
			},
		]),
	],
);

/**
 * POST /asset/{assetId}/generate-image (GenerateImageModel, sent once), then the new image asset.
 * Nomad Media's `imageUrl` is a signed URL: it is output without its signature.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getGuid.call(this, 'assetId', i, 'Asset');
	const prompt = String(this.getNodeParameter('prompt', i, '') ?? '').trim();
	if (!prompt)
		throw new NodeOperationError(this.getNode(), 'The "Prompt" parameter is empty', {
			itemIndex: i,
		});
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const body: IDataObject = { assetId, prompt };
	for (const key of ['negativePrompt', 'maskPrompt'])
		if (typeof options[key] === 'string' && (options[key] as string).trim())
			body[key] = (options[key] as string).trim();
	if (typeof options.variation === 'boolean') body.variation = options.variation;
	const answer = await nomadActOnce.call(
		this,
		i,
		{ url: `/asset/${assetId}/generate-image`, body },
		'generated the image (a new asset beside the source)',
	);
	const imageId = answeredGuid.call(this, answer?.assetId, 'the ID of the generated image', i);
	return jsonItems({
		...(await fetchAsset.call(this, imageId, i)),
		imageUrl: toOutput(answer.imageUrl ?? null),
		sourceAssetId: assetId,
	});
}
