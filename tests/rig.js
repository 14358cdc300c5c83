// @ts-check
// What the benchmarks and the screenshot script run against: the static build served at the
// root, the emulator on another origin, and Debian's Chromium.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.js';
import { createEmulator } from './emulator/server.js';

/** Starts the three; `close()` stops them. Needs build/ (npm run build). @param {number} port */
export async function openRig(port) {
	const server = spawn('node', ['tests/serve-static.js'], {
		env: { ...process.env, PORT: String(port), BASE_PATH: '' },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	// serve-static.js says one line once it listens.
	await once(server.stdout, 'data');
	const emulator = await createEmulator();
	const browser = await chromium.launch(chromiumLaunchOptions);
	return {
		app: `http://127.0.0.1:${port}`,
		emulator,
		browser,
		async close() {
			await browser.close();
			await emulator.close();
			server.kill();
		}
	};
}
