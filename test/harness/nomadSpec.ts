/**
 * Nomad Media's own OpenAPI documents (the facts in test/fixtures/nomad-openapi-facts: paths,
 * methods, parameters and schemas, prose removed) as a checker of the requests the simulator
 * journaled: the path and method exist, every query parameter is declared and its value fits,
 * path parameters fit, required ones are there, and a JSON body validates against the operation's
 * schema (ajv; `additionalProperties: false` makes a wrong field name an error).
 *
 * The admin document is looked at first (the node talks to the admin API); a path only the portal
 * document has is checked against that one.
 */
import Ajv2019, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

import type { JournalEntry } from '../sandbox/core/control';

type Schema = Record<string, unknown>;

interface Parameter {
	name: string;
	in: 'path' | 'query' | 'header' | 'cookie';
	required?: boolean;
	schema?: Schema;
}

interface Operation {
	parameters?: Parameter[];
	requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> };
}

interface OpenApiDocument {
	paths: Record<string, Record<string, Operation>>;
	components: { schemas: Record<string, Schema> };
}

const root = join(__dirname, '..', '..', '..');

/**
 * Where the facts are: the repository's copy of ../shared/api/nomad-openapi-facts, so a clone
 * anywhere has them (NOMAD_OPENAPI_FACTS overrides it).
 */
export const FACTS_DIR =
	process.env.NOMAD_OPENAPI_FACTS ?? join(root, 'test', 'fixtures', 'nomad-openapi-facts');

const DOCUMENTS = { admin: 'nomad-admin.json', portal: 'nomad-portal.json' } as const;
type DocumentName = keyof typeof DOCUMENTS;

/** A request as the checker needs it: the path below `/api`, without the query. */
export interface SpecRequest {
	method: string;
	path: string;
	query?: Record<string, string>;
	/** Whether a body was sent (Content-Length above 0 or a chunked body). */
	hasBody?: boolean;
	/** The parsed JSON body (or its text when it is not JSON). */
	body?: unknown;
	contentType?: string;
}

export interface SpecVerdict {
	/** The operation the request was matched to, e.g. `POST /asset/{assetId}/annotation (admin)`. */
	operation?: string;
	problems: string[];
}

interface Route {
	document: DocumentName;
	template: string;
	segments: string[];
	operations: Record<string, Operation>;
}

const isParameter = (segment: string) => /^\{[^}]+\}$/.test(segment);

/**
 * OpenAPI 3.0 schema dialect to JSON Schema for ajv: `nullable` without a `type` (Swashbuckle's
 * `{ "nullable": true }` for "anything") says nothing more; `$ref`s point into the named document;
 * an `allOf` of object schemas is merged into one, so that the `additionalProperties: false` of one
 * part does not refuse the properties of the other (ASP.NET binds the merged model).
 */
function toJsonSchema(
	schema: unknown,
	document: DocumentName,
	resolve: (ref: string) => Schema,
): unknown {
	if (Array.isArray(schema)) return schema.map((entry) => toJsonSchema(entry, document, resolve));
	if (!schema || typeof schema !== 'object') return schema;
	const source = schema as Schema;
	if (Array.isArray(source.allOf)) {
		const parts = (source.allOf as Schema[]).map((part) =>
			typeof part.$ref === 'string' ? resolve(part.$ref) : part,
		);
		if (parts.every((part) => part.type === 'object' || part.properties)) {
			const merged: Schema = { type: 'object', properties: {}, required: [] };
			for (const part of parts) {
				Object.assign(merged.properties as Schema, part.properties ?? {});
				(merged.required as string[]).push(...((part.required as string[]) ?? []));
				if (part.additionalProperties === false) merged.additionalProperties = false;
			}
			const { allOf: _allOf, ...rest } = source;
			return toJsonSchema({ ...rest, ...merged }, document, resolve);
		}
	}
	const out: Schema = {};
	for (const [key, value] of Object.entries(source)) {
		if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) {
			out.$ref = `nomad-${document}${value}`;
		} else if (key.startsWith('x-')) {
			continue;
		} else if (key === 'properties' && value && typeof value === 'object') {
			// Property names are not schemas: only their values are converted.
			out.properties = Object.fromEntries(
				Object.entries(value as Schema).map(([name, property]) => [
					name,
					toJsonSchema(property, document, resolve),
				]),
			);
		} else {
			out[key] = toJsonSchema(value, document, resolve);
		}
	}
	if (out.nullable === true && out.type === undefined) delete out.nullable;
	return out;
}

