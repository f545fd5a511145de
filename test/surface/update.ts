/**
 * `npm run surface:update`: writes the current public surface to test/surface/surface.json. Run it
 * after ADDING to the surface (a node, a version, an operation, a parameter or an option value);
 * the surface test fails on anything removed, renamed or changed, which no update may hide.
 */
import { writeFileSync } from 'fs';
import { join } from 'path';

import { PACKAGE_CREDENTIALS, PACKAGE_NODES } from '../harness/package';
import { packageSurface } from './surface';

const file = join(__dirname, '..', '..', '..', 'test', 'surface', 'surface.json');
writeFileSync(
	file,
	`${JSON.stringify(packageSurface(PACKAGE_NODES, PACKAGE_CREDENTIALS), null, '\t')}\n`,
);
console.log(`wrote ${file}`);
