import { Router } from '../core/http';
import type { Simulator } from '../core/server';
import type { SandboxEnv } from '../env';
import { assetRoutes } from './assets';
import { authRoutes } from './auth';
import { controlRoutes } from './control';
import { fileRoutes } from './files';
import { searchRoutes } from './search';
import { WoodWingState } from './state';

/**
 * WoodWing Assets Server (Assets 6 `/services` API) simulator.
 *
 * - Sign-in (auth.ts): `/services/apilogin` issues a bearer token with an inactivity expiry;
 *   `/services/login` sets an `authToken` cookie and returns a `csrfToken`, which cookie sessions
 *   must send as `X-CSRF-TOKEN` on every POST.
 * - Parameters come from the query string, urlencoded or multipart bodies (`metadata` is a JSON
 *   string); multipart uploads are streamed to disk and hashed while they arrive (services.ts).
 * - Errors are `{"errorcode": N, "message": "..."}` with the real status, or HTTP 200 when the
 *   `okOnError` switch (the server's `returnStatusOkOnErrorForServicesApi`) is on.
 * - Search and browse (search.ts) cap results at 10,000 (`start + num`), as the server does;
 *   create, update, remove, check-out and history are in assets.ts, /file and previews in files.ts.
 */
export function woodWingSimulator(env: SandboxEnv): Simulator {
	const state = new WoodWingState();
	const router = new Router();
	authRoutes(router, state);
	searchRoutes(router, state, env);
	assetRoutes(router, state, env);
	fileRoutes(router, state);
	return {
		name: 'woodwing',
		router,
		control: controlRoutes(state),
		reset: () => state.reset(),
		notFound: (req) =>
			req.path.startsWith('/services/')
				? {
						status: state.config.okOnError ? 200 : 404,
						body: { errorcode: 404, message: `No such service: ${req.path}` },
					}
				: { status: 404, body: { errorcode: 404, message: 'Not found' } },
	};
}
