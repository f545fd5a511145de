import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { nomadActOnce } from '../common';
import { readNames, restoreProfilesProperty } from './fields';

export const option = {
	name: 'Local Restore',
	description: 'Restore an asset to on-premises storage through restore profiles',
	action: 'Restore an asset to local storage',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['localRestore'],
		},
	},
	[assetLocator('The asset to restore to local storage'), restoreProfilesProperty],
);

/** POST /asset/{id}/localRestore with LocalRestoreModel `{ restoreProfileNames }` (sent once). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getGuid.call(this, 'assetId', i, 'Asset');
	const restoreProfileNames = readNames.call(
		this,
		'restoreProfileNames',
		i,
		'Restore Profile Names',
		true,
	);
	const answer = await nomadActOnce.call(
		this,
		i,
		{ url: `/asset/${assetId}/localRestore`, body: { restoreProfileNames } },
		'started the local restore (Get Job History shows it)',
	);
	return jsonItems({ ...toOutput(answer), assetId, restoreProfileNames });
}
