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
	for (const runs of Object.values(runData)) {
		for (const output of runs[runs.length - 1]?.data?.main ?? []) {
			for (const item of output ?? []) {
				if (item) items++;
			}
		}
	}
	return { items, error: run?.data?.resultData?.error?.message };
}

/** A workflow started by hand: `n8n execute --id`. */
async function runOnce(folder, workflow) {
	const cli = await runtime.n8nCli(folder, ['execute', '--id', workflow.id, '--rawOutput'], {
		N8N_LOG_LEVEL: 'info',
	});
	return { cli, run: parseRawOutput(cli.stdout) };
}

/**
 * A workflow started by a poll trigger: activated on a briefly started n8n, which polls at once
 * on activation; the result is that first execution, read back through the REST API.
 */
async function runActivated(folder, workflow, port = 5699) {
	const activate = await runtime.n8nCli(folder, [
		'update:workflow',
		`--id=${workflow.id}`,
		'--active=true',
	]);
	if (activate.status !== 0) return { cli: activate, run: undefined };
	let output = '';
	const server = runtime.startServer(folder, port, { N8N_LOG_LEVEL: 'info' }, 'pipe');
	server.stdout.on('data', (chunk) => (output += chunk));
	server.stderr.on('data', (chunk) => (output += chunk));
	const baseUrl = `http://localhost:${port}`;
	try {
		await runtime.waitForReady(baseUrl, 180_000, server);
		await runtime.setupOwner(baseUrl);
		const cookie = await runtime.login(baseUrl);
		const deadline = Date.now() + 90_000;
		while (Date.now() < deadline) {
			const list = await (
				await fetch(
					`${baseUrl}/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: workflow.id }))}`,
					{ headers: { cookie } },
				)
			).json();
			const done = (list.data?.results ?? []).find(
				(execution) =>
					execution.finished || ['success', 'error', 'crashed'].includes(execution.status),
			);
			if (done) {
				const full = await (
					await fetch(`${baseUrl}/rest/executions/${done.id}`, { headers: { cookie } })
				).json();
				const data =
					typeof full.data?.data === 'string' ? unflatten(full.data.data) : full.data?.data;
				return {
					cli: { status: 0, stdout: output, stderr: '' },
					run: { status: full.data?.status ?? done.status, data },
				};
			}
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
		return {
			cli: { status: 1, stdout: output, stderr: 'no execution within 90 s of activation' },
			run: undefined,
		};
	} finally {
		server.kill('SIGTERM');
		await new Promise((resolve) => server.once('exit', resolve));
	}
}

/** n8n stores execution data "flatted" (objects as indexes into one array). */
function unflatten(text) {
	const values = JSON.parse(text);
	const seen = new Map();
	const revive = (value) => {
		if (typeof value === 'string' && /^\d+$/.test(value)) return resolveIndex(Number(value));
		if (Array.isArray(value)) return value.map(revive);
		if (value && typeof value === 'object')
			return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
		return value;
	};
	const resolveIndex = (index) => {
		if (seen.has(index)) return seen.get(index);
		const raw = values[index];
		if (raw === null || typeof raw !== 'object') return raw;
		const target = Array.isArray(raw) ? [] : {};
		seen.set(index, target);
		for (const [key, value] of Object.entries(raw)) target[key] = revive(value);
		return target;
	};
	return resolveIndex(0);
}

/** Runs the examples against a running sandbox; returns one result per workflow. */
async function runExamples(sandboxInfo, { log = console.log, userFolder } = {}) {
	const folder = userFolder ?? mkdtempSync(join(tmpdir(), 'n8n-dam-demo-'));
	runtime.prepareUserFolder(folder);
	const { credentialsFile, workflowsFile, tokens } = await writeImportFiles(folder, sandboxInfo);
	for (const args of [
		['import:credentials', `--input=${credentialsFile}`],
		['import:workflow', `--input=${workflowsFile}`],
	]) {
		const result = await runtime.n8nCli(folder, args);
		if (result.status !== 0)
			throw new Error(`n8n ${args[0]} failed:\n${result.stdout}\n${result.stderr}`);
	}
	const results = [];
	for (const { file, workflow } of exampleWorkflows(tokens)) {
		const journalBefore = await (await fetch(`${sandboxInfo.control}/journal`)).json();
		const since = journalBefore.length ? journalBefore[journalBefore.length - 1].seq : 0;
		const started = Date.now();
		const triggered = workflow.nodes.some(
			(node) => /Trigger$/.test(node.type) && !node.type.startsWith('n8n-nodes-base.'),
		);
		const { cli, run } = triggered
			? await runActivated(folder, workflow)
			: await runOnce(folder, workflow);
		const seconds = (Date.now() - started) / 1000;
		const journal = await (await fetch(`${sandboxInfo.control}/journal?since=${since}`)).json();
		const uploaded = journal.reduce(
			(sum, entry) => sum + Number(entry.headers['content-length'] ?? 0),
			0,
		);
		const summary = summarize(run);
		const status = run?.status ?? (cli.status === 0 ? 'unknown' : 'error');
		const result = {
			file,
			name: workflow.name,
			id: workflow.id,
			status,
			seconds,
			requests: journal.length,
			uploaded,
			run,
			cli,
			...summary,
		};
		results.push(result);
		log(
			`${status === 'success' ? 'ok  ' : 'FAIL'} ${workflow.name.padEnd(58)} ${String(summary.items).padStart(4)} items` +
				`  ${(uploaded / 1048576).toFixed(1).padStart(7)} MiB sent to the sandbox` +
				`  ${String(journal.length).padStart(4)} DAM/storage requests  ${seconds.toFixed(1)} s` +
				(summary.error
					? `\n     ${summary.error}`
					: status !== 'success'
						? `\n     ${cli.stderr.slice(-500) || cli.stdout.slice(-500)}`
						: ''),
		);
	}
	if (!userFolder) rmSync(folder, { recursive: true, force: true });
	return { results, tokens };
}

async function main() {
	const tsc = require.resolve('typescript/bin/tsc');
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
	const sandbox = startSandbox('auto');
	try {
		const info = await sandbox.ready;
		console.log(
			`Running the example workflows through n8n ${runtime.N8N_VERSION} against the DAM sandbox:\n`,
		);
		const { results } = await runExamples(info);
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
