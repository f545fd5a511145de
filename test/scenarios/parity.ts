/**
 * One workflow, run both through n8n-core's engine (2.41) and on the real n8n server (1.123.81),
 * against a sandbox that misbehaves on purpose: each DAM's documented error bodies, a dropped
 * connection on a read and on a storage part, a POST whose answer is lost, and an optional
 * resource locator left empty. The same assertions hold on both n8n lines.
 */
import assert from 'node:assert/strict';
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';

import type { WorkflowJson } from '../harness/engine';
import type { FaultRule, JournalEntry } from '../sandbox/core/control';
import { generatedMd5 } from '../fixtures/generated';

/** Credential ids the real n8n imports them under (examples/sandbox.js). */
const CREDENTIALS: Record<string, { id: string; name: string }> = {
	mediaPocketApi: { id: 'damSandboxMdPckt', name: 'Media Pocket (sandbox)' },
	mediaValetApi: { id: 'damSandboxMdValt', name: 'MediaValet (sandbox)' },
	woodWingAssetsApi: { id: 'damSandboxWdWing', name: 'WoodWing Assets (sandbox)' },
	tenovosApi: { id: 'damSandboxTenovo', name: 'Tenovos (sandbox)' },
	nomadMediaApi: { id: 'damSandboxNomadM', name: 'Nomad Media (sandbox)' },
};

const TYPES: Record<string, [string, string]> = {
	mediaPocket: ['n8n-nodes-dam.mediaPocket', 'mediaPocketApi'],
	mediaValet: ['n8n-nodes-dam.mediaValet', 'mediaValetApi'],
	woodWing: ['n8n-nodes-dam.woodWingAssets', 'woodWingAssetsApi'],
	tenovos: ['n8n-nodes-dam.tenovos', 'tenovosApi'],
	nomad: ['n8n-nodes-dam.nomadMedia', 'nomadMediaApi'],
};

const rl = (value: string) => ({ __rl: true, mode: 'id', value });

const MISSING = {
	mediaPocket: 'MissingAssetMissing0',
	mediaValet: '3b9d4cc3-b5be-481e-8ce1-d5ba00a1245b',
	tenovos: '0c8f4d2e-6a1b-4c3d-9e5f-7a8b9c0d1e2f',
	nomad: '0f8fad5b-d9cb-469f-a165-70867728950e',
	woodWing: 'AbCdEfGhIjKlMnOpQrStUv',
};

/** What the scenario needs to exist in the sandbox before it runs. */
export interface ParitySeed {
	mediaPocketAsset: string;
	nomadFolder: string;
}

/** An expected error item: the node's message (the DAM's own words) and the HTTP status. */
interface ErrorCase {
	node: string;
	dam: keyof typeof TYPES;
	parameters: IDataObject;
	fault: FaultRule;
	message: string;
	httpCode?: string;
}

