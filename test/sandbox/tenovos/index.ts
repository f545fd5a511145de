import { Router } from '../core/http';
import type { Simulator } from '../core/server';
import type { SandboxEnv } from '../env';
import { registerAssetRoutes } from './assets';
import { registerAuthRoutes } from './auth';
import { tenovosControl } from './control';
import { registerSearchRoutes } from './search';
import { TenovosState } from './state';
import { registerTemplateRoutes } from './templates';
import { registerUploadRoutes } from './uploads';
import { publishChange, registerWebhookRoutes } from './webhooks';
import { webhookControlRoutes } from '../core/webhooks';

/**
 * Tenovos API v1/v1.5 as the reference describes it: API Gateway key check (403 Forbidden), Cognito
 * tokens (401 Unauthorized), 403 for not-found and validation errors, create asset / version /
 * metadata-only with presigned s3rver URLs (one URL, or 100 MiB parts with an upload id; 10^8-byte
 * parts by /config partSize), /asset/complete that assembles or aborts the multipart upload, get,
 * versions, keyword search with offset paging (hitCount = page length, 10,000 window), metadata
 * update, soft delete, download URL, metadata and security templates, controlled vocabularies.
 *
 * Routes: auth.ts (token), templates.ts (templates, vocabularies), uploads.ts (/asset/complete),
 * assets.ts (the asset routes), search.ts (keyword search), webhooks.ts (webhook endpoints; every
 * asset change is sent, Svix-signed, to the endpoints that want its event type); control routes:
 * control.ts and the shared /webhooks routes (list, replay, forge deliveries).
 */
export function tenovosSimulator(env: SandboxEnv): Simulator {
	const state = new TenovosState(env);
	const router = new Router();
	registerAuthRoutes(router, state.auth);
	registerTemplateRoutes(router, state);
	// Before the asset routes: "complete" is not an asset ID.
	registerUploadRoutes(router, state);
	registerAssetRoutes(router, state);
	registerSearchRoutes(router, state);
	registerWebhookRoutes(router, state);
	state.onChange = (eventType, version) => publishChange(state, eventType, version);
	return {
		name: 'tenovos',
		router,
		control: webhookControlRoutes(tenovosControl(state), state.webhooks),
		// API Gateway answers a route it does not know like this.
		notFound: () => ({ status: 403, body: { message: 'Missing Authentication Token' } }),
		reset: () => state.reset(),
	};
}
