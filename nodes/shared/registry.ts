import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { Operation, OperationRegistry } from './router';

/** An operation file: its entry in the Operation dropdown, its parameters and its implementation. */
export interface OperationModule {
	option: { name: string; description: string; action: string };
	description: INodeProperties[];
	execute: Operation;
}

/** A resource's index: its entry in the Resource dropdown and its operations by value. */
export interface ResourceModule {
	/** Its name in the Resource dropdown. */
	displayName: string;
	value: string;
	defaultOperation: string;
	operations: Record<string, OperationModule>;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** The Resource dropdown, each resource's Operation dropdown, and every operation's parameters. */
export function nodeProperties(
	resources: ResourceModule[],
	defaultResource: string,
): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources
				.map(({ displayName, value }) => ({ name: displayName, value }))
				.sort(byName),
			default: defaultResource,
		},
	];
	for (const resource of resources) {
		const options: INodePropertyOptions[] = Object.entries(resource.operations)
			.map(([value, operation]) => ({ ...operation.option, value }))
			.sort(byName);
		const defaultOperation = resource.defaultOperation;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options,
			default: defaultOperation,
		});
	}
	for (const resource of resources) {
		for (const operation of Object.values(resource.operations))
			properties.push(...operation.description);
	}
	return properties;
}

/** resource -> operation -> implementation, for the router. */
export function operationRegistry(resources: ResourceModule[]): OperationRegistry {
	return Object.fromEntries(
		resources.map((resource) => [
			resource.value,
			Object.fromEntries(
				Object.entries(resource.operations).map(([value, operation]) => [value, operation.execute]),
			),
		]),
	);
}
