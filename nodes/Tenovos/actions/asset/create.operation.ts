import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { binaryInputField, optionsCollection } from '../../../shared/descriptions';
import { jsonItems } from '../../../shared/items';
import { getTemplateIds } from '../../helpers/ids';
import { buildMetadata, metadataProperties } from '../../helpers/metadata';
import { assertUploadable, createAssetWithContent } from '../../helpers/upload';
import { getString } from '../../helpers/utils';
import {
	assetOperation,
	fileNameOption,
	securityTemplatesRequired,
	templatePicker,
} from './common';

export const description = assetOperation('create', [
	binaryInputField('The file to upload'),
	templatePicker('metadataTemplateId'),
	securityTemplatesRequired,
	...metadataProperties(['metadataTemplateId']),
	optionsCollection([fileNameOption]),
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const propertyName = getString.call(this, 'binaryPropertyName', i, 'data');
	await assertUploadable.call(this, i, propertyName); // before any request
	const { metadataTemplateId, securityTemplateIds } = getTemplateIds.call(this, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const metadata = await buildMetadata.call(this, i, async () => metadataTemplateId);
	const created = await createAssetWithContent.call(
		this,
		i,
		{ metadataTemplateId, metadata, securityTemplateIds },
		propertyName,
		String(options.fileName ?? '').trim() || undefined,
	);
	return jsonItems(created);
}

/** Its entry in the Operation dropdown. */
export const option = {
	name: 'Create',
	description: 'Create an asset from a file (large files go up in 100 MB parts)',
	action: 'Create an asset',
};
