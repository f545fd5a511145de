import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { field, pagedList } from '../transport';

/** Categories of the library, named by their path (e.g. "Marketing/Campaigns"). */
export async function getCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const categories = await pagedList.call(this, { url: '/categories', property: 'categories' });
	return categories
		.map((category) => {
			const path = field(field(category, 'tree'), 'path') as string | undefined;
			const name = (
				path ||
				(field(category, 'name') as string) ||
				String(field(category, 'id'))
			).replace(/^\/+/, '');
			return { name, value: String(field(category, 'id')) };
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Custom attribute definitions (system properties are left out: they are not set through attributes). */
export async function getAttributes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const attributes = await pagedList.call(this, { url: '/attributes', property: 'attributes' });
	return attributes
		.filter((attribute) => field(attribute, 'isSystemProperty') !== true)
		.map((attribute) => ({
			name: String(field(attribute, 'name') ?? field(attribute, 'id')),
			value: String(field(attribute, 'id')),
			description: field(attribute, 'description')
				? String(field(attribute, 'description'))
				: undefined,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}
