import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { optionsCollection } from '../shared/descriptions';
import { emitExistingOption, unknownEventError } from '../shared/trigger/descriptions';
import { type Change, type ChangeSource, pollFeed } from '../shared/trigger/changeFeed';
import { assetTypeFilter, nomadLocator } from './helpers/descriptions';
import { NOMAD_ID } from './helpers/ids';
import { ASSET_STATUSES } from './helpers/output';
import { equalsFilter, type SearchFilter } from './helpers/search';
import { searchAssets, searchFolders } from './methods/listSearch';
import {
	newAssetSource,
	statusChangeSource,
	statusOfKey,
	updatedAssetSource,
} from './trigger/source';
import { StatusMemory } from './trigger/statusMemory';

const spaced = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2');

const EMPTY_HINTS: Record<string, string> = {
	newAsset: 'Add an asset (in the folder, if one is set) in Nomad Media and fetch again',
	updatedAsset: 'Change an asset (in the folder, if one is set) in Nomad Media and fetch again',
	statusChanged:
		'No asset (in the folder, if one is set) was found in the chosen statuses: archive or restore one in Nomad Media, or widen "Statuses", and fetch again',
};

/** The optional Folder: filters of the search (below it, or only its direct children). */
function scopeFilters(this: IPollFunctions, options: IDataObject): SearchFilter[] {
	const raw = this.getNodeParameter('folderId', '') as unknown;
	const given =
		raw && typeof raw === 'object' && '__rl' in raw ? (raw as { value?: unknown }).value : raw;
	const filters: SearchFilter[] = [];
	if (given !== undefined && given !== null && String(given).trim() !== '') {
		const folderId = String(
			this.getNodeParameter('folderId', '', { extractValue: true }) ?? '',
		).trim();
		if (!NOMAD_ID.pattern.test(folderId)) {
			throw new NodeOperationError(
				this.getNode(),
				`The "Folder" parameter must be ${NOMAD_ID.looksLike}, got "${folderId || String(given)}"`,
			);
		}
		const recursive = this.getNodeParameter('includeSubfolders', true) as boolean;
		filters.push(
			...equalsFilter(recursive ? 'uuidSearchField' : 'parentId', folderId.toLowerCase()),
		);
	}
	filters.push(...equalsFilter('assetType', options.assetType));
	return filters;
}

/** The chosen statuses of "Status Changed", checked (an expression can give anything). */
function chosenStatuses(this: IPollFunctions): string[] {
	const raw = this.getNodeParameter('statuses', []) as unknown;
	const list = (Array.isArray(raw) ? raw : String(raw ?? '').split(/[\s,;]+/))
		.map((value) => String(value).trim())
		.filter(Boolean);
	if (list.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Choose at least one status under "Statuses"');
	}
	const statuses = list.map((value) => {
		const name = Object.keys(ASSET_STATUSES).find(
			(status) => status.toLowerCase() === value.toLowerCase(),
		);
		if (!name) {
			throw new NodeOperationError(
				this.getNode(),
				`"${value}" is not a Nomad Media asset status (parameter "Statuses")`,
				{ description: `Asset statuses are ${Object.keys(ASSET_STATUSES).join(', ')}` },
			);
		}
		return name;
	});
	return [...new Set(statuses)];
}

/** `ctx` with its node static data replaced by `data` (the feed keeps its part of the state there). */
function withStaticData(ctx: IPollFunctions, data: IDataObject): IPollFunctions {
	return new Proxy(ctx, {
		get(target, property) {
			if (property === 'getWorkflowStaticData') return () => data;
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function'
				? (value as (...args: unknown[]) => unknown).bind(target)
				: value;
		},
	});
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? {})) as T;
const byTime = (a: Change, b: Change) => a.time - b.time || a.key.localeCompare(b.key);

