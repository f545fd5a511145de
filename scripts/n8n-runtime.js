// The pinned n8n server (1.123.81, the line that installs and runs on Node 20) in .n8n-runtime/,
// installed on first use and reused after. Facts behind the recipe: ../shared/n8n/runtime-notes.md.
const { spawn, spawnSync } = require('child_process');
const { createHash } = require('crypto');
const {
	cpSync,
	existsSync,
	mkdirSync,
	readFileSync,
	writeFileSync,
	rmSync,
	statSync,
} = require('fs');
const { join } = require('path');
const net = require('net');

const root = join(__dirname, '..');
const N8N_VERSION = '1.123.81';
const runtimeDir = join(root, '.n8n-runtime');
const n8nBin = join(runtimeDir, 'node_modules', 'n8n', 'bin', 'n8n');

function log(message) {
	process.stderr.write(`[n8n-runtime] ${message}\n`);
}

const marker = join(runtimeDir, '.ready');
const lockDir = join(root, '.n8n-runtime.lock');
const recipeDir = join(__dirname, 'n8n-runtime');

/** The n8n version and the lockfile's hash: a changed recipe installs again. */
function recipeVersion() {
	const lock = readFileSync(join(recipeDir, 'package-lock.json'));
	return `${N8N_VERSION} ${createHash('sha256').update(lock).digest('hex').slice(0, 16)}`;
}

function runtimeReady() {
	return (
		existsSync(marker) &&
		readFileSync(marker, 'utf8').trim() === recipeVersion() &&
		existsSync(n8nBin)
	);
}

function sleepSync(ms) {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function processAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/**
 * Installs n8n into .n8n-runtime once. Jest runs test files in two workers and both e2e files
 * need the runtime: a lock directory (mkdir is atomic) makes the second one wait for the first
 * install instead of running npm in the same folder at the same time.
 */
function ensureRuntime() {
	if (runtimeReady()) return n8nBin;
	for (;;) {
		try {
			mkdirSync(lockDir);
			writeFileSync(join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			let owner = NaN;
			try {
				owner = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
			} catch {
				// The owner has not written its pid yet.
			}
			if (Number.isInteger(owner) && !processAlive(owner)) {
				rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			sleepSync(1000);
		}
	}
	try {
		if (!runtimeReady()) install();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
	return n8nBin;
}

/**
 * ensureRuntime in a child process, for callers that must keep their event loop running (a jest
 * worker blocked for minutes finds its pooled connections to the sandbox dead afterwards).
 */
async function ensureRuntimeAsync() {
	if (runtimeReady()) return n8nBin;
	await new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [__filename], {
			stdio: ['ignore', 'inherit', 'inherit'],
		});
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0
				? resolve()
				: reject(new Error(`installing the n8n runtime failed (exit ${code})`)),
		);
	});
	return n8nBin;
}

/**
 * The install itself, from the committed lockfile (scripts/n8n-runtime/): the registry moves on,
 * and an unpinned tree of n8n 1.123's ~2000 packages stops starting when one of them does.
 * Scripts are off (isolated-vm needs Node 22); sqlite3 is then built.
 */
function install() {
	log(`installing n8n ${N8N_VERSION} into .n8n-runtime (first run only, about 4 minutes)...`);
	mkdirSync(runtimeDir, { recursive: true });
	for (const file of ['package.json', 'package-lock.json'])
		cpSync(join(recipeDir, file), join(runtimeDir, file));
	writeFileSync(join(runtimeDir, '.npmrc'), 'fund=false\naudit=false\nignore-scripts=true\n');
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const steps = [
		['ci', '--no-audit', '--no-fund'],
		// The one native module n8n needs here; its prebuilt download fails offline, so it compiles.
		['rebuild', 'sqlite3', '--ignore-scripts=false'],
	];
	for (const args of steps) {
		const result = spawnSync(npm, args, {
			cwd: runtimeDir,
			stdio: ['ignore', 'inherit', 'inherit'],
		});
		if (result.status !== 0) {
			throw new Error(
				`'npm ${args.join(' ')}' failed in .n8n-runtime (exit ${result.status}). Delete .n8n-runtime and retry; see the output above.`,
			);
		}
	}
	writeFileSync(marker, recipeVersion());
}

