import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';

import { redactUrls } from '../../nodes/shared/errors';
import { collectPages, nextOffset } from '../../nodes/shared/pagination';
import { isRetryable, retryAfterMs } from '../../nodes/shared/retry';
import { blockId } from '../../nodes/shared/upload/azureBlob';
import { MiB, choosePartSize, newMd5, sendPartsConcurrently, splitIntoParts } from '../../nodes/shared/upload/parts';

async function* chunks(sizes: number[]) {
	let value = 0;
	for (const size of sizes) yield Buffer.alloc(size, value++ % 256);
}

describe('pure logic of the shared machinery', () => {
	it('re-chunks odd-sized chunks into exact parts and hashes every byte in order', async () => {
		const sizes = [3, 10, 1, 7, 0, 20];
		const hash = newMd5();
		const parts = [];
		for await (const part of splitIntoParts(chunks(sizes), 8, hash)) parts.push(part);
		assert.deepEqual(parts.map((p) => p.data.length), [8, 8, 8, 8, 8, 1]);
		assert.deepEqual(parts.map((p) => p.offset), [0, 8, 16, 24, 32, 40]);
		const whole = Buffer.concat([...(await (async () => { const all = []; for await (const c of chunks(sizes)) all.push(c); return all; })())]);
		assert.equal(hash.digest('hex'), createHash('md5').update(whole).digest('hex'));
		assert.deepEqual(Buffer.concat(parts.map((p) => p.data)), whole);
	});

	it('yields one empty part for an empty stream', async () => {
		const parts = [];
		for await (const part of splitIntoParts(chunks([]), 8, newMd5())) parts.push(part);
		assert.equal(parts.length, 1);
		assert.equal(parts[0].data.length, 0);
	});

	it('grows the part size only as much as the part-count limit needs', () => {
		assert.equal(choosePartSize(300 * MiB, { preferred: 8 * MiB, maxParts: 50_000, maxPartSize: 64 * MiB }), 8 * MiB);
		assert.equal(choosePartSize(500 * 1024 * MiB, { preferred: 8 * MiB, maxParts: 50_000, maxPartSize: 64 * MiB }), 11 * MiB);
		assert.equal(choosePartSize(100 * 1024 * MiB, { preferred: 5 * MiB, maxParts: 10_000, maxPartSize: 5 * 1024 * MiB }), 11 * MiB);
		assert.throws(() => choosePartSize(4000 * 1024 * MiB, { preferred: 8 * MiB, maxParts: 50_000, maxPartSize: 64 * MiB }));
	});

	it('keeps at most `concurrency` parts in flight and stops pulling after a failure', async () => {
		let inFlight = 0;
		let maxInFlight = 0;
		let pulled = 0;
		async function* source() {
			for (let number = 1; number <= 20; number++) {
				pulled++;
				yield { number, offset: 0, data: Buffer.alloc(1) };
			}
		}
		const send = async (part: { number: number }) => {
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			await new Promise((r) => setTimeout(r, 5));
			inFlight--;
			if (part.number === 6) throw new Error('part 6 failed');
			return part.number;
		};
		await assert.rejects(sendPartsConcurrently(source(), 3, send), /part 6 failed/);
		assert.equal(maxInFlight, 3);
		assert.ok(pulled < 12, `pulled ${pulled} parts after the failure`);
	});

	it('makes block ids of equal length', () => {
		assert.equal(blockId(1).length, blockId(49_999).length);
	});

	it('parses Retry-After as seconds or as a date', () => {
		assert.equal(retryAfterMs({ 'retry-after': '3' }), 3000);
		const now = Date.parse('2026-01-01T00:00:00Z');
		assert.equal(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }, now), 10_000);
		assert.equal(retryAfterMs({}), undefined);
	});

	it('retries 429/503 for any method but 502/504/resets only for idempotent requests', () => {
		const base = { headers: {}, message: '' };
		assert.equal(isRetryable({ ...base, status: 429 }, false), true);
		assert.equal(isRetryable({ ...base, status: 502 }, false), false);
		assert.equal(isRetryable({ ...base, status: 502 }, true), true);
		assert.equal(isRetryable({ ...base, code: 'ECONNRESET' }, true), true);
		assert.equal(isRetryable({ ...base, code: 'ECONNRESET' }, false), false);
		assert.equal(isRetryable({ ...base, status: 400 }, true), false);
	});

	it('pages with offsets, cursors and limits', async () => {
		const data = Array.from({ length: 23 }, (_, i) => i);
		const all = await collectPages<number, number>(async (offset = 0) => {
			const items = data.slice(offset, offset + 10);
			return { items, next: nextOffset(offset, items.length, 10, data.length) };
		});
		assert.deepEqual(all, data);
		const limited = await collectPages<number, number>(async (offset = 0) => {
			const items = data.slice(offset, offset + 10);
			return { items, next: nextOffset(offset, items.length, 10) };
		}, 15);
		assert.deepEqual(limited, data.slice(0, 15));
		let calls = 0;
		const looping = await collectPages<number, string>(async () => ({ items: [calls++], next: 'same' }));
		assert.deepEqual(looping, [0, 1], 'a repeating cursor ends paging');
	});

	it('redacts signed query strings from texts', () => {
		assert.equal(
			redactUrls('PUT https://acct.blob.core.windows.net/c/b?sv=1&sig=abc failed'),
			'PUT https://acct.blob.core.windows.net/c/b?[redacted] failed',
		);
	});
});
