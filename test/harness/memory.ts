/** Samples this process's RSS while `work` runs; returns the peak and the RSS before it started. */
export async function measurePeakRss<T>(
	work: () => Promise<T>,
	intervalMs = 25,
): Promise<{ result: T; peakRss: number; baseRss: number }> {
	global.gc?.();
	const baseRss = process.memoryUsage.rss();
	let peakRss = baseRss;
	const timer = setInterval(() => {
		peakRss = Math.max(peakRss, process.memoryUsage.rss());
	}, intervalMs);
	try {
		const result = await work();
		peakRss = Math.max(peakRss, process.memoryUsage.rss());
		return { result, peakRss, baseRss };
	} finally {
		clearInterval(timer);
	}
}

export const MiB = 1024 * 1024;
