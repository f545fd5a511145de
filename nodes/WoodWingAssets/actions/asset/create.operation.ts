import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { type BinaryInput, readBinaryInput } from '../../../shared/binary';
import { outcomeWasLost } from '../../../shared/transport';
import {
	inputBinaryField,
	metadataFields,
	metadataJsonOption,
	metadataToReturnOption,
} from '../../helpers/descriptions';
import { lostAnswerError, readUntil, verifiedFields } from '../../helpers/lostAnswer';
import {
	getMetadata,
	getMetadataToReturn,
	normalizeFolderPath,
	pickMetadata,
} from '../../helpers/utils';
import {
	ensureFreshSession,
	type Hit,
	plainValue,
	quote,
	type SearchResponse,
	whoAmI,
	wwGet,
} from '../../transport';
import { multipartUpload } from '../../transport/multipart';

const show = { resource: ['asset'], operation: ['create'] };

export const description: INodeProperties[] = [
	inputBinaryField(['create']),
	{
		displayName: 'Folder',
		name: 'folderPath',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'Folder to create the asset in. WoodWing creates missing folders.',
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a folder...',
				typeOptions: {
					searchListMethod: 'searchFolders',
					searchable: true,
					searchFilterRequired: false,
				},
			},
			{
				displayName: 'By Path',
				name: 'path',
				type: 'string',
				placeholder: 'e.g. /Demo Zone/Images',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^/.*', errorMessage: 'A folder path starts with /' },
					},
				],
			},
		],
	},
	metadataFields(['create'], 'Metadata to set on the new asset'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Auto Rename',
				name: 'autoRename',
				type: 'boolean',
				default: true,
				description:
					'Whether to give the asset a unique name when the folder already holds a file with that name. When off, the upload fails instead.',
			},
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. beach.jpg',
				description: 'Name of the new asset. Defaults to the file name of the binary data.',
			},
			metadataJsonOption,
			metadataToReturnOption,
		],
	},
];

/** Where the server puts the new asset: the folder, and the name it starts from. */
interface Target {
	folderPath: string;
	fileName: string;
	size: number;
	autoRename: boolean;
}

function targetOf(
	metadata: IDataObject,
	folderPath: string,
	input: BinaryInput,
	autoRename: boolean,
): Target {
	const explicit = typeof metadata.assetPath === 'string' ? metadata.assetPath : undefined;
	if (explicit && explicit.lastIndexOf('/') >= 0) {
		const slash = explicit.lastIndexOf('/');
		return {
			folderPath: explicit.slice(0, slash) || '/',
			fileName: explicit.slice(slash + 1),
			size: input.size,
			autoRename,
		};
	}
	const named = [metadata.filename, metadata.name].find(
		(value): value is string => typeof value === 'string' && value.length > 0,
	);
	return { folderPath, fileName: named ?? input.fileName, size: input.size, autoRename };
}

