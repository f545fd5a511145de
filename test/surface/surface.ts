/**
 * The public surface of the package: what saved workflows depend on. Per node type and version,
 * per resource/operation, every parameter a user can set: its type, default, required flag and
 * option values, nested through collections; per credential type, its fields. Names are frozen by
 * string and by meaning: `compareSurface` reports what was removed, renamed or changed.
 */
import type {
	ICredentialType,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
} from 'n8n-workflow';

export interface ParameterSignature {
	type: string;
	default: unknown;
	required?: boolean;
	/** Values of an options / multiOptions parameter. */
	options?: Array<string | number | boolean>;
	/** Parameters inside a collection, or inside each group of a fixedCollection ("group.name"). */
	children?: Record<string, ParameterSignature>;
}

/** "resource/operation" (or "-" for nodes without them) -> parameter name -> its variants. */
export type VersionSurface = Record<string, Record<string, ParameterSignature[]>>;

export interface Surface {
	nodes: Record<string, { versions: Record<string, VersionSurface> }>;
	credentials: Record<string, Record<string, ParameterSignature>>;
}

type Show = Record<string, unknown[] | undefined>;

/** Whether a displayOptions `@version` condition admits this version. */
function versionMatches(conditions: unknown[] | undefined, version: number): boolean {
	if (!conditions) return true;
	return conditions.some((condition) => {
		if (typeof condition === 'number') return condition === version;
		const cnd = (condition as { _cnd?: Record<string, number> })?._cnd;
		if (!cnd) return false;
		return Object.entries(cnd).every(([op, value]) => {
			switch (op) {
				case 'gte':
					return version >= value;
				case 'gt':
					return version > value;
				case 'lte':
					return version <= value;
				case 'lt':
					return version < value;
				case 'eq':
					return version === value;
				default:
					return false;
			}
		});
	});
}

function visibleIn(property: INodeProperties, version: number): boolean {
	const show = (property.displayOptions?.show ?? {}) as Show;
	const hide = (property.displayOptions?.hide ?? {}) as Show;
	if (!versionMatches(show['@version'], version)) return false;
	if (hide['@version'] && versionMatches(hide['@version'], version)) return false;
	return true;
}

function optionValues(property: INodeProperties): Array<string | number | boolean> | undefined {
	if (property.type !== 'options' && property.type !== 'multiOptions') return undefined;
	if (!Array.isArray(property.options)) return undefined; // loaded from the DAM
	return (property.options as INodePropertyOptions[])
		.map((option) => option.value as string | number | boolean)
		.sort();
}

function signature(property: INodeProperties, version: number): ParameterSignature {
	const sig: ParameterSignature = { type: property.type, default: property.default ?? null };
	if (property.required) sig.required = true;
	const options = optionValues(property);
	if (options) sig.options = options;
	if (property.type === 'collection' && Array.isArray(property.options)) {
		sig.children = {};
		// By name: the order options are declared in is not part of the surface.
		const children = [...(property.options as INodeProperties[])].sort((a, b) =>
			a.name.localeCompare(b.name),
		);
		for (const child of children) {
			if (visibleIn(child, version)) sig.children[child.name] = signature(child, version);
		}
	}
	if (property.type === 'fixedCollection' && Array.isArray(property.options)) {
		sig.children = {};
		for (const group of property.options as INodePropertyCollection[]) {
			for (const child of group.values ?? []) {
				if (visibleIn(child, version))
					sig.children[`${group.name}.${child.name}`] = signature(child, version);
			}
		}
	}
	return sig;
}

function versionsOf(node: INodeType): number[] {
	const version = node.description.version;
	return Array.isArray(version) ? version : [version];
}

/** The (resource, operation) pairs a parameter shows for; ["-"] when it shows regardless. */
function placesOf(
	property: INodeProperties,
	resources: string[],
	operationsOf: (resource: string) => string[],
): string[] {
	const show = (property.displayOptions?.show ?? {}) as Show;
	const shownResources = (show.resource as string[] | undefined) ?? resources;
	const places: string[] = [];
	for (const resource of shownResources.length ? shownResources : ['-']) {
		const operations = (show.operation as string[] | undefined) ?? operationsOf(resource);
		for (const operation of operations.length ? operations : ['-'])
			places.push(`${resource}/${operation}`);
	}
	return places;
}

export function nodeSurface(node: INodeType): Record<string, VersionSurface> {
	const result: Record<string, VersionSurface> = {};
	for (const version of versionsOf(node)) {
		const properties = node.description.properties.filter((property) =>
			visibleIn(property, version),
		);
		const resourceProperty = properties.find((property) => property.name === 'resource');
		const resources = resourceProperty ? (optionValues(resourceProperty) as string[]) : ['-'];
		const operationsOf = (resource: string) =>
			properties
				.filter((property) => property.name === 'operation')
				.filter((property) => {
					const shown =
						(property.displayOptions?.show?.resource as string[] | undefined) ?? resources;
					return shown.includes(resource);
				})
				.flatMap((property) => (optionValues(property) as string[]) ?? []);
		const surface: VersionSurface = {};
		for (const property of properties) {
			if (property.type === 'notice') continue;
			for (const place of placesOf(property, resources, operationsOf)) {
				const variants = ((surface[place] ??= {})[property.name] ??= []);
				const sig = signature(property, version);
				if (!variants.some((existing) => JSON.stringify(existing) === JSON.stringify(sig)))
					variants.push(sig);
			}
		}
		result[String(version)] = surface;
	}
	return result;
}

