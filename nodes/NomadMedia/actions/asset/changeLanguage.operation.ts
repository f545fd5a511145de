import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { fetchAsset, nomadActOnce } from '../common';

export const option = {
	name: 'Change Language',
	description: 'Set the language of an asset; Nomad Media reprocesses its transcript and subtitles',
	action: 'Change the language of an asset',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['changeLanguage'],
		},
	},
	[
		assetLocator('The asset whose language to change'),
		{
			displayName: 'Language ID',
			name: 'languageId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
			description:
				"ID of the language in Nomad Media (its language lookup, the same ID Upload's Language ID takes)",
		},
	],
);

/**
 * POST /admin/asset/{id}/language with ChangeAssetLanguageModel `{ languageId }` (the seed says
 * `languageCode`; the OpenAPI document's field is sent). Sent once: it starts reprocessing.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = getGuid.call(this, 'assetId', i, 'Asset');
	const languageId = getGuid.call(this, 'languageId', i, 'Language ID');
	await nomadActOnce.call(
		this,
		i,
		{ url: `/admin/asset/${id}/language`, body: { languageId } },
		'changed the language and started reprocessing (Get Job History shows it)',
	);
	return jsonItems({ ...(await fetchAsset.call(this, id, i)), languageId });
}
