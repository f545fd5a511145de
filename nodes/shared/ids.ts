import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

// Item-indexed parameters: a poll context's getNodeParameter takes no item index.
type IdContext = Pick<IExecuteFunctions, 'getNodeParameter' | 'getNode'>;

/** The shape a DAM gives one kind of ID, and how to name it in an error. */
export interface IdFormat {
	/** Anchored: the whole value must match. */
	pattern: RegExp;
	/** e.g. "a UUID such as 3b9d4cc3-b5be-481e-8ce1-d5ba00a1245b" */
	looksLike: string;
}

export const UUID: IdFormat = {
	pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
	looksLike: 'a UUID such as 3b9d4cc3-b5be-481e-8ce1-d5ba00a1245b',
};

export const WHOLE_NUMBER: IdFormat = { pattern: /^\d{1,18}$/, looksLike: 'a whole number' };

/**
 * An ID from a parameter (a resource locator's value in any mode, or a plain string), checked at
 * run time: a value from an expression skips the editor's validation, and an ID goes into a
 * request path, where "." or ".." would change the target. Empty is an error unless `optional`.
 */
export function getId(
	this: IdContext,
	parameter: string,
	itemIndex: number,
	rule: IdFormat & { label: string; optional?: boolean },
): string {
	const raw = this.getNodeParameter(parameter, itemIndex, '', { extractValue: true }) as unknown;
	const value = String(raw ?? '').trim();
	if (!value && rule.optional) return '';
	if (!value) {
		throw new NodeOperationError(this.getNode(), `The "${rule.label}" parameter is empty`, {
			itemIndex,
		});
	}
	if (!rule.pattern.test(value)) {
		throw new NodeOperationError(
			this.getNode(),
			`The "${rule.label}" parameter must be ${rule.looksLike}, got "${value}"`,
			{ itemIndex },
		);
	}
	return value;
}

/** An ID the DAM handed back, checked before it goes into a path: a hostile answer must not redirect a request. */
export function checkDamId(
	this: Pick<IExecuteFunctions, 'getNode'>,
	value: unknown,
	what: string,
	format: IdFormat,
	itemIndex?: number,
): string {
	const id = String(value ?? '');
	if (!format.pattern.test(id)) {
		throw new NodeOperationError(
			this.getNode(),
			`The DAM returned ${what} that is not ${format.looksLike}: "${id.slice(0, 80)}"`,
			{ itemIndex },
		);
	}
	return id;
}