export class NomadMediaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Nomad Media Trigger',
		name: 'nomadMediaTrigger',
		icon: { light: 'file:nomadMedia.svg', dark: 'file:nomadMedia.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description:
			'Starts the workflow when assets are added, changed or change status in Nomad Media (polls its search)',
		defaults: { name: 'Nomad Media Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'nomadMediaApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{
						name: 'New Asset',
						value: 'newAsset',
						description: 'An asset (file, folder or bucket) was created',
					},
					{
						name: 'Status Changed',
						value: 'statusChanged',
						description:
							'An asset went into one of the chosen statuses (e.g. Available, Archived, Restored)',
					},
					{
						name: 'Updated Asset',
						value: 'updatedAsset',
						description:
							'An asset was modified (metadata, name, status, ...): once per modification time',
					},
				],
				default: 'newAsset',
				description: 'What starts the workflow',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: Object.keys(ASSET_STATUSES)
					.sort()
					.map((name) => ({ name: spaced(name), value: name })),
				default: ['Archived', 'Available', 'Restored'],
				required: true,
				description: 'The statuses whose reaching starts the workflow',
				displayOptions: { show: { event: ['statusChanged'] } },
			},
			nomadLocator('folder', {
				displayName: 'Folder',
				name: 'folderId',
				description:
					'Only assets in this folder or bucket. Leave empty to watch every asset the credential can see.',
				required: false,
			}),
			{
				displayName: 'Include Subfolders',
				name: 'includeSubfolders',
				type: 'boolean',
				default: true,
				description:
					'Whether assets anywhere below the folder count (otherwise only its direct children). Only used with a folder.',
			},
			optionsCollection([
				{
					...assetTypeFilter,
					description: 'Only assets of this type (all types when not set)',
				},
				emitExistingOption,
			]),
		],
	};

	methods = {
		listSearch: { searchAssets, searchFolders },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event', 'newAsset') as string;
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const scope = scopeFilters.call(this, options);
		const manual = this.getMode() === 'manual';

		let source: ChangeSource;
		let statuses: string[] = [];
		if (event === 'newAsset') source = newAssetSource.call(this, scope);
		else if (event === 'updatedAsset') source = updatedAssetSource.call(this, scope);
		else if (event === 'statusChanged') {
			statuses = chosenStatuses.call(this);
			source = statusChangeSource.call(this, scope, statuses);
		} else {
			throw unknownEventError(this.getNode(), event);
		}

		// The node's static data: `feed` (the change feed's position) and, for status changes,
		// `statuses` (the status each recently changed asset was last seen in).
		// (Not read in manual mode: "Fetch Test Event" creates no state.)
		const data: IDataObject = manual ? {} : this.getWorkflowStaticData('node');
		const feed = clone(data.feed as IDataObject);
		const fresh = feed.v !== 1;
		const memory = new StatusMemory(data.statuses);
		let lastRead: Change[] = [];
		const recording: ChangeSource = {
			since: async (since) => (lastRead = await source.since(since)),
			newest: async () => await source.newest(),
		};

		const chosen = new Set(statuses);
		const idOf = (change: Change) => String(change.item.id);
		const wanted =
			event !== 'statusChanged'
				? undefined
				: manual
					? (change: Change) => chosen.has(statusOfKey(change.key))
					: (change: Change) => {
							// Called on each handled change, oldest first.
							const status = statusOfKey(change.key);
							const previous = memory.get(idOf(change));
							memory.set(idOf(change), status);
							if (!chosen.has(status) || previous === status) return false;
							change.item.previousStatus = previous ?? null;
							return true;
						};

		const result = await pollFeed.call(withStaticData(this, feed), recording, {
			emitExisting: options.emitExisting === true,
			wanted,
			emptyHint: EMPTY_HINTS[event],
		});
		if (manual) return result;

		if (event === 'statusChanged' && fresh && options.emitExisting !== true) {
			// The starting point: what the first poll saw is where each asset's status stands.
			for (const change of [...lastRead].sort(byTime))
				memory.set(idOf(change), statusOfKey(change.key));
		}
		// Written back at the top level, so that n8n sees the static data changed.
		if (JSON.stringify(feed) !== JSON.stringify(data.feed ?? {})) data.feed = feed;
		if (event === 'statusChanged') {
			const remembered = memory.toJSON();
			if (JSON.stringify(remembered) !== JSON.stringify(data.statuses ?? {}))
				data.statuses = remembered;
		} else if (data.statuses !== undefined) {
			delete data.statuses;
		}
		return result;
	}
}
