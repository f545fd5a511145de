import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid, getOptionalGuid } from '../../helpers/ids';
import { readTimeCode, timeCodeProperty } from '../../helpers/timeCodes';
import { fetchCreated, nomadActOnce } from '../common';
import { readNames } from './fields';

export const option = {
	name: 'Clip',
	description: 'Make a new video asset from a time code range of a video',
	action: 'Clip a video',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['clip'],
		},
	},
	[
		assetLocator('The video to clip'),
		timeCodeProperty({
			displayName: 'Start Time Code',
			name: 'startTimeCode',
			description: 'Where the clip starts in the video',
			required: true,
		}),
		timeCodeProperty({
			displayName: 'End Time Code',
			name: 'endTimeCode',
			description: 'Where the clip ends in the video',
			required: true,
		}),
		optionsCollection([
			{
				displayName: 'Output Folder ID',
				name: 'outputFolderId',
				type: 'string',
				default: '',
				placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
				description: "Folder to put the clip in; empty uses the video's folder",
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'highlight, social',
				description: 'Tags of the clip, separated by commas',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				placeholder: 'Interview highlight',
				description: 'Title of the clip; empty lets Nomad Media name it',
			},
		]),
	],
);

/**
 * POST /admin/asset/{id}/clip (ClipModel, sent once): Nomad Media extracts the clip into a new
 * asset, which is returned (Clipping until the job is done) with the ID of the video it came from.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = getGuid.call(this, 'assetId', i, 'Asset');
	const startTimeCode = readTimeCode.call(
		this,
		this.getNodeParameter('startTimeCode', i, ''),
		'Start Time Code',
		i,
	);
	const endTimeCode = readTimeCode.call(
		this,
		this.getNodeParameter('endTimeCode', i, ''),
		'End Time Code',
		i,
	);
	for (const [label, value] of [
		['Start Time Code', startTimeCode],
		['End Time Code', endTimeCode],
	])
		if (value === undefined)
			throw new NodeOperationError(this.getNode(), `The "${label}" parameter is empty`, {
				itemIndex: i,
			});
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const body: IDataObject = { startTimeCode, endTimeCode };
	if (typeof options.title === 'string' && options.title.trim()) body.title = options.title.trim();
	const outputFolderId = getOptionalGuid.call(
		this,
		'options.outputFolderId',
		i,
		'Output Folder ID',
	);
	if (outputFolderId) body.outputFolderId = outputFolderId;
	// ClipModel's tags are lookups, sent by name as the ad breaks' are.
	const tags = readNames.call(this, 'options.tags', i, 'Tags');
	if (tags.length) body.tags = tags.map((name) => ({ description: name }));
	const created = await nomadActOnce.call(
		this,
		i,
		{ url: `/admin/asset/${id}/clip`, body },
		`started the clip ${startTimeCode}-${endTimeCode} (a new asset in the output folder)`,
	);
	return jsonItems({ ...(await fetchCreated.call(this, created, i, 'clip')), sourceAssetId: id });
}
