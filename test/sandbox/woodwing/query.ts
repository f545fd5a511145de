/**
 * The part of the WoodWing Assets (Lucene-like) query syntax the simulator understands:
 * `*:*`, `field:value`, `field:"quoted value"`, trailing/inner `*` wildcards, free text,
 * `AND` (also implied between terms), `OR`, `NOT` / a leading `-`, parentheses, and range queries
 * on numeric and date fields (`assetModified:[2024-05-01T10:00:00Z TO *]`, `{a TO b}` exclusive,
 * bounds `*`, NOW, epoch ms or ISO dates). `ancestorPaths:` matches a folder and everything below it.
 */

export type FieldReader = (field: string) => unknown;

interface Term {
	negate: boolean;
	field?: string;
	value: string;
	/** A range query: field:[low TO high] (inclusive) or {low TO high} (exclusive), `*` open. */
	range?: { low: string; high: string; lowInclusive: boolean; highInclusive: boolean };
}

type Node =
	| { kind: 'term'; term: Term }
	| { kind: 'not'; node: Node }
	| { kind: 'and' | 'or'; nodes: Node[] };

function tokenize(query: string): string[] {
	const tokens: string[] = [];
	const pattern =
		/\s*(-?[\w.]+:[[{][^\]}]*[\]}]|-?[\w.]+:"(?:[^"\\]|\\.)*"|-?"(?:[^"\\]|\\.)*"|-(?=\()|\(|\)|[^\s()]+)/g;
	let match: RegExpExecArray | null;
	while ((match = pattern.exec(query))) {
		if (match[1] === undefined) break;
		tokens.push(match[1] === '-' ? 'NOT' : match[1]);
	}
	return tokens;
}

function parseTerm(token: string): Term {
	let negate = false;
	let text = token;
	if (text.startsWith('-') && text.length > 1) {
		negate = true;
		text = text.slice(1);
	}
	const range = /^([\w.]+):([[{])\s*(\S+)\s+TO\s+(\S+)\s*([\]}])$/.exec(text);
	if (range) {
		return {
			negate,
			field: range[1],
			value: '',
			range: {
				low: range[3],
				high: range[4],
				lowInclusive: range[2] === '[',
				highInclusive: range[5] === ']',
			},
		};
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

/**
 * A range bound as a number: `*` (open), NOW, epoch milliseconds, or a date / date-time the way
 * Elvis "parses various input formats" ([GUESS] the exact list: ISO 8601 here, UTC unless it says).
 */
function boundOf(text: string, now: number): number | undefined {
	const value = text.replace(/^"|"$/g, '');
	if (value === '*') return undefined;
	if (/^NOW$/i.test(value)) return now;
	if (/^-?\d+(\.\d+)?$/.test(value) && !/^\d{4}$/.test(value)) return Number(value);
	const iso = /^\d{4}-\d{2}-\d{2}(T[\d:.]+)?$/.test(value)
		? `${value}${value.includes('T') ? 'Z' : ''}`
		: value;
	const parsed = Date.parse(iso);
	if (Number.isNaN(parsed)) throw new Error(`Cannot parse range value '${text}'`);
	return parsed;
}

function rangeMatches(range: NonNullable<Term['range']>, values: string[], now: number): boolean {
	const low = boundOf(range.low, now);
	const high = boundOf(range.high, now);
	return values.some((text) => {
		const value = Number(text);
		if (!Number.isFinite(value)) return false;
		if (low !== undefined && (range.lowInclusive ? value < low : value <= low)) return false;
		if (high !== undefined && (range.highInclusive ? value > high : value >= high)) return false;
		return true;
	});
}

const FREE_TEXT_FIELDS = ['filename', 'description', 'tags', 'status', 'title', 'assetPath'];

function termMatches(term: Term, read: FieldReader, now: number): boolean {
	if (term.field === '*' && term.value === '*') return true;
	if (term.range) return rangeMatches(term.range, asStrings(read(term.field!)), now);
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
	for (const token of tokenize(query)) {
		const term = /^-?[\w.]+:[[{]/.test(token) ? parseTerm(token) : undefined;
		if (term && !term.range) return `malformed range ${token}`;
		try {
			if (term?.range) {
				boundOf(term.range.low, 0);
				boundOf(term.range.high, 0);
			}
		} catch (error) {
			return (error as Error).message;
		}
	}
	return undefined;
}

/**
 * The query as a tree: OR binds loosest, then AND (also implied between terms), then NOT / `-`,
 * then parentheses.
 */
function parse(tokens: string[]): Node {
	let at = 0;
	const orExpr = (): Node => {
		const nodes = [andExpr()];
		while (tokens[at] === 'OR' || tokens[at] === '||') {
			at++;
			nodes.push(andExpr());
		}
		return nodes.length === 1 ? nodes[0] : { kind: 'or', nodes };
	};
	const andExpr = (): Node => {
		const nodes: Node[] = [];
		while (at < tokens.length && tokens[at] !== ')' && tokens[at] !== 'OR' && tokens[at] !== '||') {
			if (tokens[at] === 'AND' || tokens[at] === '&&') {
				at++;
				continue;
			}
			nodes.push(unary());
		}
		return nodes.length === 1 ? nodes[0] : { kind: 'and', nodes };
	};
	const unary = (): Node => {
		const token = tokens[at++];
		if (token === 'NOT' || token === '!') return { kind: 'not', node: unary() };
		if (token === '(') {
			const inner = orExpr();
			if (tokens[at] === ')') at++;
			return inner;
		}
		return { kind: 'term', term: parseTerm(token) };
	};
	return orExpr();
}

function evaluate(node: Node, read: FieldReader, now: number): boolean {
	switch (node.kind) {
		case 'term':
			return termMatches(node.term, read, now) !== node.term.negate;
		case 'not':
			return !evaluate(node.node, read, now);
		case 'and':
			return node.nodes.length > 0 && node.nodes.every((child) => evaluate(child, read, now));
		case 'or':
			return node.nodes.some((child) => evaluate(child, read, now));
	}
}

/** Whether the asset whose fields `read` returns matches `query` (`now` for NOW in ranges). */
export function matchesQuery(query: string, read: FieldReader, now = Date.now()): boolean {
	const trimmed = query.trim();
	if (trimmed === '' || trimmed === '*' || trimmed === '*:*') return true;
	return evaluate(parse(tokenize(trimmed)), read, now);
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
