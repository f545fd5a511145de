import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { jsonItems } from '../../../shared/items';
import { getJsonObjectList } from '../../../shared/parameters';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid } from '../../helpers/ids';
import { TIME_CODE, TIME_CODE_HINT } from '../../helpers/timeCodes';
import { nomadActOnce } from '../common';
import { transcriptIdProperty } from './fields';

export const option = {
	name: 'Update',
	description: 'Replace the words of a transcript',
	action: 'Update a transcript',
};

const EXAMPLE = '[{ "startTimeCode": "00:00:01.200", "content": "Welcome" }]';

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['transcript'],
			operation: ['update'],
		},
	},
	[
		assetLocator('The asset the transcript belongs to'),
		transcriptIdProperty({
			displayName: 'Transcript ID',
			name: 'transcriptId',
			description: 'ID of the transcript (Get Detail lists it under relatedAssets)',
		}),
		{
			displayName: 'Words',
			name: 'words',
			type: 'json',
			default: '[]',
			required: true,
			placeholder: EXAMPLE,
			description:
				'A JSON array, or an array from an expression, of entries with a start (startTimeCode, or startTime as Get Words gives it) and the text (content, text or value). The endTime, confidence and speaker fields of Get Words are accepted and not sent: Nomad Media takes a start and a text per entry.',
		},
	],
);

/** Entry fields (any case) and the UpdateTranscriptModel field each one sets. */
const SENT: Record<string, 'startTimeCode' | 'content'> = {
	starttimecode: 'startTimeCode',
	starttime: 'startTimeCode',
	start: 'startTimeCode',
	content: 'content',
	text: 'content',
	value: 'content',
};

/** Fields of Get Words' answer that Nomad Media's update has no place for. */
const NOT_SENT = new Set([
	'endtime',
	'endtimecode',
	'end',
	'confidence',
	'speakerlabel',
	'speakername',
]);

/** `00:00:01.2000000` (a .NET time span, as Get Words answers) as the time code `00:00:01.200`. */
function fromTimeSpan(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const match = /^(\d{2}:\d{2}:\d{2})\.(\d{4,7})$/.exec(value.trim());
	return match ? `${match[1]}.${match[2].slice(0, 3)}` : value;
}

function readEntries(this: IExecuteFunctions, i: number): IDataObject[] {
	return getJsonObjectList.call(
		this,
		'words',
		i,
		{ label: 'Words', example: EXAMPLE },
		(entry, where) => {
			const fields: IDataObject = {};
			for (const [key, value] of Object.entries(entry)) {
				const name = SENT[key.toLowerCase()];
				if (name) fields[name] = value;
				else if (!NOT_SENT.has(key.toLowerCase()))
					throw new NodeOperationError(this.getNode(), `${where} has an unknown field "${key}"`, {
						itemIndex: i,
						description: `Known fields: startTimeCode (or startTime), content (or text, value); ignored: endTime, confidence, speakerLabel, speakerName`,
					});
			}
			const start = fromTimeSpan(fields.startTimeCode);
			if (start === undefined || start === null || String(start).trim() === '')
				throw new NodeOperationError(this.getNode(), `${where} has no startTimeCode`, {
					itemIndex: i,
				});
			const startTimeCode = String(start).trim();
			if (!TIME_CODE.test(startTimeCode))
				throw new NodeOperationError(
					this.getNode(),
					`${where}: startTimeCode must be a time code (${TIME_CODE_HINT}), got "${startTimeCode}"`,
					{ itemIndex: i },
				);
			if (typeof fields.content !== 'string' || !fields.content.trim())
				throw new NodeOperationError(this.getNode(), `${where} has no content`, { itemIndex: i });
			return { startTimeCode, content: fields.content.trim() };
		},
	);
}

/**
 * POST /asset/{assetId}/transcript/{transcriptId} with a list of UpdateTranscriptModel (the field
 * names of Nomad Media's OpenAPI document: startTimeCode and content; the seed's prose says text,
 * startTime, endTime), every entry checked first. Sent once.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getGuid.call(this, 'assetId', i, 'Asset');
	const transcriptId = getGuid.call(this, 'transcriptId', i, 'Transcript ID');
	const entries = readEntries.call(this, i);
	const answer = await nomadActOnce.call(
		this,
		i,
		{ url: `/asset/${assetId}/transcript/${transcriptId}`, body: entries },
		'updated the transcript (Get Words shows its words)',
	);
	return jsonItems({
		id: typeof answer?.id === 'string' ? answer.id : transcriptId,
		assetId,
		transcriptId,
		wordCount: entries.length,
		updated: true,
	});
}
