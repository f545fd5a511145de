import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { toOutput } from '../../helpers/output';
import { nomadRequest } from '../../transport';

export const option = {
	name: 'Get Words',
	description: 'Get the transcribed words of an asset with their timings and confidence',
	action: 'Get the transcript words of an asset',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['transcript'],
			operation: ['getWords'],
		},
	},
	[assetLocator('The video or audio file whose transcript to get')],
);

/**
 * GET /admin/asset/{id}/transcription-words (TranscriptionV2Model): one item with the language,
 * the words as Nomad Media answers them (startTime and endTime as time spans, value, speaker,
 * confidence), their number and the whole text. A file without a transcript has no words.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getGuid.call(this, 'assetId', i, 'Asset');
	const answer = toOutput(
		(await nomadRequest.call(
			this,
			{ method: 'GET', url: `/admin/asset/${assetId}/transcription-words` },
			{ itemIndex: i },
		)) as IDataObject | undefined,
	);
	const words = Array.isArray(answer?.words) ? (answer.words as IDataObject[]) : [];
	const text = words
		.map((word) => (typeof word.value === 'string' ? word.value.trim() : ''))
		.filter(Boolean)
		.join(' ');
	return jsonItems({
		assetId,
		language: (answer?.language as IDataObject | undefined) ?? null,
		wordCount: words.length,
		text,
		words,
	});
}
