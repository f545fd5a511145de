import type { IDataObject } from 'n8n-workflow';

/** Assets whose last seen status the trigger keeps (the most recently changed ones). */
export const MAX_REMEMBERED = 1000;

/**
 * The status each asset was last seen in, from the changes the trigger handled: Nomad Media's
 * search shows only an asset's current status, so a modification is a status change when its
 * status differs from the one remembered. Oldest entries go first beyond MAX_REMEMBERED.
 */
export class StatusMemory {
	private readonly statuses: Map<string, string>;

	constructor(saved: unknown) {
		const entries =
			saved && typeof saved === 'object' && !Array.isArray(saved)
				? Object.entries(saved as IDataObject).filter(
						(entry): entry is [string, string] => typeof entry[1] === 'string',
					)
				: [];
		this.statuses = new Map(entries);
	}

	get(assetId: string): string | undefined {
		return this.statuses.get(assetId);
	}

	set(assetId: string, status: string): void {
		this.statuses.delete(assetId);
		this.statuses.set(assetId, status);
		for (const oldest of this.statuses.keys()) {
			if (this.statuses.size <= MAX_REMEMBERED) break;
			this.statuses.delete(oldest);
		}
	}

	toJSON(): IDataObject {
		return Object.fromEntries(this.statuses);
	}
}
