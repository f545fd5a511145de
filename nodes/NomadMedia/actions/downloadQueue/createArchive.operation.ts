import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { getGuidList } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { nomadRequest } from '../../transport';

const show = { resource: ['downloadQueue'], operation: ['createArchive'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Asset IDs',
		name: 'assetIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6, 7ba85f64-5717-4562-b3fc-2c963f66afa7',
		description:
			'IDs of the assets to put in the ZIP archive, separated by commas or new lines, or an array from an expression',
		displayOptions: { show },
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'press-kit.zip',
		description: 'Name of the ZIP file; empty lets Nomad Media choose',
		displayOptions: { show },
	},
	{
		displayName: 'Download Proxy',
		name: 'downloadProxy',
		type: 'boolean',
		default: false,
		description:
			'Whether to put the lower-resolution proxies in the archive instead of the originals',
		displayOptions: { show },
	},
];

/** POST /admin/asset/download-archive: Nomad Media builds the ZIP asynchronously; one item per result entry. */
export async function execute(this: IExecuteFunctions, i: number) {
	const assetIds = getGuidList.call(this, 'assetIds', i, 'Asset IDs');
	const filename = (this.getNodeParameter('fileName', i, '') as string).trim();
	const downloadProxy = this.getNodeParameter('downloadProxy', i, false) as boolean;
	const body: IDataObject = { assetIds, downloadProxy };
	if (filename) body.filename = filename;
	const answer = (await nomadRequest.call(
		this,
		{ method: 'POST', url: '/admin/asset/download-archive', body },
		{ itemIndex: i },
	)) as {
		items?: IDataObject[];
		totalItemCount?: number;
	};
	const items = answer.items ?? [];
	if (!items.length)
		return { assetIds, requested: true, totalItemCount: answer.totalItemCount ?? 0 };
	return items.map((item) => ({ ...toOutput(item), assetIds }));
}
