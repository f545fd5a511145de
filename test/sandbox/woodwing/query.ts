/**
 * The part of the WoodWing Assets (Lucene-like) query syntax the simulator understands:
 * `*:*`, `field:value`, `field:"quoted value"`, trailing/inner `*` wildcards, free text,
 * `AND` (also implied between terms), `OR`, `NOT` / a leading `-`. `ancestorPaths:` matches a
 * folder and everything below it.
 */

export type FieldReader = (field: string) => unknown;

interface Term {
	negate: boolean;
	field?: string;
	value: string;
}

function tokenize(query: string): string[] {
	const tokens: string[] = [];
	const pattern = /(-?[\w.]+:"(?:[^"\\]|\\.)*"|-?"(?:[^"\\]|\\.)*"|\S+)/g;
	let match: RegExpExecArray | null;
	while ((match = pattern.exec(query))) tokens.push(match[1]);
	return tokens;
}

function parseTerm(token: string): Term {
	let negate = false;
	let text = token;
	if (text.startsWith('-') && text.length > 1) {
		negate = true;
		text = text.slice(1);
	}
	const colon = /^([\w.]+|\*):(.*)$/.exec(text);
	const unquote = (value: string) =>
		value.startsWith('"') && value.endsWith('"')
			? value.slice(1, -1).replace(/\\(.)/g, '$1')
			: value;
	if (colon) return { negate, field: colon[1], value: unquote(colon[2]) };
	return { negate, value: unquote(text) };
}

function matcher(value: string): (candidate: string) => boolean {
	const wanted = value.toLowerCase();
	if (!wanted.includes('*') && !wanted.includes('?'))
		return (candidate) => candidate.toLowerCase() === wanted;
	const source = wanted
		.replace(/[.+^${}()|[\]\\]/g, '\\$&')
		.replace(/\*/g, '.*')
		.replace(/\?/g, '.');
	const regex = new RegExp(`^${source}$`, 'i');
	return (candidate) => regex.test(candidate);
}

function asStrings(value: unknown): string[] {
	if (value === undefined || value === null) return [];
	if (Array.isArray(value)) return value.flatMap(asStrings);
	if (typeof value === 'object' && 'value' in (value as object))
		return asStrings((value as { value: unknown }).value);
	return [String(value)];
}

const FREE_TEXT_FIELDS = ['filename', 'description', 'tags', 'status', 'title', 'assetPath'];

function termMatches(term: Term, read: FieldReader): boolean {
	if (term.field === '*' && term.value === '*') return true;
	if (!term.field) {
		const wanted = term.value.toLowerCase().replace(/\*/g, '');
		return FREE_TEXT_FIELDS.some((field) =>
			asStrings(read(field)).some((text) => text.toLowerCase().includes(wanted)),
		);
	}
	if (term.field === 'ancestorPaths') {
		const folder = String(read('folderPath') ?? '').toLowerCase();
		const wanted = term.value.replace(/\/+$/, '').toLowerCase();
		return folder === wanted || folder.startsWith(`${wanted}/`);
	}
	const test = matcher(term.value);
	return asStrings(read(term.field)).some(test);
}

/** Why the server would refuse this query (as a Lucene parse error), or undefined. */
export function queryProblem(query: string): string | undefined {
	const quotes = (query.replace(/\\./g, '').match(/"/g) ?? []).length;
	if (quotes % 2 === 1) return 'unbalanced quotes';
	let depth = 0;
	for (const char of query.replace(/"(?:[^"\\]|\\.)*"/g, '')) {
		if (char === '(') depth++;
		if (char === ')' && --depth < 0) return 'unbalanced parentheses';
	}
	if (depth !== 0) return 'unbalanced parentheses';
	if (/(^|\s)(AND|OR|NOT)\s*$/.test(query.trim()) || /^(AND|OR)(\s|$)/.test(query.trim()))
		return 'operator without an operand';
	return undefined;
}

/** Whether the asset whose fields `read` returns matches `query`. */
export function matchesQuery(query: string, read: FieldReader): boolean {
	const trimmed = query.trim();
	if (trimmed === '' || trimmed === '*' || trimmed === '*:*') return true;
	const groups: Term[][] = [[]];
	let negateNext = false;
	for (const token of tokenize(trimmed)) {
		if (token === 'AND' || token === '&&') continue;
		if (token === 'OR' || token === '||') {
			groups.push([]);
			continue;
		}
		if (token === 'NOT') {
			negateNext = true;
			continue;
		}
		const term = parseTerm(token);
		if (negateNext) term.negate = !term.negate;
		negateNext = false;
		groups[groups.length - 1].push(term);
	}
	return groups.some(
		(terms) => terms.length > 0 && terms.every((term) => termMatches(term, read) !== term.negate),
	);
}

/** Sorts by `sort` ("field-asc,field2-desc", "relevance"); ties keep a stable order by id. */
export function sortBy<T extends { id: string }>(
	items: T[],
	sort: string,
	read: (item: T, field: string) => unknown,
): T[] {
	const keys = sort
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part && part !== 'relevance')
		.map((part) => {
			const match = /^(.*?)(?:-(asc|desc))?$/.exec(part)!;
			return { field: match[1], direction: match[2] === 'desc' ? -1 : 1 };
		});
	const value = (item: T, field: string) => {
		const raw = read(item, field);
		const single =
			raw && typeof raw === 'object' && 'value' in (raw as object)
				? (raw as { value: unknown }).value
				: raw;
		return Array.isArray(single) ? single.join(',') : single;
	};
	return [...items].sort((a, b) => {
		for (const { field, direction } of keys) {
			const left = value(a, field);
			const right = value(b, field);
			if (left === right) continue;
			if (left === undefined || left === null) return 1;
			if (right === undefined || right === null) return -1;
			const order =
				typeof left === 'number' && typeof right === 'number'
					? left - right
					: String(left).localeCompare(String(right), 'en', { sensitivity: 'base' });
			if (order !== 0) return order * direction;
		}
		return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
	});
}
