import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from '@jest/globals';

import { fileNameFromDisposition } from '../../nodes/shared/binary';
import { describeHttpFailure, redactUrls } from '../../nodes/shared/errors';
import { redactDeep } from '../../nodes/shared/redact';
import { collectPages, nextOffset } from '../../nodes/shared/pagination';
import { isRetryable, outcomeUnknown, retryAfterMs } from '../../nodes/shared/retry';
import { blockId } from '../../nodes/shared/upload/azureBlob';
import {
	MiB,
	choosePartSize,
	newMd5,
	sendPartsConcurrently,
} from '../../nodes/shared/upload/parts';
import { ARENA_BYTES, ARENA_MIN_POOL_BYTES, BufferPool } from '../../nodes/shared/upload/pool';
import { pooledParts } from '../../nodes/shared/upload/pooledParts';
import { SourceReader } from '../../nodes/shared/upload/sourceReader';
import { inChunksOf } from '../../nodes/shared/binary';

async function* chunks(sizes: number[]) {
	let value = 0;
	for (const size of sizes) yield Buffer.alloc(size, value++ % 256);
}

describe('pure logic of the shared machinery', () => {
	it('re-chunks odd-sized chunks into exact parts in pooled buffers, both MD5s in one pass', async () => {
		const sizes = [3, 10, 1, 7, 0, 20];
		const hash = newMd5();
		const pool = new BufferPool(8, 2);
		const parts: Array<{ data: Buffer; offset: number; md5: string }> = [];
		const buffers = new Set<ArrayBufferLike>();
		for await (const part of pooledParts(chunks(sizes), 8, pool, hash)) {
			buffers.add(part.data.buffer);
			parts.push({
				data: Buffer.from(part.data),
				offset: part.offset,
				md5: part.md5.toString('hex'),
			});
			part.release();
		}
		assert.deepEqual(
			parts.map((p) => p.data.length),
			[8, 8, 8, 8, 8, 1],
		);
		assert.deepEqual(
			parts.map((p) => p.offset),
			[0, 8, 16, 24, 32, 40],
		);
		assert.ok(buffers.size <= 2, `${buffers.size} buffers for 6 parts: the pool's are reused`);
		const whole = Buffer.concat(sizes.map((size, i) => Buffer.alloc(size, i % 256)));
		assert.equal(hash.digest('hex'), createHash('md5').update(whole).digest('hex'));
		assert.deepEqual(Buffer.concat(parts.map((p) => p.data)), whole);
		for (const part of parts)
			assert.equal(part.md5, createHash('md5').update(part.data).digest('hex'));
	});

	it('takes large pools from a shared arena that is reused after close and never outgrows its budget', async () => {
		const isShared = (buffer: Buffer) => buffer.buffer instanceof SharedArrayBuffer;
		const size = 8 * MiB;
		const take = async (pool: BufferPool) =>
			await Promise.all(Array.from({ length: pool.count }, async () => await pool.acquire()));

		const small = new BufferPool(1 * MiB, 2);
		assert.ok(1 * MiB * 2 < ARENA_MIN_POOL_BYTES);
		assert.ok(
			(await take(small)).every((b) => !isShared(b)),
			'a small pool keeps ordinary buffers',
		);

		const first = new BufferPool(size, 5);
		const firstBuffers = await take(first);
		assert.ok(firstBuffers.every(isShared), 'a large pool is in the shared arena');
		// While the first pool holds 40 of the arena's 64 MiB, a second gets 3 shared buffers and 2 ordinary ones.
		const second = new BufferPool(size, 5);
		const secondBuffers = await take(second);
		assert.equal(secondBuffers.filter(isShared).length, (ARENA_BYTES - 5 * size) / size);
		second.close();
		first.close();
		// Closed pools give their shared buffers back: the next pool reuses them, nothing new is made.
		const third = new BufferPool(size, 5);
		const thirdBuffers = await take(third);
		const before = new Set([...firstBuffers, ...secondBuffers].map((b) => b.buffer));
		assert.ok(thirdBuffers.every((b) => isShared(b) && before.has(b.buffer)));
		third.close();
		third.close();
	});

	it('regroups a download into pieces of at least the write size, bytes and order unchanged', async () => {
		const sizes = [3, 4, 0, 9, 1, 2];
		const pieces: Buffer[] = [];
		for await (const piece of inChunksOf(chunks(sizes), 8)) pieces.push(Buffer.from(piece));
		assert.deepEqual(
			pieces.map((p) => p.length),
			[16, 3],
		);
		const whole = Buffer.concat(sizes.map((size, i) => Buffer.alloc(size, i % 256)));
		assert.deepEqual(Buffer.concat(pieces), whole);
		const none: Buffer[] = [];
		for await (const piece of inChunksOf(chunks([]), 8)) none.push(piece);
		assert.equal(none.length, 0);
	});

	it('yields one empty part for an empty stream', async () => {
		const parts = [];
		for await (const part of pooledParts(chunks([]), 8, new BufferPool(8, 1), newMd5()))
			parts.push(part);
		assert.equal(parts.length, 1);
		assert.equal(parts[0].data.length, 0);
	});

	it('reads exact slices and starts over at an offset from a re-opened source', async () => {
		const source = () => chunks([5, 5, 5]);
		let opened = 0;
		const reader = new SourceReader(source(), async () => {
			opened++;
			return source();
		});
		const read = async (length: number) => {
			const all: Buffer[] = [];
			for await (const chunk of reader.take(length)) all.push(chunk);
			return Buffer.concat(all);
		};
		assert.deepEqual([...(await read(7))], [0, 0, 0, 0, 0, 1, 1]);
		await reader.seek(3);
		assert.equal(opened, 1, 'going back opens the source again');
		assert.deepEqual([...(await read(4))], [0, 0, 1, 1]);
		await reader.seek(12);
		assert.deepEqual([...(await read(3))], [2, 2, 2]);
		await assert.rejects(read(1), /ended after 15 bytes/);
	});

	it('grows the part size only as much as the part-count limit needs', () => {
		assert.equal(
			choosePartSize(300 * MiB, { preferred: 8 * MiB, maxParts: 50_000, maxPartSize: 64 * MiB }),
			8 * MiB,
		);
		assert.equal(
			choosePartSize(500 * 1024 * MiB, {
				preferred: 8 * MiB,
				maxParts: 50_000,
				maxPartSize: 64 * MiB,
			}),
			11 * MiB,
		);
		assert.equal(
			choosePartSize(100 * 1024 * MiB, {
				preferred: 5 * MiB,
				maxParts: 10_000,
				maxPartSize: 5 * 1024 * MiB,
			}),
			11 * MiB,
		);
		assert.throws(() =>
			choosePartSize(4000 * 1024 * MiB, {
				preferred: 8 * MiB,
				maxParts: 50_000,
				maxPartSize: 64 * MiB,
			}),
		);
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

	it('repeats a request that may have acted only when the DAM said it did nothing', () => {
		const base = { headers: {}, message: '' };
		const later = { 'retry-after': '1' };
		assert.equal(isRetryable({ ...base, status: 429 }, 'once'), true);
		assert.equal(isRetryable({ ...base, status: 503, headers: later }, 'once'), true);
		assert.equal(
			isRetryable({ ...base, status: 503 }, 'once'),
			false,
			'a bare 503 may come after the DAM acted',
		);
		assert.equal(isRetryable({ ...base, status: 502 }, 'once'), false);
		assert.equal(isRetryable({ ...base, code: 'ECONNRESET' }, 'once'), false);
		assert.equal(
			isRetryable({ ...base, code: 'ECONNREFUSED' }, 'once'),
			true,
			'a connection that never opened sent nothing',
		);
		assert.equal(isRetryable({ ...base, status: 502 }, 'idempotent'), true);
		assert.equal(isRetryable({ ...base, status: 503 }, 'idempotent'), true);
		assert.equal(isRetryable({ ...base, code: 'ECONNRESET' }, 'idempotent'), true);
		assert.equal(isRetryable({ ...base, status: 400 }, 'idempotent'), false);
		assert.equal(outcomeUnknown({ ...base, status: 502 }), true);
		assert.equal(outcomeUnknown({ ...base, code: 'ECONNRESET' }), true);
		assert.equal(outcomeUnknown({ ...base, status: 503, headers: later }), false);
		assert.equal(outcomeUnknown({ ...base, status: 404 }), false);
	});

	it('reads status, body and network code as n8n 1.x and 2.x throw them', () => {
		// 2.x: the axios error is the cause.
		const v2 = Object.assign(new Error('Request failed'), {
			httpCode: '404',
			cause: {
				message: 'Request failed with status code 404',
				response: {
					status: 404,
					headers: { 'retry-after': '2' },
					data: { error: 'asset not found' },
				},
			},
		});
		assert.deepEqual(describeHttpFailure(v2).body, { error: 'asset not found' });
		assert.equal(describeHttpFailure(v2).headers['retry-after'], '2');
		// 1.x: no cause; status in httpCode, an object body in context.data.
		const v1 = Object.assign(new Error('The resource you are requesting could not be found'), {
			httpCode: '404',
			context: { data: { error: 'asset not found' } },
		});
		assert.equal(describeHttpFailure(v1).status, 404);
		assert.deepEqual(describeHttpFailure(v1).body, { error: 'asset not found' });
		// 1.x: a reset carries no code, only n8n's descriptive message.
		const reset = Object.assign(
			new Error(
				'The connection to the server was closed unexpectedly, perhaps it is offline. You can retry the request immediately or wait and retry later.',
			),
			{ httpCode: null, messages: ['socket hang up'] },
		);
		assert.equal(describeHttpFailure(reset).code, 'ECONNRESET');
		assert.equal(isRetryable(describeHttpFailure(reset), 'idempotent'), true);
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
		const looping = await collectPages<number, string>(async () => ({
			items: [calls++],
			next: 'same',
		}));
		assert.deepEqual(looping, [0, 1], 'a repeating cursor ends paging');
	});

	it('redacts signed query strings from texts', () => {
		assert.equal(
			redactUrls('PUT https://acct.blob.core.windows.net/c/b?sv=1&sig=abc failed'),
			'PUT https://acct.blob.core.windows.net/c/b?[redacted] failed',
		);
		// JSON-escaped, as a body echoes it inside a string
		assert.equal(
			redactUrls('{"url":"https:\\/\\/s3.host\\/b\\/k?X-Amz-Signature=deadbeef"}'),
			'{"url":"https:\\/\\/s3.host\\/b\\/k?[redacted]"}',
		);
		// bare signature parameters without their URL
		assert.equal(
			redactUrls('bad sig=abc123 and X-Amz-Signature=ff00; Signature=zz'),
			'bad sig=[redacted] and X-Amz-Signature=[redacted]; Signature=[redacted]',
		);
		// a webhook secret quoted without its URL (MediaValet's endpoint URI parameter)
		assert.equal(
			redactUrls('endpoint rejected: n8nSecret=0f3a9c, client_secret=xyz'),
			'endpoint rejected: n8nSecret=[redacted], client_secret=[redacted]',
		);
	});

	it('reads a file name from Content-Disposition safely: base name only, malformed encoding tolerated', () => {
		assert.equal(fileNameFromDisposition('attachment; filename="a/b/../c.txt"'), 'c.txt');
		assert.equal(
			fileNameFromDisposition("attachment; filename*=UTF-8''na%C3%AFve%20file.txt"),
			'naïve file.txt',
		);
		assert.equal(
			fileNameFromDisposition('attachment; filename*=UTF-8\'\'%E0%A4%A; filename="fallback.bin"'),
			'fallback.bin',
		);
		assert.equal(fileNameFromDisposition("attachment; filename*=UTF-8''%E0%A4%A"), '%E0%A4%A');
		assert.equal(
			fileNameFromDisposition('attachment; filename="..\\..\\evil\u0007.exe"'),
			'evil.exe',
		);
		assert.equal(fileNameFromDisposition('attachment; filename=".."'), undefined);
		assert.equal(
			fileNameFromDisposition('attachment; filename*=UTF-8\'\'..; filename=""'),
			undefined,
		);
	});

	it('deep-redacts error bodies: strings cleaned, secret-named keys dropped', () => {
		const body = {
			message: 'see https://h/x?sig=1',
			token: 'tok',
			nested: [{ password: 'pw', note: 'sig=2' }],
			headers: { Authorization: 'Bearer x', 'X-Api-Key': 'k', accept: 'json' },
		};
		assert.deepEqual(redactDeep(body), {
			message: 'see https://h/x?[redacted]',
			nested: [{ note: 'sig=[redacted]' }],
			headers: { accept: 'json' },
		});
	});
});
