// What a person choosing between deployments asks first: how soon the reply starts, how fast it
// comes, and what it costs. The emulator is told each deployment's pace; prices come from the
// team's cerulean.config.json.
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { wav } from '../wav.js';
import {
	assistant,
	lastChat,
	expect,
	openAsk,
	openImage,
	openTranscribe,
	results,
	send,
	test
} from './fixtures';

const PRICES = { 'gpt-4o': { input: 2.5, output: 10 } };

/** The figures under a finished reply, as numbers. */
function figures(text: string) {
	const number = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);
	return {
		prompt: number(/Tokens: (\d+) prompt/),
		completion: number(/\+ (\d+) completion/),
		firstToken: number(/First token ([\d.]+) s/),
		rate: number(/(\d+) tokens\/s/),
		total: number(/([\d.]+) s in all/)
	};
}

test('a finished reply shows when its first token came, how fast the rest came, and its cost where prices are set', async ({
	page,
	emulator
}) => {
	await page.route('**/cerulean.config.json', (route) =>
		route.fulfill({ json: { prices: PRICES, currency: 'USD' } })
	);
	emulator.pace('gpt-4o', { firstTokenMs: 800, tokenMs: 20 });
	await openAsk(page, emulator);
	await send(page, 'How soon, and how fast?');
	const reply = assistant(page);
	await expect(reply).toContainText(/\d+ tokens\/s/);
	const seen = figures((await reply.textContent()) ?? '');
	// The wait the deployment was given, and not much more.
	expect(seen.firstToken).toBeGreaterThanOrEqual(0.8);
	expect(seen.firstToken).toBeLessThan(seen.total);
	// 20 ms between tokens: at most 50 a second, and the rate is what the figures say.
	expect(seen.rate).toBeGreaterThan(0);
	expect(seen.rate).toBeLessThanOrEqual(60);
	const writing = seen.total - seen.firstToken;
	expect(Math.abs(seen.rate - seen.completion / writing) / seen.rate).toBeLessThan(0.2);
	// Cost: usage × price, per million tokens.
	const cost =
		(seen.prompt * PRICES['gpt-4o'].input + seen.completion * PRICES['gpt-4o'].output) / 1e6;
	const dollars = new Intl.NumberFormat('en-US', {
		maximumSignificantDigits: 2,
		style: 'currency',
		currency: 'USD'
	}).format(cost);
	await expect(reply).toContainText(`Cost ≈ ${dollars}`);

	// Kept with the conversation: the same figures after a reload.
	const before = await reply.locator('.usage').textContent();
	await page.reload();
	await expect(assistant(page).locator('.usage')).toHaveText(before ?? '');

	// A deployment with no price shows no cost; a faster one, a shorter wait.
	emulator.pace('chat-mini', { firstTokenMs: 0, tokenMs: 0 });
	await page.getByLabel('Model').fill('chat-mini');
	await send(page, 'And this one?');
	const second = assistant(page).nth(1);
	await expect(second).toContainText(/First token/);
	expect(figures((await second.textContent()) ?? '').firstToken).toBeLessThan(seen.firstToken);
	await expect(second).not.toContainText('Cost');
});

test('pictures and transcripts say how long they took, and what they cost where prices are set', async ({
	page,
	emulator
}) => {
	await page.route('**/cerulean.config.json', (route) =>
		route.fulfill({
			json: {
				prices: { 'gpt-image-1': { image: 0.04 }, whisper: { audioMinute: 0.006 } },
				currency: 'USD'
			}
		})
	);
	await openImage(page, emulator);
	await page.getByLabel('Prompt').fill('a lighthouse at dusk');
	await page.getByLabel('Number of Responses').fill('2');
	await page.getByRole('button', { name: 'Generate' }).click();
	await expect(results(page).getByRole('img')).toHaveCount(2);
	// Two pictures at 0.04 each.
	await expect(results(page)).toContainText(/Took \d+\.\d+ s · Tokens: \d+ · Cost ≈ \$0\.08/);

	await openTranscribe(page, emulator, {
		name: 'tone.wav',
		mimeType: 'audio/wav',
		buffer: wav(7, { toneHz: 440 })
	});
	await page.getByLabel('Response Format').selectOption('verbose_json');
	await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
	// Seven seconds at 0.006 a minute.
	await expect(page.getByRole('region', { name: 'Transcript' })).toContainText(
		/7\.0 s · transcribed in \d+\.\d+ s · cost ≈ \$0\.0007/
	);
});

