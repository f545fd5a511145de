#!/usr/bin/env node
// `npm run lint`: n8n's own linter, `n8n-node lint` (@n8n/node-cli), in strict mode with its
// default eslint.config.mjs, over what n8n verifies of a community package: package.json, nodes/
// and credentials/ (the scanner's SOURCE_FILE_PATTERNS). `n8n-node lint` lints the whole folder it
// runs in, and the tests are not package code, so it runs in a staging folder holding only those
// (with tsconfig.json, and node_modules linked for the import resolver).
const { spawnSync } = require('child_process');
const { cpSync, mkdtempSync, rmSync, symlinkSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');

const root = join(__dirname, '..');
const PACKAGE_SOURCES = [
	'package.json',
	'tsconfig.json',
	'eslint.config.mjs',
	'nodes',
	'credentials',
];

function stagePackage(from = root) {
	const stage = mkdtempSync(join(tmpdir(), 'n8n-nodes-dam-lint-'));
	for (const entry of PACKAGE_SOURCES)
		cpSync(join(from, entry), join(stage, entry), { recursive: true });
	symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'), 'dir');
	return stage;
}

/**
 * The environment for n8n's linters: without NODE_ENV=test (as jest sets it), which makes
 * eslint-plugin-n8n-nodes-base take every node for a regular one (its issue #197).
 */
function lintEnv() {
	const env = { ...process.env, CI: 'true' };
	delete env.NODE_ENV;
	return env;
}

/** Runs `n8n-node lint` on a staged copy; returns its exit status and output. */
function lintStaged(stage, stdio = 'inherit') {
	// The package's exports do not include its bin; run it from node_modules as npm would.
	const bin = join(root, 'node_modules', '@n8n', 'node-cli', 'bin', 'n8n-node.mjs');
	const result = spawnSync(process.execPath, [bin, 'lint'], {
		cwd: stage,
		stdio,
		encoding: 'utf8',
		env: lintEnv(),
	});
	return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

if (require.main === module) {
	const stage = stagePackage();
	const { status } = lintStaged(stage);
	rmSync(stage, { recursive: true, force: true });
	process.exit(status ?? 1);
}

module.exports = { stagePackage, lintStaged, lintEnv };
