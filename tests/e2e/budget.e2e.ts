// Performance budgets a user feels: what a first visit downloads, and that a streamed reply is read
// off the page's main thread. Timings are measured by `npm run bench`, not asserted here.
import { gzipSync } from 'node:zlib';
import type { Response } from '@playwright/test';
import { COMPILE_HINT, HINTED_FROM } from '../../scripts/compile-hint.js';
import {
	assistant,
	conversationOf,
	expect,
	importConversation,
	openAsk,
	send,
	test
} from './fixtures';

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

test('code in a conversation from history is coloured by a worker, and highlight.js never loads in the page', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	const workers: string[] = [];
	page.on('worker', (worker) => workers.push(worker.url()));
	const code = (n: number) => `\`\`\`python\ndef answer_${n}():\n    return ${n}\n\`\`\``;
	await importConversation(
		page,
		conversationOf('coloured', 'Coloured code', [
			{ id: 'u1', role: 'user', content: 'Some code?', createdAt: 1 },
			{ id: 'a1', role: 'assistant', content: `Here:\n\n${code(1)}`, createdAt: 2 },
			{ id: 'u2', role: 'user', content: 'And in JavaScript?', createdAt: 3 },
			{ id: 'a2', role: 'assistant', content: '```js\nconst answer = 2;\n```', createdAt: 4 }
		])
	);
	await expect(assistant(page).first().locator('code.hljs .hljs-keyword')).toHaveText([
		'def',
		'return'
	]);
	await expect(assistant(page).last().locator('code.hljs .hljs-keyword')).toHaveText('const');
	expect(workers.some((url) => url.includes('highlight.worker'))).toBe(true);
	// The page's own scripts (a worker's are not among them): none is highlight.js, whose API
	// names survive minification.
	const pageScripts = await page.evaluate(async () => {
		const urls = performance
			.getEntriesByType('resource')
			.map((entry) => entry.name)
			.filter((url) => url.endsWith('.js'));
		const texts = await Promise.all(urls.map((url) => fetch(url).then((r) => r.text())));
		return {
			count: urls.length,
			highlightJs: texts.filter((t) => t.includes('highlightAuto')).length
		};
	});
	expect(pageScripts.count).toBeGreaterThan(3);
	expect(pageScripts.highlightJs).toBe(0);
});
