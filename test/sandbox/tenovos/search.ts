import { HttpError, type Router, type SimRequest } from '../core/http';
import { TEMPLATES, findAttribute } from './data';
import type { TenovosState, Version } from './state';

const MAX_WINDOW = 10_000;
const SEARCH_FIELDS = ['filename', 'assetId', 'metadata', 'content'];

interface SortRule {
	metadataDefinitionSearchField?: string;
	order?: string;
}

/** A keyword search as POST /search/keyword takes it, checked the way Tenovos checks it. */
interface Query {
	from: number;
	limit: number;
	terms: string[];
	operation: 'AND' | 'OR';
	field?: string;
	sortBy: SortRule[];
	filters: Array<{ name: string; value: string }>;
	includeDeleted: boolean;
	includeVersions: boolean;
}

const invalid = () => new HttpError(400, { status: 'error', message: 'Invalid Search Query' });

function sortable(field: string): boolean {
	if (['createdepoch', 'lastupdatedepoch', 'filename'].includes(field.toLowerCase())) return true;
	return TEMPLATES.some((t) =>
		t.groups.some((g) => g.attributes.some((a) => a.sortable && a.searchField === field)),
	);
}

function wildcard(term: string): RegExp {
	const escaped = term.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
	return new RegExp(escaped, 'i');
}

/** `("Name":"value")` with query-string escapes: \" is a quote, \\ a backslash, \x the character x. */
function parseFilter(filter: unknown): { name: string; value: string } {
	const parsed =
		typeof filter === 'string'
			? /^\("((?:[^"\\]|\\.)+)":"((?:[^"\\]|\\.)*)"\)$/.exec(filter)
			: null;
	if (!parsed) throw invalid();
	const unescape = (text: string) => text.replace(/\\(.)/g, '$1');
	return { name: unescape(parsed[1]), value: unescape(parsed[2]) };
}

function parseQuery(body: any): Query {
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid();
	const from = body.from ?? 0;
	const limit = body.limit ?? 50;
	if (!Number.isInteger(from) || !Number.isInteger(limit) || from < 0 || limit < 1 || limit > 100)
		throw invalid();
	if (from + limit > MAX_WINDOW) throw invalid();
	const terms: string[] = body.searchTerm === undefined ? ['*'] : body.searchTerm;
	if (!Array.isArray(terms) || terms.some((t) => typeof t !== 'string')) throw invalid();
	const operation = String(body.operation ?? 'AND').toUpperCase();
	if (operation !== 'AND' && operation !== 'OR') throw invalid();
	const field = body.keywordSearchField as string | undefined;
	if (field !== undefined && !SEARCH_FIELDS.includes(field)) throw invalid();
	const sortBy = (body.sortBy ?? [
		{ metadataDefinitionSearchField: 'lastUpdatedEpoch', order: 'desc' },
	]) as SortRule[];
	const badRule = (s: SortRule) =>
		!s ||
		!sortable(String(s.metadataDefinitionSearchField)) ||
		!['asc', 'desc'].includes(String(s.order ?? 'desc'));
	if (!Array.isArray(sortBy) || sortBy.some(badRule)) throw invalid();
	const filters = ((body.filters ?? []) as unknown[]).map(parseFilter);
	return {
		from,
		limit,
		terms,
		operation,
		field,
		sortBy,
		filters,
		includeDeleted: body.includeDeleted === true,
		includeVersions: body.includeVersions === true,
	};
}

/** Keyword search over the current (or all) versions, offset paging, hitCount = page length. */
async function search(state: TenovosState, req: SimRequest) {
	state.auth.checkTokens(req);
	const query = parseQuery(await req.json());
	state.beforeSearch();
	await state.settleAll();

	const metadataText = (version: Version) =>
		version.metadata.flatMap((m) => state.displayValues(version, m));
	const matchesTerm = (version: Version, raw: string) => {
		const term = raw.trim();
		if (term === '' || term === '*') return true;
		const pattern = wildcard(term);
		switch (query.field) {
			case 'filename':
				return pattern.test(version.filename);
			case 'assetId':
				return [version.objectId, version.fileId, version.originalFileId].includes(term);
			case 'metadata':
				return metadataText(version).some((text) => pattern.test(text));
			case 'content':
				return false; // the sandbox extracts no text content
			default:
				return pattern.test(version.filename) || metadataText(version).some((t) => pattern.test(t));
		}
	};
	const matchesFilter = (version: Version, filter: { name: string; value: string }) =>
		version.metadata.some((m) => {
			const attribute = findAttribute(version.metadataTemplateId, m.metadataDefinitionId);
			return (
				attribute?.name === filter.name &&
				state.displayValues(version, m).some((v) => v.toLowerCase() === filter.value.toLowerCase())
			);
		});
	const sortValue = (version: Version, field: string): string | number => {
		const lower = field.toLowerCase();
		if (lower === 'createdepoch') return version.createdEpoch;
		if (lower === 'lastupdatedepoch') return version.lastUpdatedEpoch;
		if (lower === 'filename') return version.filename.toLowerCase();
		const item = version.metadata.find(
			(m) =>
				findAttribute(version.metadataTemplateId, m.metadataDefinitionId)?.searchField === field,
		);
		return item ? state.displayValues(version, item).join(', ').toLowerCase() : '';
	};

	const hits = state.versions.filter(
		(v) =>
			(query.includeDeleted || !v.deleted) &&
			(query.includeVersions || v.currentVersion === 'Y') &&
			(query.operation === 'AND'
				? query.terms.every((t) => matchesTerm(v, t))
				: query.terms.some((t) => matchesTerm(v, t))) &&
			query.filters.every((f) => matchesFilter(v, f)),
	);
	hits.sort((a, b) => {
		for (const rule of query.sortBy) {
			const x = sortValue(a, String(rule.metadataDefinitionSearchField));
			const y = sortValue(b, String(rule.metadataDefinitionSearchField));
			if (x !== y) return (x < y ? -1 : 1) * (rule.order === 'asc' ? 1 : -1);
		}
		return a.objectId < b.objectId ? -1 : 1;
	});
	const page = hits.slice(query.from, query.from + query.limit).map((v) => state.assetJson(v));
	return { body: { hitCount: page.length, result: page, facets: [] } };
}

export function registerSearchRoutes(router: Router, state: TenovosState): void {
	router.post('/search/keyword', (req) => search(state, req));
}
