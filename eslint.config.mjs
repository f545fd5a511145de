// Both official n8n rule sets: @n8n/eslint-plugin-community-nodes (the scanner's) and the legacy
// eslint-plugin-n8n-nodes-base (community / credentials / nodes configs).
import tseslint from 'typescript-eslint';
import jsoncParser from 'jsonc-eslint-parser';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

const community = n8nCommunityNodesPlugin.configs.recommended;
const legacy = (name) => n8nNodesBase.configs[name].rules;

export default [
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'.test-build/**',
			'test/**',
			'scripts/**',
			'.n8n-runtime/**',
			'*.js',
			'*.mjs',
		],
	},
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
	},
	{ ...community, files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'] },
	{
		files: ['package.json'],
		languageOptions: { parser: jsoncParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: legacy('community'),
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...legacy('credentials'),
			// Contradicts @n8n/community-nodes/credential-documentation-url (which wants a full URL).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...legacy('nodes'),
			// These two want `inputs: ['main']` strings; @n8n/community-nodes/node-connection-type-literal
			// wants NodeConnectionTypes.Main. The current rule set wins.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'no-console': 'error',
		},
	},
];
