import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ReadBack } from '../../shared/flow';
import { pause } from '../../shared/retry';
import { findAsset, type Hit } from '../transport';

/** A new asset or version can take a moment to show in search: read this often, this far apart. */
export const READ_BACK = { attempts: 3, delayMs: 750 };

/**
 * Reads until `settled` holds or the attempts run out (search shows a change a moment after it
 * happened); returns the last read. The read back of a lost answer (actOnce, DamFlow.commit).
 */
export async function readUntil<T>(
	this: IExecuteFunctions,
	read: () => Promise<T>,
	settled: (value: T) => boolean,
): Promise<T> {
	let value = await read();
	for (let attempt = 1; attempt < READ_BACK.attempts && !settled(value); attempt++) {
		await pause(READ_BACK.delayMs, this.getExecutionCancelSignal());
		value = await read();
	}
	return value;
}

/** Output fields that say the result was established by reading the asset back. */
export function verifiedFields(note: string | undefined): IDataObject {
	return note ? { verified: true, verification: note } : {};
}

/** The asset as search shows it, read until `settled` holds (see readUntil); undefined: no such asset. */
export async function readAsset(
	this: IExecuteFunctions,
	id: string,
	metadataToReturn: string,
	itemIndex: number,
	settled: (hit: Hit | undefined) => boolean,
): Promise<Hit | undefined> {
	const read = async () => await findAsset.call(this, id, metadataToReturn, itemIndex);
	const readHit = readUntil<Hit | undefined>;
	return await readHit.call(this, read, settled);
}

/**
 * The read back of an action whose answer was lost (actOnce): the asset is read until `judge`
 * finds the action done or the attempts run out, and `judge` says what was found.
 */
export async function readBackAsset(
	this: IExecuteFunctions,
	id: string,
	metadataToReturn: string,
	itemIndex: number,
	judge: (hit: Hit | undefined) => ReadBack<unknown>,
): Promise<ReadBack<unknown>> {
	const settled = (hit: Hit | undefined) => judge(hit).done;
	return judge(await readAsset.call(this, id, metadataToReturn, itemIndex, settled));
}
