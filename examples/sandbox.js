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
			id: 'damSandboxMdPckt',
			name: 'Media Pocket (sandbox)',
			type: 'mediaPocketApi',
			data: { baseUrl: sim.mediapocket, apiKey: 'mp-admin-key' },
		},
		{
			id: 'damSandboxWdWing',
			name: 'WoodWing Assets (sandbox)',
			type: 'woodWingAssetsApi',
			data: { url: sim.woodwing, loginStyle: 'apiLogin', username: 'api_user', password: 'api-secret', clientId: '' },
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
			data: { serviceUrl: sim.nomad, username: 'svc-integration@example.com', password: 'Sandbox-Pass-1' },
		},
	];
}

/** Seeds the demo data; returns the placeholder values the example workflows use. */
async function seedDemoData(info) {
	const mediaPocketAsset = await control(info, 'POST', '/sims/mediapocket/assets', { title: 'Demo: brand guidelines' });
	const woodWingAsset = await control(info, 'POST', '/sims/woodwing/assets', {
		assetPath: '/Demo Zone/Images/beach.jpg',
		content: 'a photo of a beach',
		mimeType: 'image/jpeg',
		metadata: { status: 'Production', description: 'A sunny beach' },
	});
	const nomad = await control(info, 'GET', '/sims/nomad/seed');
	return {
		DEMO_NOMAD_INTERVIEWS_FOLDER: nomad.folders['Projects/Interviews'],
		DEMO_NOMAD_HIGHLIGHTS_COLLECTION: nomad.collections.Highlights,
		DEMO_MEDIAPOCKET_ASSET: mediaPocketAsset.id,
		DEMO_WOODWING_ASSET: woodWingAsset.id,
	};
}

module.exports = { sandboxCredentials, seedDemoData };
