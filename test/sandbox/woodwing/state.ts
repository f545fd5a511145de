import { createHmac } from 'crypto';
import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { SimState } from '../core/kit';
import { WebhookOutbox } from '../core/webhooks';
import {
	type Asset,
	assetPathOf,
	currentVersion,
	deleteVersionFiles,
	extensionOf,
	type HistoryEntry,
	isSystemField,
	newAssetId,
	normalizeFieldValue,
	type Version,
} from './store';

/** A signed-in caller: a bearer token (API login) or a session cookie with its CSRF token. */
export interface Session {
	token: string;
	user: string;
	kind: 'api' | 'cookie';
	client: string;
	csrf?: string;
	lastUsed: number;
}

export interface Config {
	/** The server option returnStatusOkOnErrorForServicesApi: /services errors with HTTP 200. */
	okOnError: boolean;
	/** Inactivity after which a session token stops working. */
	sessionTtlMs: number;
	/** Delay after each received upload chunk (tests slow uploads down to cancel them). */
	uploadChunkDelayMs: number;
	/** Search result window (start + num). */
	maxResultWindow: number;
	/** Answer /services/update with an empty body, as some server versions do. */
	emptyUpdateResponse: boolean;
}

const DEFAULT_CONFIG: Config = {
	okOnError: false,
	sessionTtlMs: 30 * 60 * 1000,
	uploadChunkDelayMs: 0,
	maxResultWindow: 10_000,
	emptyUpdateResponse: false,
};

export interface User {
	password: string;
	fullName: string;
	email: string;
	groups: string[];
}

const DEFAULT_USERS: Record<string, User> = {
	api_user: {
		password: 'api-secret',
		fullName: 'API User',
		email: 'api@example.com',
		groups: ['api'],
	},
	jane: {
		password: 'jane-secret',
		fullName: 'Jane Editor',
		email: 'jane@example.com',
		groups: ['editors'],
	},
	admin: {
		password: 'admin-secret',
		fullName: 'Administrator',
		email: 'admin@example.com',
		groups: ['admins'],
	},
};

/** Who did something, for the history and the asset's creator/modifier fields. */
export interface Actor {
	user: string;
	client: string;
}

/** Actions that create a version (the history's versionCreatingAction). */
const VERSION_CREATING = ['CREATE', 'CHECKIN', 'COPY', 'COPY_VERSION', 'CREATE_VARIATION'];

/**
 * The WoodWing simulator's data: configuration, users, sessions, assets with their versions on
 * disk (uploads) or in memory (seeds), folders and the uploads in flight. The clock is the kit's:
 * asset dates, session expiry and the Date header all read it.
 */
export class WoodWingState extends SimState {
	/** Where uploads are streamed to and versions are kept. */
	readonly dir = mkdtempSync(join(tmpdir(), 'woodwing-sim-'));
	config: Config = { ...DEFAULT_CONFIG };
	users: Record<string, User> = structuredClone(DEFAULT_USERS);
	readonly sessions = new Map<string, Session>();
	readonly assets = new Map<string, Asset>();
	readonly folders = new Set<string>();
	readonly uploads = new Map<string, { bytes: number }>();
	/** Registrations and deliveries (webhooks.ts signs them and decides who gets what). */
	readonly webhooks = new WebhookOutbox((subscription, rawBody) => ({
		'x-hook-signature': createHmac('sha256', subscription.secret).update(rawBody).digest('hex'),
	}));
	/** Called for every history entry (webhooks.ts sends the deliveries). */
	onLog?: (asset: Asset, actor: Actor, action: string, changedMetadata: unknown) => void;

	constructor() {
		super();
		process.once('exit', () => rmSync(this.dir, { recursive: true, force: true }));
		this.reset();
	}

	now(): number {
		return this.clock.now();
	}

	/** Adds a folder and its parents. */
	addFolder(path: string): void {
		const parts = path.split('/').filter(Boolean);
		for (let i = 1; i <= parts.length; i++) this.folders.add(`/${parts.slice(0, i).join('/')}`);
	}

	findByPath(path: string): Asset | undefined {
		return [...this.assets.values()].find(
			(asset) => assetPathOf(asset).toLowerCase() === path.toLowerCase(),
		);
	}

	log(asset: Asset, actor: Actor, action: string, extra: Partial<HistoryEntry> = {}): void {
		asset.history.push({
			logDate: this.now(),
			userName: actor.user,
			clientType: actor.client,
			action,
			versionNumber: currentVersion(asset).versionNumber,
			changedMetadata: null,
			versionCreating: VERSION_CREATING.includes(action),
			...extra,
		});
		this.onLog?.(asset, actor, action, extra.changedMetadata ?? null);
	}

	/** Applies editable metadata; returns what changed (for the history). */
	applyMetadata(
		asset: Asset,
		metadata: Record<string, unknown>,
	): Record<string, { oldValue: unknown; newValue: unknown }> {
		const changed: Record<string, { oldValue: unknown; newValue: unknown }> = {};
		for (const [field, raw] of Object.entries(metadata)) {
			if (isSystemField(field)) continue;
			const value = normalizeFieldValue(field, raw);
			const old = asset.fields[field];
			if (JSON.stringify(old) === JSON.stringify(value)) continue;
			changed[field] = { oldValue: old ?? null, newValue: value };
			if (value === null || value === '') delete asset.fields[field];
			else asset.fields[field] = value;
		}
		return changed;
	}

	createAsset(
		actor: Actor,
		folderPath: string,
		filename: string,
		version: Omit<Version, 'versionNumber' | 'created' | 'createdBy'> & Partial<Version>,
		metadata: Record<string, unknown>,
	): Asset {
		const created = this.now();
		const asset: Asset = {
			id: newAssetId(),
			folderPath,
			filename,
			fields: {},
			created,
			creator: actor.user,
			modified: created,
			modifier: actor.user,
			fileModified: created,
			versions: [{ versionNumber: 1, created, createdBy: actor.user, ...version } as Version],
			history: [],
		};
		this.applyMetadata(asset, metadata);
		this.assets.set(asset.id, asset);
		this.addFolder(folderPath);
		this.log(asset, actor, 'CREATE');
		return asset;
	}

	/** The name Auto Rename gives a file whose name is taken: report-1.pdf, report-2.pdf... */
	uniqueName(folderPath: string, filename: string): string {
		const ext = extensionOf(filename);
		const stem = ext ? filename.slice(0, -(ext.length + 1)) : filename;
		for (let n = 1; ; n++) {
			const candidate = `${stem}-${n}${ext ? `.${ext}` : ''}`;
			if (!this.findByPath(joinPath(folderPath, candidate))) return candidate;
		}
	}

	override reset(): void {
		super.reset();
		for (const asset of this.assets.values()) deleteVersionFiles(asset);
		this.assets.clear();
		this.sessions.clear();
		this.folders.clear();
		this.uploads.clear();
		this.webhooks.reset();
		for (const name of readdirSync(this.dir)) rmSync(join(this.dir, name), { force: true });
		this.users = structuredClone(DEFAULT_USERS);
		this.config = { ...DEFAULT_CONFIG };
		this.addFolder('/Demo Zone');
	}
}

/** An asset path from its folder and name. */
export function joinPath(folderPath: string, filename: string): string {
	return `${folderPath === '/' ? '' : folderPath}/${filename}`;
}

export function splitPath(assetPath: string): { folderPath: string; filename: string } {
	const index = assetPath.lastIndexOf('/');
	return {
		folderPath: index <= 0 ? '/' : assetPath.slice(0, index),
		filename: assetPath.slice(index + 1),
	};
}
