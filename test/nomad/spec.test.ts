import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';

import { checkJournal, NomadSpec } from '../harness/nomadSpec';
import { exemptFromNomadSpec } from '../harness/nomadSpecAudit';
import { Sandbox } from '../harness/sandbox';
import type { JournalEntry } from '../sandbox/core/control';

/**
 * The checker behind the journal-vs-spec audit (test/harness/nomadSpecAudit.ts, run after every
 * test file): it must refuse what Nomad Media's OpenAPI facts refuse, and say where and why.
 */
const ASSET = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const json = (body: unknown) => ({
	hasBody: true,
	contentType: 'application/json; charset=utf-8',
	body,
});

describe("Nomad Media requests against Nomad Media's OpenAPI facts", () => {
	const spec = NomadSpec.load();

	it('accepts a well-formed annotation and matches it to its operation', () => {
		const verdict = spec.check({
			method: 'POST',
			path: `/asset/${ASSET}/annotation`,
			...json({ startTimeCode: '00:00:05;00', properties: { title: 'Intro' } }),
		});
		assert.deepEqual(verdict, {
			operation: 'POST /asset/{assetId}/annotation (admin)',
			problems: [],
		});
	});

	it('refuses a wrong field name (the SDK spelling startTimecode) and a wrong type', () => {
		const { problems } = spec.check({
			method: 'POST',
			path: `/asset/${ASSET}/annotation`,
			...json({ startTimecode: '00:00:05;00', properties: 'Intro' }),
		});
		assert.deepEqual(problems, [
			"body: (the body) must NOT have additional properties ('startTimecode')",
			'body: /properties must be object',
		]);
	});

	it('refuses search enums sent as names: the facts declare them as integers', () => {
		const { problems } = spec.check({
			method: 'POST',
			path: '/admin/search',
			...json({ filters: [{ fieldName: 'parentId', operator: 'Equals', values: ASSET }] }),
		});
		assert.ok(
			problems.some((problem) => problem.startsWith('body: /filters/0/operator must be integer')),
		);
		assert.deepEqual(
			spec.check({
				method: 'POST',
				path: '/admin/search',
				...json({
					filters: [{ fieldName: 'parentId', operator: 0, values: ASSET }],
					filterBinder: 0,
				}),
			}).problems,
			[],
		);
	});

	it('refuses unknown paths, methods, query parameters and path parameters that do not fit', () => {
		assert.deepEqual(spec.check({ method: 'GET', path: '/assets/annotations' }).problems, [
			'no path of the OpenAPI documents matches it',
		]);
		assert.match(
			spec.check({ method: 'PATCH', path: `/asset/${ASSET}/annotation` }).problems[0],
			/^no PATCH operation for this path; it matches \/asset\/\{assetId\}\/annotation \(admin\): POST, GET/,
		);
		assert.deepEqual(
			spec.check({
				method: 'GET',
				path: '/admin/asset/upload',
				query: { includeCompletedUploads: 'yes', page: '2' },
			}).problems,
			[
				'query parameter includeCompletedUploads="yes": must be boolean',
				'query parameter page is not declared',
			],
		);
		assert.deepEqual(spec.check({ method: 'GET', path: '/admin/asset/logo.png' }).problems, [
			'path parameter id="logo.png": must match format "uuid"',
		]);
		assert.deepEqual(
			spec.check({ method: 'POST', path: `/admin/asset/${ASSET}/archive`, ...json({}) }).problems,
			['it sends a body, the operation takes none'],
		);
	});

	it('a literal segment wins over a parameter, as in ASP.NET routing', () => {
		assert.equal(
			spec.check({ method: 'GET', path: '/admin/asset/upload' }).operation,
			'GET /admin/asset/upload (admin)',
		);
		assert.equal(
			spec.check({ method: 'POST', path: '/admin/asset/AddTag', ...json({ targetIds: [ASSET] }) })
				.operation,
			'POST /admin/asset/{name} (admin)',
		);
	});

	describe('through the sandbox journal', () => {
		let sandbox: Sandbox;
		beforeAll(async () => {
			sandbox = await Sandbox.start();
		});
		afterAll(async () => {
			await sandbox.stop();
		});

		// Sent below on purpose; the audit of this file leaves it out and says why.
		exemptFromNomadSpec({
			method: 'POST',
			path: /^\/asset\/[^/]+\/annotation$/,
			reason: 'test/nomad/spec.test.ts sends an off-spec body to see the check refuse it',
		});

		it('reports a journaled request with its method, path, operation and the ajv error, also one answered 401 before its body was read', async () => {
			const response = await fetch(`${sandbox.url('nomad')}/api/asset/${ASSET}/annotation`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ startTimecode: '00:00:01;00' }),
			});
			assert.equal(response.status, 401);
			const entries = await sandbox.journal('nomad');
			assert.deepEqual(entries[0].body, { startTimecode: '00:00:01;00' }, 'the body was journaled');
			const result = checkJournal(entries);
			assert.equal(result.checked, 1);
			assert.deepEqual(result.failures, [
				`POST /api/asset/${ASSET}/annotation [POST /asset/{assetId}/annotation (admin)]: body: (the body) must NOT have additional properties ('startTimecode')`,
			]);
			const exempted = checkJournal(entries, [{ path: /annotation$/, reason: 'sent on purpose' }]);
			assert.deepEqual(exempted.failures, []);
			assert.deepEqual(exempted.exempted, [
				{ entry: `POST /api/asset/${ASSET}/annotation`, reason: 'sent on purpose' },
			]);
		});

		it('a path outside /api is refused', () => {
			const entry = {
				method: 'GET',
				path: '/asset',
				query: {},
				headers: {},
			} as unknown as JournalEntry;
			assert.deepEqual(checkJournal([entry]).failures, [
				'GET /asset: not below /api, where every Nomad Media route is',
			]);
		});
	});
});
