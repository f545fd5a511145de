// Example workflows (examples/workflows/*.json) and the sandbox credentials they use, ready for
// `n8n import:workflow` / `n8n import:credentials`.
const { readdirSync, readFileSync, writeFileSync } = require('fs');
const { join } = require('path');

const root = join(__dirname, '..');
const { sandboxCredentials } = require(join(root, 'examples', 'credentials.js'));

function exampleWorkflows() {
	const dir = join(root, 'examples', 'workflows');
	return readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => ({ file: name, workflow: JSON.parse(readFileSync(join(dir, name), 'utf8')) }));
}

/** Writes credentials.json and workflows.json for the n8n CLI import commands; returns their paths. */
function writeImportFiles(dir, sandboxInfo) {
	const credentialsFile = join(dir, 'credentials.json');
	const workflowsFile = join(dir, 'workflows.json');
	writeFileSync(credentialsFile, JSON.stringify(sandboxCredentials(sandboxInfo), null, 2));
	writeFileSync(workflowsFile, JSON.stringify(exampleWorkflows().map((entry) => entry.workflow), null, 2));
	return { credentialsFile, workflowsFile };
}

module.exports = { exampleWorkflows, writeImportFiles };
