import { HttpError } from '../core/http';
import { SimState } from '../core/kit';
import { WebhookOutbox } from '../core/webhooks';
import type { SandboxEnv } from '../env';
import { TenovosAuth } from './auth';
import { svixSigner } from './webhooks';
import {
	SECURITY_TEMPLATES,
	TENOVOS_CUSTOMER_ID,
	TENOVOS_MAX_FILE_SIZE,
	TENOVOS_PART_SIZE,
	TENOVOS_USER_ID,
	VOCABULARIES,
	findAttribute,
} from './data';

/** One metadata value as Tenovos writes and reads it. */
export interface MetadataItem {
	metadataDefinitionId: string;
	metadataDefinitionValue?: unknown;
	metadataDefinitionTableValue?: unknown;
}

export interface Upload {
	mode: 'single' | 'multipart';
	key: string;
	uploadId?: string;
	partCount?: number;
	declaredSize?: number;
	state: 'pending' | 'complete' | 'cancelled';
	/** Every /asset/complete call for this upload, in order (tests read them). */
	calls: Array<{ action: string; parts: number; status: number }>;
}

/** One asset version. Its objectId and fileId are its own; originalFileId ties the versions of one asset. */
export interface Version {
	objectId: string;
	fileId: string;
	originalFileId: string;
	filename: string;
	metadataTemplateId: string;
	metadata: MetadataItem[];
	securityTemplateIds: string[];
	createdEpoch: number;
	lastUpdatedEpoch: number;
	versionNumber: number;
	currentVersion: 'Y' | 'N';
	deleted: boolean;
	upload?: Upload;
	content?: { key: string; size: number; md5: string };
}

/** What tests may change through POST /sims/tenovos/config. */
export interface TenovosConfig {
	wrappedTemplates: boolean;
	maxFileSize: number;
	/** Bytes per presigned part: 100 MiB, or 10^8 when "100MB" is read as decimal megabytes. */
	partSize: number;
	/** Tenovos extracts technical metadata on its own schedule: when pending, assets show none yet. */
	technicalMetadataPending: boolean;
}

const defaults = (): TenovosConfig => ({
	wrappedTemplates: true,
	maxFileSize: TENOVOS_MAX_FILE_SIZE,
	partSize: TENOVOS_PART_SIZE,
	technicalMetadataPending: false,
});

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const forbidden = (message: string, withStatus = false) =>
	new HttpError(403, withStatus ? { status: 'error', message } : { message });

