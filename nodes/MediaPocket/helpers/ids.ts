/**
 * The shapes of Media Pocket's ids (seed 004): assets, projects and collections have URL-safe
 * string ids (letters, digits, "-" and "_", e.g. "-vevooaEWuYCnLFQqe2l"); comments, media, DAG
 * actions and runs have whole-number ids. Checked at run time because a value from an expression
 * skips the editor's validation, and "." or ".." in a path segment changes the request's target.
 */
export const STRING_ID = /^[A-Za-z0-9_-]+$/;
export const NUMBER_ID = /^\d{1,18}$/;

export function isStringId(value: string): boolean {
	return STRING_ID.test(value);
}

export function isNumberId(value: string): boolean {
	return NUMBER_ID.test(value);
}
