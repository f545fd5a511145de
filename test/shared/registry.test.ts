import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import type { ResourceModule } from '../../nodes/shared/registry';
import { PACKAGE_NODES } from '../harness/package';

/** The node classes that route operations (triggers have none). */
const routed = PACKAGE_NODES.filter((node) =>
	node.description.properties.some((p) => p.name === 'operation'),
);

function resourcesOf(node: INodeType): ResourceModule[] {
	return (node.constructor as unknown as { resources?: ResourceModule[] }).resources ?? [];
}

describe('every node: one registry shape', () => {
	it.each(routed.map((node) => [node.description.name, node] as const))(
		'%s: every operation in the editor has an implementation, and every implementation an entry',
		(_name, node) => {
			const resources = resourcesOf(node);
			assert.ok(resources.length > 0, 'the node class exposes its resources (static resources)');
			const editor = new Set<string>();
			for (const property of node.description.properties.filter((p) => p.name === 'operation')) {
				const [resource] = (property.displayOptions?.show?.resource as string[]) ?? [];
				for (const option of property.options as INodePropertyOptions[])
					editor.add(`${resource}/${String(option.value)}`);
			}
			const implemented = new Set(
				resources.flatMap((resource) =>
					Object.entries(resource.operations)
						.filter(([, operation]) => typeof operation.execute === 'function')
						.map(([value]) => `${resource.value}/${value}`),
				),
			);
			assert.deepEqual([...editor].sort(), [...implemented].sort());
		},
	);

	it.each(routed.map((node) => [node.description.name, node] as const))(
		'%s: each operation file shows its parameters for its own resource and operation only',
		(_name, node) => {
			for (const resource of resourcesOf(node)) {
				for (const [value, operation] of Object.entries(resource.operations)) {
					for (const property of operation.description as INodeProperties[]) {
						const show = property.displayOptions?.show ?? {};
						assert.deepEqual(
							show.resource,
							[resource.value],
							`${resource.value}/${value} ${property.name}`,
						);
						assert.deepEqual(
							show.operation,
							[value],
							`${resource.value}/${value} ${property.name}`,
						);
					}
				}
			}
		},
	);
});
