import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from '@jest/globals';

import { safeEqual, verifyHexHmac, verifySvix } from '../../nodes/shared/trigger/webhook';

// Pure logic: the signature checks the webhook triggers will use, against signatures computed
// here the way each DAM documents them (Tenovos: Svix; WoodWing: hex HMAC of the raw body).

const body = Buffer.from('{"eventType":"asset.created","asset":{"id":"a1"}}');

describe('webhook signatures', () => {
	it('Svix: accepts a v1 entry among several, refuses a wrong, missing or stale one', () => {
		const key = Buffer.from('c2VjcmV0LWtleS1mb3ItdGVzdHM=', 'base64');
		const secret = `whsec_${key.toString('base64')}`;
		const now = Date.parse('2026-12-01T10:00:00Z');
		const timestamp = String(now / 1000);
		const sign = (id: string, ts: string) =>
			createHmac('sha256', key).update(`${id}.${ts}.`).update(body).digest('base64');
		const headers = {
			id: 'msg_1',
			timestamp,
			signature: `v1,bm9wZQ== v1,${sign('msg_1', timestamp)}`,
		};
		assert.equal(verifySvix(secret, headers, body, now), undefined);
		assert.equal(
			verifySvix(secret, { ...headers, id: 'msg_2' }, body, now),
			'The signature does not match',
		);
		assert.equal(
			verifySvix(secret, { ...headers, signature: undefined }, body, now),
			'The delivery is not signed',
		);
		assert.equal(
			verifySvix(secret, headers, body, now + 301_000),
			'The delivery is too old or from the future',
		);
		assert.equal(
			verifySvix(secret, headers, Buffer.concat([body, Buffer.from(' ')]), now),
			'The signature does not match',
		);
	});

	it('hex HMAC: accepts the body signed with the secret (any case, optional sha256=), refuses others', () => {
		const signature = createHmac('sha256', 'token').update(body).digest('hex');
		assert.equal(verifyHexHmac('token', signature, body), undefined);
		assert.equal(verifyHexHmac('token', `sha256=${signature.toUpperCase()}`, body), undefined);
		assert.equal(verifyHexHmac('other', signature, body), 'The signature does not match');
		assert.equal(verifyHexHmac('token', undefined, body), 'The delivery is not signed');
		assert.equal(safeEqual('abc', 'abcd'), false);
	});
});
