/**
 * What every simulator shares: one clock contract, ids, and a MIME table. A simulator's state
 * extends SimState; its control router gets the clock route from clockRoute.
 */
import { randomUUID } from 'crypto';

import type { Router } from './http';

/**
 * The simulated clock. Tests move it with the control route `POST /sims/<name>/clock`
 * `{ "advanceMs": N }` (one unit, milliseconds, for every simulator); reset puts it back.
 */
export class SimClock {
	private offsetMs = 0;

	now(): number {
		return Date.now() + this.offsetMs;
	}

	iso(): string {
		return new Date(this.now()).toISOString();
	}

	advance(ms: number): number {
		this.offsetMs += ms;
		return this.offsetMs;
	}

	get offset(): number {
		return this.offsetMs;
	}

	reset(): void {
		this.offsetMs = 0;
	}
}

/** Adds `POST /clock { advanceMs }` to a simulator's control router; answers the clock's offset. */
export function clockRoute(router: Router, clock: SimClock): Router {
	return router.post('/clock', async (req) => {
		const { advanceMs } = (await req.json()) as { advanceMs?: number };
		return { body: { offsetMs: clock.advance(Number(advanceMs) || 0), now: clock.iso() } };
	});
}

/** The base of a simulator's state: its clock, its id counters, and a reset that clears both. */
export abstract class SimState {
	readonly clock = new SimClock();
	private counters = new Map<string, number>();

	/** 1, 2, 3... per kind, as integer-keyed APIs number their records. */
	nextNumber(kind: string): number {
		const next = (this.counters.get(kind) ?? 0) + 1;
		this.counters.set(kind, next);
		return next;
	}

	uuid(): string {
		return randomUUID();
	}

	/** Clears the clock and counters; a subclass clears its own records and calls this. */
	reset(): void {
		this.clock.reset();
		this.counters.clear();
	}
}

const MIME_BY_EXTENSION: Record<string, string> = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	tif: 'image/tiff',
	tiff: 'image/tiff',
	webp: 'image/webp',
	pdf: 'application/pdf',
	txt: 'text/plain',
	json: 'application/json',
	csv: 'text/csv',
	srt: 'application/x-subrip',
	vtt: 'text/vtt',
	mp4: 'video/mp4',
	mov: 'video/quicktime',
	mxf: 'application/mxf',
	mp3: 'audio/mpeg',
	wav: 'audio/wav',
	indd: 'application/x-indesign',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	zip: 'application/zip',
};

export function extensionOf(fileName: string): string {
	const match = /\.([A-Za-z0-9]+)$/.exec(fileName);
	return match ? match[1].toLowerCase() : '';
}

/** The MIME type a DAM would give a file by its extension. */
export function mimeTypeOf(fileName: string, fallback = 'application/octet-stream'): string {
	return MIME_BY_EXTENSION[extensionOf(fileName)] ?? fallback;
}
