import { assetCommandOperation } from '../../helpers/operations';

/** Deletes the asset for good, without going through the trash bin. */
export const { option, description, execute } = assetCommandOperation({
	operation: 'delete',
	option: {
		name: 'Delete Permanently',
		description: 'Delete an asset for good',
		action: 'Delete an asset permanently',
	},
	request: ['DELETE'],
});