function describeError(error: ErrorObject): string {
	const where = error.instancePath || '(the body)';
	const params = error.params as Record<string, unknown>;
	const detail =
		params.additionalProperty !== undefined
			? ` ('${String(params.additionalProperty)}')`
			: params.allowedValues !== undefined
				? ` (${JSON.stringify(params.allowedValues)})`
				: '';
	return `${where} ${error.message ?? 'is invalid'}${detail}`;
}

/** The two documents, their routes and compiled validators (compiled when first needed). */
export class NomadSpec {
	private routes: Route[] = [];
	private bodyAjv = new Ajv2019({ strict: false, allErrors: true });
	private parameterAjv = new Ajv2019({ strict: false, allErrors: true, coerceTypes: true });
	private compiled = new Map<string, ValidateFunction>();

	private static loaded?: NomadSpec;

	/** The facts in FACTS_DIR, read once per process. */
	static load(): NomadSpec {
		return (NomadSpec.loaded ??= new NomadSpec(FACTS_DIR));
	}

	constructor(directory: string) {
		for (const ajv of [this.bodyAjv, this.parameterAjv]) {
			addFormats(ajv);
			// .NET TimeSpan ("1.02:03:04.5"); nothing the node sends uses it.
			ajv.addFormat('date-span', /^-?(\d+\.)?\d{1,2}:\d{2}(:\d{2}(\.\d{1,7})?)?$/);
		}
		for (const [name, file] of Object.entries(DOCUMENTS) as Array<[DocumentName, string]>) {
			const path = join(directory, file);
			if (!existsSync(path))
				throw new Error(`Nomad Media's OpenAPI facts are missing: ${path} (see docs/nomad.md)`);
			const document = JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
			const resolve = (ref: string): Schema => {
				const found = document.components.schemas[ref.replace('#/components/schemas/', '')];
				if (!found) throw new Error(`${file}: no schema ${ref}`);
				return found;
			};
			const schemas = Object.fromEntries(
				Object.entries(document.components.schemas).map(([key, schema]) => [
					key,
					toJsonSchema(schema, name, resolve),
				]),
			);
			for (const ajv of [this.bodyAjv, this.parameterAjv])
				ajv.addSchema({ $id: `nomad-${name}`, components: { schemas } });
			for (const [template, operations] of Object.entries(document.paths)) {
				this.routes.push({
					document: name,
					template,
					segments: template.split('/').filter(Boolean),
					operations: Object.fromEntries(
						Object.entries(operations).map(([method, operation]) => [
							method.toUpperCase(),
							toJsonSchema(operation, name, resolve) as Operation,
						]),
					),
				});
			}
		}
	}

	/**
	 * The routes a path matches, most specific first: per document (admin before portal), a literal
	 * segment beats a parameter at the first place they differ, as ASP.NET's routing ranks them.
	 */
	private matches(path: string): Array<Route & { values: Record<string, string> }> {
		const segments = path.split('/').filter(Boolean);
		const found: Array<Route & { values: Record<string, string> }> = [];
		for (const route of this.routes) {
			if (route.segments.length !== segments.length) continue;
			const values: Record<string, string> = {};
			const fits = route.segments.every((segment, index) => {
				if (isParameter(segment)) {
					values[segment.slice(1, -1)] = decodeURIComponent(segments[index]);
					return true;
				}
				return segment.toLowerCase() === segments[index].toLowerCase();
			});
			if (fits) found.push({ ...route, values });
		}
		const rank = (route: Route) => route.segments.map((s) => (isParameter(s) ? '1' : '0')).join('');
		return found.sort(
			(a, b) =>
				Number(a.document !== 'admin') - Number(b.document !== 'admin') ||
				rank(a).localeCompare(rank(b)),
		);
	}

	private validator(ajv: Ajv2019, key: string, schema: unknown): ValidateFunction {
		let validate = this.compiled.get(key);
		if (!validate) {
			validate = ajv.compile(schema as Schema);
			this.compiled.set(key, validate);
		}
		return validate;
	}