test('prices set in Settings win over the team’s, are checked, kept, and add up per conversation', async ({
	page,
	emulator
}) => {
	await page.route('**/cerulean.config.json', (route) =>
		route.fulfill({ json: { prices: PRICES, currency: 'USD' } })
	);
	await openAsk(page, emulator);
	await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
	// The team's prices are offered to start from.
	const row = page.getByRole('group', { name: 'gpt-4o' });
	await expect(row.getByLabel('Input per million tokens', { exact: true })).toHaveValue('2.5');
	await expect(page.getByLabel('Currency')).toHaveValue('USD');
	await row.getByLabel('Input per million tokens', { exact: true }).fill('five');
	await page.getByRole('button', { name: 'Set prices' }).click();
	await expect(row).toContainText('Input per million tokens: enter a number of zero or more');
	await row.getByLabel('Input per million tokens', { exact: true }).fill('5');
	await row.getByLabel('Output per million tokens').fill('20');
	await page.getByLabel('Currency').fill('EUR');
	await page.getByRole('button', { name: 'Set prices' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Prices saved' })).toBeVisible();
	await page.reload();
	await expect(
		page.getByRole('group', { name: 'gpt-4o' }).getByLabel('Output per million tokens')
	).toHaveValue('20');

	await page.getByRole('navigation').getByRole('link', { name: 'Ask' }).click();
	await page.getByLabel('Model').fill('gpt-4o');
	await send(page, 'What does this cost?');
	await expect(assistant(page)).toContainText(/\d+ tokens\/s/);
	await send(page, 'And both together?');
	await expect(assistant(page).nth(1)).toContainText(/\d+ tokens\/s/);
	const euros = (amount: number) =>
		new Intl.NumberFormat('en-US', {
			maximumSignificantDigits: 2,
			style: 'currency',
			currency: 'EUR'
		}).format(amount);
	let total = 0;
	for (const reply of await assistant(page).all()) {
		const seen = figures((await reply.textContent()) ?? '');
		const cost = (seen.prompt * 5 + seen.completion * 20) / 1e6;
		total += cost;
		await expect(reply).toContainText(`Cost ≈ ${euros(cost)}`);
	}
	// The conversation's total, under its last reply.
	await expect(assistant(page).nth(1)).toContainText(`Conversation ≈ ${euros(total)}`);
	await expect(assistant(page).nth(0)).not.toContainText('Conversation ≈');
});

test('the composer counts the message and the conversation it would be sent with, against the context window', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	const composer = page.locator('form.composer');
	await page.getByLabel('Message', { exact: true }).fill('Hello world');
	// o200k_base reads "Hello world" as two tokens; with the chat format, 8 of gpt-4o's 128k.
	await expect(composer).toContainText('2 tokens · <1% of 128k');
	await send(page, 'Hello world');
	await expect(assistant(page)).toContainText('Hello world');

	// The message sent is gone from the box; the conversation is still counted.
	await expect(composer).toContainText(/\d+ tokens in the conversation/);
	const next = 'And what about <|endoftext|> in a message?';
	const tokens = (text: string) => countTokens(text, { disallowedSpecial: new Set() });
	await page.getByLabel('Message', { exact: true }).fill(next);
	await expect(composer).toContainText(`${tokens(next)} tokens · `);
	const shown = /([\d,]+) tokens · ([\d,]+) with the conversation/.exec(
		(await composer.textContent()) ?? ''
	);
	await page.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(assistant(page).nth(1)).toContainText('endoftext');
	// The same count, made here with the same tokenizer from what was sent.
	const sent: { content: string }[] = lastChat(emulator)?.json.messages;
	const expected = sent.reduce((sum, m) => sum + tokens(m.content) + 3, 3);
	expect(Number(shown?.[1])).toBe(tokens(next));
	expect(Number(shown?.[2]?.replace(/,/g, ''))).toBe(expected);
});

test('prompt tokens Azure reads from its cache are shown and cost the cached-input price', async ({
	page,
	emulator
}) => {
	const price = { input: 2.5, cachedInput: 1.25, output: 10 };
	await page.route('**/cerulean.config.json', (route) =>
		route.fulfill({ json: { prices: { 'gpt-4o': price }, currency: 'USD' } })
	);
	await openAsk(page, emulator);
	// Over 1,024 tokens: the next request starts with the same text, which Azure caches.
	await send(page, `Keep this in mind. ${'A long shared context. '.repeat(250)}`);
	await expect(assistant(page)).toContainText(/\d+ tokens\/s/);
	await expect(assistant(page)).not.toContainText('cached');
	await send(page, 'And now a short question.');
	const second = assistant(page).nth(1);
	await expect(second).toContainText(/\d+ tokens\/s/);
	const text = (await second.textContent()) ?? '';
	const [, prompt = NaN, cached = NaN, completion = NaN] =
		/Tokens: (\d+) prompt \((\d+) cached\) \+ (\d+) completion/.exec(text)?.map(Number) ?? [];
	expect(cached).toBeGreaterThanOrEqual(1024);
	expect(cached % 128).toBe(0);
	// The second request starts with the whole first exchange: that is what was cached.
	expect(prompt).toBeGreaterThan(cached);
	const cost =
		((prompt - cached) * price.input + cached * price.cachedInput + completion * price.output) /
		1e6;
	const dollars = new Intl.NumberFormat('en-US', {
		maximumSignificantDigits: 2,
		style: 'currency',
		currency: 'USD'
	}).format(cost);
	await expect(second).toContainText(`Cost ≈ ${dollars}`);
});
