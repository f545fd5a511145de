#!/usr/bin/env node
// `npm publish` runs this first. n8n verifies community packages only when they are published
// with npm provenance (from May 2026), which npm attaches only from a CI job such as
// .github/workflows/publish.yml; a plain `npm publish` from a laptop is refused here.
const inCi = process.env.GITHUB_ACTIONS === 'true';
const provenance = process.env.npm_config_provenance === 'true';
if (!inCi || !provenance) {
	console.error(
		'Refusing to publish: release through the GitHub Actions workflow "Publish" (npm publish --provenance),\n' +
			'so that the package carries npm provenance, which n8n requires of community packages.',
	);
	process.exit(1);
}
