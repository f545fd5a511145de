import { assetListOperation } from '../../helpers/operations';

/** The comments on the asset, one item each. */
export const { option, description, execute } = assetListOperation({
	resource: 'comment',
	operation: 'getAll',
	option: {
		name: 'Get Many',
		description: 'List the comments on an asset',
		action: 'Get many comments',
	},
	list: 'comments',
});
