import type { Simulator } from '../core/server';
import type { SandboxEnv } from '../env';
import { apiRoutes } from './api';
import { controlRoutes } from './control';
import { MediaPocketState } from './state';

/**
 * Media Pocket API v2 simulator (seed 004): assets, media by URL ingest into S3 (s3rver) with
 * presigned download URLs, comments, DAG actions and runs that advance with a simulated clock,
 * and per-asset history with cursor paging. Fixed API keys: mp-admin-key (every permission),
 * mp-viewer-key (ACTIONS_VIEW), mp-starter-key (ACTIONS_START), mp-guest-key (none).
 */
export function mediaPocketSimulator(env: SandboxEnv): Simulator {
	const state = new MediaPocketState();
	return {
		name: 'mediapocket',
		router: apiRoutes(state, env),
		control: controlRoutes(state),
		reset: () => state.reset(),
		notFound: () => ({ status: 404, body: { error: 'Not Found' } }),
	};
}
