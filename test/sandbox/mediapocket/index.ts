import type { Simulator } from '../core/server';
import type { SandboxEnv } from '../env';
import { apiRoutes } from './api';
import { controlRoutes } from './control';
import { MediaPocketState } from './state';
import { publishEvent, webhookRoutes } from './webhooks';
import { webhookControlRoutes } from '../core/webhooks';

/**
 * Media Pocket API v2 simulator (seed 004): assets, media by URL ingest into S3 (s3rver) with
 * presigned download URLs, comments, DAG actions and runs that advance with a simulated clock,
 * and per-asset history with cursor paging. Fixed API keys: mp-admin-key (every permission),
 * mp-viewer-key (ACTIONS_VIEW), mp-starter-key (ACTIONS_START), mp-guest-key (none).
 * Webhooks (webhooks.ts): registrations under /api/v2/webhooks; every history event, once
 * visible, is sent signed to the registrations that want its type (tests replay or forge
 * deliveries through the control routes /webhooks...).
 */
export function mediaPocketSimulator(env: SandboxEnv): Simulator {
	const state = new MediaPocketState();
	state.onEvent = (event) => publishEvent(state, event);
	return {
		name: 'mediapocket',
		router: webhookRoutes(apiRoutes(state, env), state),
		control: webhookControlRoutes(controlRoutes(state), state.webhooks),
		reset: () => state.reset(),
		notFound: () => ({ status: 404, body: { error: 'Not Found' } }),
	};
}
