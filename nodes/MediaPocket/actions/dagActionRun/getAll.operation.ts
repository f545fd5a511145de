import { withState } from './runs';
import { assetListOperation } from '../../helpers/operations';

/** The DAG action runs of an asset with their status and messages (needs ACTIONS_VIEW). */
export const { option, description, execute } = assetListOperation({
	resource: 'dagActionRun',
	operation: 'getAll',
	option: {
		name: 'Get Many',
		description: 'List the DAG action runs of an asset',
		action: 'Get many DAG action runs',
	},
	list: 'dag_action_runs',
	map: withState,
});
