import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listIn } from '../../shared/pagination';

/** A text parameter that must not be empty (checked at run time: an expression may give ""). */
export function getText(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string {
	const value = String(this.getNodeParameter(name, itemIndex, '') ?? '');
	if (!value.trim()) {
		throw new NodeOperationError(this.getNode(), `The "${label}" parameter is empty`, {
			itemIndex,
		});
	}
	return value;
}

/** The array under `key` in a DAM answer (empty when missing). */
export function listOf(body: IDataObject, key: string): IDataObject[] {
	return listIn(body?.[key]);
}

/** Splits "a, b\nc" into trimmed, non-empty, unique entries. */
export function splitList(raw: unknown): string[] {
	const values = Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[\s,;]+/);
	return [...new Set(values.map((value) => value.trim()).filter((value) => value.length > 0))];
}

/** The object under `key` in a DAM answer, or the whole answer when it has none. */
export function recordOf(response: IDataObject, key: string): IDataObject {
	const value = response[key];
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: response;
}
