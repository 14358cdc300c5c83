// @ts-check
// Benchmarks in real Chromium against the static build and the emulator:
// 1. JavaScript (gzip) each page loads on a first visit;
// 2. main-thread time to render a streamed Markdown reply of 1,000 and of 20,000 tokens.
import { gzipSync } from 'node:zlib';
import { openRig } from '../tests/rig.js';

const rig = await openRig(4180);
const { app, emulator, browser } = rig;

/** A Markdown reply of about `tokens` tokens: paragraphs, lists and code blocks. */
function reply(tokens) {
	const parts = [];
	let count = 0;
	for (let block = 0; count < tokens; block++) {
		if (block % 8 === 7) {
			const lines = Array.from(
				{ length: 10 },
				(_, i) => `  const value${i} = compute(${i}, "text");`
			);
			parts.push(['```js', 'function example() {', ...lines, '}', '```'].join('\n'));
			count += 60;
		} else if (block % 8 === 3) {
			parts.push(Array.from({ length: 5 }, (_, i) => `- item **${i}** with some words`).join('\n'));
			count += 30;
		} else {
			parts.push(
				Array.from({ length: 60 }, (_, i) => (i % 15 === 0 ? `*word${i}*` : `word${i}`)).join(' ')
			);
			count += 60;
		}
	}
	return parts.join('\n\n') + '\n\nTHE-END';
}

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
		await page.goto(`${app}${path}`, { waitUntil: 'networkidle' });
		console.log(
			`  ${path.padEnd(12)} ${(bytes / 1024).toFixed(1).padStart(6)} KB in ${files} files`
		);
		await page.close();
	}

	const page = await browser.newPage();
	await page.goto(`${app}/settings`);
	await page.getByLabel('Endpoint').fill(emulator.url);
	await page.getByLabel('Token', { exact: true }).fill(emulator.key);
	await page.getByRole('button', { name: 'Save' }).click();
	await page.getByRole('navigation').getByRole('link', { name: 'Ask' }).click();
	await page.getByLabel('Model').fill('gpt-4o');
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Performance.enable');
	const metrics = async () => {
		const { metrics: list } = await cdp.send('Performance.getMetrics');
		return Object.fromEntries(list.map((m) => [m.name, m.value]));
	};

	console.log('\nRendering a streamed reply (1 ms between tokens), main-thread time:');
	const results = [];
	for (const tokens of [1000, 20000]) {
		// Baseline: the same stream read by bare fetch in the page, nothing parsed or rendered.
		emulator.reply({ content: reply(tokens) });
		emulator.fail({ kind: 'slow', delayMs: 1 });
		const bare = await metrics();
		await page.evaluate(
			async ({ url, key }) => {
				const response = await fetch(
					`${url}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21`,
					{
						method: 'POST',
						headers: { 'api-key': key, 'Content-Type': 'application/json' },
						body: JSON.stringify({ messages: [{ role: 'user', content: 'x' }], stream: true })
					}
				);
				const reader = response.body?.getReader();
				while (reader && !(await reader.read()).done);
			},
			{ url: emulator.url, key: emulator.key }
		);
		const bareTask = (await metrics()).TaskDuration - bare.TaskDuration;

		emulator.reply({ content: reply(tokens) });
		emulator.fail({ kind: 'slow', delayMs: 1 });
		const earlier = await page.locator('article[aria-label^="assistant"]').count();
		const before = await metrics();
		const started = Date.now();
		await page.getByLabel('Message', { exact: true }).fill(`Reply with ${tokens} tokens`);
		await page.getByRole('button', { name: 'Send', exact: true }).click();
		// A slow poll: Playwright's own text polling would walk the whole DOM every frame.
		await page.waitForFunction(
			(earlier) => {
				const replies = document.querySelectorAll('article[aria-label^="assistant"]');
				const last = replies[replies.length - 1];
				return (
					replies.length > earlier &&
					!!last &&
					last.getAttribute('aria-busy') !== 'true' &&
					last.textContent?.includes('THE-END')
				);
			},
			earlier,
			{ polling: 1000, timeout: 300_000 }
		);
		const after = await metrics();
		const task = after.TaskDuration - before.TaskDuration;
		const script = after.ScriptDuration - before.ScriptDuration;
		const layout =
			after.LayoutDuration +
			after.RecalcStyleDuration -
			before.LayoutDuration -
			before.RecalcStyleDuration;
		results.push(task - bareTask);
		console.log(
			`  ${String(tokens).padStart(6)} tokens: main thread ${task.toFixed(2)} s in all (script ${script.toFixed(2)} s, style+layout ${layout.toFixed(2)} s), wall ${((Date.now() - started) / 1000).toFixed(1)} s;` +
				` receiving the bare stream alone costs ${bareTask.toFixed(2)} s, so parsing, rendering and saving cost ${(task - bareTask).toFixed(2)} s`
		);
	}
	const [small = 1, large = 1] = results;
	console.log(
		`  20,000 / 1,000 tokens ratio of that cost: ${(large / small).toFixed(1)}x (20x is linear; re-parsing the whole reply per chunk grows quadratically)`
	);
} finally {
	await rig.close();
}
