import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getLimit, returnAllOrLimit } from '../../../shared/pagination';
import { locator } from '../common';
import { getGuid } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { nomadRequest } from '../../transport';

const show = { resource: ['asset'], operation: ['getJobHistory'] };

export const description: INodeProperties[] = [
	locator('asset', {
		displayName: 'Asset',
		name: 'assetId',
		description: 'The asset whose processing jobs to get',
		show,
	}),
	...returnAllOrLimit('asset', ['getJobHistory']),
];

/** GET /admin/asset/{id}/job-history: one item per job, oldest first, with a `state` summary. */
export async function execute(this: IExecuteFunctions, i: number) {
	const id = getGuid.call(this, 'assetId', i, 'Asset');
	const jobs = (await nomadRequest.call(
		this,
		{ method: 'GET', url: `/admin/asset/${id}/job-history` },
		{ itemIndex: i },
	)) as unknown;
	const list = Array.isArray(jobs) ? (jobs as IDataObject[]) : [];
	const limit = getLimit.call(this, i);
	return (limit === undefined ? list : list.slice(0, limit)).map((job) => ({
		...toOutput(job),
		state: job.isErrored || job.errorDate ? 'Error' : job.completeDate ? 'Complete' : 'Running',
	}));
}
