/** The benchmark's markdown table (for the README) and bench-results/summary.json. */
import type { Client, Family } from './common';
import { MiB } from './common';

export interface Row {
	family: Family;
	client: Client;
	size: number;
	/** Whether the client's requests went through the sandbox's recording proxy or straight to the emulator. */
	via: 'proxy' | 'direct';
	/** The compared phase (see WHAT below), and the same run up to its very end. */
	seconds: number;
	totalSeconds: number;
	mibPerSec: number;
	/** CPU of the measured call in all, and per MiB moved. */
	cpuMs: number;
	cpuMsPerMiB: number;
	peakRssMiB: number;
	rssGrowthMiB: number;
	baseRssMiB: number;
	vmHwmMiB: number;
	md5Ok: boolean;
	loadBefore: number;
	loadAfter: number;
	/** This Tenovos create is the S3 memory figure. */
	memoryFigure?: boolean;
	note?: string;
	error?: string;
	detail: Record<string, unknown>;
}

export interface Settings {
	quick: boolean;
	sizes: Record<Family, number[]>;
	s3MemorySize: number;
	blockSize: number;
	concurrency: number;
	s3PartSize: number;
	s3LimitConcurrency: number;
	/** Runs of every client and size (the memory figure runs once); the table shows each one's median. */
	repeat: number;
	cpus: number;
	cpuModel: string;
	node: string;
	loadAtStart: number[];
	loadAtEnd?: number[];
	date: string;
	seconds?: number;
}

export interface SummaryRow {
	mibPerSec: number | null;
	cpuMsPerMiB: number | null;
	peakRssMiB: number | null;
	rssGrowthMiB: number | null;
	md5Ok: boolean;
}

export interface Summary {
	azure: { ours: SummaryRow; sdk: SummaryRow; limit: SummaryRow };
	s3: { ours: SummaryRow; libStorage: SummaryRow; limit: SummaryRow };
	download: { ours: SummaryRow; sdk: SummaryRow; limit: SummaryRow };
}

const FAMILIES: Family[] = ['azure', 's3', 'download'];
const ANCHOR: Record<Family, Client> = { azure: 'sdk', s3: 'libStorage', download: 'sdk' };
const CLIENTS: Record<Family, Client[]> = {
	azure: ['ours', 'sdk', 'limit'],
	s3: ['ours', 'libStorage', 'limit'],
	download: ['ours', 'sdk', 'limit'],
};
const LABEL: Record<string, string> = {
	'azure/ours': 'ours: MediaValet Check In',
	'azure/sdk': '`@azure/storage-blob` `uploadStream`',
	'azure/limit': 'minimal: http Put Block, `Content-MD5`',
	's3/ours': 'ours: Tenovos Create',
	's3/libStorage': '`@aws-sdk/lib-storage` `Upload`',
	's3/limit': 'minimal: http presigned PUT',
	'download/ours': 'ours: MediaValet Download',
	'download/sdk': '`@azure/storage-blob` `downloadToFile`',
	'download/limit': 'minimal: http GET to a file',
};
const FAMILY: Record<Family, string> = {
	azure: 'Azure upload',
	s3: 'S3 parts',
	download: 'Download',
};

const sizeLabel = (size: number) =>
	size >= 1024 * MiB && size % (1024 * MiB) === 0
		? `${size / 1024 / MiB} GiB`
		: `${size / MiB} MiB`;
const num = (value: number, digits: number) =>
	Number.isFinite(value) ? value.toFixed(digits) : '—';
const round = (value: number, digits: number) =>
	Number.isFinite(value) ? Number(value.toFixed(digits)) : null;
const ratio = (a?: number, b?: number) =>
	a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && b > 0
		? a / b
		: NaN;
const verdict = (ok: boolean | undefined) =>
	ok === undefined ? 'not measured' : ok ? 'met' : '**missed**';

function summaryRow(row?: Row): SummaryRow {
	return {
		mibPerSec: round(row?.mibPerSec ?? NaN, 1),
		cpuMsPerMiB: round(row?.cpuMsPerMiB ?? NaN, 2),
		peakRssMiB: round(row?.peakRssMiB ?? NaN, 1),
		rssGrowthMiB: round(row?.rssGrowthMiB ?? NaN, 1),
		md5Ok: row?.md5Ok ?? false,
	};
}

