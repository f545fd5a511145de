#!/usr/bin/env node
// Compiles sources and tests into .test-build, then runs every *.test.js with jest against one
// sandbox for the whole run (jest.config.js: started by the global setup, one file at a time).
// `node scripts/test.js mediapocket shared` runs only files whose path contains one of the words.
const { execFileSync, spawnSync } = require('child_process');
const { join } = require('path');

const root = join(__dirname, '..');
const filters = process.argv.slice(2);
try {
	execFileSync(
		process.execPath,
		[require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.test.json'],
		{
			cwd: root,
			stdio: 'inherit',
		},
	);
} catch {
	// A full run (CI) must compile cleanly; a filtered run goes on with what was emitted.
	if (filters.length === 0) process.exit(1);
	console.error('Type errors above; running the selected tests anyway');
}

const escape = (word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const result = spawnSync(
	process.execPath,
	[
		jest,
		'--config',
		join(root, 'jest.config.js'),
		// JEST_WORKERS=1 when other test runs share the machine.
		...(process.env.JEST_WORKERS ? ['--maxWorkers', process.env.JEST_WORKERS] : []),
		// Matched below .test-build only: the checkout's own path may hold a filter word.
		...(filters.length
			? ['--testPathPatterns', `\\.test-build/.*(${filters.map(escape).join('|')})`]
			: []),
	],
	{
		cwd: root,
		stdio: 'inherit',
		env: {
			...process.env,
			N8N_USER_FOLDER: join(root, '.test-build', 'n8n-user'),
			NODE_OPTIONS: '--max-old-space-size=4096',
		},
	},
);
process.exit(result.status ?? 1);
