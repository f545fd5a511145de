import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getLimit } from '../../shared/pagination';

/** Reads a resource locator or string parameter and checks it is a usable id. */
export function getId(this: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const raw = this.getNodeParameter(name, itemIndex, '', { extractValue: true }) as unknown;
	const value = String(raw ?? '').trim();
	if (!value) {
		throw new NodeOperationError(this.getNode(), `The parameter "${label}" is empty`, { itemIndex });
	}
	if (/[/?#\s]/.test(value)) {
		throw new NodeOperationError(this.getNode(), `The parameter "${label}" is not a valid Media Pocket ID: "${value}"`, {
			itemIndex,
			description: 'IDs hold no slashes, spaces, "?" or "#"; use the ID mode or paste the address the URL mode shows',
		});
	}
	return value;
}

/** An integer id (comments, media, DAG actions, runs). */
export function getNumericId(this: IExecuteFunctions, name: string, label: string, itemIndex: number): string {
	const value = getId.call(this, name, label, itemIndex);
	if (!/^\d+$/.test(value)) {
		throw new NodeOperationError(this.getNode(), `The parameter "${label}" must be a whole number, got "${value}"`, { itemIndex });
	}
	return value;
}

/** Applies Return All / Limit to a list the DAM returns in one answer. */
export function limitList(this: IExecuteFunctions, list: IDataObject[], itemIndex: number): IDataObject[] {
	const limit = getLimit.call(this, itemIndex);
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