/**
 * One row per family, client and size: the run with the median MiB/s of its repeats, noting the
 * spread of all of them (this 2-core machine's timings vary from run to run); its peak RSS, RSS
 * growth and MD5 check are the worst of the runs.
 */
export function medianRows(rows: Row[]): Row[] {
	const groups = new Map<string, Row[]>();
	for (const row of rows) {
		const key = `${row.family}/${row.client}/${row.size}/${row.memoryFigure ? 'memory' : ''}`;
		groups.set(key, [...(groups.get(key) ?? []), row]);
	}
	return [...groups.values()].map((group) => {
		if (group.length === 1) return group[0];
		const sorted = [...group].sort((a, b) => (a.mibPerSec ?? 0) - (b.mibPerSec ?? 0));
		const median = sorted[Math.floor(sorted.length / 2)];
		const range = (values: number[], digits: number) =>
			`${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
		const spread = `median of ${group.length} runs by MiB/s (MiB/s ${range(
			group.map((r) => r.mibPerSec ?? 0),
			1,
		)}, CPU ms per MiB ${range(
			group.map((r) => r.cpuMsPerMiB ?? 0),
			2,
		)})`;
		return {
			...median,
			// Memory and correctness: the worst of the runs, not the median's.
			peakRssMiB: Math.max(...group.map((r) => r.peakRssMiB ?? 0)),
			rssGrowthMiB: Math.max(...group.map((r) => r.rssGrowthMiB ?? 0)),
			md5Ok: group.every((r) => r.md5Ok),
			note: median.note ? `${median.note}; ${spread}` : spread,
		};
	});
}

export function report(rows: Row[], settings: Settings): { markdown: string; summary: Summary } {
	const find = (family: Family, client: Client, size: number) =>
		rows.find(
			(r) =>
				r.family === family &&
				r.client === client &&
				r.size === size &&
				!(r.memoryFigure && !settings.sizes[family].includes(size)),
		);
	const largest = (family: Family) => Math.max(0, ...settings.sizes[family]);
	const smallest = (family: Family) => Math.min(...settings.sizes[family]);

	const lines: string[] = [];
	const load = (values?: number[]) => (values ?? []).map((v) => v.toFixed(2)).join(' / ');
	lines.push(
		`${settings.quick ? '`BENCH_QUICK=1 npm run bench`' : '`npm run bench`'}, ${settings.date}: ${settings.cpus} CPU(s) (${settings.cpuModel.trim()}), Node ${settings.node}; load average (1 / 5 / 15 min) ${load(settings.loadAtStart)} at the start, ${load(settings.loadAtEnd)} at the end${settings.seconds ? `; ${settings.seconds.toFixed(0)} s in all` : ''}. Azure: ${settings.blockSize / MiB} MiB blocks, ${settings.concurrency} in flight. S3: Tenovos hands out ${settings.s3PartSize / MiB} MiB presigned parts.${settings.repeat > 1 ? ` Each row is the median of ${settings.repeat} runs (see the notes for the spread).` : ''}`,
	);
	lines.push('');
	lines.push(
		'| Family | Size | Client | Path | MiB/s | CPU ms per MiB | Peak RSS (MiB) | RSS growth (MiB) | MD5 | Measured (s) | To the end (s) | Load after |',
	);
	lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
	const line = (row: Row, label: string) =>
		lines.push(
			`| ${FAMILY[row.family]} | ${sizeLabel(row.size)} | ${label} | ${row.via === 'direct' ? 'direct' : 'proxy'} | ${num(row.mibPerSec, 1)} | ${num(row.cpuMsPerMiB, 2)} | ${num(row.peakRssMiB, 0)} | ${num(row.rssGrowthMiB, 1)} | ${row.error ? `**failed**: ${row.error.split('\n')[0].slice(0, 120)}` : row.md5Ok ? 'ok' : '**wrong**'} | ${num(row.seconds, 2)} | ${num(row.totalSeconds, 2)} | ${num(row.loadAfter, 2)} |`,
		);
	for (const family of FAMILIES) {
		for (const size of settings.sizes[family]) {
			for (const client of CLIENTS[family]) {
				const row = find(family, client, size);
				if (row)
					line(row, LABEL[`${family}/${client}`] + (row.memoryFigure ? ' (S3 memory figure)' : ''));
			}
		}
		if (family === 's3') {
			const memory = rows.find((r) => r.memoryFigure && !settings.sizes.s3.includes(r.size));
			if (memory) line(memory, `${LABEL['s3/ours']} (S3 memory figure)`);
		}
	}

	lines.push('');
	lines.push(
		'| Family | Size | MiB/s ours ÷ anchor | MiB/s ours ÷ limit | CPU ours ÷ anchor | CPU ours ÷ limit |',
	);
	lines.push('|---|---|---|---|---|---|');
	for (const family of FAMILIES) {
		for (const size of settings.sizes[family]) {
			const ours = find(family, 'ours', size);
			const anchor = find(family, ANCHOR[family], size);
			const limit = find(family, 'limit', size);
			lines.push(
				`| ${FAMILY[family]} | ${sizeLabel(size)} | ${num(ratio(ours?.mibPerSec, anchor?.mibPerSec), 2)} | ${num(ratio(ours?.mibPerSec, limit?.mibPerSec), 2)} | ${num(ratio(ours?.cpuMsPerMiB, anchor?.cpuMsPerMiB), 2)} | ${num(ratio(ours?.cpuMsPerMiB, limit?.cpuMsPerMiB), 2)} |`,
			);
		}
	}

	// Each client's one-off costs (module first use, n8n's workflow set-up, tokens, JIT) weigh on
	// the CPU per MiB of a small run: between two sizes they cancel out.
	const marginal = FAMILIES.filter((family) => settings.sizes[family].length > 1);
	if (marginal.length) {
		lines.push('');
		lines.push(
			'| Family | Between | CPU ms per extra MiB: ours | anchor | limit | One-off CPU ms: ours | anchor | limit |',
		);
		lines.push('|---|---|---|---|---|---|---|---|');
		for (const family of marginal) {
			const [a, b] = [smallest(family), largest(family)];
			const slope = (client: Client) => {
				const small = find(family, client, a);
				const large = find(family, client, b);
				return small && large ? (large.cpuMs - small.cpuMs) / ((b - a) / MiB) : NaN;
			};
			const fixed = (client: Client) =>
				(find(family, client, a)?.cpuMs ?? NaN) - (slope(client) * a) / MiB;
			const clients = CLIENTS[family];
			lines.push(
				`| ${FAMILY[family]} | ${sizeLabel(a)} and ${sizeLabel(b)} | ${clients.map((c) => num(slope(c), 2)).join(' | ')} | ${clients.map((c) => num(fixed(c), 0)).join(' | ')} |`,
			);
		}
	}

	// The issue's targets, read off this run (the lead judges them on a quiet machine).
	lines.push('');
	lines.push('Issue 14 targets, this run:');
	const at = (family: Family, client: Client) => find(family, client, largest(family));
	const check = (text: string, value: number, ok: (v: number) => boolean, digits = 2) =>
		lines.push(
			`- ${text}: ${num(value, digits)}, ${verdict(Number.isFinite(value) ? ok(value) : undefined)}`,
		);
	if (settings.sizes.azure.length) {
		const size = sizeLabel(largest('azure'));
		check(
			`Azure check-in ≥ 0.8× the minimal client (${size})`,
			ratio(at('azure', 'ours')?.mibPerSec, at('azure', 'limit')?.mibPerSec),
			(v) => v >= 0.8,
		);
		check(
			`Azure check-in client CPU ≤ 3.5 ms per MiB (${size})`,
			at('azure', 'ours')?.cpuMsPerMiB ?? NaN,
			(v) => v <= 3.5,
		);
		if (settings.sizes.azure.length > 1)
			check(
				`Azure check-in peak RSS, ${size} minus ${sizeLabel(smallest('azure'))}, ≤ 32 MiB`,
				(at('azure', 'ours')?.peakRssMiB ?? NaN) -
					(find('azure', 'ours', smallest('azure'))?.peakRssMiB ?? NaN),
				(v) => v <= 32,
				1,
			);
	}
	if (settings.sizes.s3.length) {
		const size = sizeLabel(largest('s3'));
		check(
			`S3 parts ≥ 1.0× lib-storage (${size})`,
			ratio(at('s3', 'ours')?.mibPerSec, at('s3', 'libStorage')?.mibPerSec),
			(v) => v >= 1,
		);
		check(
			`S3 parts ≥ 0.8× the minimal client (${size})`,
			ratio(at('s3', 'ours')?.mibPerSec, at('s3', 'limit')?.mibPerSec),
			(v) => v >= 0.8,
		);
	}
	const memory = rows.find((r) => r.memoryFigure);
	if (memory)
		check(
			`S3 memory figure: RSS growth of a ${sizeLabel(memory.size)} Tenovos create ≤ 64 MiB over its baseline (MiB)`,
			memory.rssGrowthMiB,
			(v) => v <= 64,
			1,
		);
	if (settings.sizes.download.length) {
		const size = sizeLabel(largest('download'));
		check(
			`Downloads ≥ 1.0× the SDK (${size})`,
			ratio(at('download', 'ours')?.mibPerSec, at('download', 'sdk')?.mibPerSec),
			(v) => v >= 1,
		);
		if (settings.sizes.download.length > 1)
			check(
				`Download peak RSS, ${size} minus ${sizeLabel(smallest('download'))} (MiB, flat)`,
				(at('download', 'ours')?.peakRssMiB ?? NaN) -
					(find('download', 'ours', smallest('download'))?.peakRssMiB ?? NaN),
				(v) => v <= 32,
				1,
			);
	}
	lines.push(
		`- Every MD5 correct: ${
			rows.every((r) => r.md5Ok)
				? 'yes'
				: `**no** (${rows
						.filter((r) => !r.md5Ok)
						.map((r) => `${r.family}/${r.client} ${sizeLabel(r.size)}`)
						.join(', ')})`
		}`,
	);

	const notes = rows
		.filter((r) => r.note)
		.map((r) => `${r.family}/${r.client} ${sizeLabel(r.size)}: ${r.note}`);
	lines.push('');
	lines.push(
		[
			"**Measured**: ours = from the node's start (n8n's task start time) until the DAM received the commit: MediaValet's finalize for Check In, Tenovos' `/asset/complete` for a multipart Create (read from the sandbox journal), the node's end for a single-PUT Create and for Download; SDK `uploadStream`, `downloadToFile` and the plain GET = the call; lib-storage = from `Upload.done()` until it sends `CompleteMultipartUpload` (the end of `done()` for a single `PutObject`); the minimal presigned client = its part PUTs, until it asks for the complete. **To the end** adds each one's completion: ours the whole node (MediaValet's and Tenovos' simulators read the committed object back for its MD5 before they answer), lib-storage s3rver's `CompleteMultipartUpload`, the minimal client the sandbox's complete on s3rver.",
			"**CPU**: user + system time of the child process over its whole measured call (`process.cpuUsage`), divided by the MiB moved. **Peak RSS**: sampled every 20 ms during that call; **RSS growth**: the peak minus the same process's RSS just before the call (after a young-generation GC: a forced full one would leave V8 collecting every few MiB for the whole run). Every row is a fresh child process; the input (one generated file per size) is on disk, and for ours already in n8n's filesystem binary store before the measured call.",
			"**Path**: SAS and presigned URLs point at the sandbox's recording proxy, so every Azure client and ours and the minimal client on S3 go through it; lib-storage signs its requests with an Authorization header, which the proxy refuses (as S3 refuses two auth mechanisms), so it goes through a relay of the same proxy code without the checks, which keeps its Host header for the signature: every client pays the same relay. The proxy and the simulators share one sandbox process; Azurite and s3rver are processes of their own.",
			"**Defaults kept**: the Azure SDK's `uploadStream` sends no per-block `Content-MD5` (Azurite ingests blocks that carry one faster); lib-storage signs every part's payload (SHA-256) and adds the SDK's default CRC32 checksum, in its client CPU; ours streams S3 parts above 8 MiB from the binary store, two at a time (the minimal client sends as many in flight as `BENCH_S3_LIMIT_CONCURRENCY`, default 1) and creates files up to 100 MiB with one PUT. The minimal clients read nothing from disk.",
			notes.map((n) => `- ${n}`).join('\n'),
		].join('\n\n'),
	);

	const summary = Object.fromEntries(
		FAMILIES.map((family) => [
			family,
			Object.fromEntries(CLIENTS[family].map((client) => [client, summaryRow(at(family, client))])),
		]),
	) as unknown as Summary;
	return { markdown: `${lines.join('\n')}\n`, summary };
}
