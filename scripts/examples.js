// Example workflows (examples/workflows/*.json) and the sandbox credentials they use, ready for
// `n8n import:workflow` / `n8n import:credentials`. Workflows may hold %NAME% placeholders: the
// sandbox's control URL and the ids of the demo data examples/sandbox.js seeds.
const { readdirSync, readFileSync, writeFileSync } = require('fs');
const { join } = require('path');

const root = join(__dirname, '..');
const { sandboxCredentials, seedDemoData } = require(join(root, 'examples', 'sandbox.js'));

function exampleWorkflows(tokens = {}) {
	const dir = join(root, 'examples', 'workflows');
	return readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => {
			let text = readFileSync(join(dir, name), 'utf8');
			for (const [token, value] of Object.entries(tokens))
				text = text.split(`%${token}%`).join(String(value));
			const left = /%[A-Z][A-Z0-9_]+%/.exec(text);
			if (Object.keys(tokens).length && left)
				throw new Error(`${name}: no value for placeholder ${left[0]}`);
			return { file: name, workflow: JSON.parse(text) };
		});
}

/**
 * Seeds the sandbox with the examples' demo data, then writes credentials.json and workflows.json
 * for the n8n CLI import commands. Returns their paths and the placeholder values used.
 */
async function writeImportFiles(dir, sandboxInfo) {
	const tokens = { SANDBOX_CONTROL: sandboxInfo.control, ...(await seedDemoData(sandboxInfo)) };
	const credentialsFile = join(dir, 'credentials.json');
	const workflowsFile = join(dir, 'workflows.json');
	writeFileSync(credentialsFile, JSON.stringify(sandboxCredentials(sandboxInfo), null, 2));
	writeFileSync(
		workflowsFile,
		JSON.stringify(
			exampleWorkflows(tokens).map((entry) => entry.workflow),
			null,
			2,
		),
	);
	return { credentialsFile, workflowsFile, tokens };
}

module.exports = { exampleWorkflows, writeImportFiles };
