import type { IBinaryData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { binaryFromResponse } from '../../../shared/binary';
import { assetLocator, outputBinaryField } from '../../helpers/descriptions';
import { getAssetId } from '../../helpers/utils';
import { getAsset, plainValue, wwPost, wwRequest } from '../../transport';
import { rejectJsonError } from '../../transport/streams';

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

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData> {
	const id = getAssetId.call(this, i);
	const download = this.getNodeParameter('download', i, false) as boolean;
	const url = `/services/checkout/${encodeURIComponent(id)}`;
	if (!download) {
		const state = await wwPost.call<IExecuteFunctions, Parameters<typeof wwPost>, Promise<CheckoutState>>(this, url, {}, { itemIndex: i });
		return {
			json: {
				id,
				checkedOut: state.checkedOut ?? null,
				checkedOutBy: state.checkedOutBy ?? null,
				checkedOutOnClient: state.checkedOutOnClient ?? null,
			},
		};
	}

	// With download=true the server answers with the original file instead of the check-out state.
	const property = this.getNodeParameter('binaryPropertyName', i) as string;
	const response = await wwRequest.call<IExecuteFunctions, Parameters<typeof wwRequest>, Promise<{ body: unknown; headers: Record<string, unknown> }>>(
		this,
		{ method: 'POST', url, qs: { download: 'true' }, encoding: 'stream', returnFullResponse: true, json: false },
		{ itemIndex: i },
	);
	const checked = await rejectJsonError.call(this, response, i);
	const binary: IBinaryData = await binaryFromResponse.call(this, { body: checked.body, headers: checked.headers }, id);
	const hit = await getAsset.call(this, id, 'filename,mimeType,checkedOut,checkedOutBy,checkedOutOnClient', i);
	const metadata = hit.metadata ?? {};
	if (binary.fileName === id && typeof metadata.filename === 'string') binary.fileName = metadata.filename;
	return {
		json: {
			id,
			checkedOut: (plainValue(metadata.checkedOut) as number | undefined) ?? null,
			checkedOutBy: (metadata.checkedOutBy as string | undefined) ?? null,
			checkedOutOnClient: (metadata.checkedOutOnClient as string | undefined) ?? null,
		},
		binary: { [property]: binary },
	};
}
