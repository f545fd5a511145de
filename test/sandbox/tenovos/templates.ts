import { HttpError, type Router } from '../core/http';
import {
	IDS,
	SECURITY_TEMPLATES,
	TEMPLATES,
	TENOVOS_CUSTOMER_ID,
	VOCABULARIES,
	templateJson,
} from './data';
import type { TenovosState } from './state';

const DEFINED_AT = 1_600_000_000_000;

function vocabularyJson(id: string) {
	const vocabulary = VOCABULARIES[id];
	return {
		metadataDefinitionId: id,
		metadataDefinitionName: vocabulary.name,
		metadataDefinitionSearchField: vocabulary.searchField,
		metadataDefinitionType: 'controlledVocabulary',
		metadata: { values: vocabulary.values, searchable: true },
		createdEpoch: DEFINED_AT,
		lastUpdatedEpoch: DEFINED_AT,
		customerId: TENOVOS_CUSTOMER_ID,
	};
}

function securityTemplateJson(template: (typeof SECURITY_TEMPLATES)[number]) {
	return {
		templateId: template.templateId,
		templateName: template.templateName,
		securityDenormalized: [{ groupId: IDS.securityPublic, permissions: ['view', 'download'] }],
		templateDocument: [
			{
				groupId: IDS.securityPublic,
				groupPermissions: [{ permissionId: 'view', isPermitted: true }],
			},
		],
	};
}

/** Metadata templates (wrapped or flat, by config), controlled vocabularies, granted security templates. */
export function registerTemplateRoutes(router: Router, state: TenovosState): void {
	const { auth } = state;
	const wrapped = () => state.config.wrappedTemplates;
	router
		.get('/metadata/template', (req) => {
			auth.checkTokens(req);
			return { body: TEMPLATES.map((t) => templateJson(t, DEFINED_AT, wrapped())) };
		})
		.get('/metadata/template/:id', (req) => {
			auth.checkTokens(req);
			const template = TEMPLATES.find((t) => t.templateId === req.params.id);
			if (!template) throw new HttpError(400, { message: 'Metadata Template not found' });
			return { body: templateJson(template, DEFINED_AT, wrapped()) };
		})
		.get('/metadata/vocabulary', (req) => {
			auth.checkTokens(req);
			return { body: Object.keys(VOCABULARIES).map(vocabularyJson) };
		})
		.get('/metadata/vocabulary/:id', (req) => {
			auth.checkTokens(req);
			if (!VOCABULARIES[req.params.id])
				throw new HttpError(404, { message: 'Controlled vocabulary not found' });
			return { body: vocabularyJson(req.params.id) };
		})
		.get('/security/template', (req) => {
			auth.checkTokens(req);
			return { body: SECURITY_TEMPLATES.filter((t) => t.granted).map(securityTemplateJson) };
		});
}
