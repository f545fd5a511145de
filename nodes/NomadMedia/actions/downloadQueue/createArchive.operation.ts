import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { idListProperty } from '../../helpers/descriptions';
import { getGuidList } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { nomadActOnce } from '../common';

export const option = {
	name: 'Create ZIP Archive',
	description: 'Build a ZIP archive of several assets for download',
	action: 'Create a ZIP archive',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['downloadQueue'],
			operation: ['createArchive'],
		},
	},
	[
		idListProperty({
			displayName: 'Asset IDs',
			name: 'assetIds',
			description:
				'IDs of the assets to put in the ZIP archive, separated by commas or new lines, or an array from an expression',
		}),
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'press-kit.zip',
			description: 'Name of the ZIP file; empty lets Nomad Media choose',
		},
		{
			displayName: 'Download Proxy',
			name: 'downloadProxy',
			type: 'boolean',
			default: false,
			description:
				'Whether to put the lower-resolution proxies in the archive instead of the originals',
		},
	],
);

/** POST /admin/asset/download-archive (sent once): Nomad Media builds the ZIP asynchronously; one item per result entry. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetIds = getGuidList.call(this, 'assetIds', i, 'Asset IDs');
	const filename = (this.getNodeParameter('fileName', i, '') as string).trim();
	const downloadProxy = this.getNodeParameter('downloadProxy', i, false) as boolean;
	const body: IDataObject = { assetIds, downloadProxy };
	if (filename) body.filename = filename;
	const answer = (await nomadActOnce.call(
		this,
		i,
		{ url: '/admin/asset/download-archive', body },
		'started building the ZIP archive',
	)) as { items?: IDataObject[]; totalItemCount?: number };
	const items = answer.items ?? [];
	if (!items.length)
		return jsonItems({ assetIds, requested: true, totalItemCount: answer.totalItemCount ?? 0 });
	return jsonItems(items.map((item) => ({ ...toOutput(item), assetIds })));
}
