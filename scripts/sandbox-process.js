// Starts the DAM sandbox (compiled into .test-build) as a child process and resolves its URLs.
const { spawn } = require('child_process');
const { join } = require('path');
const { createInterface } = require('readline');

const root = join(__dirname, '..');

function startSandbox(ports = 'fixed') {
	const child = spawn(
		process.execPath,
		[
			join(root, '.test-build', 'test', 'sandbox', 'main.js'),
			'--ports',
			ports,
			'--exit-with-stdin',
		],
		{
			stdio: ['pipe', 'pipe', 'inherit'],
		},
	);
	const ready = new Promise((resolve, reject) => {
		const lines = createInterface({ input: child.stdout });
		lines.on('line', (line) => {
			if (line.startsWith('SANDBOX_READY '))
				resolve(JSON.parse(line.slice('SANDBOX_READY '.length)));
		});
		child.once('exit', (code) =>
			reject(
				new Error(`the DAM sandbox exited with code ${code} (are its ports 4100-4111 taken?)`),
			),
		);
	});
	return { child, ready };
}

module.exports = { startSandbox };