export function credentialSurface(credential: ICredentialType): Record<string, ParameterSignature> {
	const fields: Record<string, ParameterSignature> = {};
	for (const property of credential.properties) fields[property.name] = signature(property, 1);
	return fields;
}

export function packageSurface(nodes: INodeType[], credentials: ICredentialType[]): Surface {
	const surface: Surface = { nodes: {}, credentials: {} };
	for (const node of nodes) surface.nodes[node.description.name] = { versions: nodeSurface(node) };
	for (const credential of credentials)
		surface.credentials[credential.name] = credentialSurface(credential);
	return surface;
}

function sameValue(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/** What `current` breaks of `frozen`: each entry a sentence naming the node, version, place and parameter. */
function compareSignatures(
	where: string,
	frozen: ParameterSignature,
	current: ParameterSignature,
	problems: string[],
): void {
	if (frozen.type !== current.type)
		problems.push(`${where}: type ${frozen.type} became ${current.type}`);
	if (!sameValue(frozen.default, current.default)) {
		problems.push(
			`${where}: default ${JSON.stringify(frozen.default)} became ${JSON.stringify(current.default)} without a new node version`,
		);
	}
	if (!frozen.required && current.required) problems.push(`${where}: became required`);
	for (const value of frozen.options ?? []) {
		if (!(current.options ?? []).includes(value))
			problems.push(`${where}: option value ${JSON.stringify(value)} was removed or renamed`);
	}
	for (const [name, child] of Object.entries(frozen.children ?? {})) {
		const now = current.children?.[name];
		if (!now) problems.push(`${where}.${name}: was removed or renamed`);
		else compareSignatures(`${where}.${name}`, child, now, problems);
	}
}

export function compareSurface(
	frozen: Surface,
	current: Surface,
): { problems: string[]; additions: string[] } {
	const problems: string[] = [];
	const additions: string[] = [];
	for (const [type, node] of Object.entries(frozen.nodes)) {
		const now = current.nodes[type];
		if (!now) {
			problems.push(`node ${type} was removed or renamed`);
			continue;
		}
		for (const [version, places] of Object.entries(node.versions)) {
			const nowPlaces = now.versions[version];
			if (!nowPlaces) {
				problems.push(`${type} v${version} was removed`);
				continue;
			}
			for (const [place, parameters] of Object.entries(places)) {
				if (!nowPlaces[place]) {
					problems.push(`${type} v${version} ${place}: the operation was removed or renamed`);
					continue;
				}
				for (const [name, variants] of Object.entries(parameters)) {
					const nowVariants = nowPlaces[place][name];
					const where = `${type} v${version} ${place} ${name}`;
					if (!nowVariants) {
						problems.push(`${where}: was removed or renamed`);
						continue;
					}
					for (const variant of variants) {
						// A parameter shown in several forms (one per mode) has one variant each: the same
						// variant first, else the one of its type and default.
						const match =
							nowVariants.find((candidate) => sameValue(candidate, variant)) ??
							nowVariants.find(
								(candidate) =>
									candidate.type === variant.type && sameValue(candidate.default, variant.default),
							) ??
							nowVariants[0];
						compareSignatures(where, variant, match, problems);
					}
				}
			}
			for (const [place, parameters] of Object.entries(nowPlaces)) {
				if (!places[place]) additions.push(`${type} v${version} ${place}`);
				else
					for (const name of Object.keys(parameters))
						if (!places[place][name]) additions.push(`${type} v${version} ${place} ${name}`);
			}
		}
		for (const version of Object.keys(now.versions))
			if (!node.versions[version]) additions.push(`${type} v${version}`);
	}
	for (const type of Object.keys(current.nodes))
		if (!frozen.nodes[type]) additions.push(`node ${type}`);
	for (const [type, fields] of Object.entries(frozen.credentials)) {
		const now = current.credentials[type];
		if (!now) {
			problems.push(`credential ${type} was removed or renamed`);
			continue;
		}
		for (const [name, field] of Object.entries(fields)) {
			if (!now[name]) problems.push(`credential ${type} ${name}: was removed or renamed`);
			else compareSignatures(`credential ${type} ${name}`, field, now[name], problems);
		}
		for (const name of Object.keys(now))
			if (!fields[name]) additions.push(`credential ${type} ${name}`);
	}
	for (const type of Object.keys(current.credentials))
		if (!frozen.credentials[type]) additions.push(`credential ${type}`);
	return { problems, additions };
}
