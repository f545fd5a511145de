import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { afterAll, describe, it } from '@jest/globals';

import type { IHttpRequestOptions } from 'n8n-workflow';

import { WoodWingAssetsApi } from '../../credentials/WoodWingAssetsApi.credentials';
import { multipartBody } from '../../nodes/WoodWingAssets/transport/multipart';
import { readableClassOf, type ReadableLike } from '../../nodes/shared/binary';

const dir = mkdtempSync(join(tmpdir(), 'ww-logic-'));

async function fileInput(content: Buffer, fileName: string) {
	const path = join(dir, `in-${Math.random().toString(36).slice(2)}`);
	writeFileSync(path, content);
	const handle = await open(path, 'r');
	return {
		stream: handle.createReadStream({ highWaterMark: 64 * 1024 }),
		size: content.length,
		fileName,
		mimeType: 'image/jpeg',
	};
}

async function drain(stream: ReadableLike): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk));
	return Buffer.concat(chunks);
}

describe('WoodWing Assets: pure logic', () => {
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('builds a multipart body an independent parser (undici FormData) reads back, with an exact Content-Length', async () => {
		const content = Buffer.alloc(300_000, 7);
		content.write('\r\n--not-a-boundary\r\n', 1000);
		const name = 'Strand "Süd"\r\n.jpg';
		const { body, headers, stats } = multipartBody(
			[
				['metadata', '{"folderPath":"/Demo Zone"}'],
				['autoRename', 'true'],
			],
			'Filedata',
			await fileInput(content, name),
		);
		const bytes = await drain((await body) as ReadableLike);
		assert.equal(Number(headers['Content-Length']), bytes.length);
		const form = await new Response(bytes, {
			headers: { 'content-type': String(headers['Content-Type']) },
		}).formData();
		assert.equal(form.get('metadata'), '{"folderPath":"/Demo Zone"}');
		assert.equal(form.get('autoRename'), 'true');
		const file = form.get('Filedata') as File;
		assert.equal(file.type, 'image/jpeg');
		assert.equal(file.name, name, 'quotes and line breaks escaped as browsers do, UTF-8 kept');
		const received = Buffer.from(await file.arrayBuffer());
		assert.ok(received.equals(content), 'file bytes intact, boundary-like content included');
		assert.deepEqual(stats(), {
			fileName: name,
			size: content.length,
			md5: createHash('md5').update(content).digest('hex'),
		});
	});

	it('a streamed body refuses a second send instead of hanging', async () => {
		const { body } = multipartBody([], 'Filedata', await fileInput(Buffer.from('abc'), 'a.txt'));
		const stream = (await body) as ReadableLike & { pipe: (d: Writable) => Writable };
		const sink = new PassThrough();
		const first = drain(sink as unknown as ReadableLike);
		stream.pipe(sink);
		assert.match((await first).toString(), /abc/);
		const second = new Writable({ write: (_chunk, _enc, done) => done() });
		const failed = new Promise<Error>((resolve) => second.once('error', resolve));
		stream.pipe(second);
		assert.match((await failed).message, /already sent and cannot be sent again/);
	});

	it("finds Node's Readable through n8n's streams but not through a plain async iterable", async () => {
		const input = await fileInput(Buffer.from('x'), 'x');
		assert.equal(readableClassOf(input.stream), Readable);
		input.stream.destroy();
		async function* generator() {
			yield Buffer.from('x');
		}
		assert.equal(readableClassOf(generator()), undefined);
		// inline binary data: the body is assembled as one Buffer
		const { body, headers } = multipartBody([], 'Filedata', {
			stream: generator(),
			size: 1,
			fileName: 'x',
			mimeType: 'text/plain',
		});
		const buffer = await body;
		assert.ok(Buffer.isBuffer(buffer));
		assert.equal(buffer.length, Number(headers['Content-Length']));
	});

	it('credential authenticate: bearer for API login; cookie, CSRF on POST only and no duplicate cookie for session login', async () => {
		const type = new WoodWingAssetsApi();
		const api = await type.authenticate({ loginStyle: 'apiLogin', sessionToken: 'tok' }, {
			url: '/x',
			method: 'POST',
		} as IHttpRequestOptions);
		assert.deepEqual(api.headers, { Authorization: 'Bearer tok' });

		const session = {
			loginStyle: 'sessionLogin',
			sessionToken: 'authToken=new',
			csrfToken: 'csrf',
		};
		const post = await type.authenticate(session, {
			url: '/x',
			method: 'POST',
			headers: { cookie: 'other=1; authToken=old' },
		} as IHttpRequestOptions);
		assert.deepEqual(post.headers, { Cookie: 'other=1; authToken=new', 'X-CSRF-TOKEN': 'csrf' });
		const get = await type.authenticate(session, {
			url: '/x',
			method: 'GET',
		} as IHttpRequestOptions);
		assert.deepEqual(get.headers, { Cookie: 'authToken=new' });
		const insecure = await type.authenticate({ ...session, ignoreSslIssues: true }, {
			url: '/x',
		} as IHttpRequestOptions);
		assert.equal(insecure.skipSslCertificateValidation, true);
	});
});
