// @ts-check
// What the benchmarks stream and store: realistic Markdown (paragraphs, lists, tables, code) cut
// into tokens of about four characters, as a chat model streams them.

/**
 * A Markdown reply of about `tokens` tokens, ending with THE-END. A `variant` starts it with its
 * own words: the app keeps the drawn HTML of every finished text it has seen (by the whole text),
 * so each measured reply must be one it has not drawn before, as every real reply is.
 * @param {number} tokens @param {string} [variant]
 */
export function markdownReply(tokens, variant) {
	const parts = [];
	let count = 0;
	for (let block = 0; count < tokens; block++) {
		const kind = block % 10;
		if (kind === 4) {
			const lines = Array.from(
				{ length: 12 },
				(_, i) => `  const value${i} = await compute(${i}, "text", { retry: ${i % 3} });`
			);
			parts.push(['```js', `async function example${block}() {`, ...lines, '}', '```'].join('\n'));
			count += 180;
		} else if (kind === 7) {
			const rows = Array.from(
				{ length: 6 },
				(_, i) => `| region-${i} | ${100 + i * 7} ms | ${(0.5 + i / 10).toFixed(2)} | **ok** |`
			);
			parts.push(['| Region | Latency | Cost | State |', '|---|---|---|---|', ...rows].join('\n'));
			count += 110;
		} else if (kind === 2) {
			parts.push(
				Array.from(
					{ length: 5 },
					(_, i) => `- item **${i}** with \`inline code\` and a [link](https://example.com/${i})`
				).join('\n')
			);
			count += 80;
		} else {
			parts.push(
				Array.from({ length: 60 }, (_, i) =>
					i % 15 === 0 ? `*word${i}*` : i % 20 === 7 ? `**strong${i}**` : `word${i}`
				).join(' ')
			);
			count += 120;
		}
	}
	if (variant) parts[0] = `${variant}: ${parts[0]}`;
	return parts.join('\n\n') + '\n\nTHE-END';
}

/**
 * One long table of about `tokens` tokens, ending with THE-END: what a model writes when asked for
 * a table, and one block of Markdown until it ends. @param {number} tokens @param {string} [variant]
 */
export function tableReply(tokens, variant) {
	const rows = [];
	for (let i = 0, count = 0; count < tokens; i++) {
		const row = `| ${i} | region-${i % 40} | ${(i * 3.7).toFixed(1)} ms | **ok** |`;
		rows.push(row);
		count += tokensOf(row).length + 1;
	}
	const table = ['| # | Region | Latency | State |', '|---|---|---|---|', ...rows].join('\n');
	return `${variant ? `${variant}:\n\n` : ''}${table}\n\nTHE-END`;
}

/** The text cut as a tokenizer would, about four characters a piece. @param {string} text */
export function tokensOf(text) {
	return text.match(/\s*[^\s]{1,4}|\s+/g) ?? [];
}

/** Page script: whether the page's last reply has settled with THE-END in it. */
export const replySettled = () => {
	const last = [...document.querySelectorAll('article[aria-label^="assistant"]')].at(-1);
	return (
		!!last && last.getAttribute('aria-busy') !== 'true' && !!last.textContent?.includes('THE-END')
	);
};

/**
 * Waits until the page's last reply has settled with THE-END in it. A slow poll: Playwright's own
 * text polling would walk the DOM every frame and be measured with the page.
 * @param {import('@playwright/test').Page} page @param {number} timeout
 */
export async function settledReply(page, timeout) {
	await page.waitForFunction(replySettled, undefined, { polling: 500, timeout });
}

/**
 * Page script: resolves once the page has nothing left to do, five idle periods in a row with the
 * whole 50 ms free, so work a page spreads over later tasks (drawing Markdown a slice at a time)
 * is measured too. Gives up after `limit` ms.
 * @param {number} limit
 */
export const idle = (limit) =>
	new Promise((resolve) => {
		const until = performance.now() + limit;
		let calm = 0;
		const next = (/** @type {IdleDeadline} */ deadline) => {
			calm = deadline.timeRemaining() > 45 ? calm + 1 : 0;
			if (calm >= 5 || performance.now() > until) resolve(undefined);
			else requestIdleCallback(next);
		};
		requestIdleCallback(next);
	});

/**
 * Waits until the page has nothing left to do (see `idle`).
 * @param {import('@playwright/test').Page} page @param {number} [timeout]
 */
export async function quiet(page, timeout = 15_000) {
	await page.evaluate(idle, timeout);
}

/**
 * Saves a connection to `endpoint` in the app at `app` and waits for its offline copy, as every
 * measured visit finds them.
 * @param {Awaited<ReturnType<Awaited<ReturnType<typeof import('./cdp.js').launchBare>>['open']>>} page
 * @param {string} app @param {string} endpoint
 */
export async function connectApp(page, app, endpoint) {
	await page.goto(`${app}/settings`);
	await page.fill('Endpoint', endpoint);
	await page.fill('Token', 'bench-key');
	await page.click('Save');
	await page.until(`document.body.textContent.includes('Saved')`);
	await page.offlineReady();
}
