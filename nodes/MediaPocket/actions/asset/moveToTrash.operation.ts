import { assetCommandOperation } from '../../helpers/operations';

/** Media Pocket purges trashed assets after 14 days. */
export const { option, description, execute } = assetCommandOperation({
	operation: 'moveToTrash',
	option: {
		name: 'Move to Trash',
		description: 'Move the asset to the trash bin (purged after 14 days)',
		action: 'Move an asset to the trash',
	},
	request: ['POST', 'trash_bin'],
});
