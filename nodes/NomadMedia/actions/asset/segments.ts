import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { getGuid } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { nomadRequest } from '../../transport';

/** A segment of a video where the AI saw something: Get Metadata Summary lists them per label. */
export const segmentIdProperty: INodeProperties = {
	displayName: 'Segment ID',
	name: 'segmentId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
	description:
		'ID of the segment (Get Metadata Summary lists them under the segments of each label)',
};

/**
 * The detail of a segment (GET /admin/asset/{id}/{segmentId}/detail) or of a screenshot in it
 * (…/{segmentId}/{screenshotId}/detail): Nomad Media answers an asset detail narrowed to it.
 * Signed URLs lose their signature and statuses and types get their names, as in Get Detail.
 */
export async function segmentDetail(
	this: IExecuteFunctions,
	i: number,
	withScreenshot: boolean,
): Promise<INodeExecutionData[]> {
	const assetId = getGuid.call(this, 'assetId', i, 'Asset');
	const segmentId = getGuid.call(this, 'segmentId', i, 'Segment ID');
	const screenshotId = withScreenshot
		? getGuid.call(this, 'screenshotId', i, 'Screenshot ID')
		: undefined;
	const path = [assetId, segmentId, ...(screenshotId ? [screenshotId] : [])].join('/');
	const detail = await nomadRequest.call(
		this,
		{ method: 'GET', url: `/admin/asset/${path}/detail` },
		{ itemIndex: i },
	);
	return jsonItems({
		...toOutput(detail),
		assetId,
		segmentId,
		...(screenshotId ? { screenshotId } : {}),
	});
}
