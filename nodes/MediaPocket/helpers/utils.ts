import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isNumberId, isStringId } from './ids';

/** Reads a resource locator or string parameter, trimmed; an empty value is an error. */
function getRaw(this: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const raw = this.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value = String(raw ?? '').trim();
	if (!value) {
		throw new NodeOperationError(this.getNode(), `The parameter "${label}" is empty`, {
			itemIndex,
		});
	}
	return value;
}

/** A string id (asset, project): letters, digits, "-" and "_" only, so it can never be "." or "..". */
export function getId(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const value = getRaw.call(this, name, label, itemIndex);
	if (!isStringId(value)) {
		throw new NodeOperationError(
			this.getNode(),
			`The parameter "${label}" is not a valid Media Pocket ID: "${value}"`,
			{
				itemIndex,
				description:
					'Media Pocket IDs are letters, digits, "-" and "_" (e.g. 7UhQGdm3p9MJHRBI9Ohu); use the ID mode or paste the address the URL mode shows',
			},
		);
	}
	return value;
}

/** A whole-number id (comments, media, DAG actions, runs). */
export function getNumericId(
	this: IExecuteFunctions,
	name: string,
	label: string,
	itemIndex: number,
): string {
	const value = getRaw.call(this, name, label, itemIndex);
	if (!isNumberId(value)) {
		throw new NodeOperationError(
			this.getNode(),
			`The parameter "${label}" must be a whole number, got "${value}"`,
			{ itemIndex },
		);
	}
	return value;
}

/** Applies Return All / Limit to a list the DAM returns in one answer. */
export function limitList(list: IDataObject[], limit: number | undefined): IDataObject[] {
	return limit === undefined ? list : list.slice(0, limit);
}

/** The array under `key` in a DAM answer (empty when missing). */
export function listOf(body: IDataObject, key: string): IDataObject[] {
	const value = body?.[key];
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}

/** Splits "a, b\nc" into trimmed, non-empty, unique entries. */
export function splitList(raw: unknown): string[] {
	const values = Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[\s,;]+/);
	return [...new Set(values.map((value) => value.trim()).filter((value) => value.length > 0))];
}
