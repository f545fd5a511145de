import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { returnAllAndLimit } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { getLimit, limitList, listIn } from '../../../shared/pagination';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { nomadRequest } from '../../transport';

export const option = {
	name: 'Get Job History',
	description: 'Get the processing jobs of an asset',
	action: 'Get the job history of an asset',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['getJobHistory'],
		},
	},
	[assetLocator('The asset whose processing jobs to get'), ...returnAllAndLimit()],
);

/** GET /admin/asset/{id}/job-history: one item per job, oldest first, with a `state` summary. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = getGuid.call(this, 'assetId', i, 'Asset');
	const jobs = (await nomadRequest.call(
		this,
		{ method: 'GET', url: `/admin/asset/${id}/job-history` },
		{ itemIndex: i },
	)) as unknown;
	return jsonItems(
		limitList(listIn(jobs, 'items'), getLimit.call(this, i)).map((job) => ({
			...toOutput(job),
			state: job.isErrored || job.errorDate ? 'Error' : job.completeDate ? 'Complete' : 'Running',
		})),
	);
}
