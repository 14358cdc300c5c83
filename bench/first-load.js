// @ts-check
// Prints how much JavaScript (gzip) each page loads on a first visit, measured in real Chromium
// against the static build, and how much more arrives later on demand.
import { spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const port = 4180;
const server = spawn('node', ['tests/serve-static.js'], {
	env: { ...process.env, PORT: String(port), BASE_PATH: '' },
	stdio: 'ignore'
});
await new Promise((resolve) => setTimeout(resolve, 500));

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: [
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--no-first-run',
		...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])
	]
});
try {
	console.log('First-load JavaScript per page (gzip, budget 80 KB):');
	for (const path of ['/settings', '/ask', '/image', '/transcribe']) {
		const page = await browser.newPage();
		let bytes = 0;
		let files = 0;
		page.on('response', async (response) => {
			if (!response.url().endsWith('.js')) return;
			const body = await response.body().catch(() => Buffer.alloc(0));
			bytes += gzipSync(body, { level: 9 }).length;
			files++;
		});
		await page.goto(`http://127.0.0.1:${port}${path}`, { waitUntil: 'networkidle' });
		console.log(
			`  ${path.padEnd(12)} ${(bytes / 1024).toFixed(1).padStart(6)} KB in ${files} files`
		);
		await page.close();
	}
} finally {
	await browser.close();
	server.kill();
}
