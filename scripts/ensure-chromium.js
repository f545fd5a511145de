// Debian's Chromium for the editor screenshot test: installed with apt-get when missing (as root,
// as on CI machines). Never a browser downloaded by a test tool.
const { existsSync } = require('fs');
const { spawnSync } = require('child_process');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function ensureChromium() {
	if (existsSync(CHROMIUM)) return CHROMIUM;
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(
			`${CHROMIUM} is missing: install Debian's chromium package (sudo apt-get install chromium)`,
		);
	}
	process.stderr.write('[chromium] installing Debian chromium with apt-get...\n');
	for (const args of [
		['update', '-qq'],
		['install', '-y', '-qq', 'chromium'],
	]) {
		const result = spawnSync('apt-get', args, {
			stdio: ['ignore', 'ignore', 'inherit'],
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
		if (result.status !== 0)
			throw new Error(`apt-get ${args.join(' ')} failed with exit code ${result.status}`);
	}
	if (!existsSync(CHROMIUM))
		throw new Error(`apt-get installed chromium but ${CHROMIUM} is missing`);
	return CHROMIUM;
}

module.exports = { ensureChromium };
if (require.main === module) console.log(ensureChromium());
