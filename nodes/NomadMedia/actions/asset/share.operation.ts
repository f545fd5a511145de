import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { getInteger } from '../../../shared/parameters';
import { assetLocator } from '../../helpers/descriptions';
import { getGuid, getGuidList } from '../../helpers/ids';
import { nomadActOnce } from '../common';

export const option = {
	name: 'Share',
	description: 'Share an asset with Nomad Media users; returns the share link',
	action: 'Share an asset',
};

export const description = updateDisplayOptions(
	{
		show: {
			resource: ['asset'],
			operation: ['share'],
		},
	},
	[
		assetLocator('The asset (file or folder) to share'),
		{
			displayName: 'Recipient User IDs',
			name: 'recipientIds',
			type: 'string',
			default: '',
			placeholder: '3fa85f64-5717-4562-b3fc-2c963f66afa6, 7ba85f64-5717-4562-b3fc-2c963f66afa7',
			description:
				'IDs of the Nomad Media users to share with, separated by commas, or an array from an expression; empty shares with yourself (to pass the link on)',
		},
		optionsCollection([
			{
				displayName: 'Expires At',
				name: 'expirationDate',
				type: 'dateTime',
				default: '',
				description: 'When the share stops working',
			},
			{
				displayName: 'Duration (Hours)',
				name: 'sharedDurationInHours',
				type: 'number',
				typeOptions: { minValue: 1, numberPrecision: 0 },
				default: 72,
				description: 'How many hours the share works (instead of Expires At)',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'Press preview',
				description: 'Name of the share, shown to the recipients',
			},
		]),
	],
);

/**
 * POST /asset/{assetId}/share with ShareModel (recipients as `nomadUsers` lookups, `expirationDate`,
 * `sharedDurationInHours`, `name`), sent once. Nomad Media answers the share link.
 *
 * Nomad Media's OpenAPI document has no password (nor e-mail recipients) in ShareModel, whatever the
 * seed lists, so the node offers none: a share is protected by its recipients and its expiry.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const assetId = getGuid.call(this, 'assetId', i, 'Asset');
	const raw = this.getNodeParameter('recipientIds', i, '') as unknown;
	const empty =
		raw === undefined || raw === null || (Array.isArray(raw) ? !raw.length : !String(raw).trim());
	const recipients = empty ? [] : getGuidList.call(this, 'recipientIds', i, 'Recipient User IDs');
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const body: IDataObject = { assetId };
	if (recipients.length) body.nomadUsers = recipients.map((id) => ({ id }));
	if (typeof options.name === 'string' && options.name.trim()) body.name = options.name.trim();
	if (options.expirationDate) {
		const parsed = Date.parse(String(options.expirationDate));
		if (Number.isNaN(parsed))
			throw new NodeOperationError(this.getNode(), '"Expires At" is not a valid date', {
				itemIndex: i,
			});
		body.expirationDate = new Date(parsed).toISOString();
	}
	if (options.sharedDurationInHours !== undefined) {
		if (body.expirationDate)
			throw new NodeOperationError(
				this.getNode(),
				'Set "Expires At" or "Duration (Hours)", not both',
				{ itemIndex: i },
			);
		body.sharedDurationInHours = getInteger.call(this, 'options.sharedDurationInHours', i, {
			label: 'Duration (Hours)',
			min: 1,
			max: 87_600,
			fallback: 72,
		});
	}
	const answer = (await nomadActOnce.call(
		this,
		i,
		{ url: `/asset/${assetId}/share`, body },
		"created the share (check the asset's shares in Nomad Media)",
	)) as unknown;
	const link =
		typeof answer === 'string' ? answer : (answer as IDataObject | undefined)?.sharedLink;
	return jsonItems({
		assetId,
		sharedLink: typeof link === 'string' ? link : null,
		recipientIds: recipients,
		name: (body.name as string | undefined) ?? null,
		expirationDate: (body.expirationDate as string | undefined) ?? null,
		sharedDurationInHours: (body.sharedDurationInHours as number | undefined) ?? null,
	});
}
