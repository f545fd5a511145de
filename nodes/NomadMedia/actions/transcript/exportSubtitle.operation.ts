import type {
	IDataObject,
	IExecuteFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { binaryFromResponse, safeFileName } from '../../../shared/binary';
import { binaryOutputField, optionsCollection } from '../../../shared/descriptions';
import { discardBody } from '../../../shared/errors';
import { binaryItem } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid, getOptionalGuid } from '../../helpers/ids';
import { nomadRequest } from '../../transport';
import { transcriptIdProperty } from './fields';

export const option = {
	name: 'Export Subtitle',
	description: 'Render a transcript as a subtitle or text file (SRT, VTT, Word or plain text)',
	action: 'Export a subtitle file',
};

/**
 * The export formats: the number Nomad Media's OpenAPI document gives each one
 * (TranscriptionContainerOutputTypes, sent as an integer), the file extension and MIME type.
 */
export const EXPORT_FORMATS: Record<
	string,
	{ value: number; extension: string; mimeType: string }
> = {
	DocX: {
		value: 0,
		extension: 'docx',
		mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	},
	Text: { value: 1, extension: 'txt', mimeType: 'text/plain' },
	SRT: { value: 2, extension: 'srt', mimeType: 'application/x-subrip' },
	VTT: { value: 3, extension: 'vtt', mimeType: 'text/vtt' },
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['transcript'],
			operation: ['exportSubtitle'],
		},
	},
	[
		assetLocator('The asset the transcript belongs to'),
		transcriptIdProperty({
			displayName: 'Related Asset ID',
			name: 'relatedAssetId',
			description:
				'ID of the transcript or subtitle to export (Get Detail lists it under relatedAssets)',
		}),
		{
			displayName: 'Export Format',
			name: 'exportFormat',
			type: 'options',
			options: [
				{ name: 'DocX (Word)', value: 'DocX', description: 'A Word document with the text' },
				{ name: 'SRT', value: 'SRT', description: 'SubRip subtitles (.srt)' },
				{ name: 'Text', value: 'Text', description: 'Plain text (.txt)' },
				{ name: 'VTT', value: 'VTT', description: 'WebVTT subtitles (.vtt)' },
			],
			default: 'SRT',
			description: 'The kind of file to make',
		},
		binaryOutputField(),
		optionsCollection([
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'interview-01.srt',
				description:
					"Name of the output file. Empty: the name Nomad Media gives it, else the related asset's ID; the format's extension is added when the name has none.",
			},
			{
				displayName: 'Language ID',
				name: 'languageId',
				type: 'string',
				default: '',
				placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
				description: 'ID of the language to export, for a transcript in several languages',
			},
			{
				displayName: 'Show Speakers',
				name: 'showSpeakers',
				type: 'boolean',
				default: false,
				description: 'Whether to name the speaker of each line',
			},
			{
				displayName: 'Show Timestamps',
				name: 'showTimestamps',
				type: 'boolean',
				default: false,
				description: 'Whether to put time stamps in the text',
			},
			{
				displayName: 'Use Actual Time',
				name: 'useActualTime',
				type: 'boolean',
				default: false,
				description:
					'Whether the times are the time of day the media was recorded instead of offsets from its start',
			},
		]),
	],
);

/** The format's extension on a name without one. */
function withExtension(name: string, extension: string): string {
	return /\.[A-Za-z0-9]{1,8}$/.test(name) ? name : `${name}.${extension}`;
}

/**
 * POST /asset/{id}/subtitle/{relatedAssetId}/export (RenderSubtitlesModel, the format as its
 * number): the file Nomad Media renders is streamed into n8n's binary store, named as Nomad
 * Media's Content-Disposition says (else after the related asset) with the format's extension and
 * MIME type. Rendering changes nothing, so the request is safe to repeat.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getGuid.call(this, 'assetId', i, 'Asset');
	const relatedAssetId = getGuid.call(this, 'relatedAssetId', i, 'Related Asset ID');
	const formatName = this.getNodeParameter('exportFormat', i, 'SRT') as string;
	const format = Object.prototype.hasOwnProperty.call(EXPORT_FORMATS, formatName)
		? EXPORT_FORMATS[formatName]
		: undefined;
	if (!format)
		throw new NodeOperationError(
			this.getNode(),
			`"Export Format" must be one of ${Object.keys(EXPORT_FORMATS).join(', ')}, got "${String(formatName)}"`,
			{ itemIndex: i },
		);
	const property = String(this.getNodeParameter('binaryPropertyName', i, 'data') ?? '').trim();
	if (!property)
		throw new NodeOperationError(
			this.getNode(),
			'The "Put Output File in Field" parameter is empty',
			{
				itemIndex: i,
			},
		);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const body: IDataObject = { exportFormat: format.value };
	for (const flag of ['showTimestamps', 'showSpeakers', 'useActualTime'])
		if (typeof options[flag] === 'boolean') body[flag] = options[flag];
	const languageId = getOptionalGuid.call(this, 'options.languageId', i, 'Language ID');
	if (languageId) body.languageId = languageId;

	const response = (await nomadRequest.call(
		this,
		{
			method: 'POST',
			url: `/asset/${assetId}/subtitle/${relatedAssetId}/export`,
			headers: { Accept: '*/*', 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
			json: false,
			encoding: 'stream',
			returnFullResponse: true,
		},
		{ itemIndex: i, idempotent: true },
	)) as unknown as IN8nHttpFullResponse;
	if (response.statusCode === 204) {
		discardBody(response.body);
		throw new NodeOperationError(
			this.getNode(),
			'Nomad Media has nothing to export: the transcript has no words (HTTP 204)',
			{ itemIndex: i },
		);
	}
	const given = typeof options.fileName === 'string' ? safeFileName(options.fileName) : undefined;
	const binary = await binaryFromResponse.call(
		this,
		{ body: response.body, headers: (response.headers ?? {}) as Record<string, unknown> },
		`${relatedAssetId}.${format.extension}`,
		format.mimeType,
	);
	binary.fileName = withExtension(given ?? binary.fileName ?? relatedAssetId, format.extension);
	binary.fileExtension = binary.fileName.split('.').pop();
	return binaryItem(
		{
			assetId,
			relatedAssetId,
			exportFormat: formatName,
			fileName: binary.fileName,
			mimeType: binary.mimeType,
			fileSize: binary.fileSize ?? null,
		},
		property,
		binary,
	);
}
