import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { binaryOutputField } from '../../../shared/descriptions';
import { actOnce, type ReadBack } from '../../../shared/flow';
import { binaryItem, jsonItems } from '../../../shared/items';
import { assetLocator } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/ids';
import { readBackAsset, verifiedFields } from '../../helpers/readBack';
import {
	CREDENTIAL_TYPE,
	getAsset,
	type Hit,
	plainValue,
	SERVICE,
	whoAmI,
	wwPost,
	wwRequest,
} from '../../transport';
import {
	binaryFromAnswer,
	downloadOriginal,
	fileNameOf,
	mimeTypeOfHit,
	type StreamedAnswer,
} from '../../transport/files';

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['checkOut'] } },
	[
		assetLocator('The asset to check out (lock for other users)'),
		// As an AI agent tool the node handles no binary data.
		...updateDisplayOptions({ show: { '@tool': [false] } }, [
			{
				displayName: 'Download',
				name: 'download',
				type: 'boolean',
				default: false,
				description: 'Whether to also download the original file in the same call',
			},
			...updateDisplayOptions({ show: { download: [true] } }, [binaryOutputField()]),
		]),
	],
);

export const option = {
	name: 'Check Out',
	description: 'Lock an asset for other users, optionally downloading its file',
	action: 'Check out an asset',
};

const CHECKOUT_FIELDS = 'filename,mimeType,checkedOut,checkedOutBy,checkedOutOnClient';

function stateOf(id: string, metadata: IDataObject | undefined): IDataObject {
	return {
		id,
		checkedOut: (plainValue(metadata?.checkedOut) as number | undefined) ?? null,
		checkedOutBy: (metadata?.checkedOutBy as string | undefined) ?? null,
		checkedOutOnClient: (metadata?.checkedOutOnClient as string | undefined) ?? null,
	};
}

/** The check-out, sent once; with download=true the server answers with the original file instead of the state. */
async function sendCheckout(
	this: IExecuteFunctions,
	id: string,
	download: boolean,
	i: number,
): Promise<unknown> {
	const url = `/services/checkout/${encodeURIComponent(id)}`;
	const extras = { itemIndex: i, effect: 'acts' } as const;
	if (!download) return await wwPost.call(this, url, {}, extras);
	const options = {
		qs: { download: 'true' },
		encoding: 'stream',
		returnFullResponse: true,
	} as const;
	return await wwRequest.call(this, { method: 'POST', url, ...options, json: false }, extras);
}

/** Who acts: the credential's user, by the server's spelling, and (API login with a client ID) its client. */
async function actor(
	this: IExecuteFunctions,
	i: number,
): Promise<{ user: string; client?: string }> {
	const { username } = await whoAmI.call(this, i);
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const apiClient = credentials.loginStyle !== 'sessionLogin' && credentials.clientId;
	return { user: username, client: apiClient ? String(credentials.clientId) : undefined };
}

/**
 * A lost answer to a check-out: the asset checked out by the credential's user (and, with an API
 * login client ID, on that client) is the check-out done. It may also have been checked out by
 * this user before; either way it is now this user's to check in.
 */
function checkedOutBy(hit: Hit | undefined, me: { user: string; client?: string }): ReadBack<Hit> {
	if (!hit) return { done: false, found: 'no such asset' };
	const by = hit.metadata?.checkedOutBy as string | undefined;
	if (!by) return { done: false, found: 'that it is not checked out' };
	const on = hit.metadata?.checkedOutOnClient as string | undefined;
	const where = `checked out by ${by}${on ? ` on ${on}` : ''}`;
	const { user, client } = me;
	if (by.toLowerCase() !== user.toLowerCase() || (client && on && on !== client)) {
		return {
			done: false,
			found: `that it is ${where}, not by ${user}${client ? ` on ${client}` : ''}`,
		};
	}
	return { done: true, value: hit, found: `that it is ${where}` };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const id = getAssetId.call(this, i);
	const download = this.getNodeParameter('download', i, false) as boolean;
	const property = download ? (this.getNodeParameter('binaryPropertyName', i) as string) : '';
	// After a lost answer the value is the asset read back (a Hit); otherwise the server's answer.
	const { value, verified } = await actOnce<unknown>(this, {
		service: SERVICE,
		itemIndex: i,
		work: async () => await sendCheckout.call(this, id, download, i),
		readBack: async () => {
			const me = await actor.call(this, i);
			return await readBackAsset.call(this, id, CHECKOUT_FIELDS, i, (hit) => checkedOutBy(hit, me));
		},
	});
	if (!download) {
		const state = verified ? (value as Hit).metadata : (value as IDataObject);
		return jsonItems({ ...stateOf(id, state), ...verifiedFields(verified) });
	}
	if (verified) {
		// The check-out is done but its file was lost with the answer: the original is read instead (a read may be repeated).
		const hit = value as Hit;
		const note = `${verified} The file was downloaded separately.`;
		const binary = await downloadOriginal.call(this, hit, i);
		return binaryItem({ ...stateOf(id, hit.metadata), ...verifiedFields(note) }, property, binary);
	}
	const hit = await getAsset.call(this, id, CHECKOUT_FIELDS, i);
	const answer = value as StreamedAnswer;
	const binary = await binaryFromAnswer.call(this, answer, fileNameOf(hit), mimeTypeOfHit(hit), i);
	return binaryItem(stateOf(id, hit.metadata), property, binary);
}
