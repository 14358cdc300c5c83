import { readFileSync } from 'node:fs';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

/** The grammars src/lib/markdown/highlight.ts loads on demand, read from that file. */
const grammars = [
	...readFileSync('src/lib/markdown/highlight.ts', 'utf8').matchAll(
		/import\('(highlight\.js\/lib\/languages\/[\w-]+)'\)/g
	)
].map((match) => match[1] ?? '');

export default defineConfig({
	plugins: [sveltekit()],
	server: { host: '127.0.0.1' },
	preview: { host: '127.0.0.1' },
	optimizeDeps: {
		// Loaded on demand (the first reply, the first code block, the first schema check): pre-bundled
		// at start, or `vite dev` finds them mid-reply and reloads the page, cutting the reply off.
		include: [
			'marked',
			'dompurify',
			// Imported by the stream worker (src/lib/azure/chat-stream.worker.ts).
			'eventsource-parser',
			'highlight.js/lib/core',
			...grammars,
			'@cfworker/json-schema'
		]
	},
	test: {
		include: [
			'src/**/*.spec.ts',
			'tests/emulator/**/*.spec.ts',
			'tests/layers/*.spec.ts',
			'deploy/*.spec.ts'
		],
		benchmark: { include: ['src/**/*.bench.ts'] },
		exclude: ['src/**/*.svelte.spec.ts'],
		environment: 'node',
		expect: { requireAssertions: true }
	}
});
