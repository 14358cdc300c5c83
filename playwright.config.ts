import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './tests/chromium.js';

const port = 4173;
// The tests run the app under a base path, as a self-hoster might, so every link must resolve.
const base = '/cerulean';

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: true,
	workers: 2,
	forbidOnly: !!process.env.CI,
	retries: 0,
	timeout: 30_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}${base}/`,
		// Traces cost every test screenshots and DOM snapshots; CI keeps its two cores for the tests.
		trace: process.env.CI ? 'off' : 'retain-on-failure',
		// The offline copy is tested on its own (tests/e2e/deploy.e2e.ts); elsewhere it would only
		// add the precache downloads to every test.
		serviceWorkers: 'block',
		launchOptions: chromiumLaunchOptions
	},
	webServer: [
		{
			command: `BASE_PATH=${base} npx vite build && BASE_PATH=${base} PORT=${port} node tests/serve-static.js`,
			url: `http://127.0.0.1:${port}${base}/`,
			reuseExistingServer: !process.env.CI,
			timeout: 180_000,
			stdout: 'ignore'
		},
		{
			// The same build through Debian's nginx and deploy/nginx.conf (tests/e2e/deploy.e2e.ts);
			// started once the build above exists, as Playwright starts these in order.
			command: `BASE_PATH=${base} PORT=${port + 2} node tests/serve-nginx.js`,
			url: `http://127.0.0.1:${port + 2}${base}/`,
			reuseExistingServer: !process.env.CI,
			timeout: 30_000,
			stdout: 'ignore'
		}
	]
});
