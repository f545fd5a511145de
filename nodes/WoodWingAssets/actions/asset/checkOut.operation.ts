import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { binaryFromResponse, safeFileName } from '../../../shared/binary';
import { assetLocator, outputBinaryField } from '../../helpers/descriptions';
import { actOnce, type ReadBack, readUntil, verifiedFields } from '../../helpers/lostAnswer';
import { getAssetId } from '../../helpers/utils';
import {
	CREDENTIAL_TYPE,
	findAsset,
	getAsset,
	type Hit,
	plainValue,
	whoAmI,
	wwPost,
	wwRequest,
} from '../../transport';
import { rejectJsonError } from '../../transport/streams';
import { downloadOriginal } from './download.operation';

export const description: INodeProperties[] = [
	assetLocator(['checkOut'], 'The asset to check out (lock for other users)'),
	{
		displayName: 'Download',
		name: 'download',
		type: 'boolean',
		default: false,
		description: 'Whether to also download the original file in the same call',
		displayOptions: { show: { resource: ['asset'], operation: ['checkOut'], '@tool': [false] } },
	},
	outputBinaryField({ operation: ['checkOut'], download: [true], '@tool': [false] }),
];

interface CheckoutState extends IDataObject {
	checkedOut?: number;
	checkedOutBy?: string;
	checkedOutOnClient?: string;
}

const CHECKOUT_FIELDS = 'filename,mimeType,checkedOut,checkedOutBy,checkedOutOnClient';

function stateOf(id: string, metadata: IDataObject): IDataObject {
	return {
		id,
		checkedOut: (plainValue(metadata.checkedOut) as number | undefined) ?? null,
		checkedOutBy: (metadata.checkedOutBy as string | undefined) ?? null,
		checkedOutOnClient: (metadata.checkedOutOnClient as string | undefined) ?? null,
	};
}

/**
 * A lost answer to a check-out: the asset checked out by the credential's user (and, with an API
 * login client ID, on that client) is the check-out done. It may also have been checked out by
 * this user before; either way it is now this user's to check in.
 */
async function readCheckout(
	this: IExecuteFunctions,
	id: string,
	i: number,
): Promise<ReadBack<Hit>> {
	const hit = await readUntil(
		this,
		async () => await findAsset.call(this, id, CHECKOUT_FIELDS, i),
		(found) => !!found?.metadata?.checkedOutBy,
	);
	if (!hit) return { done: false, found: 'no such asset' };
	const by = hit.metadata?.checkedOutBy as string | undefined;
	if (!by) return { done: false, found: 'that it is not checked out' };
	const { username } = await whoAmI.call(this, i);
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const client =
		credentials.loginStyle !== 'sessionLogin' && credentials.clientId
			? String(credentials.clientId)
			: undefined;
	const on = hit.metadata?.checkedOutOnClient as string | undefined;
	const where = `checked out by ${by}${on ? ` on ${on}` : ''}`;
	if (by.toLowerCase() !== username.toLowerCase() || (client && on && on !== client)) {
		return {
			done: false,
			found: `that it is ${where}, not by ${username}${client ? ` on ${client}` : ''}`,
		};
	}
	return { done: true, value: hit, found: `that it is ${where}` };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData> {
	const id = getAssetId.call(this, i);
	const download = this.getNodeParameter('download', i, false) as boolean;
	const url = `/services/checkout/${encodeURIComponent(id)}`;
	if (!download) {
		const { value: state, verification } = await actOnce(
			this,
			i,
			async () =>
				await wwPost.call<IExecuteFunctions, Parameters<typeof wwPost>, Promise<CheckoutState>>(
					this,
					url,
					{},
					{ itemIndex: i, effect: 'acts' },
				),
			async () => {
				const found = await readCheckout.call(this, id, i);
				return found.done
					? { ...found, value: (found.value.metadata ?? {}) as CheckoutState }
					: found;
			},
		);
		const json = stateOf(id, state);
		return { json: verification ? { ...json, ...verifiedFields(verification) } : json };
	}

	// With download=true the server answers with the original file instead of the check-out state.
	const property = this.getNodeParameter('binaryPropertyName', i) as string;
	const { value: response, verification } = await actOnce(
		this,
		i,
		async () =>
			await wwRequest.call<
				IExecuteFunctions,
				Parameters<typeof wwRequest>,
				Promise<{ body: unknown; headers: Record<string, unknown> } | null>
			>(
				this,
				{
					method: 'POST',
					url,
					qs: { download: 'true' },
					encoding: 'stream',
					returnFullResponse: true,
					json: false,
				},
				{ itemIndex: i, effect: 'acts' },
			),
		async (): Promise<ReadBack<null>> => {
			const found = await readCheckout.call(this, id, i);
			return found.done ? { done: true, value: null, found: found.found } : found;
		},
	);
	let binary: IBinaryData;
	let hit: Hit;
	if (response) {
		const checked = await rejectJsonError.call(this, response, i);
		binary = await binaryFromResponse.call(
			this,
			{ body: checked.body, headers: checked.headers },
			id,
		);
		hit = await getAsset.call(this, id, CHECKOUT_FIELDS, i);
		const known = safeFileName(String(hit.metadata?.filename ?? ''));
		if (binary.fileName === id && known) binary.fileName = known;
	} else {
		// The check-out is done but its file was lost with the answer: the original is read instead (a read may be repeated).
		hit = await getAsset.call(this, id, CHECKOUT_FIELDS, i);
		const mimeType = typeof hit.metadata?.mimeType === 'string' ? hit.metadata.mimeType : undefined;
		binary = await downloadOriginal.call(
			this,
			id,
			safeFileName(String(hit.metadata?.filename ?? '')) ?? id,
			mimeType,
			i,
		);
	}
	const metadata = hit.metadata ?? {};
	const json = stateOf(id, metadata);
	return {
		json: verification
			? { ...json, ...verifiedFields(`${verification} The file was downloaded separately.`) }
			: json,
		binary: { [property]: binary },
	};
}
