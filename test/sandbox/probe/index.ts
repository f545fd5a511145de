import { HttpError, Router } from '../core/http';
import type { Simulator } from '../core/server';

/**
 * A neutral API for the shared machinery's tests: echoes what it received, answers any status
 * with a JSON error body, and has the 200-with-error-body quirk some DAMs have.
 */
export function probeSimulator(): Simulator {
	let counter = 0;
	const router = new Router()
		.get('/echo', (req) => ({ body: { headers: req.headers, query: Object.fromEntries(req.query), count: ++counter } }))
		.post('/echo', async (req) => ({ body: { received: await req.json(), count: ++counter } }))
		.get('/status/:code', (req) => {
			throw new HttpError(Number(req.params.code), { message: `Probe answered ${req.params.code}`, code: 'PROBE' });
		})
		.get('/errorcode', () => ({ body: { errorcode: 409, message: 'Asset is checked out by someone else' } }))
		.get('/items', (req) => {
			const offset = Number(req.query.get('offset') ?? 0);
			const count = Number(req.query.get('count') ?? 10);
			const total = 95;
			const items = Array.from({ length: Math.max(0, Math.min(count, total - offset)) }, (_, i) => ({ id: offset + i }));
			return { body: { items, total } };
		});
	return { name: 'probe', router, reset: () => (counter = 0) };
}
