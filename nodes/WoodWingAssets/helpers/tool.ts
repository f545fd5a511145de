import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * As an AI agent tool the node offers only the operations that need no binary data: each
 * Operation dropdown comes in two variants, all operations in the editor (`@tool` false) and the
 * ones without binary data for a tool.
 */
export function withToolOperations(
	properties: INodeProperties[],
	binaryOperations: string[],
): INodeProperties[] {
	return properties.flatMap((property) => {
		if (property.name !== 'operation') return [property];
		const variant = (tool: boolean, options: INodePropertyOptions[]): INodeProperties => ({
			...property,
			displayOptions: { show: { ...property.displayOptions?.show, '@tool': [tool] } },
			options,
		});
		const options = property.options as INodePropertyOptions[];
		const withoutBinary = options.filter(
			(option) => !binaryOperations.includes(String(option.value)),
		);
		return [variant(false, options), variant(true, withoutBinary)];
	});
}