function errorCases(seed: ParitySeed): ErrorCase[] {
	return [
		{
			node: 'Media Pocket 404',
			dam: 'mediaPocket',
			parameters: { resource: 'asset', operation: 'get', assetId: rl(MISSING.mediaPocket) },
			fault: {
				target: 'mediapocket',
				path: `^/api/v2/assets/${MISSING.mediaPocket}$`,
				status: 404,
				body: { error: `Couldn't find Asset with 'id'=${MISSING.mediaPocket}` },
			},
			message: `Media Pocket: Couldn't find Asset with 'id'=${MISSING.mediaPocket} (HTTP 404)`,
			httpCode: '404',
		},
		{
			node: 'Media Pocket 422',
			dam: 'mediaPocket',
			parameters: {
				resource: 'comment',
				operation: 'getAll',
				assetId: rl(seed.mediaPocketAsset),
				returnAll: true,
			},
			fault: {
				target: 'mediapocket',
				method: 'GET',
				path: `^/api/v2/assets/${seed.mediaPocketAsset}/comments$`,
				status: 422,
				body: { error: 'Invalid parameter \'page\' value "x": Must be an Integer' },
			},
			message: `Media Pocket: Invalid parameter 'page' value "x": Must be an Integer (HTTP 422)`,
			httpCode: '422',
		},
		{
			node: 'Media Pocket 200 with error',
			dam: 'mediaPocket',
			parameters: {
				resource: 'asset',
				operation: 'assignToProject',
				assetId: rl(seed.mediaPocketAsset),
				projectId: 'NoSuchProject0000000',
			},
			fault: {
				target: 'mediapocket',
				method: 'POST',
				path: `^/api/v2/assets/${seed.mediaPocketAsset}/assign$`,
				status: 200,
				body: { error: 'Project not found.' },
			},
			message: 'Media Pocket: Project not found.',
		},
		{
			node: 'MediaValet 404',
			dam: 'mediaValet',
			parameters: { resource: 'asset', operation: 'get', assetId: rl(MISSING.mediaValet) },
			fault: {
				target: 'mediavalet',
				path: `^/assets/${MISSING.mediaValet}$`,
				status: 404,
				body: { message: `Asset ${MISSING.mediaValet} was not found` },
			},
			message: `MediaValet: Asset ${MISSING.mediaValet} was not found (HTTP 404)`,
			httpCode: '404',
		},
		{
			node: 'MediaValet 403',
			dam: 'mediaValet',
			parameters: {
				resource: 'comment',
				operation: 'create',
				assetId: rl(MISSING.mediaValet),
				comment: 'Looks good',
			},
			fault: {
				target: 'mediavalet',
				method: 'POST',
				path: `^/assets/${MISSING.mediaValet}/comments$`,
				status: 403,
				body: { message: "The current user does not have the 'asset:comment' permission" },
			},
			message:
				"MediaValet: The current user does not have the 'asset:comment' permission (HTTP 403)",
			httpCode: '403',
		},
		{
			node: 'WoodWing 200 with errorcode',
			dam: 'woodWing',
			parameters: { resource: 'asset', operation: 'get', assetId: rl(MISSING.woodWing) },
			fault: {
				target: 'woodwing',
				path: '^/services/search$',
				status: 200,
				body: { errorcode: 403, message: 'You are not allowed to search this zone' },
			},
			message: 'WoodWing Assets: You are not allowed to search this zone (HTTP 403)',
			httpCode: '403',
		},
		{
			node: 'Tenovos 403',
			dam: 'tenovos',
			parameters: { resource: 'asset', operation: 'get', asset: rl(MISSING.tenovos) },
			fault: {
				target: 'tenovos',
				path: `^/asset/${MISSING.tenovos}$`,
				status: 403,
				body: { message: 'User is not authorized to access this asset' },
			},
			message: 'Tenovos: User is not authorized to access this asset (HTTP 403)',
			httpCode: '403',
		},
		{
			node: 'Nomad 404',
			dam: 'nomad',
			parameters: { resource: 'asset', operation: 'get', assetId: rl(MISSING.nomad) },
			fault: {
				target: 'nomad',
				path: `^/api/admin/asset/${MISSING.nomad}$`,
				status: 404,
				headers: { 'Content-Type': 'application/problem+json' },
				body: {
					type: 'https://tools.ietf.org/html/rfc7231#section-6.5.4',
					title: 'Not Found',
					status: 404,
					detail: `Asset '${MISSING.nomad}' was not found.`,
				},
			},
			message: `Nomad Media: Asset '${MISSING.nomad}' was not found. (HTTP 404)`,
			httpCode: '404',
		},
		{
			node: 'Nomad 422',
			dam: 'nomad',
			parameters: {
				resource: 'asset',
				operation: 'createFolder',
				parentId: rl(seed.nomadFolder),
				folderName: 'Reports',
			},
			fault: {
				target: 'nomad',
				method: 'POST',
				path: '/create-folder$',
				status: 422,
				headers: { 'Content-Type': 'application/problem+json' },
				body: {
					title: 'One or more validation errors occurred.',
					status: 422,
					errors: { DisplayName: ['A folder named Reports already exists.'] },
				},
			},
			message:
				'Nomad Media: One or more validation errors occurred: DisplayName: A folder named Reports already exists. (HTTP 422)',
			httpCode: '422',
		},
	];
}

const FILE = { size: 12 * 1024 * 1024, seed: 31, name: 'parity.mp4' };

