import { chromium, selectors, type Browser } from 'playwright-core';

/** Debian's Chromium (apt package `chromium`): never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Flags that keep Chromium off the network it cannot reach here, and working as root.
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
	selectors.setTestIdAttribute('data-test-id'); // n8n's editor marks elements with data-test-id
	return await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * In the n8n editor: opens a workflow that has only a Manual Trigger, adds `nodeName` from the node
 * panel (search, pick the node, pick an action) and saves a screenshot of the node's parameters panel.
 * Returns the parameter labels shown, so the caller can check the panel really is that node's.
 */
export async function addNodeAndScreenshot(
	browser: Browser,
	baseUrl: string,
	cookie: string,
	nodeName: string,
	actionText: RegExp,
	outFile: string,
): Promise<{ labels: string[]; title: string }> {
	const workflow = await fetch(`${baseUrl}/rest/workflows`, {
		method: 'POST',
		headers: { cookie, 'Content-Type': 'application/json' },
		body: JSON.stringify({
			name: `Add ${nodeName}`,
			nodes: [
				{
					id: 'trigger',
					name: 'When clicking ‘Execute workflow’',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
			],
			connections: {},
			settings: {},
			active: false,
		}),
	});
	if (!workflow.ok)
		throw new Error(`creating the workflow failed: ${workflow.status} ${await workflow.text()}`);
	const { data } = (await workflow.json()) as { data: { id: string } };

	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	try {
		const [name, value] = cookie.split(';')[0].split('=');
		await context.addCookies([{ name, value, domain: 'localhost', path: '/' }]);
		const page = await context.newPage();
		await page.goto(`${baseUrl}/workflow/${data.id}`);
		await page.getByTestId('node-creator-plus-button').click();
		await page.getByTestId('node-creator-search-bar').fill(nodeName);
		await page
			.getByTestId('node-creator-item-name')
			.filter({ hasText: new RegExp(`^${nodeName}$`) })
			.first()
			.click();
		// n8n 1.123 lists the node's actions with the same test id as the nodes themselves.
		await page
			.getByTestId('node-creator-item-name')
			.filter({ hasText: actionText })
			.first()
			.click();
		const ndv = page.getByTestId('ndv');
		await ndv.waitFor();
		await page.waitForTimeout(1000); // let the parameter list settle (remote options load)
		await page.screenshot({ path: outFile });
		const labels = await ndv.locator('[data-test-id="parameter-input"], label').allInnerTexts();
		const title = await page
			.getByTestId('node-title-container')
			.first()
			.innerText()
			.catch(() => '');
		return { labels, title };
	} finally {
		await context.close();
	}
}
