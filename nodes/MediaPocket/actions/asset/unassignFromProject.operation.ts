import { assetCommandOperation } from '../../helpers/operations';

/** An asset without a project is an HTTP 200 with an error body: the transport raises it. */
export const { option, description, execute } = assetCommandOperation({
	operation: 'unassignFromProject',
	option: {
		name: 'Unassign From Project',
		description: 'Take the asset out of its project',
		action: 'Unassign an asset from its project',
	},
	request: ['DELETE', 'unassign'],
});
