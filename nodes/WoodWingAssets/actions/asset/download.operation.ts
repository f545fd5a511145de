import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { binaryFromResponse, safeFileName } from '../../../shared/binary';
import { assetLocator, outputBinaryField } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/utils';
import { getAsset, wwRequest } from '../../transport';
import { rejectJsonError } from '../../transport/streams';

export const description: INodeProperties[] = [
	assetLocator(['download']),
	outputBinaryField({ operation: ['download'] }),
];

/** Streams the current original of an asset into a binary property. */
export async function downloadOriginal(
	this: IExecuteFunctions,
	id: string,
	fileName: string,
	mimeType: string | undefined,
	i: number,
) {
	const response = await wwRequest.call<
		IExecuteFunctions,
		Parameters<typeof wwRequest>,
		Promise<{ body: unknown; headers: Record<string, unknown> }>
	>(
		this,
		{
			method: 'GET',
			url: `/file/${encodeURIComponent(id)}/*/${encodeURIComponent(fileName)}`,
			qs: { forceDownload: 'true' },
			encoding: 'stream',
			returnFullResponse: true,
			json: false,
		},
		{ itemIndex: i, effect: 'read' },
	);
	const checked = await rejectJsonError.call(this, response, i);
	return await binaryFromResponse.call(
		this,
		{ body: checked.body, headers: checked.headers },
		fileName,
		mimeType,
	);
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData> {
	const id = getAssetId.call(this, i);
	const property = this.getNodeParameter('binaryPropertyName', i) as string;
	const hit = await getAsset.call(this, id, 'all', i);
	// The name goes into the request path and is the fallback file name: the base name only, never "." or "..".
	const fileName = safeFileName(String(hit.metadata?.filename ?? hit.metadata?.name ?? '')) ?? id;
	const mimeType = typeof hit.metadata?.mimeType === 'string' ? hit.metadata.mimeType : undefined;
	const binary = await downloadOriginal.call(this, id, fileName, mimeType, i);
	return { json: hit, binary: { [property]: binary } };
}