function escapeRegex(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The name itself, or (with Auto Rename) the name with a number the server added: report-1.pdf, report (2).pdf. */
function nameMatcher(target: Target): (name: string) => boolean {
	const dot = target.fileName.lastIndexOf('.');
	const stem = dot > 0 ? target.fileName.slice(0, dot) : target.fileName;
	const extension = dot > 0 ? target.fileName.slice(dot) : '';
	const renamed = new RegExp(
		`^${escapeRegex(stem)}[-_ ]\\(?\\d+\\)?${escapeRegex(extension)}$`,
		'i',
	);
	return (name) =>
		name.toLowerCase() === target.fileName.toLowerCase() ||
		(target.autoRename && renamed.test(name));
}

function describeHit(hit: Hit): string {
	return `${String(hit.metadata?.assetPath ?? hit.id)} (${hit.id})`;
}

/** Assets in the target folder that this upload may have created: its name, its size, by this user, since it began. */
async function findCreated(
	this: IExecuteFunctions,
	target: Target,
	startedAt: number,
	i: number,
): Promise<{ user: string; hits: Hit[] }> {
	const { username, clockOffsetMs } = await whoAmI.call(this, i);
	const since = startedAt + clockOffsetMs;
	const isName = nameMatcher(target);
	const matches = (hit: Hit) => {
		const metadata = hit.metadata ?? {};
		const created = Number(plainValue(metadata.assetCreated));
		return (
			isName(String(metadata.filename ?? metadata.name ?? '')) &&
			(!Number.isFinite(target.size) || Number(plainValue(metadata.fileSize)) === target.size) &&
			String(metadata.assetCreator ?? '').toLowerCase() === username.toLowerCase() &&
			(!Number.isFinite(created) || created >= since)
		);
	};
	const search = async () => {
		const page = await wwGet.call<
			IExecuteFunctions,
			Parameters<typeof wwGet>,
			Promise<SearchResponse>
		>(
			this,
			'/services/search',
			{
				q: `folderPath:${quote(target.folderPath)}`,
				num: 100,
				sort: 'assetCreated-desc',
				metadataToReturn: 'all',
			},
			{ itemIndex: i },
		);
		return (page.hits ?? []).filter(matches);
	};
	return { user: username, hits: await readUntil(this, search, (hits) => hits.length > 0) };
}

/**
 * The answer to the upload was lost after the server may have created the asset. The upload is
 * not sent again (that could create a duplicate): the folder is searched for it. One match is the
 * asset, reported as verified; none or several is an error that says what to check.
 */
async function createdDespiteLostAnswer(
	this: IExecuteFunctions,
	error: unknown,
	target: Target,
	startedAt: number,
	i: number,
): Promise<Hit & { verification: string }> {
	const what = `${target.fileName} (${target.size} bytes)`;
	const headline = 'Create: the answer to the upload was lost, so the asset may have been created';
	let found: { user: string; hits: Hit[] };
	try {
		found = await findCreated.call(this, target, startedAt, i);
	} catch (readError) {
		throw lostAnswerError.call(
			this,
			error,
			i,
			`The upload was not sent again, and searching ${target.folderPath} for it failed too (${(readError as Error).message}). Check that folder for ${what} before running this again, or the file may be uploaded twice.`,
			headline,
		);
	}
	if (found.hits.length === 1) {
		const [hit] = found.hits;
		return {
			...hit,
			verification: `The server's answer to the upload was lost; searching ${target.folderPath} found ${describeHit(hit)}, created by ${found.user} after the upload began with the size sent, so the asset was created once.`,
		};
	}
	const note =
		found.hits.length === 0
			? `The upload was not sent again; a search of ${target.folderPath} found no asset named ${target.fileName} of ${target.size} bytes created by ${found.user} since the upload began (a new asset can take a moment to show in search). Check that folder before running this again, or the file may be uploaded twice.`
			: `The upload was not sent again; ${found.hits.length} assets in ${target.folderPath} match it: ${found.hits.map(describeHit).join(', ')}. Check which one is new before running this again.`;
	throw lostAnswerError.call(this, error, i, note, headline);
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const property = this.getNodeParameter('binaryPropertyName', i) as string;
	const folderPath = normalizeFolderPath.call(
		this,
		this.getNodeParameter('folderPath', i, '', { extractValue: true }) as string,
		i,
	);
	const fileName = (this.getNodeParameter('options.fileName', i, '') as string).trim();
	const autoRename = this.getNodeParameter('options.autoRename', i, true) as boolean;
	const metadataToReturn = getMetadataToReturn.call(this, i) || 'all';
	const metadata = { ...getMetadata.call(this, i), folderPath };

	this.helpers.assertBinaryData(i, property);
	await ensureFreshSession.call(this, i);
	const input = await readBinaryInput.call(this, i, property, fileName || undefined);
	const upload = multipartUpload.call(
		this,
		'/services/create',
		[
			['metadata', JSON.stringify(metadata)],
			['metadataToReturn', metadataToReturn],
			['autoRename', String(autoRename)],
		],
		input,
		i,
	);
	const startedAt = Date.now();
	let response: Hit | string | undefined;
	let failure: unknown;
	try {
		response = await upload.send();
	} catch (error) {
		failure = error;
	}
	if (failure !== undefined) {
		if (!outcomeWasLost(failure)) throw failure;
		const target = targetOf(
			metadata,
			folderPath,
			{ ...input, size: Number.isFinite(input.size) ? input.size : upload.stats().size },
			autoRename,
		);
		const { verification, ...hit } = await createdDespiteLostAnswer.call(
			this,
			failure,
			target,
			startedAt,
			i,
		);
		return {
			...pickMetadata(hit as Hit, metadataToReturn),
			upload: { ...upload.stats() },
			...verifiedFields(verification),
		};
	}
	const hit = response && typeof response === 'object' && response.id ? response : undefined;
	if (!hit) {
		// Some server versions answer create without the hit: nothing to look it up by, so report what was sent.
		return { folderPath, upload: { ...upload.stats() } };
	}
	return { ...(hit as Hit), upload: { ...upload.stats() } };
}
