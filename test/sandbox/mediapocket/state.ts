import { randomBytes } from 'crypto';

import { SimState } from '../core/kit';
import { WebhookOutbox } from '../core/webhooks';
import { signDelivery } from './webhooks';

/**
 * The Media Pocket simulator's data: users with API keys and permissions, assets, projects,
 * collections, comments, media, DAG actions and runs, and the history event log.
 * Shapes follow seed 004 (the primary authority); fields the seed does not show are marked GUESS.
 */

export const ALL_PERMISSIONS = ['ACTIONS_VIEW', 'ACTIONS_START'];

export interface User {
	id: number;
	email: string;
	first_name: string | null;
	last_name: string | null;
	avatar_url: string | null;
	permissions: string[];
}

export interface ApiKey {
	id: number;
	key: string;
	userId: number;
	name: string;
	created_at: string;
}

export interface Asset {
	/** Internal integer id (history targets expose it next to the public string id). */
	internalId: number;
	id: string;
	external_id: string | null;
	parent_id: string | null;
	project_id: string | null;
	owner: string;
	title: string;
	description: string | null;
	category: string | null;
	tags: string[];
	ai_tags: string[];
	status: string;
	media_type: string;
	original_filename: string | null;
	drop_folder_id: string | null;
	md5_sum: string | null;
	created_date: string;
	modification_date: string;
	deleted: string | null;
	/** Simulator-only: where URL ingest stands. */
	ingest?: { status: 'running' | 'finished' | 'failed'; error?: string };
}

export interface Project {
	internalId: number;
	id: string;
	title: string;
	owner: string;
	created_date: string;
}

export interface Collection {
	id: string;
	title: string;
	description: string | null;
	category: string | null;
	tags: string[];
	owner: string;
	media_type: 'collection';
	isPublic: boolean;
	created_date: string;
	modification_date: string;
	original_title: string;
	assetIds: string[];
}

export interface Comment {
	id: number;
	assetId: string;
	message: string;
	updated_at: string;
	userId: number;
	mentioned: number[];
}

export interface Media {
	id: number;
	assetId: string;
	/** GUESS: the seed only shows an empty list; these fields are the simulator's choice. */
	kind: 'original';
	filename: string;
	content_type: string;
	file_size: number;
	md5_sum: string;
	created_at: string;
	/** Where the file is in the S3 bucket; empty while Media Pocket has no file (download_url gives null). */
	s3Key: string;
}

export interface DagAction {
	id: number;
	name: string;
	description: string;
	category: string;
	/** Simulator-only: the progress messages of a run and how it ends. */
	steps: string[];
	outcome: 'finished' | 'failed';
	failure?: string;
}

export interface RunMessage {
	id: number;
	message: string;
	created_at: string;
}

export interface Run {
	id: number;
	assetId: string;
	actionId: number;
	userId: number;
	startedAt: number;
	status: string;
	messages: RunMessage[];
	/** Milestones still to come: at `at` ms, append `message` and set `status`. */
	plan: Array<{ at: number; message: string; status: string }>;
}

export interface HistoryEvent {
	id: number;
	user_id: number;
	event_type: string;
	created_at: string;
	updated_at: string;
	event_targets: Array<{ target_type: string; target: Record<string, unknown> }>;
	/** Simulator-only: which assets' history lists the event, and whether it is committed yet. */
	assetIds: string[];
	visible: boolean;
}

export interface SimConfig {
	historyPageSize: number;
	/** GUESS: the order is not documented; 'desc' (newest first) is the default. */
	historyOrder: 'desc' | 'asc';
	/** A run stays "queued" this long (0: it starts "running", as in the seed's example). */
	runQueuedMs: number;
	/** Each step of a DAG action run takes this long. */
	runStepMs: number;
	/** URL ingest starts after this delay. */
	ingestDelayMs: number;
	/**
	 * What download_url hands out: a presigned storage URL (Wasabi-style, the default), or a URL on
	 * the tenant itself that needs the X-API-KEY (to test both paths of a client).
	 */
	downloadUrlStyle: 'presigned' | 'tenant';
}

export const DEFAULT_CONFIG: SimConfig = {
	historyPageSize: 25,
	historyOrder: 'desc',
	runQueuedMs: 0,
	runStepMs: 1000,
	ingestDelayMs: 0,
	downloadUrlStyle: 'presigned',
};

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A 20-character URL-safe id, as Media Pocket gives assets, projects and collections. */
export function pushId(): string {
	const bytes = randomBytes(20);
	let id = '';
	for (const byte of bytes) id += ID_ALPHABET[byte & 63];
	return id;
}

