import { assetListOperation } from '../../helpers/operations';

/** The collections the asset belongs to, one item each. */
export const { option, description, execute } = assetListOperation({
	resource: 'asset',
	operation: 'getCollections',
	option: {
		name: 'Get Collections',
		description: 'Get the collections the asset belongs to',
		action: 'Get the collections of an asset',
	},
	list: 'collections',
});