function damNode(
	name: string,
	dam: keyof typeof TYPES,
	parameters: IDataObject,
	index: number,
	continueOnFail = true,
): INode {
	const [type, credential] = TYPES[dam];
	return {
		id: `parity-${index}`,
		name,
		type,
		typeVersion: 1,
		position: [400, index * 160],
		parameters: parameters as INode['parameters'],
		credentials: { [credential]: CREDENTIALS[credential] },
		...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
}

/** The workflow: a Manual Trigger fanned out to one node per case. */
export function parityWorkflow(
	controlUrl: string,
	seed: ParitySeed,
): WorkflowJson & { name: string; id: string } {
	const trigger: INode = {
		id: 'manual',
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const file: INode = {
		id: 'file',
		name: 'New file',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [200, 0],
		parameters: {
			url: `${controlUrl}/demo/file?size=${FILE.size}&seed=${FILE.seed}&name=${FILE.name}&type=video/mp4`,
			options: { response: { response: { responseFormat: 'file' } } },
		},
	};
	const nodes: INode[] = [trigger, file];
	const fanOut: string[] = [];
	errorCases(seed).forEach((entry, index) => {
		nodes.push(damNode(entry.node, entry.dam, entry.parameters, index + 1));
		fanOut.push(entry.node);
	});
	// A read whose connection is dropped once: retried, and the run goes on.
	nodes.push(
		damNode(
			'Read after a reset',
			'mediaPocket',
			{ resource: 'asset', operation: 'get', assetId: rl(seed.mediaPocketAsset) },
			20,
		),
	);
	// A POST whose answer is lost after the DAM acted: not repeated.
	nodes.push(
		damNode(
			'Comment whose answer is lost',
			'mediaPocket',
			{
				resource: 'comment',
				operation: 'create',
				assetId: rl(seed.mediaPocketAsset),
				comment: 'Parity check',
			},
			21,
		),
	);
	fanOut.push('Read after a reset', 'Comment whose answer is lost');
	// An upload with a storage part dropped once, and its optional folder locator empty in ID mode.
	nodes.push(
		damNode(
			'Upload with a reset part',
			'nomad',
			{
				resource: 'asset',
				operation: 'upload',
				binaryPropertyName: 'data',
				parentId: { __rl: true, mode: 'id', value: '' },
				options: { partSizeMiB: 5, concurrency: 1 },
			},
			22,
			false,
		),
	);
	const connections: WorkflowJson['connections'] = {
		Start: {
			main: [
				[
					{ node: 'New file', type: 'main', index: 0 },
					...fanOut.map((node) => ({ node, type: 'main' as const, index: 0 })),
				],
			],
		},
		'New file': { main: [[{ node: 'Upload with a reset part', type: 'main', index: 0 }]] },
	};
	return {
		id: 'damParityWorkflow',
		name: 'Server parity: hostile DAMs',
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

/** Every fault the scenario needs, installed before it runs. */
export function parityFaults(seed: ParitySeed): FaultRule[] {
	return [
		...errorCases(seed).map((entry) => ({ ...entry.fault, times: 1 })),
		{
			target: 'mediapocket',
			method: 'GET',
			path: `^/api/v2/assets/${seed.mediaPocketAsset}$`,
			drop: true,
			times: 1,
		},
		{
			target: 'mediapocket',
			method: 'POST',
			path: `^/api/v2/assets/${seed.mediaPocketAsset}/comments$`,
			after: true,
			drop: true,
			times: 1,
		},
		{ target: 's3', method: 'PUT', drop: true, skip: 1, times: 1 },
	];
}

/** The assertions, on the run's output items and the sandbox journal. */
export async function checkParity(
	output: (node: string) => INodeExecutionData[],
	journal: JournalEntry[],
	comments: unknown[],
	seed: ParitySeed,
): Promise<void> {
	for (const entry of errorCases(seed)) {
		const [item] = output(entry.node);
		assert.ok(item, `${entry.node}: an output item`);
		assert.equal(item.json.error, entry.message, `${entry.node}: the DAM's own message`);
		if (entry.httpCode)
			assert.equal(item.json.httpCode, entry.httpCode, `${entry.node}: the HTTP status`);
	}

	const [read] = output('Read after a reset');
	assert.equal(read?.json.error, undefined, `the read after a reset: ${String(read?.json.error)}`);
	assert.equal(read.json.id, seed.mediaPocketAsset);
	const reads = journal.filter(
		(e) => e.method === 'GET' && e.path === `/api/v2/assets/${seed.mediaPocketAsset}`,
	);
	assert.equal(reads.length, 2, 'the dropped read was sent again once');

	const [comment] = output('Comment whose answer is lost');
	assert.ok(comment?.json.error, 'a lost answer to a POST is an error, not a success');
	const posts = journal.filter(
		(e) => e.method === 'POST' && e.path === `/api/v2/assets/${seed.mediaPocketAsset}/comments`,
	);
	assert.equal(posts.length, 1, 'the POST was not repeated');
	assert.equal(comments.length, 1, 'exactly one comment exists');

	const [uploaded] = output('Upload with a reset part');
	assert.ok(uploaded, 'the upload ran with its optional folder locator empty');
	assert.equal(uploaded.json.error, undefined, String(uploaded.json.error));
	const upload = uploaded.json.upload as IDataObject;
	assert.equal(upload.size, FILE.size);
	assert.equal(upload.md5, await generatedMd5(FILE.size, FILE.seed));
	const parts = journal.filter((e) => e.target === 's3' && e.method === 'PUT');
	assert.equal(parts.length, 4, '3 parts, the dropped one sent again');
	assert.ok(
		parts.some((e) => e.fault),
		'one part was dropped',
	);
}

/** Seeds what the scenario works on; `call` is a sandbox control request. */
export async function seedParity(
	call: (method: string, path: string, body?: unknown) => Promise<any>,
): Promise<ParitySeed> {
	const asset = await call('POST', '/sims/mediapocket/assets', {
		title: 'Parity asset',
		silent: true,
	});
	const nomad = await call('GET', '/sims/nomad/seed');
	return { mediaPocketAsset: asset.id, nomadFolder: nomad.folders['Projects/Interviews'] };
}

/** The comments Media Pocket holds for the asset (read through its public API). */
export async function mediaPocketComments(
	mediaPocketUrl: string,
	assetId: string,
): Promise<unknown[]> {
	const response = await fetch(`${mediaPocketUrl}/api/v2/assets/${assetId}/comments`, {
		headers: { 'X-API-Key': 'mp-admin-key', 'Content-Type': 'application/json' },
	});
	return ((await response.json()) as { comments?: unknown[] }).comments ?? [];
}
