import { assetListOperation } from '../../helpers/operations';

/** The DAG actions available for an asset (needs ACTIONS_VIEW). */
export const { option, description, execute } = assetListOperation({
	resource: 'dagAction',
	operation: 'getAll',
	option: {
		name: 'Get Many',
		description: 'List the DAG actions available for an asset',
		action: 'Get many DAG actions',
	},
	list: 'dag_actions',
});
