import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	CONCURRENCY_LABEL,
	PART_SIZE_LABEL,
	type TuningSpec,
	type UploadTuning,
} from './descriptions';

type ParameterContext = Pick<IExecuteFunctions | IPollFunctions, 'getNodeParameter' | 'getNode'>;

/**
 * A whole-number parameter, checked at run time: the editor's min/max do not apply to a value
 * that comes from an expression, and a word or 1e9 there must not reach an upload engine.
 * `path` may point into a collection ("options.concurrency"); an unset value gives `fallback`.
 */
export function getInteger(
	this: ParameterContext,
	path: string,
	itemIndex: number,
	rule: { label: string; min: number; max: number; fallback: number; unit?: string },
): number {
	const raw = this.getNodeParameter(path, itemIndex, rule.fallback) as unknown;
	const value = raw === '' || raw === null || raw === undefined ? rule.fallback : Number(raw);
	if (!Number.isInteger(value) || value < rule.min || value > rule.max) {
		const unit = rule.unit ? ` ${rule.unit}` : '';
		throw new NodeOperationError(
			this.getNode(),
			`The "${rule.label}" parameter must be a whole number from ${rule.min} to ${rule.max}${unit}, got "${String(raw)}"`,
			{ itemIndex },
		);
	}
	return value;
}

/**
 * A parameter holding a JSON array of objects (JSON text, or an array from an expression): each
 * entry goes to `read` with the words that name it in a message (`"Words" entry 2`). Not JSON, not
 * an array, empty, or an entry that is not an object: an error naming the parameter, with `example`.
 */
export function getJsonObjectList(
	this: ParameterContext,
	name: string,
	itemIndex: number,
	rule: { label: string; example: string },
	read: (entry: IDataObject, where: string) => IDataObject,
): IDataObject[] {
	const raw = this.getNodeParameter(name, itemIndex, '[]') as unknown;
	let list: unknown = raw;
	if (typeof raw === 'string') {
		try {
			list = JSON.parse(raw || '[]');
		} catch {
			throw new NodeOperationError(this.getNode(), `"${rule.label}" is not valid JSON`, {
				itemIndex,
				description: `Give a JSON array such as ${rule.example}`,
			});
		}
	}
	if (!Array.isArray(list) || !list.length)
		throw new NodeOperationError(this.getNode(), `"${rule.label}" needs a non-empty JSON array`, {
			itemIndex,
			description: `For example ${rule.example}`,
		});
	return list.map((entry: unknown, index) => {
		const where = `"${rule.label}" entry ${index + 1}`;
		if (!entry || typeof entry !== 'object' || Array.isArray(entry))
			throw new NodeOperationError(this.getNode(), `${where} is not an object`, { itemIndex });
		return read(entry as IDataObject, where);
	});
}

/** The upload options of item `itemIndex`, each checked against its own range. */
export function getUploadTuning(
	this: ParameterContext,
	itemIndex: number,
	tuning: UploadTuning,
	collection = 'options',
): { partSizeMiB: number; concurrency: number } {
	const read = (spec: TuningSpec, label: string) =>
		getInteger.call(this, `${collection}.${spec.name}`, itemIndex, {
			label,
			min: spec.min,
			max: spec.max,
			fallback: spec.default,
		});
	return {
		partSizeMiB: read(tuning.partSize, PART_SIZE_LABEL),
		concurrency: read(tuning.concurrency, CONCURRENCY_LABEL),
	};
}
