import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { binaryFromResponse, safeFileName } from '../../shared/binary';
import { checkDamId } from '../../shared/ids';
import { ASSET_ID } from '../helpers/ids';
import { rejectJsonError } from './streams';
import { type Hit, wwRequest } from './index';

/** A streamed answer: the body and its headers. */
export interface StreamedAnswer {
	body: unknown;
	headers: Record<string, unknown>;
}

/**
 * The asset's file name as the server holds it. It goes into the /file path and is the fallback
 * name of a download: the base name only, never "." or ".." (then the asset ID).
 */
export function fileNameOf(hit: Hit): string {
	return safeFileName(String(hit.metadata?.filename ?? hit.metadata?.name ?? '')) ?? hit.id;
}

export function mimeTypeOfHit(hit: Hit): string | undefined {
	return typeof hit.metadata?.mimeType === 'string' ? hit.metadata.mimeType : undefined;
}

/** A streamed file answer as binary data (a JSON error sent with HTTP 200 is an error). */
export async function binaryFromAnswer(
	this: IExecuteFunctions,
	answer: StreamedAnswer,
	fileName: string,
	mimeType: string | undefined,
	itemIndex: number,
): Promise<IBinaryData> {
	const checked = await rejectJsonError.call(this, answer, itemIndex);
	return await binaryFromResponse.call(
		this,
		{ body: checked.body, headers: checked.headers },
		fileName,
		mimeType,
	);
}

/** Streams the current original of an asset into binary data. */
export async function downloadOriginal(
	this: IExecuteFunctions,
	hit: Hit,
	itemIndex: number,
): Promise<IBinaryData> {
	// The ID is the server's (a hit): checked before it goes into the path, as a hostile answer must not redirect the request.
	const id = checkDamId.call(this, hit.id, 'an asset ID', ASSET_ID, itemIndex);
	const fileName = fileNameOf(hit);
	const answer = (await wwRequest.call(
		this,
		{
			method: 'GET',
			url: `/file/${encodeURIComponent(id)}/*/${encodeURIComponent(fileName)}`,
			qs: { forceDownload: 'true' },
			encoding: 'stream',
			returnFullResponse: true,
			json: false,
		},
		{ itemIndex, effect: 'read' },
	)) as StreamedAnswer;
	return await binaryFromAnswer.call(this, answer, fileName, mimeTypeOfHit(hit), itemIndex);
}
