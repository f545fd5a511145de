import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { isTenovosId } from '../helpers/ids';
import { loadTemplate, parseTemplate } from '../helpers/metadata';
import { tenovosList, tenovosRequest } from '../transport';

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** Metadata templates assets can use (templates made only for search layouts, proofs or tiles are left out). */
export async function getMetadataTemplates(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const list = await tenovosList.call(this, '/metadata/template');
	return list
		.map(parseTemplate)
		.filter(
			(t): t is NonNullable<typeof t> =>
				!!t && (t.types.length === 0 || t.types.includes('default')),
		)
		.map((t) => ({ name: t.name, value: t.id }))
		.sort(byName);
}

export async function getSecurityTemplates(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const list = await tenovosList.call(this, '/security/template');
	return list
		.map((t) => ((t.template as IDataObject | undefined) ?? t) as IDataObject)
		.filter((t) => typeof t.templateId === 'string')
		.map((t) => ({ name: String(t.templateName ?? t.templateId), value: String(t.templateId) }))
		.sort(byName);
}

function current(this: ILoadOptionsFunctions, path: string, extractValue = false): string {
	try {
		const value = this.getCurrentNodeParameter(
			path,
			extractValue ? { extractValue: true } : undefined,
		);
		return typeof value === 'string' ? value.trim() : '';
	} catch {
		return '';
	}
}

/**
 * Writable fields of the metadata template in play: the one chosen on the node, or else the
 * template of the chosen asset.
 */
export async function getMetadataFields(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	let templateId =
		current.call(this, 'metadataTemplateId') || current.call(this, 'options.metadataTemplateId');
	if (!templateId) {
		const assetId = current.call(this, 'asset', true);
		// Only a real ID goes into the path ("..", half-typed text: no fields to offer yet).
		if (!isTenovosId(assetId)) return [];
		const asset = await tenovosRequest.call(this, 'GET', `/asset/${assetId}`);
		templateId = String(asset.metadataTemplateId ?? '');
	}
	if (!isTenovosId(templateId)) return [];
	const template = await loadTemplate.call(this, templateId);
	return template.attributes
		.filter((a) => !a.readonly && a.visible)
		.map((a) => ({
			name: a.name,
			value: a.id,
			description: `${a.group ? `${a.group} · ` : ''}${a.type === 'controlledVocabulary' ? (a.isMultipleSelect ? 'multi-select list' : 'list') : a.type}`,
		}))
		.sort(byName);
}
