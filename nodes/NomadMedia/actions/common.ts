import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { safeFileName } from '../../shared/binary';
import { getInteger } from '../../shared/parameters';
import { answeredGuid, GUID_PATTERN } from '../helpers/ids';
import { toOutput } from '../helpers/output';
import { MAX_PART_BYTES, MiB } from '../helpers/upload';
import { nomadRequest } from '../transport';

export type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

/**
 * A mode's validation pattern. n8n tests it against the whole value (`^...$`) before the workflow
 * runs; an optional locator left empty must pass, or n8n refuses to run the workflow at all.
 */
function modePattern(pattern: string, required: boolean): string {
	return required ? pattern : `(?:${pattern})?`;
}

/** A resource locator for a Nomad Media asset or folder: pick from a search, paste the ID or a URL holding it. */
export function locator(
	kind: 'asset' | 'folder',
	props: { displayName: string; name: string; description: string; show: Show; required?: boolean },
): INodeProperties {
	const required = props.required ?? true;
	return {
		displayName: props.displayName,
		name: props.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		description: props.description,
		displayOptions: { show: props.show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: kind === 'folder' ? 'Select a folder...' : 'Select an asset...',
				typeOptions: {
					searchListMethod: kind === 'folder' ? 'searchFolders' : 'searchAssets',
					searchable: true,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: modePattern(`\\s*${GUID_PATTERN}\\s*`, required),
							errorMessage: 'Not a Nomad Media ID (GUID)',
						},
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder:
					'https://admin-app.example.nomad-cms.com/assets/3fa85f64-5717-4562-b3fc-2c963f66afa6',
				extractValue: { type: 'regex', regex: `(${GUID_PATTERN})` },
				validation: [
					{
						type: 'regex',
						properties: {
							regex: modePattern(`https?://.*${GUID_PATTERN}.*`, required),
							errorMessage: 'Not a URL that contains a Nomad Media ID',
						},
					},
				],
			},
		],
	};
}

/** GET /admin/asset/{id}, ready for output (type and status names and numbers). */
export async function fetchAsset(
	this: IExecuteFunctions,
	id: string,
	i: number,
): Promise<IDataObject> {
	return toOutput(
		await nomadRequest.call(this, { method: 'GET', url: `/admin/asset/${id}` }, { itemIndex: i }),
	);
}

/** The asset Nomad Media just created (its answer's `id`, checked before it goes into the path). */
export async function fetchCreated(
	this: IExecuteFunctions,
	created: IDataObject,
	i: number,
	what: string,
): Promise<IDataObject> {
	return await fetchAsset.call(
		this,
		answeredGuid.call(this, created?.id, `ID of the new ${what}`, i),
		i,
	);
}

/** Upload settings shared by Upload and Upload Related File (entries of their Options collection). */
export const uploadTuningOptions: INodeProperties[] = [
	{
		displayName: 'Parallel Parts',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 16 },
		default: 4,
		description:
			'How many parts are sent to storage at the same time (1 to 16). Memory use is about this number times the part size (capped at 256 MiB).',
	},
	{
		displayName: 'Part Size (MiB)',
		name: 'partSizeMiB',
		type: 'number',
		typeOptions: { minValue: 5, maxValue: MAX_PART_BYTES / MiB },
		default: 8,
		description:
			'Part size to ask Nomad Media for (5 to 256). Nomad Media decides the final size (at least 5 MiB, larger when a file would need more than 10,000 parts) and the upload follows its answer.',
	},
];

/** Parallel Parts and Part Size, checked at run time: an expression can give a word or 1e9. */
export function readUploadTuning(
	this: IExecuteFunctions,
	i: number,
): { concurrency: number; chunkSize: number } {
	const concurrency = getInteger.call(this, 'options.concurrency', i, {
		label: 'Parallel Parts',
		min: 1,
		max: 16,
		fallback: 4,
	});
	const partSizeMiB = getInteger.call(this, 'options.partSizeMiB', i, {
		label: 'Part Size (MiB)',
		min: 5,
		max: MAX_PART_BYTES / MiB,
		fallback: 8,
		unit: 'MiB',
	});
	return { concurrency, chunkSize: partSizeMiB * MiB };
}

/** Nomad Media's UploadOverwriteOptions, as the option values name them. */
const OVERWRITE_VALUES = ['Cancel', 'Continue', 'Replace', 'AssetReplace'];

function overwriteOption(
	defaultValue: string,
	versions: NonNullable<Show['@version']>,
): INodeProperties {
	return {
		displayName: 'If the File Exists',
		name: 'uploadOverwriteOption',
		type: 'options',
		options: [
			{
				name: 'Continue Its Upload',
				value: 'Continue',
				description: 'Resume an unfinished upload of the same file',
			},
			{
				name: 'Fail',
				value: 'Cancel',
				description: 'Stop with an error when the folder already has a file of that name',
			},
			{
				name: 'Replace the Asset',
				value: 'AssetReplace',
				description: 'Replace the existing asset',
			},
			{
				name: 'Replace the File',
				value: 'Replace',
				description: 'Erase the existing file and upload this one',
			},
		],
		default: defaultValue,
		description: 'What Nomad Media does when the file is already there',
		displayOptions: { show: { '@version': versions } },
	};
}

/**
 * "If the File Exists": version 1 replaced a file of the same name unless told otherwise (kept for
 * saved workflows); from version 2 the default is Fail, so nothing is overwritten by accident.
 */
export const overwriteOptions: INodeProperties[] = [
	overwriteOption('Replace', [1]),
	overwriteOption('Cancel', [{ _cnd: { gte: 2 } }]),
];

/**
 * The overwrite policy to send: the chosen one, else the version's default. Naming the asset to
 * replace (Replace Asset ID, Replace Related Asset ID) is asking to replace, so it keeps Replace.
 */
export function readOverwrite(
	this: IExecuteFunctions,
	i: number,
	options: IDataObject,
	replacing: boolean,
): string {
	const chosen = options.uploadOverwriteOption;
	if (chosen !== undefined && chosen !== '') {
		if (typeof chosen !== 'string' || !OVERWRITE_VALUES.includes(chosen)) {
			throw new NodeOperationError(
				this.getNode(),
				`"If the File Exists" must be one of ${OVERWRITE_VALUES.join(', ')}, got "${String(chosen)}"`,
				{
					itemIndex: i,
				},
			);
		}
		return chosen;
	}
	return this.getNode().typeVersion < 2 || replacing ? 'Replace' : 'Cancel';
}

/** The name Nomad Media gets for a file: its base name, never folders from a `/` in it. */
export function baseFileName(this: IExecuteFunctions, i: number, fileName: string): string {
	const base = safeFileName(fileName);
	if (!base) {
		throw new NodeOperationError(this.getNode(), `The file name "${fileName}" has no usable name`, {
			itemIndex: i,
			description: 'Set the "File Name" option, e.g. interview.mp4',
		});
	}
	return base;
}
