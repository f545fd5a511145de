import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it, jest } from '@jest/globals';

jest.setTimeout(5 * 60_000);

// The package as n8n's own tooling judges it: `n8n-node lint` in strict mode (what `npm run lint`
// runs) and the community package scanner on the packed tarball.
const root = join(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { lintEnv, lintStaged, stagePackage } = require(join(root, 'scripts', 'lint.js')) as {
	lintEnv(): NodeJS.ProcessEnv;
	stagePackage(): string;
	lintStaged(stage: string, stdio: 'pipe'): { status: number | null; output: string };
};

const cleanup: string[] = [];
afterAll(() => {
	for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});
const staged = () => {
	const stage = stagePackage();
	cleanup.push(stage);
	return stage;
};
const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

describe('n8n verification tooling', () => {
	it('n8n-node lint passes in strict mode with the default eslint config', () => {
		const { status, output } = lintStaged(staged(), 'pipe');
		assert.equal(status, 0, plain(output).slice(-3000));
		assert.doesNotMatch(plain(output), /Strict mode violation/);
	});

	it("a runtime dependency or a lifecycle script in package.json fails n8n's package rules", () => {
		const stage = staged();
		const manifest = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'));
		manifest.dependencies = { axios: '1.18.0' };
		manifest.scripts.postinstall = 'node -e "1"';
		writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, '\t'));
		const { status, output } = lintStaged(stage, 'pipe');
		assert.notEqual(status, 0);
		assert.match(plain(output), /no-runtime-dependencies/);
		assert.match(plain(output), /no-forbidden-lifecycle-scripts/);
	});

	it('the packed tarball passes the scanner and holds only what n8n loads', () => {
		const dir = mkdtempSync(join(tmpdir(), 'n8n-nodes-dam-pack-'));
		cleanup.push(dir);
		const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', dir], {
			cwd: root,
			encoding: 'utf8',
		});
		assert.equal(pack.status, 0, pack.stderr);
		const [packed] = JSON.parse(pack.stdout) as Array<{
			filename: string;
			size: number;
			files: Array<{ path: string }>;
		}>;
		const paths = packed.files.map((file) => file.path);
		assert.deepEqual(
			paths.filter(
				(path) => /\.map$|tsbuildinfo|^test\/|^nodes\/|\.ts$/.test(path) && !path.endsWith('.d.ts'),
			),
			[],
			'no source maps, build info, sources or tests',
		);
		assert.ok(paths.includes('dist/nodes/MediaValet/MediaValet.node.js'));
		console.log(
			`tarball ${packed.filename}: ${(packed.size / 1024).toFixed(1)} kB, ${paths.length} files`,
		);

		const extracted = join(dir, 'package');
		assert.equal(spawnSync('tar', ['-xzf', packed.filename], { cwd: dir }).status, 0);
		const scanner = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs', {
			paths: [root],
		});
		const script = `import(${JSON.stringify(scanner)}).then(async ({ analyzePackage }) => {
			const result = await analyzePackage(${JSON.stringify(extracted)});
			console.log(JSON.stringify({ passed: result.passed, message: result.message, details: result.details }));
		})`;
		const scan = spawnSync(process.execPath, ['-e', script], {
			cwd: root,
			encoding: 'utf8',
			env: lintEnv(),
		});
		assert.equal(scan.status, 0, scan.stderr);
		const result = JSON.parse(scan.stdout.trim().split('\n').pop()!) as {
			passed: boolean;
			message?: string;
			details?: string;
		};
		assert.equal(result.passed, true, `${result.message}\n${plain(result.details ?? '')}`);
	});
});
