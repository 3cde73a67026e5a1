import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Engine and domain code runs in the browser and on the server: no I/O, no framework. */
const purityRule = {
	'no-restricted-imports': [
		'error',
		{
			patterns: [
				{
					group: ['svelte', 'svelte/*', '*.svelte'],
					message: 'engine/domain must not import Svelte'
				},
				{
					group: ['$app/*', '$env/*'],
					message: 'engine/domain must not import SvelteKit runtime modules'
				},
				{
					group: ['$lib/server', '$lib/server/*', '**/server/**'],
					message: 'engine/domain must not import server code'
				},
				{
					group: ['@mikro-orm/*', 'pg', '@electric-sql/*'],
					message: 'engine/domain must not touch the database'
				},
				{
					group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process', 'net', 'http'],
					message: 'engine/domain must not do I/O'
				}
			]
		}
	],
	'no-restricted-globals': [
		'error',
		{ name: 'fetch', message: 'engine/domain must not do I/O' },
		{ name: 'setTimeout', message: 'the runtime owns time; engine/domain must not schedule' },
		{ name: 'setInterval', message: 'the runtime owns time; engine/domain must not schedule' }
	],
	'no-restricted-properties': [
		'error',
		{ object: 'Date', property: 'now', message: 'pass the clock in (now) instead' },
		{ object: 'Math', property: 'random', message: 'pass an id generator in instead' }
	]
};

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'data/',
			'src/lib/paraglide/',
			'test-results/',
			'screenshots/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.ts', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
		},
		rules: { '@typescript-eslint/no-floating-promises': 'error' }
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
		files: ['src/lib/engine/**', 'src/lib/domain/**'],
		rules: purityRule
	}
);
