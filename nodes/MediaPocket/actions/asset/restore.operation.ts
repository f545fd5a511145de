import { assetCommandOperation } from '../../helpers/operations';

/** Refused (HTTP 400) for an asset that is not in the trash bin. */
export const { option, description, execute } = assetCommandOperation({
	operation: 'restore',
	option: {
		name: 'Restore From Trash',
		description: 'Restore an asset from the trash bin',
		action: 'Restore an asset from the trash',
	},
	request: ['POST', 'restore'],
});
