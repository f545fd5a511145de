import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { idListProperty } from '../../helpers/descriptions';
import { getGuidList } from '../../helpers/ids';
import { nomadActOnce } from '../common';
import { readNames, restoreProfilesProperty } from './fields';

export const option = {
	name: 'Local Restore Many',
	description: 'Restore several assets to on-premises storage in one request',
	action: 'Restore assets to local storage',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['localRestoreMany'],
		},
	},
	[
		idListProperty({
			displayName: 'Asset IDs',
			name: 'assetIds',
			description:
				'IDs of the assets to restore, separated by commas or new lines, or an array from an expression',
		}),
		restoreProfilesProperty,
	],
);

/**
 * POST /asset/local-restore with LocalRestoreModel `{ sourceAssetIds, restoreProfileNames }` (sent
 * once): one item with the IDs Nomad Media answered.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const sourceAssetIds = getGuidList.call(this, 'assetIds', i, 'Asset IDs');
	const restoreProfileNames = readNames.call(
		this,
		'restoreProfileNames',
		i,
		'Restore Profile Names',
		true,
	);
	const answer = (await nomadActOnce.call(
		this,
		i,
		{ url: '/asset/local-restore', body: { sourceAssetIds, restoreProfileNames } },
		'started the local restores (Get Job History shows them)',
	)) as unknown;
	return jsonItems({
		sourceAssetIds,
		restoreProfileNames,
		ids: Array.isArray(answer) ? answer.map(String) : [],
	});
}
