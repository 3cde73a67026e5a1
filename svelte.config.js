import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		csp: {
			mode: 'nonce',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
		alias: {
			$plugins: 'plugins'
		},
		typescript: {
			// Plugins, scripts, tests, benchmarks and the CLI are type-checked and linted with the app.
			config: (tsconfig) => {
				tsconfig.include.push(
					'../plugins/**/*.ts',
					'../scripts/**/*.ts',
					'../test/**/*.ts',
					'../bench/**/*.ts',
					'../bin/**/*.js'
				);
			}
		}
	}
};

export default config;
