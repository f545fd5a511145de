import assert from 'node:assert/strict';
import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../harness/sandbox';
import { PASSWORD, USER } from './helpers';

/**
 * An unfinished upload, started on the simulator's API the way Nomad Media's SDKs start one (the
 * node only starts uploads it finishes or cancels itself): its ID, for Cancel Upload.
 */
export async function startUnfinishedUpload(sandbox: Sandbox, parentId: string): Promise<string> {
	const api = `${sandbox.url('nomad').replace(/\/+$/, '')}/api`;
	const post = async (path: string, body: unknown, token?: string) => {
		const response = await fetch(`${api}${path}`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				...(token ? { Authorization: `Bearer ${token}` } : {}),
			},
			body: JSON.stringify(body),
		});
		assert.equal(response.status, 200, await response.clone().text());
		return (await response.json()) as IDataObject;
	};
	const { token } = await post('/account/login', { userName: USER, password: PASSWORD });
	const started = await post(
		'/asset/upload/start',
		{
			parentId,
			displayName: 'pending.mp4',
			relativePath: 'pending.mp4',
			contentLength: 6 * 1024 * 1024,
			chunkSize: 5 * 1024 * 1024,
			uploadOverwriteOption: 'Cancel',
		},
		String(token),
	);
	return String(started.id);
}
