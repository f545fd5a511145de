import { Router } from '../core/http';
import type { Simulator } from '../core/server';
import type { SandboxEnv } from '../env';
import { assetRoutes } from './assets';
import { authRoutes } from './auth';
import { controlRoutes } from './control';
import { fileRoutes } from './files';
import { searchRoutes } from './search';
import { WoodWingState } from './state';
import { publishChange, webhookRoutes } from './webhooks';
import { webhookControlRoutes } from '../core/webhooks';

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
 * - Webhooks (webhooks.ts): the admin API's registrations; every change in an asset's history is
 *   sent, signed, to the registrations that want it (tests replay or forge deliveries through
 *   the control routes /webhooks...).
 */
export function woodWingSimulator(env: SandboxEnv): Simulator {
	const state = new WoodWingState();
	const router = new Router();
	authRoutes(router, state);
	searchRoutes(router, state, env);
	assetRoutes(router, state, env);
	fileRoutes(router, state);
	webhookRoutes(router, state);
	state.onLog = (asset, actor, action, changed) =>
		publishChange(state, asset, actor, action, changed);
	return {
		name: 'woodwing',
		router,
		control: webhookControlRoutes(controlRoutes(state), state.webhooks),
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
