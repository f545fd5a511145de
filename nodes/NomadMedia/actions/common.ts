import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { safeFileName } from '../../shared/binary';
import { actOnce } from '../../shared/flow';
import { getUploadTuning } from '../../shared/parameters';
import { OVERWRITE_VALUES, UPLOAD_TUNING } from '../helpers/descriptions';
import { answeredGuid } from '../helpers/ids';
import { toOutput } from '../helpers/output';
import { MiB } from '../helpers/upload';
import { nomadApi, nomadRequest } from '../transport';

/** GET /admin/asset/{id}, ready for output (type and status names and numbers). */
export async function fetchAsset(
	this: IExecuteFunctions,
	id: string,
	i: number,
): Promise<IDataObject> {
	return toOutput(
		await nomadRequest.call(this, { method: 'GET', url: `/admin/asset/${id}` }, { itemIndex: i }),
	);
}

/** The asset Nomad Media just created (its answer's `id`, checked before it goes into the path). */
export async function fetchCreated(
	this: IExecuteFunctions,
	created: IDataObject,
	i: number,
	what: string,
): Promise<IDataObject> {
	return await fetchAsset.call(
		this,
		answeredGuid.call(this, created?.id, `the ID of the new ${what}`, i),
		i,
	);
}

/**
 * A POST that acts on Nomad Media (creates, queues, runs a batch action), sent once: when its
 * answer is lost after Nomad Media may have acted, it is not sent again, and the error says what
 * Nomad Media may have done (`mayHave`) so that it is checked before the workflow runs again.
 */
export async function nomadActOnce(
	this: IExecuteFunctions,
	i: number,
	request: { url: string; body?: unknown; method?: 'POST' | 'DELETE' },
	mayHave: string,
): Promise<IDataObject> {
	const { value } = await actOnce(this, {
		service: nomadApi.service,
		itemIndex: i,
		mayHave,
		work: async () =>
			await nomadRequest.call(
				this,
				{ method: request.method ?? 'POST', url: request.url, body: request.body as IDataObject },
				{ itemIndex: i, commit: true },
			),
	});
	return value;
}

/** Parallel Parts and Part Size, checked at run time: an expression can give a word or 1e9. */
export function readUploadTuning(
	this: IExecuteFunctions,
	i: number,
): { concurrency: number; chunkSize: number } {
	const { concurrency, partSizeMiB } = getUploadTuning.call(this, i, UPLOAD_TUNING);
	return { concurrency, chunkSize: partSizeMiB * MiB };
}

/**
 * The overwrite policy to send: the chosen one, else the version's default. Naming the asset to
 * replace (Replace Asset ID, Replace Related Asset ID) is asking to replace, so it keeps Replace.
 */
export function readOverwrite(
	this: IExecuteFunctions,
	i: number,
	options: IDataObject,
	replacing: boolean,
): string {
	const chosen = options.uploadOverwriteOption;
	if (chosen !== undefined && chosen !== '') {
		if (typeof chosen !== 'string' || !OVERWRITE_VALUES.includes(chosen)) {
			throw new NodeOperationError(
				this.getNode(),
				`"If the File Exists" must be one of ${OVERWRITE_VALUES.join(', ')}, got "${String(chosen)}"`,
				{ itemIndex: i },
			);
		}
		return chosen;
	}
	return this.getNode().typeVersion < 2 || replacing ? 'Replace' : 'Cancel';
}

/** The name Nomad Media gets for a file: its base name, never folders from a `/` in it. */
export function baseFileName(this: IExecuteFunctions, i: number, fileName: string): string {
	const base = safeFileName(fileName);
	if (!base) {
		throw new NodeOperationError(this.getNode(), `The file name "${fileName}" has no usable name`, {
			itemIndex: i,
			description: 'Set the "File Name" option, e.g. interview.mp4',
		});
	}
	return base;
}
