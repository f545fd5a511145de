import type { Router } from '../core/http';
import { authenticate, guidList, objectBody, type NomadContext } from './context';
import { enumName, GUID, guid, problem, TRANSFER_STATUSES, validationProblem } from './model';

/**
 * The download queue (`/api/asset-queue`). Folder and collection ids expand to their file assets;
 * files already Queued or Downloading for the caller are skipped; more than 50 ids are handled by
 * a background task after the request has been answered.
 */
export function registerQueueRoutes(router: Router, ctx: NomadContext): void {
	const { state } = ctx;

	router.post('/api/asset-queue', async (req) => {
		const { user } = authenticate(ctx, req);
		const body = await objectBody(req);
		const ids = guidList(body.ids, 'ids', req.path);
		if (!ids.length) throw problem(400, 'No asset IDs were provided.', req.path);
		const downloadProxy = body.downloadProxy === true;
		if (ids.length > state.config.queueSyncLimit) {
			const task = { id: guid(), userId: user.id, ids, downloadProxy, receivedAt: state.now() };
			state.tasks.push(task);
			const timer = setTimeout(() => {
				state.timers.delete(timer);
				const outcome = state.enqueue(user.id, ids, downloadProxy);
				Object.assign(task, { processedAt: state.now(), ...outcome });
			}, state.config.backgroundDelayMs);
			state.timers.add(timer);
			return { status: 200 };
		}
		state.enqueue(user.id, ids, downloadProxy);
		return { status: 200 };
	});

	router.patch('/api/asset-queue', async (req) => {
		const { user } = authenticate(ctx, req);
		const body = await objectBody(req);
		const id = body.assetDownloadQueueId;
		if (typeof id !== 'string' || !GUID.test(id)) {
			throw validationProblem(
				{ AssetDownloadQueueId: ['The AssetDownloadQueueId field is required.'] },
				req.path,
			);
		}
		const status =
			body.transferStatus === undefined
				? undefined
				: enumName(TRANSFER_STATUSES, body.transferStatus);
		if (body.transferStatus !== undefined && !status) {
			throw validationProblem(
				{ '$.transferStatus': ['The JSON value could not be converted to AssetTransferStatuses.'] },
				req.path,
			);
		}
		if (body.completePercentage !== undefined && body.completePercentage !== null) {
			const pct = Number(body.completePercentage);
			if (!Number.isFinite(pct) || pct < 0 || pct > 100) {
				throw validationProblem(
					{ CompletePercentage: ['The field CompletePercentage must be between 0 and 100.'] },
					req.path,
				);
			}
		}
		const item = state.queue.get(id.toLowerCase());
		if (!item || item.userId !== user.id)
			throw problem(404, `Queue item '${id}' was not found.`, req.path);
		if (status) item.transferStatus = status;
		if (body.completePercentage !== undefined && body.completePercentage !== null)
			item.completePercentage = Number(body.completePercentage);
		if (status === 'Complete') item.completePercentage = 100;
		if (body.errorMessage !== undefined)
			item.errorMessage = body.errorMessage === null ? null : String(body.errorMessage);
		return { status: 200 };
	});

	router.delete('/api/asset-queue', async (req) => {
		const { user } = authenticate(ctx, req);
		const raw = await req.body();
		const body = raw.length ? await req.json() : undefined;
		if (!Array.isArray(body)) {
			throw validationProblem(
				{
					$: [
						'The JSON value could not be converted to System.Collections.Generic.List`1[System.Guid].',
					],
				},
				req.path,
			);
		}
		const ids = guidList(body, '', req.path);
		if (!ids.length) throw problem(400, 'No queue item IDs were provided.', req.path);
		for (const id of ids) {
			const item = state.queue.get(id);
			if (item && item.userId === user.id) state.queue.delete(id);
		}
		return { status: 200 };
	});
}
