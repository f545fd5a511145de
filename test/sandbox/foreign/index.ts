import { generatedStream } from '../../fixtures/generated';
import { Router } from '../core/http';
import type { Simulator } from '../core/server';

/**
 * Another host, for tests of what leaves for it: a hostile DAM redirects here, and every request
 * that arrives is in the journal (target "foreign") with its headers, query and body. It serves a
 * file at /file (for redirected downloads) and answers anything else with 200.
 */
export function foreignSimulator(): Simulator {
	const router = new Router()
		.get('/file', (req) => {
			const size = Number(req.query.get('size') ?? 1024);
			return {
				headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': size },
				body: generatedStream(size, Number(req.query.get('seed') ?? 7)),
			};
		})
		.on('GET', '*', () => ({ body: { foreign: true } }))
		.on('POST', '*', () => ({ body: { foreign: true } }))
		.on('PUT', '*', () => ({ body: { foreign: true } }))
		.on('PATCH', '*', () => ({ body: { foreign: true } }))
		.on('DELETE', '*', () => ({ body: { foreign: true } }));
	return { name: 'foreign', router, reset: () => {} };
}
