import { HttpError, Router } from '../core/http';
import type { Simulator } from '../core/server';

/**
 * A neutral API for the shared machinery's tests: echoes what it received, answers any status
 * with a JSON error body, and has the 200-with-error-body quirk some DAMs have.
 */
export function probeSimulator(): Simulator {
	let counter = 0;
	// Things a multi-step flow creates, commits and cleans up (for the shared flow's tests).
	let things = new Map<string, { id: string; committed: boolean }>();
	let thingSeq = 0;
	const thing = (id: string) => {
		const found = things.get(id);
		if (!found) throw new HttpError(404, { message: `No thing ${id}` });
		return found;
	};
	const router = new Router()
		.post('/things', () => {
			const created = { id: `thing-${++thingSeq}`, committed: false };
			things.set(created.id, created);
			return { status: 201, body: created };
		})
		.get('/things', () => ({ body: { things: [...things.values()] } }))
		.get('/things/:id', (req) => ({ body: thing(req.params.id) }))
		.post('/things/:id/commit', (req) => {
			thing(req.params.id).committed = true;
			return { body: thing(req.params.id) };
		})
		.delete('/things/:id', (req) => {
			thing(req.params.id);
			things.delete(req.params.id);
			return { status: 204 };
		})
		.get('/echo', (req) => ({
			body: { headers: req.headers, query: Object.fromEntries(req.query), count: ++counter },
		}))
		.post('/echo', async (req) => ({ body: { received: await req.json(), count: ++counter } }))
		.get('/status/:code', (req) => {
			throw new HttpError(Number(req.params.code), {
				message: `Probe answered ${req.params.code}`,
				code: 'PROBE',
			});
		})
		.get('/errorcode', () => ({
			body: { errorcode: 409, message: 'Asset is checked out by someone else' },
		}))
		.get('/items', (req) => {
			const offset = Number(req.query.get('offset') ?? 0);
			const count = Number(req.query.get('count') ?? 10);
			const total = 95;
			const items = Array.from(
				{ length: Math.max(0, Math.min(count, total - offset)) },
				(_, i) => ({ id: offset + i }),
			);
			return { body: { items, total } };
		});
	return {
		name: 'probe',
		router,
		reset: () => {
			counter = 0;
			things = new Map();
			thingSeq = 0;
		},
	};
}
