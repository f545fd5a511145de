// Jest runs the compiled tests (tsc -p tsconfig.test.json writes them to .test-build) in two
// workers (the machine has 2 cores); the global setup starts one sandbox per worker, once, and
// each worker runs its files one at a time against its own.
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '.test-build',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.js'],
	testEnvironment: 'node',
	transform: {},
	globalSetup: '<rootDir>/test/harness/globalSetup.js',
	globalTeardown: '<rootDir>/test/harness/globalTeardown.js',
	// After each file: its Nomad Media requests against Nomad Media's OpenAPI facts.
	setupFilesAfterEnv: ['<rootDir>/test/harness/nomadSpecAudit.js'],
	maxWorkers: 2,
	testTimeout: 600_000,
	// A worker is replaced when it holds on to memory between files (n8n-core is loaded per file).
	workerIdleMemoryLimit: '1GB',
	verbose: true,
};
