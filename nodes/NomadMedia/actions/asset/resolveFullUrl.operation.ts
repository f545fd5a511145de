import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { nomadRequest } from '../../transport';

export const option = {
	name: 'Resolve Full URL',
	description:
		'Turn a relative URL of an asset (e.g. the url of a related file in Get Detail) into the signed URL to fetch it from',
	action: 'Resolve the full URL of an asset file',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['resolveFullUrl'],
		},
	},
	[
		assetLocator('The asset the URL belongs to'),
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'nomad-media-bucket::Projects/interview-01.mp4',
			description:
				'The relative URL to resolve, as Nomad Media gives it for an asset or a related file (its relative address, not the signed fullUrl)',
		},
		optionsCollection([
			{
				displayName: 'Include Signed Media URLs',
				name: 'includeMediaUrls',
				type: 'boolean',
				default: false,
				description:
					'Whether to put the signed URL Nomad Media answers in the output (fullUrl). It is time-limited and anyone holding it can download the file until it expires, so it is left out unless asked for.',
			},
		]),
	],
);

/** The URL in Nomad Media's answer: a JSON string, as documented, or an object holding it. */
function answeredUrl(answer: unknown): string | undefined {
	const value =
		answer && typeof answer === 'object'
			? ((answer as IDataObject).fullUrl ?? (answer as IDataObject).url)
			: answer;
	if (typeof value !== 'string') return undefined;
	try {
		const url = new URL(value.trim());
		return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
	} catch {
		return undefined;
	}
}

/**
 * GET /admin/asset/{assetId}/resolve-full-url?url=…: Nomad Media signs the URL. The signed URL is
 * a credential for the file: it is output only with "Include Signed Media URLs", and never put in
 * an error message.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getGuid.call(this, 'assetId', i, 'Asset');
	const url = String(this.getNodeParameter('url', i, '') ?? '').trim();
	if (!url)
		throw new NodeOperationError(this.getNode(), 'The "URL" parameter is empty', {
			itemIndex: i,
			description: 'Give the relative URL to resolve, e.g. the url of a related file in Get Detail',
		});
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const answer = (await nomadRequest.call(
		this,
		{ method: 'GET', url: `/admin/asset/${assetId}/resolve-full-url`, qs: { url } },
		{ itemIndex: i },
	)) as unknown;
	const fullUrl = answeredUrl(answer);
	if (!fullUrl)
		throw new NodeOperationError(
			this.getNode(),
			'Nomad Media answered something that is not a URL when asked to resolve the URL',
			{ itemIndex: i },
		);
	return jsonItems({
		assetId,
		url,
		resolved: true,
		...(options.includeMediaUrls === true ? { fullUrl } : {}),
	});
}
