import type { ICredentialType, INodeType } from 'n8n-workflow';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

/**
 * The package's nodes and credentials, found the way n8n finds them: from the `n8n` section of
 * package.json (dist/... paths mapped to the compiled test build of the same sources).
 */
function load<T>(paths: string[]): T[] {
	return paths.flatMap((distPath) => {
		const compiled = join(__dirname, '..', '..', distPath.replace(/^dist\//, ''));
		// While the package is being built out, a listed file may not exist yet: say so and go on.
		if (!existsSync(compiled)) {
			console.warn(`package.json lists ${distPath}, which is not built`);
			return [];
		}
		const module = require(compiled) as Record<string, new () => T>;
		const exported = Object.values(module).find((value) => typeof value === 'function');
		if (!exported) throw new Error(`${distPath} exports no class`);
		return [new exported()];
	});
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'))
	.n8n as {
	nodes: string[];
	credentials: string[];
};

export const PACKAGE_NODES: INodeType[] = load<INodeType>(manifest.nodes);
export const PACKAGE_CREDENTIALS: ICredentialType[] = load<ICredentialType>(manifest.credentials);
