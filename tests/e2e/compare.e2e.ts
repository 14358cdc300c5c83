// Compare: one message sent to several deployments at once, streamed side by side, with how soon
// each started, how fast it wrote, and what it cost. The emulator is told each deployment's pace.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { assistant, chatCalls, connect, expect, log, send, test, type Emulator } from './fixtures';

const PRICES = { 'gpt-4o': { input: 2.5, output: 10 } };

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** The figures under a column's finished reply, as numbers. */
async function figures(page: Page, name: string) {
	const list = column(page, name).getByRole('list', { name: 'Figures' });
	await expect(list).toContainText(/tokens\/s/);
	const text = (await list.textContent()) ?? '';
	const number = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);
	return {
		text,
		prompt: number(/Tokens: (\d+) prompt/),
		completion: number(/\+ (\d+) completion/),
		firstToken: number(/First token ([\d.]+) s/),
		rate: number(/(\d+) tokens\/s/),
		total: number(/([\d.]+) s in all/)
	};
}

/** Opens Compare with these deployments in its columns (adding columns past the first two). */
async function openCompare(page: Page, emulator: Emulator, deployments: string[]) {
	await connect(page, emulator);
	await page.getByRole('navigation').getByRole('link', { name: 'Compare' }).click();
	await expect(page.getByRole('heading', { name: 'Compare', level: 1 })).toBeVisible();
	for (const [index, deployment] of deployments.entries()) {
		if (index >= 2) await page.getByRole('button', { name: 'Add column' }).click();
		await column(page, `Column ${index + 1}`)
			.getByLabel('Model')
			.fill(deployment);
		await expect(column(page, deployment)).toBeVisible();
	}
}

test('three deployments at different paces: the faster starts sooner and writes faster, cost shows only where priced, and the run is kept', async ({
	page,
	emulator
}) => {
	await page.route('**/cerulean.config.json', (route) =>
		route.fulfill({ json: { prices: PRICES, currency: 'USD' } })
	);
	// Waits far apart: on a busy machine a first token has come over a second late (the middle
	// one's, 0.7 s asked, at 2.14 s, after the slow one's at 1.99 s when it waited 1.6 s).
	emulator.pace('gpt-4o', { firstTokenMs: 3000, tokenMs: 20 });
	emulator.pace('gpt-35-turbo', { firstTokenMs: 700, tokenMs: 8 });
	emulator.pace('chat-mini', { firstTokenMs: 0, tokenMs: 2 });
	const names = ['gpt-4o', 'chat-mini', 'gpt-35-turbo'];
	await openCompare(page, emulator, names);
	await page.getByLabel('System message').fill('Answer in one paragraph.');
	await page.getByLabel('Message', { exact: true }).fill('What is a deployment?');
	await page.getByRole('button', { name: 'Send', exact: true }).click();
	// All at once: Stop is offered while any column streams, and ends with the last.
	await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0, { timeout: 20_000 });

	// Each deployment heard the same system message and message, streamed with usage.
	const calls = chatCalls(emulator);
	expect(calls.map((c) => /deployments\/([^/]+)\//.exec(c.path)?.[1]).sort()).toEqual(
		[...names].sort()
	);
	for (const call of calls) {
		expect(call.json).toMatchObject({
			messages: [
				{ role: 'system', content: 'Answer in one paragraph.' },
				{ role: 'user', content: 'What is a deployment?' }
			],
			stream: true,
			stream_options: { include_usage: true }
		});
	}

	const slow = await figures(page, 'gpt-4o');
	const middle = await figures(page, 'gpt-35-turbo');
	const fast = await figures(page, 'chat-mini');
	// The wait each deployment was given, in the order given.
	expect(slow.firstToken).toBeGreaterThanOrEqual(3);
	expect(middle.firstToken).toBeGreaterThanOrEqual(0.7);
	expect(fast.firstToken).toBeLessThan(middle.firstToken);
	expect(middle.firstToken).toBeLessThan(slow.firstToken);
	expect(fast.rate).toBeGreaterThan(middle.rate);
	expect(middle.rate).toBeGreaterThan(slow.rate);
	// 20 ms between tokens: about 50 a second (more if a busy machine was late for the first).
	expect(slow.rate).toBeLessThanOrEqual(75);
	// The best figures are marked: the fast deployment's.
	await expect(column(page, 'chat-mini').getByRole('list', { name: 'Speed' })).toContainText(
		/first token\s*best/
	);
	await expect(column(page, 'gpt-4o').getByRole('list', { name: 'Speed' })).not.toContainText(
		'best'
	);

	// Cost where a price is set: usage × price per million tokens; none elsewhere.
	const cost =
		(slow.prompt * PRICES['gpt-4o'].input + slow.completion * PRICES['gpt-4o'].output) / 1e6;
	const dollars = new Intl.NumberFormat('en-US', {
		maximumSignificantDigits: 2,
		style: 'currency',
		currency: 'USD'
	}).format(cost);
	expect(slow.text).toContain(`Cost ≈ ${dollars}`);
	expect(fast.text).not.toContain('Cost');
	expect(middle.text).not.toContain('Cost');

	// Kept: after a reload the run is back, with its figures, and listed.
	await page.reload();
	await expect(page.getByLabel('Message', { exact: true })).toHaveValue('What is a deployment?');
	await expect(column(page, 'gpt-4o').getByRole('list', { name: 'Figures' })).toHaveText(slow.text);
	await expect(page.getByRole('button', { name: /^What is a deployment\?/ })).toHaveAttribute(
		'aria-current',
		'true'
	);

	// One column runs again alone.
	const before = chatCalls(emulator).length;
	await column(page, 'chat-mini').getByRole('button', { name: 'Run again' }).click();
	await expect.poll(() => chatCalls(emulator).length).toBe(before + 1);
	await expect(column(page, 'chat-mini').getByRole('button', { name: 'Run again' })).toBeVisible();
	expect(
		chatCalls(emulator)
			.slice(before)
			.map((c) => c.path)
	).toEqual([expect.stringContaining('/deployments/chat-mini/')]);
	await expect(column(page, 'gpt-4o').getByRole('list', { name: 'Figures' })).toHaveText(slow.text);
});

