import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { type BinaryInput, readBinaryInput } from '../../../shared/binary';
import { binaryInputField } from '../../../shared/descriptions';
import { actOnce, type ReadBack } from '../../../shared/flow';
import { jsonItems } from '../../../shared/items';
import { folderLocator, metadataProperties } from '../../helpers/descriptions';
import { readUntil, verifiedFields } from '../../helpers/readBack';
import {
	getMetadata,
	getMetadataToReturn,
	normalizeFolderPath,
	pickMetadata,
} from '../../helpers/utils';
import {
	ensureFreshSession,
	type Hit,
	isHit,
	PAGE_SIZE,
	plainValue,
	quote,
	SERVICE,
	whoAmI,
	wwSearch,
} from '../../transport';
import { multipartUpload } from '../../transport/multipart';

export const description = updateDisplayOptions(
	{ show: { resource: ['asset'], operation: ['create'] } },
	[
		binaryInputField(),
		folderLocator(),
		...metadataProperties('Metadata to set on the new asset', [
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
		]),
	],
);

export const option = {
	name: 'Create',
	description: 'Upload a file as a new asset',
	action: 'Create an asset',
};

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
		const q = `folderPath:${quote(target.folderPath)}`;
		const qs = { q, num: PAGE_SIZE, sort: 'assetCreated-desc', metadataToReturn: 'all' };
		return ((await wwSearch.call(this, qs, i)).hits ?? []).filter(matches);
	};
	const readHits = readUntil<Hit[]>;
	return { user: username, hits: await readHits.call(this, search, (hits) => hits.length > 0) };
}

/**
 * The answer to the upload was lost after the server may have created the asset. The upload is
 * not sent again (that could create a duplicate): the folder is searched for it. One match is the
 * asset; none or several is not done, saying what to check.
 */
async function readCreated(
	this: IExecuteFunctions,
	target: Target,
	startedAt: number,
	i: number,
): Promise<ReadBack<Hit>> {
	const { user, hits } = await findCreated.call(this, target, startedAt, i);
	const searched = `a search of ${target.folderPath}`;
	if (hits.length === 1) {
		const found = `that ${searched} found ${describeHit(hits[0])}, created by ${user} after the upload began with the size sent, so the asset was created once`;
		return { done: true, value: hits[0], found };
	}
	if (hits.length === 0) {
		const found = `that ${searched} found no asset named ${target.fileName} of ${target.size} bytes created by ${user} since the upload began. A new asset can take a moment to show in search, so it may have been created all the same. Check that folder before running this again, or the file may be uploaded twice`;
		return { done: false, found };
	}
	const found = `that ${hits.length} assets in ${target.folderPath} match it: ${hits.map(describeHit).join(', ')}. Check which one is new before running this again`;
	return { done: false, found };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
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
	const readBack = async () => {
		const size = Number.isFinite(input.size) ? input.size : upload.summary().size;
		const target = targetOf(metadata, folderPath, { ...input, size }, autoRename);
		const found = await readCreated.call(this, target, startedAt, i);
		return found.done ? { ...found, value: pickMetadata(found.value, metadataToReturn) } : found;
	};
	const { value, verified } = await actOnce<unknown>(this, {
		service: SERVICE,
		itemIndex: i,
		work: async () => await upload.send(),
		readBack,
	});
	const summary = upload.summary(!!verified);
	// Some server versions answer create without the hit: nothing to look it up by, so report what was sent.
	const hit = isHit(value) ? value : { folderPath };
	return jsonItems({ ...hit, upload: summary, ...verifiedFields(verified) });
}