	/** What is wrong with a request, measured against the operation it matches. */
	check(request: SpecRequest): SpecVerdict {
		const method = request.method.toUpperCase();
		const candidates = this.matches(request.path);
		if (!candidates.length) return { problems: ['no path of the OpenAPI documents matches it'] };
		const route = candidates.find((candidate) => candidate.operations[method]);
		if (!route) {
			const offered = candidates.map(
				(c) => `${c.template} (${c.document}): ${Object.keys(c.operations).join(', ')}`,
			);
			return {
				problems: [`no ${method} operation for this path; it matches ${offered.join('; ')}`],
			};
		}
		const operation = route.operations[method];
		const name = `${method} ${route.template} (${route.document})`;
		const problems: string[] = [];
		const parameters = operation.parameters ?? [];

		const checkValue = (parameter: Parameter, value: string) => {
			if (!parameter.schema) return;
			const validate = this.validator(
				this.parameterAjv,
				`${name} ${parameter.in} ${parameter.name}`,
				parameter.schema,
			);
			if (!validate(value))
				problems.push(
					`${parameter.in} parameter ${parameter.name}=${JSON.stringify(value)}: ${(validate.errors ?? []).map((e) => e.message).join('; ')}`,
				);
		};
		for (const parameter of parameters.filter((p) => p.in === 'path'))
			checkValue(parameter, route.values[parameter.name] ?? '');
		const query = request.query ?? {};
		const declared = new Map(
			parameters.filter((p) => p.in === 'query').map((p) => [p.name.toLowerCase(), p]),
		);
		for (const [key, value] of Object.entries(query)) {
			const parameter = declared.get(key.toLowerCase());
			if (!parameter) problems.push(`query parameter ${key} is not declared`);
			else checkValue(parameter, value);
		}
		for (const parameter of declared.values()) {
			const sent = Object.keys(query).some(
				(key) => key.toLowerCase() === parameter.name.toLowerCase(),
			);
			if (parameter.required && !sent)
				problems.push(`the required query parameter ${parameter.name} is missing`);
		}

		const requestBody = operation.requestBody;
		if (!request.hasBody) {
			if (requestBody?.required) problems.push('the required body is missing');
			return { operation: name, problems };
		}
		if (!requestBody) {
			problems.push('it sends a body, the operation takes none');
			return { operation: name, problems };
		}
		const type = (request.contentType ?? '').split(';')[0].trim().toLowerCase();
		const content = requestBody.content[type];
		if (!content) {
			problems.push(
				`Content-Type ${type || '(none)'} is not one the operation takes (${Object.keys(requestBody.content).join(', ')})`,
			);
			return { operation: name, problems };
		}
		if (request.body === undefined) {
			problems.push('its body was not journaled (over 64 KiB?), so it cannot be checked');
		} else if (type.includes('json') && typeof request.body === 'string') {
			problems.push('its body is not valid JSON');
		} else if (content.schema) {
			const validate = this.validator(this.bodyAjv, `${name} body`, content.schema);
			if (!validate(request.body))
				problems.push(...(validate.errors ?? []).map((error) => `body: ${describeError(error)}`));
		}
		return { operation: name, problems };
	}
}

/** A request a test sends on purpose against the spec, left out of the check, with why. */
export interface SpecExemption {
	method?: string;
	/** Tested against the path below `/api`. */
	path: RegExp;
	reason: string;
}

export interface JournalCheck {
	checked: number;
	exempted: Array<{ entry: string; reason: string }>;
	/** One line per request that does not validate: method, path, operation and the problems. */
	failures: string[];
}

/** A journal entry of the Nomad Media simulator as a request to check. */
export function specRequest(entry: JournalEntry): SpecRequest {
	const length = Number(entry.headers['content-length'] ?? 0);
	return {
		method: entry.method,
		path: entry.path.replace(/^\/api(?=\/|$)/, ''),
		query: entry.query,
		hasBody: length > 0 || !!entry.headers['transfer-encoding'],
		body: entry.body,
		contentType: entry.headers['content-type'],
	};
}

/** Checks journaled requests of the Nomad Media simulator against the OpenAPI facts. */
export function checkJournal(
	entries: JournalEntry[],
	exemptions: SpecExemption[] = [],
	spec: NomadSpec = NomadSpec.load(),
): JournalCheck {
	const result: JournalCheck = { checked: 0, exempted: [], failures: [] };
	for (const entry of entries) {
		const request = specRequest(entry);
		const label = `${entry.method} ${entry.path}`;
		if (!entry.path.startsWith('/api/')) {
			result.failures.push(`${label}: not below /api, where every Nomad Media route is`);
			continue;
		}
		const exemption = exemptions.find(
			(e) => (!e.method || e.method.toUpperCase() === entry.method) && e.path.test(request.path),
		);
		if (exemption) {
			result.exempted.push({ entry: label, reason: exemption.reason });
			continue;
		}
		if (entry.fault && entry.status === undefined && request.hasBody && entry.body === undefined) {
			// An injected dropped connection: the request never reached a handler, nor was its body read.
			result.exempted.push({ entry: label, reason: `the fault ${entry.fault} dropped it unread` });
			continue;
		}
		result.checked++;
		const verdict = spec.check(request);
		if (verdict.problems.length)
			result.failures.push(
				`${label}${verdict.operation ? ` [${verdict.operation}]` : ''}: ${verdict.problems.join('; ')}`,
			);
	}
	return result;
}
