import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Import patterns for a layer, as `$lib/...` and as relative paths. */
const layer = (name) => [`$lib/${name}`, `$lib/${name}/*`, `**/lib/${name}/*`, `../${name}/*`];
const svelteRuntime = ['svelte', 'svelte/*', '$app/*', '*.svelte', '*.svelte.ts', '*.svelte.js'];

/**
 * The layers (README, "Architecture"): pages and components reach the client and storage only
 * through a session; the client knows nothing of Svelte, storage or the UI; storage knows nothing
 * of the client; the model (shared shapes and parameter tables) knows nothing of any of them.
 * Type-only imports are allowed: they leave nothing behind at run time.
 */
const rule = (groups, message) => ({
	'@typescript-eslint/no-restricted-imports': [
		'error',
		{ patterns: [{ group: groups, message, allowTypeImports: true }] }
	]
});

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/', 'playwright-report/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: { 'no-undef': 'off' }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		files: ['src/routes/**/*.svelte', 'src/routes/**/+*.ts', 'src/lib/components/**'],
		rules: rule(
			[...layer('azure'), ...layer('storage')],
			'Pages and components reach the Azure client and storage through their session.'
		)
	},
	{
		files: ['src/lib/azure/**'],
		ignores: ['**/*.spec.ts', '**/*.bench.ts'],
		rules: rule(
			[
				...svelteRuntime,
				...layer('storage'),
				...layer('state'),
				...layer('components'),
				...layer('chat'),
				...layer('markdown')
			],
			'The Azure client knows nothing of Svelte, storage or the UI.'
		)
	},
	{
		files: ['src/lib/storage/**'],
		ignores: ['**/*.spec.ts'],
		rules: rule(
			[...svelteRuntime, ...layer('azure'), ...layer('state'), ...layer('components')],
			'Storage knows nothing of the Azure client or the UI: shared shapes live in $lib/model.'
		)
	},
	{
		files: ['src/lib/model/**'],
		ignores: ['**/*.spec.ts'],
		rules: rule(
			[
				...svelteRuntime,
				...layer('azure'),
				...layer('storage'),
				...layer('state'),
				...layer('components'),
				...layer('chat')
			],
			'The model is plain shapes and tables: it imports no layer above it.'
		)
	}
);
