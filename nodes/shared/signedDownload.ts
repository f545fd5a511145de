import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { binaryFromResponse } from './binary';
import { storageRequest } from './upload/storageRequest';

/**
 * Streams a file from a signed storage URL (SAS, presigned S3, CDN) into n8n's binary store. Only
 * the URL's signature authorises the request: no DAM credential is sent, retries are the storage
 * engines' own, and the URL never appears in an error.
 */
export async function downloadSignedUrl(
	this: IExecuteFunctions,
	url: string,
	step: string,
	fileName: string,
	mimeType?: string,
): Promise<IBinaryData> {
	const response = await storageRequest.call(
		this,
		step,
		{ method: 'GET', url, encoding: 'stream' },
		undefined,
		this.getExecutionCancelSignal(),
	);
	return await binaryFromResponse.call(
		this,
		{ body: response.body, headers: (response.headers ?? {}) as Record<string, unknown> },
		fileName,
		mimeType,
	);
}
