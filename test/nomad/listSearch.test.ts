import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { LoadOptionsContext } from 'n8n-core';
import type {
	ILoadOptionsFunctions,
	INode,
	INodeListSearchResult,
	INodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { newCredentialsHelper, nodeTypes } from '../harness/engine';
import { Sandbox } from '../harness/sandbox';
import { credentials, NODE, seed, type Seed } from './helpers';

/**
 * The resource locators' "From List" searches, run the way the editor runs them: n8n-core's
 * LoadOptionsContext for the node in a workflow, with the credential applied by n8n.
 */
describe('Nomad Media list searches (resource locators) through n8n-core', () => {
	let sandbox: Sandbox;
	let ids: Seed;
	beforeAll(async () => {
		sandbox = await Sandbox.start();
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	beforeEach(async () => {
		await sandbox.reset();
		ids = await seed(sandbox);
	});

	async function listSearch(
		method: string,
		filter?: string,
		token?: string,
		creds = credentials(sandbox),
	): Promise<INodeListSearchResult> {
		const node: INode = {
			id: 'n1',
			name: 'Nomad',
			type: NODE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { resource: 'asset', operation: 'get' },
			credentials: { nomadMediaApi: { id: 'nomadMediaApi', name: 'nomadMediaApi' } },
		};
		const workflow = new Workflow({
			id: 'ls',
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes,
		});
		const additionalData = {
			credentialsHelper: newCredentialsHelper(creds),
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678',
			webhookBaseUrl: 'http://localhost:5678/webhook',
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.assetId');
		const type = nodeTypes.getByName(NODE) as INodeType;
		const search = type.methods!.listSearch![method] as (
			this: ILoadOptionsFunctions,
			f?: string,
			t?: string,
		) => Promise<INodeListSearchResult>;
		return await search.call(context, filter, token);
	}

	it('finds assets by name, showing their path', async () => {
		const result = await listSearch('searchAssets', 'interview-0');
		assert.deepEqual(result.results.map((r) => r.name).sort(), [
			'nomad-sandbox-media/Projects/Interviews/interview-01.mp4',
			'nomad-sandbox-media/Projects/Interviews/interview-02.mp4',
		]);
		assert.ok(
			result.results.some((r) => r.value === ids.files['Projects/Interviews/interview-01.mp4']),
		);
		assert.equal(result.paginationToken, undefined);
	});

	it('lists only folders and buckets for folder pickers, page by page', async () => {
		await sandbox.sim('nomad', 'POST', '/assets', {
			parentId: ids.folders['Empty'],
			count: 55,
			prefix: 'dir',
			ext: '',
			assetType: 'Folder',
		});
		const first = await listSearch('searchFolders');
		assert.equal(first.results.length, 50);
		assert.ok(first.paginationToken);
		const second = await listSearch('searchFolders', undefined, first.paginationToken);
		const all = [...first.results, ...second.results];
		assert.equal(all.length, 55 + 6, 'the 55 new folders, five seeded folders and the bucket');
		assert.ok(!all.some((r) => String(r.name).endsWith('.mp4')));
		assert.equal(second.paginationToken, undefined);
	});

	it('fails with the sign-in error when the credential is wrong', async () => {
		await assert.rejects(
			listSearch('searchAssets', 'x', undefined, credentials(sandbox, { password: 'wrong' })),
			/Nomad Media sign-in failed \(HTTP 404\)/,
		);
	});
});
