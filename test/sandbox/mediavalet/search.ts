import { HttpError } from '../core/http';
import { assetTypeOf, type Asset, type MediaValetState } from './model';

/** The search parameters GET /assets and POST /assets/search share. */
export interface SearchQuery {
	search?: string;
	filters?: string;
	containerfilter?: string;
	sort?: string;
	count?: number;
	offset?: number;
	includeSoftDeleted?: boolean;
}

type Predicate = (asset: Asset) => boolean;

/**
 * A small parser for MediaValet's OData-like filter expressions:
 * `(AssetType EQ Image)`, `(FileType NE PDF)`, `(Title EQ 'Hero')`, combined with AND / OR and parentheses.
 */
export function parseFilter(expression: string, state: MediaValetState): Predicate {
	const tokens = expression.match(/\(|\)|'[^']*'|[^\s()]+/g) ?? [];
	let position = 0;
	const fail = (why: string): never => {
		throw new HttpError(400, { message: `The filter expression is not valid: ${why}` });
	};
	const peek = () => tokens[position];
	const next = () => tokens[position++];
	const fieldValue = (asset: Asset, field: string): string => {
		const version = state.current(asset);
		switch (field.toLowerCase()) {
			case 'assettype':
				return assetTypeOf(version?.mimeType ?? '');
			case 'filetype':
				return (version?.fileName.split('.').pop() ?? '').toUpperCase();
			case 'title':
				return asset.title;
			case 'filename':
				return version?.fileName ?? '';
			default:
				return fail(`unknown field '${field}'`);
		}
	};
	const comparison = (): Predicate => {
		const field = next();
		const operator = next()?.toUpperCase();
		const rawValue = next();
		if (!field || !operator || rawValue === undefined) fail('incomplete comparison');
		if (operator !== 'EQ' && operator !== 'NE') fail(`unknown operator '${operator}'`);
		const value = rawValue.replace(/^'|'$/g, '').toLowerCase();
		fieldValue({ versions: [], title: '' } as unknown as Asset, field); // rejects unknown fields at parse time
		return (asset) => (fieldValue(asset, field).toLowerCase() === value) === (operator === 'EQ');
	};
	const term = (): Predicate => {
		if (peek() === '(') {
			next();
			const inner = expressionOf();
			if (next() !== ')') fail('missing )');
			return inner;
		}
		return comparison();
	};
	const expressionOf = (): Predicate => {
		let left = term();
		while (peek() && /^(AND|OR)$/i.test(peek())) {
			const joiner = next().toUpperCase();
			const right = term();
			const a = left;
			left =
				joiner === 'AND'
					? (asset) => a(asset) && right(asset)
					: (asset) => a(asset) || right(asset);
		}
		return left;
	};
	const predicate = expressionOf();
	if (position < tokens.length) fail(`unexpected '${tokens[position]}'`);
	return predicate;
}

/** Runs a search over the visible assets: the page and the total. */
export function searchAssets(
	state: MediaValetState,
	query: SearchQuery,
): { page: Asset[]; total: number; offset: number } {
	const count = query.count ?? 50;
	const asked = query.offset ?? 0;
	if (!Number.isInteger(count) || count < 1 || count > 1000)
		throw new HttpError(400, { message: 'count must be a whole number from 1 to 1000' });
	if (!Number.isInteger(asked) || asked < 0)
		throw new HttpError(400, { message: 'offset must be a whole number of 0 or more' });
	let assets = [...state.assets.values()].filter(
		(asset) => asset.status === 1 && (query.includeSoftDeleted || !asset.softDeletedAt),
	);
	const text = (query.search ?? '')
		.trim()
		.replace(/^'(.*)'$/, '$1')
		.toLowerCase();
	if (text) {
		assets = assets.filter((asset) =>
			[
				asset.title,
				asset.description,
				state.current(asset)?.fileName ?? '',
				...asset.keywords,
			].some((value) => value.toLowerCase().includes(text)),
		);
	}
	if (query.filters?.trim()) assets = assets.filter(parseFilter(query.filters, state));
	if (query.containerfilter?.trim()) {
		const ids = [...query.containerfilter.matchAll(/'([0-9a-fA-F-]{36})'/g)].map((match) =>
			match[1].toLowerCase(),
		);
		if (ids.length === 0)
			throw new HttpError(400, { message: 'The container filter names no category' });
		const wanted = new Set(ids.flatMap((id) => [...state.descendants(id)]));
		assets = assets.filter((asset) => asset.categories.some((id) => wanted.has(id)));
	}
	// The sort syntax is undocumented (GUESS, /work/shared/api/mediavalet-woodwing.md §1.5): "<field> A|D",
	// e.g. "record.createdAt D". The trigger relies on record.createdAt and record.modifiedAt
	// (nodes/MediaValet/trigger/query.ts); ties are ordered by id, the same way both directions.
	const { maxPageSize, ignoreSort, ignoreOffset } = state.config;
	const sort = ignoreSort ? null : /^\s*([\w.]+)\s+([AD])\s*$/i.exec(query.sort ?? '');
	const descending = sort?.[2].toUpperCase() === 'D';
	const key = (asset: Asset): string => {
		switch (sort?.[1].toLowerCase()) {
			case 'title':
				return asset.title.toLowerCase();
			case 'file.filename':
				return (state.current(asset)?.fileName ?? '').toLowerCase();
			case 'record.modifiedat':
			case 'modifiedat':
				return asset.modifiedAt;
			default:
				return asset.createdAt;
		}
	};
	assets.sort(
		(a, b) => (key(a).localeCompare(key(b)) || a.id.localeCompare(b.id)) * (descending ? -1 : 1),
	);
	// A library may return fewer than `count` per page (tests set maxPageSize to force many pages).
	const offset = ignoreOffset ? 0 : asked;
	const size = maxPageSize > 0 ? Math.min(count, maxPageSize) : count;
	return { page: assets.slice(offset, offset + size), total: assets.length, offset };
}
