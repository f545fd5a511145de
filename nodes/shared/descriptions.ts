/**
 * Parameter factories every DAM node uses, so that the same thing looks and reads the same in all
 * five. Parameter *names* stay as each node landed them (saved workflows depend on them); display
 * names, placeholders and hints are shared.
 */
import type { INodeProperties } from 'n8n-workflow';

/** The binary field an operation reads its file from. */
export function binaryInputField(description?: string): INodeProperties {
	return {
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file',
		...(description ? { description } : {}),
	};
}

/** The binary field an operation writes a downloaded file to. */
export function binaryOutputField(description?: string): INodeProperties {
	return {
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the file in',
		...(description ? { description } : {}),
	};
}

/** One way to name a resource in a locator. `regex` is what the value must match (n8n anchors it). */
export interface LocatorModes {
	list?: {
		searchListMethod: string;
		placeholder: string;
		searchable?: boolean;
		searchFilterRequired?: boolean;
	};
	url?: { regex: string; extract: string; placeholder: string; errorMessage: string };
	id: { regex: string; placeholder: string; errorMessage: string };
}

/**
 * A resource locator: pick from a list the DAM searches, paste a link, or give the ID. An optional
 * locator (`required: false`) accepts an empty value in every mode: n8n refuses to run a workflow
 * whose locator fails its mode's validation, empty included.
 */
export function resourceLocator(spec: {
	displayName: string;
	name: string;
	description: string;
	modes: LocatorModes;
	required?: boolean;
	/** The mode a new node starts in (part of the frozen default). */
	defaultMode?: 'list' | 'url' | 'id';
}): INodeProperties {
	const required = spec.required ?? true;
	const valid = (regex = '') => (required ? regex : `(?:${regex})?`);
	const { list, url, id } = spec.modes;
	const locator: INodeProperties = {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: spec.defaultMode ?? (list ? 'list' : 'id'), value: '' },
		required,
		description: spec.description,
		// Every mode is written here, under `modes` (where n8n's lint expects them); the ones this
		// locator does not offer are dropped below.
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: list?.placeholder,
				typeOptions: {
					searchListMethod: list?.searchListMethod,
					searchable: list?.searchable ?? true,
					...(list?.searchFilterRequired !== undefined
						? { searchFilterRequired: list.searchFilterRequired }
						: {}),
				},
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: url?.placeholder,
				extractValue: { type: 'regex', regex: url?.extract ?? '' },
				validation: [
					{
						type: 'regex',
						properties: { regex: valid(url?.regex), errorMessage: url?.errorMessage ?? '' },
					},
				],
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: id.placeholder,
				validation: [
					{ type: 'regex', properties: { regex: valid(id.regex), errorMessage: id.errorMessage } },
				],
			},
		],
	};
	const offered = { list: !!list, url: !!url, id: true };
	locator.modes = locator.modes!.filter((mode) => offered[mode.name as keyof typeof offered]);
	return locator;
}

/** Return All and Limit, as every list operation has them. */
export function returnAllAndLimit(options: { maxLimit?: number } = {}): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { returnAll: [false] } },
			typeOptions: { minValue: 1, ...(options.maxLimit ? { maxValue: options.maxLimit } : {}) },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

/** The "Options" collection of an operation. */
export function optionsCollection(
	options: INodeProperties[],
	spec: { displayName?: string; name?: string } = {},
): INodeProperties {
	return {
		displayName: spec.displayName ?? 'Options',
		name: spec.name ?? 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options,
	};
}

/** A whole-number upload setting: its parameter and the range checked at run time (getInteger). */
export interface TuningSpec {
	name: string;
	default: number;
	min: number;
	max: number;
	description: string;
}

/** What every upload engine can be tuned by: the size of a part and how many are in flight. */
export interface UploadTuning {
	partSize: TuningSpec;
	concurrency: TuningSpec;
}

export const PART_SIZE_LABEL = 'Part Size (MiB)';
export const CONCURRENCY_LABEL = 'Parallel Parts';

/** The two upload options, one name and one range per DAM, the same display names everywhere. */
export function uploadTuningOptions(tuning: UploadTuning): INodeProperties[] {
	const option = (spec: TuningSpec, displayName: string): INodeProperties => {
		const fallback = spec.default;
		return {
			displayName,
			name: spec.name,
			type: 'number',
			typeOptions: { minValue: spec.min, maxValue: spec.max },
			default: fallback,
			description: spec.description,
		};
	};
	return [option(tuning.concurrency, CONCURRENCY_LABEL), option(tuning.partSize, PART_SIZE_LABEL)];
}
