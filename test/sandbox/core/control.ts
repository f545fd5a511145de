import type { IncomingMessage } from 'http';

/** One request as a simulator or storage proxy received it. */
export interface JournalEntry {
	seq: number;
	/** Which part of the sandbox: 'mediapocket', 'mediavalet', ..., 'azure-blob', 's3'. */
	target: string;
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	/** Parsed JSON (or text) of small bodies the handler read. */
	body?: unknown;
	status?: number;
	/** Fault that answered this request instead of the simulator, if any. */
	fault?: string;
	/** For an `after` fault: the status the simulator answered before the fault replaced it. */
	acted?: number;
	time: number;
}

/** A fault to inject. Matching requests are answered by the fault instead of the simulator. */
export interface FaultRule {
	id?: string;
	target?: string;
	method?: string;
	/** Regular expression tested against the path (no query). */
	path?: string;
	/** Regular expression tested against the query string. */
	query?: string;
	/** Answer with this status (and headers/body) instead of the simulator. */
	status?: number;
	headers?: Record<string, string>;
	body?: unknown;
	/** Wait this long first; without status/drop the request then goes on normally. */
	delayMs?: number;
	/** Destroy the connection without answering. */
	drop?: boolean;
	/**
	 * Let the simulator carry the request out first, then answer with the fault's status (or drop
	 * the connection) instead of the simulator's answer: a DAM that acted but whose answer was lost.
	 */
	after?: boolean;
	/** How many matching requests the fault applies to (default 1, 0 = every one). */
	times?: number;
	/** Let this many matching requests through before the fault applies. */
	skip?: number;
}

interface ActiveRule extends FaultRule {
	id: string;
	used: number;
	skipped: number;
}

const JOURNAL_LIMIT = 200_000;
/** Most entries an audit keeps between two drains (beyond it they are counted as dropped). */
const AUDIT_LIMIT = 100_000;

/** What an audit kept since it was last drained. */
export interface AuditDrain {
	entries: JournalEntry[];
	/** Entries beyond AUDIT_LIMIT that were not kept. */
	dropped: number;
}

export class Control {
	private entries: JournalEntry[] = [];
	private seq = 0;
	private rules: ActiveRule[] = [];
	private ruleSeq = 0;
	/** Audited targets: their entries, kept through resets until drained. */
	private audits = new Map<string, AuditDrain>();

	record(entry: Omit<JournalEntry, 'seq' | 'time'>): JournalEntry {
		const full = { ...entry, seq: ++this.seq, time: Date.now() };
		this.entries.push(full);
		const audit = this.audits.get(full.target);
		if (audit) {
			if (audit.entries.length < AUDIT_LIMIT) audit.entries.push(full);
			else audit.dropped++;
		}
		if (this.entries.length > JOURNAL_LIMIT)
			this.entries.splice(0, this.entries.length - JOURNAL_LIMIT);
		return full;
	}

	journal(filter: { target?: string; since?: number } = {}): JournalEntry[] {
		return this.entries.filter(
			(entry) =>
				(!filter.target || entry.target === filter.target) &&
				(!filter.since || entry.seq > filter.since),
		);
	}

	clearJournal(): void {
		this.entries = [];
	}

	/**
	 * Every request to `target` since the last drain, journal resets notwithstanding (a test file
	 * resets before each test; a check over all its requests drains once, after the last). The
	 * first drain starts the audit of that target.
	 */
	drainAudit(target: string): AuditDrain {
		const kept = this.audits.get(target) ?? { entries: [], dropped: 0 };
		this.audits.set(target, { entries: [], dropped: 0 });
		return kept;
	}

	addFault(rule: FaultRule): string {
		const id = rule.id ?? `fault-${++this.ruleSeq}`;
		this.rules.push({ ...rule, id, used: 0, skipped: 0 });
		return id;
	}

	clearFaults(): void {
		this.rules = [];
	}

	faults(): ActiveRule[] {
		return this.rules;
	}

	/** The fault that applies to this request, consuming one use of it. */
	takeFault(target: string, req: IncomingMessage): ActiveRule | undefined {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		for (const rule of this.rules) {
			if (rule.target && rule.target !== target) continue;
			if (rule.method && rule.method.toUpperCase() !== (req.method ?? 'GET').toUpperCase())
				continue;
			if (rule.path && !new RegExp(rule.path).test(url.pathname)) continue;
			if (rule.query && !new RegExp(rule.query).test(url.search)) continue;
			const times = rule.times ?? 1;
			if (times !== 0 && rule.used >= times) continue;
			if (rule.skipped < (rule.skip ?? 0)) {
				rule.skipped++;
				continue;
			}
			rule.used++;
			return rule;
		}
		return undefined;
	}
}

export function headerRecord(headers: IncomingMessage['headers']): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(headers)) {
		if (value !== undefined)
			out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

export function queryRecord(url: string | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	new URL(url ?? '/', 'http://sandbox').searchParams.forEach((value, key) => (out[key] = value));
	return out;
}
