/** Runs `work` over `items` with at most `limit` in flight; the first failure stops new work and is thrown. */
export async function forEachLimited<T>(
	items: T[],
	limit: number,
	work: (item: T) => Promise<void>,
): Promise<void> {
	let next = 0;
	let failed = false;
	const worker = async () => {
		while (!failed && next < items.length) {
			const item = items[next++];
			await work(item).catch((error: unknown) => {
				failed = true;
				return Promise.reject(error);
			});
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