export class MediaPocketState extends SimState {
	config: SimConfig = { ...DEFAULT_CONFIG };
	/** Bumped on reset so that background work of a previous test is dropped. */
	generation = 0;

	users = new Map<number, User>();
	keys = new Map<string, ApiKey>();
	assets = new Map<string, Asset>();
	projects = new Map<string, Project>();
	collections = new Map<string, Collection>();
	comments = new Map<number, Comment>();
	media = new Map<number, Media>();
	actions = new Map<number, DagAction>();
	runs = new Map<number, Run>();
	events: HistoryEvent[] = [];
	/** Webhook registrations and deliveries (webhooks.ts signs them). */
	readonly webhooks = new WebhookOutbox(signDelivery);
	/**
	 * Webhook ids, never reused (not even after a reset), as a database's are not: the trigger
	 * tells deliveries apart per registration.
	 */
	private webhookSerial = 0;
	/** Called for every history event when it becomes visible (index.ts sends the webhooks). */
	onEvent?: (event: HistoryEvent) => void;

	constructor() {
		super();
		this.reset();
	}

	/** The simulated time (ms), moved by the control route /clock. */
	now(): number {
		return this.clock.now();
	}

	iso(ms = this.now()): string {
		return new Date(ms).toISOString();
	}

	reset(): void {
		super.reset();
		this.generation++;
		this.config = { ...DEFAULT_CONFIG };
		for (const map of [
			this.users,
			this.keys,
			this.assets,
			this.projects,
			this.collections,
			this.comments,
			this.media,
			this.actions,
			this.runs,
		]) {
			map.clear();
		}
		this.events = [];
		this.webhooks.reset();

		// Fixed sandbox users and keys: one per permission set the tests need.
		this.addUser('admin@mediapocket.test', ALL_PERMISSIONS, 'mp-admin-key', 'Ada', 'Admin');
		this.addUser('viewer@mediapocket.test', ['ACTIONS_VIEW'], 'mp-viewer-key', 'Vic', 'Viewer');
		this.addUser(
			'starter@mediapocket.test',
			['ACTIONS_START'],
			'mp-starter-key',
			'Stan',
			'Starter',
		);
		this.addUser('guest@mediapocket.test', [], 'mp-guest-key', null, null);

		const actions: Array<Omit<DagAction, 'id'>> = [
			{
				name: 'Create web proxies',
				description: 'Transcodes the original into web proxies',
				category: 'Transcoding',
				steps: ['Downloading original', 'Transcoding', 'Uploading proxies'],
				outcome: 'finished',
			},
			{
				name: 'Auto-tag with AI',
				description: 'Adds AI tags to the asset',
				category: 'AI',
				steps: ['Analysing media', 'Writing tags'],
				outcome: 'finished',
			},
			{
				name: 'Export to archive',
				description: 'Copies the original to the long-term archive',
				category: 'Delivery',
				steps: ['Connecting to archive'],
				outcome: 'failed',
				failure: 'Archive target unreachable',
			},
		];
		for (const action of actions) {
			const id = this.nextNumber('action');
			this.actions.set(id, { id, ...action });
		}
	}

	addUser(
		email: string,
		permissions: string[],
		key: string,
		first: string | null = null,
		last: string | null = null,
	): { user: User; key: string } {
		const id = this.nextNumber('user');
		const user: User = {
			id,
			email,
			first_name: first,
			last_name: last,
			avatar_url: null,
			permissions,
		};
		this.users.set(id, user);
		const apiKey: ApiKey = {
			id: this.nextNumber('apiKey'),
			key,
			userId: id,
			name: `${email} key`,
			created_at: this.iso(),
		};
		this.keys.set(key, apiKey);
		return { user, key };
	}

	publicUser(id: number): Record<string, unknown> {
		const user = this.users.get(id);
		if (!user) return { id, email: null, first_name: null, last_name: null, avatar_url: null };
		return {
			id: user.id,
			email: user.email,
			first_name: user.first_name,
			last_name: user.last_name,
			avatar_url: user.avatar_url,
		};
	}

	publicAsset(asset: Asset): Record<string, unknown> {
		const { internalId: _internal, ingest: _ingest, ...rest } = asset;
		return { ...rest, tags: [...asset.tags], ai_tags: [...asset.ai_tags] };
	}

	publicComment(comment: Comment): Record<string, unknown> {
		return {
			id: comment.id,
			message: comment.message,
			updated_at: comment.updated_at,
			user: this.publicUser(comment.userId),
			mentioned_users: comment.mentioned.map((id) => this.publicUser(id)),
		};
	}

