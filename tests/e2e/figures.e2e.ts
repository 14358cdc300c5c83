// What a person choosing between deployments asks first: how soon the reply starts, how fast it
// comes, and what it costs. The emulator is told each deployment's pace; prices come from the
// team's cerulean.config.json.
import { assistant, expect, openAsk, send, test } from './fixtures';

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
