import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { host: '127.0.0.1' },
	preview: { host: '127.0.0.1' },
	test: {
		include: ['src/**/*.spec.ts', 'tests/emulator/**/*.spec.ts'],
		benchmark: { include: ['src/**/*.bench.ts'] },
		exclude: ['src/**/*.svelte.spec.ts'],
		environment: 'node',
		expect: { requireAssertions: true }
	}
});