function humanSize(bytes: number): string {
	const units = ['B', 'KB', 'MB', 'GB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** The Tenovos simulator's records: asset versions, sessions, settings, on the shared clock. */
export class TenovosState extends SimState {
	readonly auth = new TenovosAuth(this.clock);
	versions: Version[] = [];
	config = defaults();
	/** Changes a test scheduled to happen just before a later keyword search (control /on-search). */
	searchActions: Array<{ searches: number; run: () => void }> = [];
	/** Webhook endpoints and deliveries (webhooks.ts), signed the Svix way. */
	readonly webhooks = new WebhookOutbox(svixSigner);
	/** Called for every asset change, with its webhook event type (webhooks.ts sends it). */
	onChange?: (eventType: string, version: Version) => void;

	constructor(readonly env: SandboxEnv) {
		super();
	}

	reset(): void {
		super.reset();
		this.auth.reset();
		this.versions = [];
		this.config = defaults();
		this.searchActions = [];
		this.webhooks.reset();
	}

	/** Records that an asset changed: Tenovos sends `eventType` to the endpoints that want it. */
	changed(eventType: string, version: Version): void {
		this.onChange?.(eventType, version);
	}

	/** Counts one keyword search and carries out the actions scheduled for it. */
	beforeSearch(): void {
		for (const action of [...this.searchActions]) {
			action.searches--;
			if (action.searches > 0) continue;
			this.searchActions.splice(this.searchActions.indexOf(action), 1);
			action.run();
		}
	}

	/** Now in epoch milliseconds, one apart per call so that records sort in creation order. */
	epoch(): number {
		return this.clock.now() + this.nextNumber('epoch');
	}

	grantedSecurity(): string[] {
		return SECURITY_TEMPLATES.filter((t) => t.granted).map((t) => t.templateId);
	}

	find(id: string): Version | undefined {
		return this.versions.find((v) => v.objectId === id || v.fileId === id);
	}

	family(originalFileId: string): Version[] {
		return this.versions.filter((v) => v.originalFileId === originalFileId);
	}

	/** A single-URL upload has no completion call: its content counts once the object is in s3. */
	async settle(version: Version): Promise<void> {
		const upload = version.upload;
		if (!upload || upload.mode !== 'single' || upload.state !== 'pending') return;
		const info = await this.env.s3.objectInfo(upload.key);
		if (!info.exists) return;
		upload.state = 'complete';
		version.content = { key: upload.key, size: info.size ?? 0, md5: info.md5 ?? '' };
	}

	async settleAll(versions = this.versions): Promise<void> {
		for (const version of versions) await this.settle(version);
	}

	private vocabName(attributeId: string, templateId: string, valueId: string): string | undefined {
		const attribute = findAttribute(templateId, attributeId);
		const vocabulary = attribute?.controlledVocabularyId
			? VOCABULARIES[attribute.controlledVocabularyId]
			: undefined;
		return vocabulary?.values.find((v) => v.valueId === valueId)?.valueName;
	}

	/** The readable text of a metadata value (for search and filters). */
	displayValues(version: Version, item: MetadataItem): string[] {
		const value = item.metadataDefinitionValue;
		if (typeof value === 'string') return [value];
		const list = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : [];
		return list
			.map((v) =>
				this.vocabName(
					item.metadataDefinitionId,
					version.metadataTemplateId,
					String((v as { valueId?: string }).valueId),
				),
			)
			.filter((v): v is string => !!v);
	}

	assetJson(version: Version): Record<string, unknown> {
		const state = version.deleted ? 'recycle bin' : 'available';
		const denormalized: Record<string, unknown> = {};
		for (const item of version.metadata) {
			const attribute = findAttribute(version.metadataTemplateId, item.metadataDefinitionId);
			if (attribute)
				denormalized[attribute.searchField] = this.displayValues(version, item).join(', ');
		}
		return {
			objectId: version.objectId,
			fileId: version.fileId,
			originalFileId: version.originalFileId,
			objectType: 'Asset',
			filename: version.filename,
			fileState: state,
			metadataState: state,
			currentVersion: version.currentVersion,
			customerId: TENOVOS_CUSTOMER_ID,
			createdBy: TENOVOS_USER_ID,
			createdEpoch: version.createdEpoch,
			lastUpdatedBy: TENOVOS_USER_ID,
			lastUpdatedEpoch: version.lastUpdatedEpoch,
			metadataTemplateId: version.metadataTemplateId,
			metadata: version.metadata,
			metadataDenormalized: denormalized,
			securityTemplateIds: version.securityTemplateIds,
			securityDenormalized: version.securityTemplateIds.map((groupId) => ({
				groupId,
				permissions: [],
			})),
			renditions: {},
			technicalMetadata:
				version.content && !this.config.technicalMetadataPending
					? {
							tenovos_metadata: {
								fileName: version.filename,
								fileSize: humanSize(version.content.size),
								MD5Checksum: version.content.md5,
							},
						}
					: {},
		};
	}

	/** Checks metadata against a template the way the create and update operations do. */
	metadataProblem(templateId: string, items: unknown): string | undefined {
		const invalid = 'Invalid fields for metadata template';
		if (!Array.isArray(items)) return invalid;
		for (const raw of items) {
			if (!raw || typeof raw !== 'object') return invalid;
			const item = raw as MetadataItem;
			const attribute = findAttribute(templateId, String(item.metadataDefinitionId));
			if (!attribute || attribute.readonly) return invalid;
			if (!('metadataDefinitionValue' in item)) continue;
			const value = item.metadataDefinitionValue;
			if (attribute.type === 'text' && typeof value !== 'string') return invalid;
			if (
				attribute.type === 'date' &&
				!(typeof value === 'string' && /^\d{2}\/\d{2}\/\d{4}$/.test(value))
			) {
				return invalid;
			}
			if (attribute.type === 'controlledVocabulary') {
				const allowed =
					VOCABULARIES[attribute.controlledVocabularyId ?? '']?.values.map((v) => v.valueId) ?? [];
				const list = attribute.isMultipleSelect ? value : [value];
				if (!Array.isArray(list) || (!attribute.isMultipleSelect && Array.isArray(value)))
					return invalid;
				const known = (entry: unknown) =>
					!!entry &&
					typeof entry === 'object' &&
					allowed.includes(String((entry as { valueId?: string }).valueId));
				if (!list.every(known)) return invalid;
			}
		}
		return undefined;
	}

	securityProblem(ids: unknown): boolean {
		return (
			!Array.isArray(ids) ||
			ids.length === 0 ||
			ids.some((id) => !this.grantedSecurity().includes(String(id)))
		);
	}
}
