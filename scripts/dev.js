#!/usr/bin/env node
// `npm run dev`: build, start the DAM sandbox, install (once) and start n8n 1.123.81 on
// http://localhost:5678 with this package installed, a dev owner, one credential per DAM pointing at
// the sandbox and the example workflows. Ctrl-C stops everything it started.
const { execFileSync } = require('child_process');
const { mkdirSync } = require('fs');
const { join } = require('path');

const runtime = require('./n8n-runtime');
const { startSandbox } = require('./sandbox-process');
const { writeImportFiles } = require('./examples');

const PORT = Number(process.env.N8N_PORT || 5678);
const userFolder = join(runtime.root, '.n8n-dev');
const children = [];

function stopAll(code = 0) {
	for (const child of children.reverse()) if (child.exitCode === null) child.kill('SIGTERM');
	setTimeout(() => process.exit(code), 500);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

async function main() {
	if (!(await runtime.portIsFree(PORT))) {
		console.error(
			`Port ${PORT} is taken: stop whatever runs there (another n8n?) or set N8N_PORT to a free port.`,
		);
		process.exit(1);
	}
	for (const port of [4100, 4101, 4102, 4103, 4104, 4105, 4109, 4110, 4111]) {
		if (!(await runtime.portIsFree(port))) {
			console.error(
				`Port ${port} (DAM sandbox) is taken: is another 'npm run dev' or 'npm run sandbox' running?`,
			);
			process.exit(1);
		}
	}
	const tsc = require.resolve('typescript/bin/tsc');
	console.log('Building the package and the sandbox...');
	execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], {
		cwd: runtime.root,
		stdio: 'inherit',
	});
	execFileSync(
		process.execPath,
		[join(runtime.root, 'node_modules', 'gulp', 'bin', 'gulp.js'), 'build:icons'],
		{ cwd: runtime.root, stdio: 'ignore' },
	);
	execFileSync(process.execPath, [tsc, '-p', 'tsconfig.test.json'], {
		cwd: runtime.root,
		stdio: 'inherit',
	});
	runtime.ensureRuntime();

	const sandbox = startSandbox('fixed');
	children.push(sandbox.child);
	const info = await sandbox.ready;

	runtime.prepareUserFolder(userFolder);
	const importDir = join(userFolder, 'import');
	mkdirSync(importDir, { recursive: true });
	const { credentialsFile, workflowsFile, tokens } = await writeImportFiles(importDir, info);
	for (const args of [
		['import:credentials', `--input=${credentialsFile}`],
		['import:workflow', `--input=${workflowsFile}`],
	]) {
		const result = await runtime.n8nCli(userFolder, args);
		if (result.status !== 0) {
			console.error(`n8n ${args[0]} failed:\n${result.stdout}\n${result.stderr}`);
			stopAll(1);
			return;
		}
	}

	const server = runtime.startServer(userFolder, PORT);
	children.push(server);
	server.on('exit', (code) => {
		if (code) console.error(`n8n exited with code ${code}`);
		stopAll(code ?? 0);
	});
	const baseUrl = `http://localhost:${PORT}`;
	await runtime.waitForReady(baseUrl, 180_000, server);
	await runtime.setupOwner(baseUrl);
	console.log(`
n8n is running at ${baseUrl} with n8n-nodes-dam and the DAM sandbox.
  Log in:       ${runtime.DEV_OWNER.email} / ${runtime.DEV_OWNER.password}
  Credentials:  one per DAM, "<DAM> (sandbox)", pointing at the sandbox
  Workflows:    the examples, ready to run
  Sandbox:      control ${info.control}
Press Ctrl-C to stop n8n and the sandbox.`);
}

main().catch((error) => {
	console.error(error.message ?? error);
	stopAll(1);
});
