// The example workflows' side of the DAM sandbox: one credential per DAM pointing at it, and the
// demo data the examples start from (an asset to check out, an asset whose history to watch...).
// Credential ids are fixed so the example workflows can reference them.

async function control(info, method, path, body) {
	const response = await fetch(`${info.control}${path}`, {
		method,
		headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status} ${text}`);
	return text ? JSON.parse(text) : undefined;
}

/** Credentials for `n8n import:credentials` (n8n encrypts the data on import). */
function sandboxCredentials(info) {
	const sim = info.simulators;
	return [
		{
			id: 'damSandboxMdValt',
			name: 'MediaValet (sandbox)',
			type: 'mediaValetApi',
			data: {
				tokenUrl: `${sim.mediavalet}/connect/token`,
				apiBaseUrl: sim.mediavalet,
				clientId: 'n8n-dam-client',
				clientSecret: 'n8n-dam-client-secret',
				username: 'editor@example.com',
				password: 'editor-password',
				subscriptionKey: 'b7d2c1f0a9e84d3c9a1e5f6071829304',
				apiVersion: '1.2',
			},
		},
		{
			id: 'damSandboxMdPckt',
			name: 'Media Pocket (sandbox)',
			type: 'mediaPocketApi',
			data: { baseUrl: sim.mediapocket, apiKey: 'mp-admin-key' },
		},
		{
			id: 'damSandboxWdWing',
			name: 'WoodWing Assets (sandbox)',
			type: 'woodWingAssetsApi',
			data: {
				url: sim.woodwing,
				loginStyle: 'apiLogin',
				username: 'api_user',
				password: 'api-secret',
				clientId: '',
			},
		},
		{
			id: 'damSandboxTenovo',
			name: 'Tenovos (sandbox)',
			type: 'tenovosApi',
			data: {
				baseUrl: sim.tenovos,
				apiKey: 'tnvs-sandbox-api-key-0001',
				username: 'functional-api-user@sandbox.test',
				password: 'correct horse battery staple',
				clientId: '',
			},
		},
		{
			id: 'damSandboxNomadM',
			name: 'Nomad Media (sandbox)',
			type: 'nomadMediaApi',
			data: {
				serviceUrl: sim.nomad,
				username: 'svc-integration@example.com',
				password: 'Sandbox-Pass-1',
			},
		},
	];
}

/** Seeds the demo data; returns the placeholder values the example workflows use. */
async function seedDemoData(info) {
	const mediaPocketAsset = await control(info, 'POST', '/sims/mediapocket/assets', {
		title: 'Demo: brand guidelines',
	});
	const woodWingAsset = await control(info, 'POST', '/sims/woodwing/assets', {
		assetPath: '/Demo Zone/Images/beach.jpg',
		content: 'a photo of a beach',
		mimeType: 'image/jpeg',
		metadata: { status: 'Production', description: 'A sunny beach' },
	});
	const nomad = await control(info, 'GET', '/sims/nomad/seed');
	// What the Tenovos Trigger example's first poll (Emit Existing) delivers.
	await control(info, 'POST', '/sims/tenovos/seed', {
		count: 1,
		prefix: 'demo-brand-guidelines',
		title: 'Demo: brand guidelines',
	});
	const mediaValetAsset = await control(info, 'POST', '/sims/mediavalet/assets', {
		title: 'Campaign hero',
		fileName: 'hero.tif',
		content: 'the original campaign hero image',
		categories: ['Marketing'],
	});
	return {
		DEMO_MEDIAVALET_ASSET: mediaValetAsset.id,
		DEMO_NOMAD_INTERVIEWS_FOLDER: nomad.folders['Projects/Interviews'],
		DEMO_NOMAD_HIGHLIGHTS_COLLECTION: nomad.collections.Highlights,
		DEMO_MEDIAPOCKET_ASSET: mediaPocketAsset.id,
		DEMO_WOODWING_ASSET: woodWingAsset.id,
	};
}

module.exports = { sandboxCredentials, seedDemoData };
