#!/usr/bin/env node
// `npm run demo`: runs every example workflow through a real n8n (import:workflow + execute --id)
// against the DAM sandbox, headless, and prints a short report per workflow.
const { execFileSync } = require('child_process');
const { mkdtempSync, rmSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');

const runtime = require('./n8n-runtime');
const { startSandbox } = require('./sandbox-process');
const { exampleWorkflows, writeImportFiles } = require('./examples');

/** The run JSON that `n8n execute --rawOutput` prints after any log lines. */
function parseRawOutput(stdout) {
	const start = stdout.search(/^\{\s*$/m);
	if (start < 0) return undefined;
	try {
		return JSON.parse(stdout.slice(start));
	} catch {
		return undefined;
	}
}

function summarize(run) {
	const runData = run?.data?.resultData?.runData ?? {};
	let items = 0;
	let binaryBytes = 0;
	for (const runs of Object.values(runData)) {
		for (const output of runs[runs.length - 1]?.data?.main ?? []) {
			for (const item of output ?? []) {
				items++;
				for (const binary of Object.values(item.binary ?? {})) binaryBytes += Number(binary.bytes ?? 0);
			}
		}
	}
	return { items, binaryBytes, error: run?.data?.resultData?.error?.message };
}

/** Runs the examples against a running sandbox; returns one result per workflow. */
async function runExamples(sandboxInfo, { log = console.log, userFolder } = {}) {
	const folder = userFolder ?? mkdtempSync(join(tmpdir(), 'n8n-dam-demo-'));
	runtime.prepareUserFolder(folder);
	const { credentialsFile, workflowsFile } = writeImportFiles(folder, sandboxInfo);
	for (const args of [['import:credentials', `--input=${credentialsFile}`], ['import:workflow', `--input=${workflowsFile}`]]) {
		const result = runtime.n8nCli(folder, args);
		if (result.status !== 0) throw new Error(`n8n ${args[0]} failed:\n${result.stdout}\n${result.stderr}`);
	}
	const results = [];
	for (const { file, workflow } of exampleWorkflows()) {
		const journalBefore = await (await fetch(`${sandboxInfo.control}/journal`)).json();
		const since = journalBefore.length ? journalBefore[journalBefore.length - 1].seq : 0;
		const started = Date.now();
		const cli = runtime.n8nCli(folder, ['execute', '--id', workflow.id, '--rawOutput'], { N8N_LOG_LEVEL: 'info' });
		const seconds = (Date.now() - started) / 1000;
		const run = parseRawOutput(cli.stdout);
		const journal = await (await fetch(`${sandboxInfo.control}/journal?since=${since}`)).json();
		const uploaded = journal.reduce((sum, entry) => sum + Number(entry.headers['content-length'] ?? 0), 0);
		const summary = summarize(run);
		const status = run?.status ?? (cli.status === 0 ? 'unknown' : 'error');
		const result = { file, name: workflow.name, id: workflow.id, status, seconds, requests: journal.length, uploaded, run, cli, ...summary };
		results.push(result);
		log(
			`${status === 'success' ? 'ok  ' : 'FAIL'} ${workflow.name.padEnd(58)} ${String(summary.items).padStart(4)} items` +
				`  ${(uploaded / 1048576).toFixed(1).padStart(7)} MiB up ${(summary.binaryBytes / 1048576).toFixed(1).padStart(7)} MiB binary` +
				`  ${String(journal.length).padStart(4)} DAM/storage requests  ${seconds.toFixed(1)} s` +
				(summary.error ? `\n     ${summary.error}` : status !== 'success' ? `\n     ${cli.stderr.slice(-500) || cli.stdout.slice(-500)}` : ''),
		);
	}
	if (!userFolder) rmSync(folder, { recursive: true, force: true });
	return results;
}

async function main() {
	const tsc = require.resolve('typescript/bin/tsc');
	execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: runtime.root, stdio: 'inherit' });
	execFileSync(process.execPath, [require.resolve('gulp/bin/gulp'), 'build:icons'], { cwd: runtime.root, stdio: 'ignore' });
	execFileSync(process.execPath, [tsc, '-p', 'tsconfig.test.json'], { cwd: runtime.root, stdio: 'inherit' });
	runtime.ensureRuntime();
	const sandbox = startSandbox('auto');
	try {
		const info = await sandbox.ready;
		console.log(`Running the example workflows through n8n ${runtime.N8N_VERSION} against the DAM sandbox:\n`);
		const results = await runExamples(info);
		const failed = results.filter((r) => r.status !== 'success').length;
		console.log(`\n${results.length - failed} of ${results.length} workflows succeeded.`);
		process.exitCode = failed ? 1 : 0;
	} finally {
		sandbox.child.kill('SIGTERM');
	}
}

module.exports = { runExamples, parseRawOutput };

if (require.main === module) {
	main().catch((error) => {
		console.error(error.message ?? error);
		process.exit(1);
	});
}