/**
 * An n8n user folder with this package installed the way `npm i n8n-nodes-dam` in ~/.n8n/nodes
 * installs it: package.json and dist copied (not linked: through a link, Node would resolve
 * n8n-workflow from this project's devDependencies instead of the n8n runtime's own copy, which a
 * real install never does). Node types are then named n8n-nodes-dam.<node>.
 */
function prepareUserFolder(userFolder) {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const target = join(nodesDir, 'node_modules', 'n8n-nodes-dam');
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	copyBuiltPackage(target);
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true }),
	);
	return userFolder;
}

/** Copies what `npm pack` would ship (package.json, README, LICENSE, dist) into `target`. */
function copyBuiltPackage(target) {
	if (!existsSync(join(root, 'dist'))) throw new Error('dist/ is missing: run npm run build first');
	mkdirSync(target, { recursive: true });
	for (const file of ['package.json', 'README.md', 'LICENSE']) {
		if (existsSync(join(root, file))) cpSync(join(root, file), join(target, file));
	}
	cpSync(join(root, 'dist'), join(target, 'dist'), { recursive: true });
	return target;
}

function n8nEnv(userFolder, extra = {}) {
	// Jest sets NODE_ENV=test, which silences n8n's logger and with it `n8n execute --rawOutput`.
	const { NODE_ENV, ...inherited } = process.env;
	void NODE_ENV;
	return {
		...inherited,
		N8N_USER_FOLDER: userFolder,
		N8N_EXPRESSION_ENGINE: 'legacy', // the default 'vm' engine needs isolated-vm (Node >= 22)
		N8N_RUNNERS_ENABLED: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem',
		N8N_SECURE_COOKIE: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		DB_SQLITE_POOL_SIZE: '2',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'warn',
		...extra,
	};
}

/** Runs an n8n CLI command to completion (without blocking this process); resolves { status, stdout, stderr }. */
function n8nCli(userFolder, args, extraEnv = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [n8nBin, ...args], { env: n8nEnv(userFolder, extraEnv) });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (status) => resolve({ status, stdout, stderr }));
	});
}

function startServer(userFolder, port = 5678, extraEnv = {}, stdio = 'inherit') {
	return spawn(process.execPath, [n8nBin, 'start'], {
		env: n8nEnv(userFolder, { N8N_PORT: String(port), N8N_HOST: 'localhost', ...extraEnv }),
		stdio: ['ignore', stdio, stdio],
	});
}

async function portIsFree(port) {
	return await new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

async function waitForReady(baseUrl, timeoutMs = 180_000, child) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child && child.exitCode !== null)
			throw new Error(`n8n exited with code ${child.exitCode} while starting`);
		try {
			// readiness answers before the REST API is mounted: wait for both.
			const ready = await fetch(`${baseUrl}/healthz/readiness`);
			const settings = ready.ok ? await fetch(`${baseUrl}/rest/settings`) : undefined;
			if (settings?.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`n8n did not become ready at ${baseUrl} within ${timeoutMs / 1000} s`);
}

/** The documented development login. */
const DEV_OWNER = {
	email: 'dev@n8n-nodes-dam.local',
	firstName: 'Dam',
	lastName: 'Developer',
	password: 'DamDev2026!',
};

async function setupOwner(baseUrl, owner = DEV_OWNER) {
	const response = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(owner),
	});
	// 400 means an owner exists already (a later run of the same user folder).
	if (!response.ok && response.status !== 400)
		throw new Error(`owner setup failed: ${response.status} ${await response.text()}`);
}

/** Logs in as the dev owner; returns the Cookie header value for REST calls. */
async function login(baseUrl, owner = DEV_OWNER) {
	const response = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({
			emailOrLdapLoginId: owner.email,
			email: owner.email,
			password: owner.password,
		}),
	});
	if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	return cookie;
}

module.exports = {
	login,
	N8N_VERSION,
	DEV_OWNER,
	root,
	runtimeDir,
	ensureRuntime,
	ensureRuntimeAsync,
	prepareUserFolder,
	copyBuiltPackage,
	n8nEnv,
	n8nCli,
	startServer,
	portIsFree,
	waitForReady,
	setupOwner,
};

if (require.main === module) {
	ensureRuntime();
	log(`n8n ${N8N_VERSION} is ready in .n8n-runtime`);
}
