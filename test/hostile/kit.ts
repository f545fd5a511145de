import assert from 'node:assert/strict';
import type { ICredentialDataDecryptedObject, INodeParameters, IRun } from 'n8n-workflow';

import type { TestNode } from '../harness/engine';
import type { Sandbox } from '../harness/sandbox';
import type { JournalEntry } from '../sandbox/core/control';
import { CLIENT, EDITOR, SUBSCRIPTION_KEY } from '../sandbox/mediavalet/seed';
import { TENOVOS_API_KEY, TENOVOS_PASSWORD, TENOVOS_USER } from '../sandbox/tenovos/data';
import { FORBIDDEN_STORAGE_HEADERS } from '../../nodes/shared/upload/storageRequest';

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** One DAM as the hostile tests drive it: its credential, a read and where it signs in. */
export interface DamCase {
	name: string;
	/** The sandbox simulator (and journal target). */
	sim: string;
	credentialType: string;
	credentials(sandbox: Sandbox): ICredentialDataDecryptedObject;
	/** A read of one asset, and a regular expression for its path (to put a fault on). */
	read: { parameters: INodeParameters; path: string };
	/** The sign-in request's path, for DAMs that sign in. */
	signInPath?: string;
	node: string;
}

export const DAMS: DamCase[] = [
	{
		name: 'Media Pocket',
		sim: 'mediapocket',
		node: 'n8n-nodes-dam.mediaPocket',
		credentialType: 'mediaPocketApi',
		credentials: (sandbox) => ({ baseUrl: sandbox.url('mediapocket'), apiKey: 'mp-admin-key' }),
		read: {
			parameters: { resource: 'asset', operation: 'get', assetId: byId('7UhQGdm3p9MJHRBI9Ohu') },
			path: '^/api/v2/assets/7UhQGdm3p9MJHRBI9Ohu$',
		},
	},
	{
		name: 'MediaValet',
		sim: 'mediavalet',
		node: 'n8n-nodes-dam.mediaValet',
		credentialType: 'mediaValetApi',
		credentials: (sandbox) => ({
			tokenUrl: `${sandbox.url('mediavalet')}/connect/token`,
			apiBaseUrl: sandbox.url('mediavalet'),
			clientId: CLIENT.id,
			clientSecret: CLIENT.secret,
			username: EDITOR.username,
			password: EDITOR.password,
			subscriptionKey: SUBSCRIPTION_KEY,
			apiVersion: '1.2',
		}),
		read: {
			parameters: {
				resource: 'asset',
				operation: 'get',
				assetId: byId('3b9d4cc3-b5be-481e-8ce1-d5ba00a1245b'),
			},
			path: '^/assets/3b9d4cc3-b5be-481e-8ce1-d5ba00a1245b$',
		},
		signInPath: '^/connect/token$',
	},
	{
		name: 'WoodWing Assets',
		sim: 'woodwing',
		node: 'n8n-nodes-dam.woodWingAssets',
		credentialType: 'woodWingAssetsApi',
		credentials: (sandbox) => ({
			url: sandbox.url('woodwing'),
			loginStyle: 'apiLogin',
			username: 'api_user',
			password: 'api-secret',
			clientId: '',
		}),
		read: {
			parameters: { resource: 'asset', operation: 'get', assetId: byId('AbCdEfGhIjKlMnOpQrStUv') },
			path: '^/services/search$',
		},
		signInPath: '^/services/apilogin$',
	},
	{
		name: 'Tenovos',
		sim: 'tenovos',
		node: 'n8n-nodes-dam.tenovos',
		credentialType: 'tenovosApi',
		credentials: (sandbox) => ({
			baseUrl: sandbox.url('tenovos'),
			apiKey: TENOVOS_API_KEY,
			username: TENOVOS_USER,
			password: TENOVOS_PASSWORD,
		}),
		read: {
			parameters: {
				resource: 'asset',
				operation: 'get',
				asset: byId('0c8f4d2e-6a1b-4c3d-9e5f-7a8b9c0d1e2f'),
			},
			path: '^/asset/0c8f4d2e-6a1b-4c3d-9e5f-7a8b9c0d1e2f$',
		},
		signInPath: '^/auth/token$',
	},
	{
		name: 'Nomad Media',
		sim: 'nomad',
		node: 'n8n-nodes-dam.nomadMedia',
		credentialType: 'nomadMediaApi',
		credentials: (sandbox) => ({
			serviceUrl: sandbox.url('nomad'),
			username: 'svc-integration@example.com',
			password: 'Sandbox-Pass-1',
		}),
		read: {
			parameters: {
				resource: 'asset',
				operation: 'get',
				assetId: byId('0f8fad5b-d9cb-469f-a165-70867728950e'),
			},
			path: '^/api/admin/asset/0f8fad5b-d9cb-469f-a165-70867728950e$',
		},
		signInPath: '^/api/account/login$',
	},
];

export function damNode(
	dam: DamCase,
	parameters: INodeParameters,
	continueOnFail = false,
): TestNode {
	return {
		type: dam.node,
		name: dam.name,
		parameters,
		credentials: [dam.credentialType],
		continueOnFail,
	};
}

/** Every value of a credential that is a secret: the entered ones and the tokens n8n stored after signing in. */
export function secretValues(data: ICredentialDataDecryptedObject | undefined): string[] {
	if (!data) return [];
	return Object.entries(data)
		.filter(
			([key, value]) =>
				typeof value === 'string' &&
				value.length >= 6 &&
				/key|secret|password|token|session/i.test(key),
		)
		.map(([, value]) => String(value));
}

/** Asserts that no request in `entries` carried a DAM credential header or any of `secrets` anywhere. */
export function assertNoCredentials(
	entries: JournalEntry[],
	secrets: string[],
	where: string,
): void {
	for (const entry of entries) {
		for (const header of FORBIDDEN_STORAGE_HEADERS) {
			assert.equal(
				entry.headers[header],
				undefined,
				`${where}: ${header} on ${entry.method} ${entry.path}`,
			);
		}
		const text = JSON.stringify([entry.headers, entry.query, entry.body ?? null]);
		for (const secret of secrets)
			assert.ok(
				!text.includes(secret),
				`${where}: a credential value reached ${entry.method} ${entry.path}`,
			);
	}
}

/** Everything n8n may store of a run: the run data with errors expanded to all their own properties. */
export function storedText(run: IRun | unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(run, function replacer(_key, value: unknown) {
		if (value && typeof value === 'object') {
			if (seen.has(value)) return '[circular]';
			seen.add(value);
			if (value instanceof Error) {
				const expanded: Record<string, unknown> = { message: value.message, stack: value.stack };
				for (const name of Object.getOwnPropertyNames(value))
					expanded[name] = (value as unknown as Record<string, unknown>)[name];
				if ('cause' in value) expanded.cause = (value as { cause?: unknown }).cause;
				return expanded;
			}
		}
		return value;
	});
}

/** The host:port of a sandbox URL, as an error names it. */
export function hostOf(url: string): string {
	return new URL(url).host;
}