	publicAction(action: DagAction): Record<string, unknown> {
		return {
			id: action.id,
			name: action.name,
			description: action.description,
			category: action.category,
		};
	}

	createAsset(fields: Partial<Asset> & { title: string }, owner: User): Asset {
		const now = this.iso();
		const asset: Asset = {
			internalId: this.nextNumber('assetInternal'),
			id: pushId(),
			external_id: null,
			parent_id: null,
			project_id: null,
			owner: owner.email,
			description: null,
			category: null,
			tags: [],
			ai_tags: [],
			status: 'open',
			media_type: 'placeholder',
			original_filename: null,
			drop_folder_id: null,
			md5_sum: null,
			created_date: now,
			modification_date: now,
			deleted: null,
			...fields,
		};
		this.assets.set(asset.id, asset);
		return asset;
	}

	assetTarget(asset: Asset) {
		return {
			target_type: 'Asset',
			target: { id: asset.internalId, elasticsearch_id: asset.id, title: asset.title },
		};
	}

	/** Appends a history event for `asset` (created by `userId`), visible right away unless `visible` is false. */
	addEvent(
		asset: Asset,
		eventType: string,
		userId: number,
		options: {
			extraTargets?: HistoryEvent['event_targets'];
			createdAt?: string;
			visible?: boolean;
		} = {},
	): HistoryEvent {
		const created = options.createdAt ?? this.iso();
		const event: HistoryEvent = {
			id: this.nextNumber('event'),
			user_id: userId,
			event_type: eventType,
			created_at: created,
			updated_at: created,
			event_targets: [this.assetTarget(asset), ...(options.extraTargets ?? [])],
			assetIds: [asset.id],
			visible: options.visible ?? true,
		};
		this.events.push(event);
		if (event.visible) this.onEvent?.(event);
		return event;
	}

	nextWebhookId(): string {
		return String(++this.webhookSerial);
	}

	/** A reserved event's transaction commits: it shows in the history (and is sent) now. */
	commitEvent(event: HistoryEvent): void {
		if (event.visible) return;
		event.visible = true;
		this.onEvent?.(event);
	}

	publicEvent(event: HistoryEvent): Record<string, unknown> {
		const { assetIds: _assets, visible: _visible, ...rest } = event;
		return JSON.parse(JSON.stringify(rest));
	}

	/** Brings a run up to the simulated clock: milestones whose time has come are applied. */
	refreshRun(run: Run): Run {
		const now = this.now();
		while (run.plan.length && run.plan[0].at <= now) {
			const step = run.plan.shift()!;
			run.status = step.status;
			run.messages.push({
				id: this.nextNumber('runMessage'),
				message: step.message,
				created_at: this.iso(step.at),
			});
		}
		return run;
	}

	startRun(asset: Asset, action: DagAction, user: User): Run {
		const start = this.now();
		const { runQueuedMs, runStepMs } = this.config;
		const plan: Run['plan'] = [];
		let at = start + runQueuedMs;
		plan.push({ at, message: 'Started', status: 'running' });
		for (const step of action.steps) {
			plan.push({ at, message: `${step}...`, status: 'running' });
			at += runStepMs;
		}
		plan.push(
			action.outcome === 'finished'
				? { at, message: 'Finished', status: 'finished' }
				: { at, message: `Failed: ${action.failure ?? 'unknown error'}`, status: 'failed' },
		);
		const run: Run = {
			id: this.nextNumber('run'),
			assetId: asset.id,
			actionId: action.id,
			userId: user.id,
			startedAt: start,
			// The seed's example answers "running" with the message "Set in queue..." right away.
			status: runQueuedMs > 0 ? 'queued' : 'running',
			messages: [
				{
					id: this.nextNumber('runMessage'),
					message: 'Set in queue...',
					created_at: this.iso(start),
				},
			],
			plan,
		};
		this.runs.set(run.id, run);
		return run;
	}

	/** The run as the API shows it; `refresh` false keeps the state of the moment it was created. */
	publicRun(run: Run, refresh = true): Record<string, unknown> {
		if (refresh) this.refreshRun(run);
		const action = this.actions.get(run.actionId);
		return {
			id: run.id,
			status: run.status,
			created_at: this.iso(run.startedAt),
			dag_action: action ? this.publicAction(action) : null,
			dag_action_run_messages: run.messages.map((message) => ({ ...message })),
		};
	}
}
