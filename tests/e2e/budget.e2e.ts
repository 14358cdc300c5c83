// Performance budgets a user feels: what a first visit downloads, and that a streamed reply is read
// off the page's main thread. Timings are measured by `npm run bench`, not asserted here.
import { gzipSync } from 'node:zlib';
import type { Response } from '@playwright/test';
import { COMPILE_HINT, HINTED_FROM } from '../../scripts/compile-hint.js';
import { assistant, expect, openAsk, send, test } from './fixtures';

/** JavaScript and CSS, gzip, that a first visit to each page downloads. */
const BUDGET_KB = 80;

for (const path of ['settings', 'ask', 'image', 'transcribe', 'compare']) {
	test(`a first visit to ${path} downloads at most ${BUDGET_KB} KB of JavaScript and CSS (gzip)`, async ({
		page
	}) => {
		const sizes: Promise<number>[] = [];
		const unreadable: string[] = [];
		/** Files of the page's own code compiled only as each function is first called. */
		const compiledLazily: string[] = [];
		const onResponse = (response: Response) => {
			const path = new URL(response.url()).pathname;
			if (!/\.(js|css)$/.test(path)) return;
			sizes.push(
				response.body().then(
					(body) => {
						if (
							path.endsWith('.js') &&
							body.length >= HINTED_FROM &&
							!body.toString().startsWith(COMPILE_HINT)
						)
							compiledLazily.push(path);
						return gzipSync(body, { level: 9 }).length;
					},
					() => (unreadable.push(response.url()), 0)
				)
			);
		};
		page.on('response', onResponse);
		await page.goto(path, { waitUntil: 'networkidle' });
		// What the first visit fetched; anything later is not part of it.
		page.off('response', onResponse);
		const total = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0) / 1024;
		expect(unreadable).toEqual([]);
		expect(sizes.length).toBeGreaterThan(3);
		expect(total, `${path}: ${total.toFixed(1)} KB`).toBeLessThanOrEqual(BUDGET_KB);
		// Compiled as it downloads, off the main thread (compileHints in vite.config.ts).
		expect(compiledLazily).toEqual([]);
	});
}

test('a streamed reply is read by a worker, not by the page', async ({ page, emulator }) => {
	await openAsk(page, emulator);
	const workers: string[] = [];
	page.on('worker', (worker) => workers.push(worker.url()));
	emulator.reply({ content: 'Read **elsewhere**, shown here.' });
	await send(page, 'Where is this read?');
	await expect(assistant(page)).toContainText('Read elsewhere, shown here.');
	expect(workers.some((url) => url.includes('chat-stream.worker'))).toBe(true);
});
