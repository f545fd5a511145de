import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from '@jest/globals';

import { PACKAGE_CREDENTIALS, PACKAGE_NODES } from '../harness/package';
import { compareSurface, packageSurface, type Surface } from './surface';

/**
 * Saved workflows depend on node, credential, parameter and option names and on defaults: frozen
 * by string and by meaning. A change needs a new node version; an addition needs
 * `npm run surface:update` so that it is frozen too.
 */
describe('the frozen public surface', () => {
	const frozen = JSON.parse(
		readFileSync(join(__dirname, '..', '..', '..', 'test', 'surface', 'surface.json'), 'utf8'),
	) as Surface;
	const current = packageSurface(PACKAGE_NODES, PACKAGE_CREDENTIALS);
	const { problems, additions } = compareSurface(frozen, current);

	it('removes, renames and changes nothing without a new node version', () => {
		assert.deepEqual(problems, []);
	});

	it('has every addition recorded in the snapshot (npm run surface:update)', () => {
		assert.deepEqual(additions, []);
	});

	it('catches a renamed option value and a changed default (the check itself)', () => {
		const tampered = JSON.parse(JSON.stringify(current)) as Surface;
		const node = Object.values(tampered.nodes)[0];
		const version = Object.values(node.versions)[0];
		const [place, parameters] = Object.entries(version).find(([, params]) =>
			Object.values(params).some((v) => v[0].options),
		)!;
		const [name, variants] = Object.entries(parameters).find(([, v]) => v[0].options)!;
		variants[0].options = [...variants[0].options!, 'a-value-that-was-renamed'];
		variants[0].default = 'a-default-that-changed';
		const result = compareSurface(tampered, current);
		assert.ok(
			result.problems.some(
				(p) => p.includes(`${place} ${name}`) && p.includes('a-value-that-was-renamed'),
			),
			result.problems.join('\n'),
		);
		assert.ok(result.problems.some((p) => p.includes('a-default-that-changed')));
	});
});