test('Continue in Ask opens the column’s exchange as a conversation to go on with', async ({
	page,
	emulator
}) => {
	await openCompare(page, emulator, ['gpt-4o', 'chat-mini']);
	await page.getByLabel('System message').fill('Be brief.');
	await page.getByLabel('Message', { exact: true }).fill('Name a colour.');
	await page.getByRole('button', { name: 'Send', exact: true }).click();
	for (const name of ['gpt-4o', 'chat-mini']) {
		await expect(column(page, name).getByRole('list', { name: 'Figures' })).toBeVisible();
	}
	const reply = await column(page, 'chat-mini').locator('.markdown').first().textContent();

	// The run as one page: both replies side by side, no script, no endpoint or key.
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Share as HTML' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe('Name-a-colour.html');
	const html = await readFile((await download.path()) ?? '', 'utf8');
	const sideBySide = /<div class="side-by-side">([\s\S]*)<\/div>/.exec(html)?.[1] ?? '';
	expect(sideBySide.match(/<article class="assistant">/g)).toHaveLength(2);
	expect(sideBySide).toContain('chat-mini');
	expect(html).not.toMatch(/<script/i);
	expect(html).not.toContain(new URL(emulator.url).host);
	expect(html).not.toContain(emulator.key);

	await column(page, 'chat-mini').getByRole('button', { name: 'Continue in Ask' }).click();
	await expect(page).toHaveURL(/\/ask$/);
	await expect(page.getByLabel('Model')).toHaveValue('chat-mini');
	await expect(page.getByLabel('System message')).toHaveValue('Be brief.');
	await expect(log(page).getByRole('article', { name: /^user/ })).toContainText('Name a colour.');
	await expect(assistant(page)).toContainText((reply ?? '').trim().slice(0, 40));

	const before = chatCalls(emulator).length;
	await send(page, 'Another one?');
	await expect.poll(() => chatCalls(emulator).length).toBe(before + 1);
	expect(chatCalls(emulator).at(-1)?.json.messages).toEqual([
		{ role: 'system', content: 'Be brief.' },
		{ role: 'user', content: 'Name a colour.' },
		{ role: 'assistant', content: expect.stringContaining((reply ?? '').trim().slice(0, 40)) },
		{ role: 'user', content: 'Another one?' }
	]);
});

test('nothing is sent without a message and a deployment in every column; Stop stops every column and keeps what came', async ({
	page,
	emulator
}) => {
	await openCompare(page, emulator, ['gpt-4o']);
	await page.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(page.getByText('Type the message to send to every column.')).toBeVisible();
	await expect(page.getByLabel('Message', { exact: true })).toHaveAttribute('aria-invalid', 'true');
	await expect(column(page, 'Column 2')).toContainText('Enter the deployment this column asks.');
	expect(chatCalls(emulator)).toHaveLength(0);

	await column(page, 'Column 2').getByLabel('Model').fill('chat-mini');
	await expect(column(page, 'chat-mini')).not.toContainText('Enter the deployment');
	emulator.pace('gpt-4o', { tokenMs: 150 });
	emulator.pace('chat-mini', { tokenMs: 150 });
	await page.getByLabel('Message', { exact: true }).fill('Write a long story.');
	await page.getByRole('button', { name: 'Send', exact: true }).click();
	// Send is off while the replies stream; the cursor stays in the message box, not lost.
	await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
	await expect(page.getByLabel('Message', { exact: true })).toBeFocused();
	await expect(column(page, 'gpt-4o').locator('.markdown')).toContainText(/\w+/);
	await expect(column(page, 'chat-mini').locator('.markdown')).toContainText(/\w+/);
	await page.getByRole('button', { name: 'Stop' }).click();
	for (const name of ['gpt-4o', 'chat-mini']) {
		await expect(column(page, name)).toContainText('Stopped.');
		await expect(column(page, name).locator('.markdown')).toContainText(/\w+/);
	}
	await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();

	// A fourth column at most.
	await page.getByRole('button', { name: 'Add column' }).click();
	await page.getByRole('button', { name: 'Add column' }).click();
	await expect(page.getByRole('region', { name: /^Column \d$/ })).toHaveCount(2);
	await expect(page.getByRole('button', { name: 'Add column' })).toBeDisabled();
	// And two at least.
	await column(page, 'Column 3').getByRole('button', { name: 'Remove column' }).click();
	await column(page, 'Column 3').getByRole('button', { name: 'Remove column' }).click();
	await expect(page.getByRole('button', { name: 'Remove column' })).toHaveCount(0);
});
