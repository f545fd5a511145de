import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';

import type { Hit } from '../transport';

/** Metadata from the name/value pairs and the optional JSON object (JSON wins). */
export function getMetadata(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const pairs = this.getNodeParameter('metadata.field', itemIndex, []) as Array<{
		name?: string;
		value?: unknown;
	}>;
	const metadata: IDataObject = {};
	for (const pair of pairs) {
		const name = String(pair.name ?? '').trim();
		if (!name)
			throw new NodeOperationError(
				this.getNode(),
				'A metadata field has no name (parameter "Metadata")',
				{ itemIndex },
			);
		metadata[name] = pair.value as IDataObject[string];
	}
	const raw = this.getNodeParameter('options.metadataJson', itemIndex, '{}') as
		string | IDataObject;
	let json: unknown = raw;
	if (typeof raw === 'string') {
		const text = raw.trim();
		if (text === '') return metadata;
		try {
			json = jsonParse(text);
		} catch {
			throw new NodeOperationError(
				this.getNode(),
				'The "Metadata (JSON)" option is not valid JSON',
				{ itemIndex },
			);
		}
	}
	if (!json || typeof json !== 'object' || Array.isArray(json)) {
		throw new NodeOperationError(
			this.getNode(),
			'The "Metadata (JSON)" option must be a JSON object',
			{ itemIndex },
		);
	}
	return { ...metadata, ...(json as IDataObject) };
}

/** The comma-separated field list of the "Metadata to Return" option ('' = all). */
export function getMetadataToReturn(this: IExecuteFunctions, itemIndex: number): string {
	const value = this.getNodeParameter('options.metadataToReturn', itemIndex, '') as string;
	return value
		.split(',')
		.map((field) => field.trim())
		.filter(Boolean)
		.join(',');
}

/** A folder path as WoodWing wants it: leading slash, no trailing slash. */
export function normalizeFolderPath(
	this: IExecuteFunctions,
	value: string,
	itemIndex: number,
): string {
	const path = String(value ?? '')
		.trim()
		.replace(/\/+$/, '');
	if (!path.startsWith('/')) {
		throw new NodeOperationError(
			this.getNode(),
			`The folder path "${value}" must start with "/" (parameter "Folder")`,
			{
				itemIndex,
				description: 'Use the full path of the folder, e.g. /Demo Zone/Images',
			},
		);
	}
	return path;
}

/** The hit with only the metadata fields asked for ('all' or '': as it is). */
export function pickMetadata(hit: Hit, metadataToReturn: string): Hit {
	const wanted = metadataToReturn.split(',').filter(Boolean);
	if (wanted.length === 0 || wanted.includes('all')) return hit;
	const metadata = Object.fromEntries(
		Object.entries(hit.metadata ?? {}).filter(([field]) => wanted.includes(field)),
	);
	return { ...hit, metadata };
}
