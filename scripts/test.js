#!/usr/bin/env node
// Compiles sources and tests into .test-build, then runs every *.test.js with Node's test runner,
// one file at a time (each file starts its own sandbox; the machine has 2 cores).
// `node scripts/test.js mediapocket shared` runs only files whose path contains one of the words.
const { execFileSync, spawnSync } = require('child_process');
const { readdirSync, statSync } = require('fs');
const { join, relative } = require('path');

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

function find(dir) {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return find(path);
		return name.endsWith('.test.js') ? [path] : [];
	});
}

const files = find(join(root, '.test-build', 'test'))
	.filter(
		(file) => filters.length === 0 || filters.some((word) => relative(root, file).includes(word)),
	)
	.sort();
if (files.length === 0) {
	console.error('No test files matched');
	process.exit(1);
}
const result = spawnSync(
	process.execPath,
	['--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
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
