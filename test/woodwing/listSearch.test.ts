import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { LoadOptionsContext } from 'n8n-core';
import type {
	INode,
	INodeProperties,
	INodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { searchAssets, searchFolders } from '../../nodes/WoodWingAssets/methods/listSearch';
import { newCredentialsHelper, nodeTypes } from '../harness/engine';
import { Sandbox } from '../harness/sandbox';
import { CREDENTIAL, NODE_TYPE, credentials, seedAsset } from './helpers';

/** The context n8n gives listSearch methods when the editor opens a "From List" dropdown. */
function loadOptionsContext(
	sandbox: Sandbox,
	parameter: string,
	loginStyle: 'apiLogin' | 'sessionLogin' = 'apiLogin',
) {
	const node: INode = {
		id: 'ww',
		name: 'WoodWing',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'asset', operation: 'get' },
		credentials: { [CREDENTIAL]: { id: CREDENTIAL, name: CREDENTIAL } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const helper = newCredentialsHelper(credentials(sandbox, { loginStyle }));
	const additionalData = {
		credentialsHelper: helper,
		currentNodeParameters: node.parameters,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, `parameters.${parameter}`);
}

describe('WoodWing Assets: resource locator lists and the AI tool variant', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await Sandbox.start();
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	beforeEach(async () => {
		await sandbox.reset();
	});

	it('lists assets for "From List", filtered by the typed text, paged with a token', async () => {
		await sandbox.sim('woodwing', 'POST', '/assets/bulk', {
			count: 60,
			folderPath: '/Demo Zone/Bulk',
			prefix: 'item',
		});
		const beach = await seedAsset(sandbox, {
			assetPath: '/Demo Zone/Images/beach.jpg',
			content: 'x',
			metadata: { description: 'Sunny' },
		});
		const context = loadOptionsContext(sandbox, 'assetId');

		const filtered = await searchAssets.call(context, 'beach');
		assert.deepEqual(filtered.results, [{ name: '/Demo Zone/Images/beach.jpg', value: beach.id }]);
		assert.equal(filtered.paginationToken, undefined);

		const first = await searchAssets.call(context);
		assert.equal(first.results.length, 50);
		assert.equal(first.paginationToken, '50');
		const second = await searchAssets.call(context, undefined, first.paginationToken);
		assert.equal(second.results.length, 11);
		assert.equal(second.paginationToken, undefined);
		const all = new Set([...first.results, ...second.results].map((r) => r.value));
		assert.equal(all.size, 61);
	});

	it('lists folders and navigates into them by the typed path (session login too)', async () => {
		await seedAsset(sandbox, { assetPath: '/Demo Zone/Images/Summer/a.jpg', content: 'x' });
		await seedAsset(sandbox, { assetPath: '/Demo Zone/Images/Winter/b.jpg', content: 'x' });
		await seedAsset(sandbox, { assetPath: '/Archive/c.jpg', content: 'x' });
		const context = loadOptionsContext(sandbox, 'folderPath', 'sessionLogin');

		const top = await searchFolders.call(context);
		assert.deepEqual(
			top.results.map((r) => r.value),
			['/Archive', '/Demo Zone'],
		);
		const inside = await searchFolders.call(context, '/Demo Zone/Images/');
		assert.deepEqual(
			inside.results.map((r) => r.value),
			['/Demo Zone/Images', '/Demo Zone/Images/Summer', '/Demo Zone/Images/Winter'],
		);
		const partial = await searchFolders.call(context, '/Demo Zone/Images/sum');
		assert.deepEqual(
			partial.results.map((r) => r.value),
			['/Demo Zone/Images/Summer'],
		);
		const browse = (await sandbox.journal('woodwing')).filter((e) => e.path === '/services/browse');
		assert.equal(browse.length, 3);
		assert.match(browse[0].headers.cookie, /authToken=/);
	});

	it('a list request with a wrong password fails with the login message', async () => {
		const context = loadOptionsContext(sandbox, 'assetId');
		const helper = (
			context as unknown as {
				additionalData: { credentialsHelper: ReturnType<typeof newCredentialsHelper> };
			}
		).additionalData.credentialsHelper;
		helper.set(CREDENTIAL, { ...helper.get(CREDENTIAL)!, password: 'wrong' });
		await assert.rejects(searchAssets.call(context), /Invalid username or password/);
	});

	it('as an AI agent tool, offers only the operations that need no binary data', () => {
		const node = nodeTypes.getByName(NODE_TYPE) as INodeType;
		const operationsFor = (description: typeof node.description) => {
			const shown = description.properties.filter(
				(property: INodeProperties) =>
					property.name === 'operation' &&
					NodeHelpers.displayParameter(
						{ resource: 'asset' },
						property,
						{ typeVersion: 1 },
						description,
					),
			);
			assert.equal(shown.length, 1, 'exactly one operation selector is shown');
			return (shown[0].options as Array<{ value: string }>).map((option) => option.value);
		};
		assert.deepEqual(operationsFor(node.description), [
			'checkIn',
			'checkOut',
			'create',
			'delete',
			'download',
			'get',
			'getHistory',
			'search',
			'undoCheckOut',
			'update',
		]);
		// n8n registers the tool variant under the node name + "Tool".
		const tool = { ...node.description, name: `${node.description.name}Tool` };
		assert.deepEqual(operationsFor(tool), [
			'checkOut',
			'delete',
			'get',
			'getHistory',
			'search',
			'undoCheckOut',
			'update',
		]);
		const download = tool.properties.find((p) => p.name === 'download')!;
		assert.equal(
			NodeHelpers.displayParameter(
				{ resource: 'asset', operation: 'checkOut' },
				download,
				{ typeVersion: 1 },
				tool,
			),
			false,
		);
		assert.equal(node.description.usableAsTool, true);
	});
});
