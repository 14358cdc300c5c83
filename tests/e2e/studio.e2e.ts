// The studio on a big screen and a phone: panes that scroll on their own, nothing that pushes the
// window sideways, presenter mode, themes, keyboard shortcuts, the picture viewer.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { wav } from '../wav.js';
import {
	assistant,
	connect,
	expect,
	log,
	openAsk,
	openImage,
	openParameters,
	results,
	send,
	test,
	type Emulator
} from './fixtures';

/** Markdown with what breaks naive layouts: a 400-character code line, a long URL, a wide table. */
function wideReply() {
	const code = `const line = "${'x'.repeat(400)}";`;
	const url = `https://example.com/${'segment/'.repeat(37)}end`;
	const head = Array.from({ length: 12 }, (_, i) => `Column ${i + 1}`);
	const table = [
		`| ${head.join(' | ')} |`,
		`| ${head.map(() => '---').join(' | ')} |`,
		`| ${head.map((_, i) => `value ${i + 1}`).join(' | ')} |`
	].join('\n');
	return `Here it is:\n\n\`\`\`js\n${code}\n\`\`\`\n\nSee ${url} for more.\n\n${table}\n\nDone.`;
}

for (const viewport of [
	{ width: 1280, height: 800 },
	{ width: 390, height: 844 }
]) {
	test(`at ${viewport.width}x${viewport.height}, ten exchanges with wide content keep Send and the actions on screen`, async ({
		page,
		emulator
	}) => {
		test.setTimeout(60_000);
		await page.setViewportSize(viewport);
		await openAsk(page, emulator);
		for (let i = 1; i <= 10; i++) {
			if (i === 7) emulator.reply({ content: wideReply() });
			await send(page, `Question ${i}`);
			await expect(assistant(page)).toHaveCount(i);
			// The next scripted reply is for the next request: this one must have been answered.
			await expect(
				assistant(page)
					.nth(i - 1)
					.getByRole('button', { name: 'Regenerate' })
			).toBeVisible();
		}
		await expect(assistant(page).nth(6)).toContainText('Done.');
		const sideways = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(sideways).toBeLessThanOrEqual(0);
		expect(await page.evaluate(() => window.scrollY)).toBe(0);
		await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeInViewport({
			ratio: 1
		});
		const last = assistant(page).last();
		await expect(last.getByRole('button', { name: 'Copy message' })).toBeInViewport();
		await expect(last.getByRole('button', { name: 'Regenerate' })).toBeInViewport();
		// The long line scrolls inside its own block.
		const block = assistant(page).nth(6).locator('pre').first();
		const [scroll, client] = await block.evaluate((el) => [el.scrollWidth, el.clientWidth]);
		expect(scroll).toBeGreaterThan(client);
	});
}

/** What each page shows once used: a reply, a picture, a transcript. */
const USE: Record<string, (page: Page, emulator: Emulator) => Promise<void>> = {
	settings: async () => {},
	ask: async (page) => {
		await page.getByLabel('Model').fill('gpt-4o');
		await send(page, 'Write a python function that counts words');
		await expect(assistant(page)).toContainText('How it works');
	},
	image: async (page) => {
		await page.getByLabel('Model').fill('gpt-image-1');
		await page.getByLabel('Prompt').fill('two boats');
		await page.getByRole('button', { name: 'Generate' }).click();
		await expect(results(page).getByRole('img')).toHaveCount(1);
	},
	transcribe: async (page) => {
		await page.getByLabel('Model').fill('whisper');
		await page
			.getByLabel('File')
			.setInputFiles({ name: 'a.wav', mimeType: 'audio/wav', buffer: wav(6) });
		await page.getByLabel('Response Format').selectOption('verbose_json');
		await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
		await expect(
			page.getByRole('region', { name: 'Transcript' }).getByRole('listitem')
		).toHaveCount(2);
	},
	compare: async (page, emulator) => {
		// Short replies: what is scanned is the page around them, drawn as Ask draws replies.
		for (const name of ['gpt-4o', 'chat-mini']) {
			emulator.reply({ content: `**${name}** says: \`code\`, a [link](https://example.com).` });
		}
		await page.getByRole('region', { name: 'Column 1' }).getByLabel('Model').fill('gpt-4o');
		await page.getByRole('region', { name: 'Column 2' }).getByLabel('Model').fill('chat-mini');
		await page.getByLabel('Message', { exact: true }).fill('Write a python function');
		await page.getByRole('button', { name: 'Send', exact: true }).click();
		for (const name of ['gpt-4o', 'chat-mini']) {
			await expect(
				page.getByRole('region', { name }).getByRole('list', { name: 'Speed' })
			).toBeVisible();
		}
	}
};

for (const [path, use] of Object.entries(USE)) {
	test(`axe finds nothing on ${path}, light and dark, presenter mode off and on`, async ({
		page,
		emulator
	}) => {
		test.setTimeout(60_000);
		await connect(page, emulator, { apiVersion: '2025-04-01-preview' });
		await page.goto(path);
		await use(page, emulator);
		const toggle = page.getByRole('switch', { name: 'Presenter mode' });
		const backgrounds = new Set<string>();
		// Each theme once and each mode once: light as people work, dark on the big screen.
		for (const [scheme, presenter] of [
			['light', false],
			['dark', true]
		] as const) {
			await page.emulateMedia({ colorScheme: scheme });
			// The theme follows the system: the two scans see two different pages.
			backgrounds.add(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
			if ((await toggle.getAttribute('aria-checked')) !== String(presenter)) await toggle.click();
			await expect(toggle).toHaveAttribute('aria-checked', String(presenter));
			const { violations } = await new AxeBuilder({ page }).analyze();
			expect(
				violations.map(
					(v) =>
						`${v.help} (${scheme}${presenter ? ', presenter' : ''}): ${v.id} ` +
						v.nodes.map((n) => n.target).join(' ')
				)
			).toEqual([]);
		}
		expect(backgrounds.size).toBe(2);
	});
}

test('presenter mode hides the endpoint and token on screen, View code included, and is remembered', async ({
	page,
	emulator
}) => {
	const host = new URL(emulator.url).host;
	await openAsk(page, emulator);
	await expect(page.getByRole('banner')).toContainText(host);
	await page.getByRole('switch', { name: 'Presenter mode' }).click();
	await expect(page.getByRole('banner')).not.toContainText(host);
	await page.getByLabel('Message', { exact: true }).fill('hello');
	await page.getByRole('button', { name: 'View code' }).click();
	const code = page.getByRole('dialog', { name: 'The request as code' }).getByLabel('curl code');
	await expect(code).toContainText(
		'https://<your-resource>.openai.azure.com/openai/deployments/gpt-4o'
	);
	await expect(code).not.toContainText(host);
	await page.keyboard.press('Escape');
	await page.reload();
	await expect(page.getByRole('switch', { name: 'Presenter mode' })).toHaveAttribute(
		'aria-checked',
		'true'
	);
	await page.goto('settings');
	const masked = await page
		.getByLabel('Endpoint')
		.evaluate((el) => getComputedStyle(el).getPropertyValue('-webkit-text-security'));
	expect(masked).toBe('disc');
	await page.getByRole('button', { name: 'Test connection' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'the endpoint and token work' })
	).not.toContainText(host);
	// Larger type for the big screen.
	const size = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
	expect(parseFloat(size)).toBeGreaterThan(16);
});

test('the theme can be switched from the header, and is remembered', async ({ page }) => {
	await page.goto('settings');
	const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
	const light = await background();
	const button = page.getByRole('button', { name: /^Theme: / });
	await button.click();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
	await button.click();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	expect(await background()).not.toBe(light);
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('keyboard: ? lists the shortcuts, / focuses the message, Escape stops, n starts over, g i and g c go to Create Image and Compare', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	const leaveFields = () =>
		page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
	await leaveFields();
	await page.keyboard.press('?');
	const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
	await expect(dialog).toBeVisible();
	await dialog.getByRole('radio', { name: /^Ctrl\+Enter/ }).check();
	await page.keyboard.press('Escape');
	await leaveFields();
	await page.keyboard.press('/');
	await expect(page.getByLabel('Message', { exact: true })).toBeFocused();
	emulator.fail({ kind: 'slow', delayMs: 60 });
	await page.keyboard.type('A long answer');
	await page.keyboard.press('Enter');
	await expect(page.getByLabel('Message', { exact: true })).toHaveValue('A long answer\n');
	await expect(log(page).getByRole('article')).toHaveCount(0);
	await page.keyboard.press('Control+Enter');
	await expect(assistant(page)).toContainText('Frame the question');
	await page.keyboard.press('Escape');
	await expect(assistant(page)).toContainText('Stopped.');
	await leaveFields();
	await page.keyboard.press('n');
	await expect(log(page).getByRole('article')).toHaveCount(0);
	// n puts the cursor in the new conversation's message box; page keys need it out again.
	await expect(page.getByLabel('Message', { exact: true })).toBeFocused();
	await leaveFields();
	await page.keyboard.press('g');
	await page.keyboard.press('i');
	await expect(page.getByRole('heading', { name: 'Create Image', level: 1 })).toBeVisible();
	await page.keyboard.press('g');
	await page.keyboard.press('c');
	await expect(page.getByRole('heading', { name: 'Compare', level: 1 })).toBeVisible();
});

test('a streaming reply shows a cursor, and scrolling up offers a jump back to the latest', async ({
	page,
	emulator
}) => {
	await page.setViewportSize({ width: 1280, height: 700 });
	await openAsk(page, emulator);
	emulator.reply({ content: Array.from({ length: 300 }, (_, i) => `Line ${i}.`).join('\n\n') });
	emulator.fail({ kind: 'slow', delayMs: 30 });
	await send(page, 'Many lines please');
	const reply = assistant(page);
	await expect(reply).toContainText('Line 20.');
	const cursor = await reply
		.locator('.markdown')
		.evaluate((el) => el.classList.contains('streaming'));
	expect(cursor).toBe(true);
	await page.mouse.move(640, 300);
	await page.mouse.wheel(0, -3000);
	const jump = page.getByRole('button', { name: 'Jump to latest' });
	await expect(jump).toBeVisible();
	// It floats over the conversation, never over the message being written below it.
	const button = await jump.boundingBox();
	const message = await page.getByLabel('Message', { exact: true }).boundingBox();
	expect(button!.y + button!.height).toBeLessThan(message!.y);
	await jump.click();
	await expect(jump).toBeHidden();
	await page.getByRole('button', { name: 'Stop', exact: true }).click();
});

test('while a reply streams on a laptop screen, the token count is shown whole beside Stop, and the bubble holds the words alone', async ({
	page,
	emulator
}) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	await openAsk(page, emulator);
	emulator.reply({ content: Array.from({ length: 200 }, (_, i) => `Word ${i}.`).join(' ') });
	emulator.fail({ kind: 'slow', delayMs: 40 });
	await send(page, 'Tell me about streams, in a few sections, with a table and some code.');
	await expect(assistant(page)).toContainText('Word 5.');
	await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeVisible();
	const count = page.getByText(/tokens in the conversation · .*% of/);
	await expect(count).toBeVisible();
	// Nothing of it is cut: it fits the room beside Stop, on two lines if it must.
	const [scrollHeight, clientHeight, scrollWidth, clientWidth] = await count.evaluate((el) => [
		el.scrollHeight,
		el.clientHeight,
		el.scrollWidth,
		el.clientWidth
	]);
	expect(scrollHeight).toBeLessThanOrEqual(clientHeight);
	expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
	// The user's bubble ends with its words; its buttons sit under it, not in an empty band inside.
	const question = log(page).getByRole('article', { name: 'user message' });
	const words = await question.getByText('Tell me about streams').boundingBox();
	const bubble = await question.locator('.body').boundingBox();
	const copy = await question.getByRole('button', { name: 'Copy message' }).boundingBox();
	expect(bubble!.y + bubble!.height - (words!.y + words!.height)).toBeLessThan(24);
	expect(copy!.y).toBeGreaterThanOrEqual(bubble!.y + bubble!.height);
	await page.getByRole('button', { name: 'Stop', exact: true }).click();
});

test('a conversation opened after a reload shows its end, following, with no jump button', async ({
	page,
	emulator
}) => {
	await page.setViewportSize({ width: 1280, height: 700 });
	await openAsk(page, emulator);
	for (let i = 1; i <= 3; i++) {
		await send(page, `Write a python function, take ${i}`);
		await expect(assistant(page).nth(i - 1)).toContainText('How it works');
	}
	await page.reload();
	// Drawn as text first, then as Markdown: the list shrinks, and must stay at its end.
	await expect(assistant(page).last().locator('code.hljs').first()).toBeVisible();
	await expect(
		assistant(page).last().getByRole('button', { name: 'Copy message' })
	).toBeInViewport();
	await expect(page.getByRole('button', { name: 'Jump to latest' })).toBeHidden();
});

test('sliders move the number beside them, and functions are offered as checkboxes', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	await openParameters(page);
	const panel = page.getByRole('complementary', { name: 'Parameters' });
	await panel.locator('input[type="range"]').first().fill('1.5');
	await expect(page.getByLabel('Temperature')).toHaveValue('1.5');
	await panel.getByRole('checkbox', { name: /^calculate/ }).check();
	await send(page, 'Please calculate 2 * 21');
	await expect(log(page).getByRole('article', { name: /^tool/ })).toContainText('"result":42');
	const body = emulator.requests.filter((r) => r.path.endsWith('/chat/completions'))[0]?.json;
	expect(body.temperature).toBe(1.5);
	expect(body.tools[0].function.name).toBe('calculate');
});

test('on a phone the side panes are drawers, and the composer stays at the bottom', async ({
	page,
	emulator
}) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await openAsk(page, emulator);
	await send(page, 'First');
	await expect(assistant(page)).toHaveCount(1);
	await expect(page.getByRole('list', { name: 'Conversations' })).toHaveCount(0);
	await page.getByRole('button', { name: 'Conversation list' }).click();
	const list = page.getByRole('list', { name: 'Conversations' });
	await expect(list).toBeInViewport();
	await page.getByRole('button', { name: 'New conversation' }).click();
	await expect(list).toHaveCount(0);
	const composer = await page.getByLabel('Message', { exact: true }).boundingBox();
	expect((composer?.y ?? 0) + (composer?.height ?? 0)).toBeGreaterThan(844 - 200);
});

test('a picture opens in a viewer: arrows move, details show, Escape closes, Reuse fills the form', async ({
	page,
	emulator
}) => {
	await openImage(page, emulator);
	await page.getByLabel('Prompt').fill('three boats');
	await page.getByLabel('Number of Responses').fill('3');
	await page.getByRole('button', { name: 'Generate' }).click();
	await expect(results(page).getByRole('img')).toHaveCount(3);
	await results(page)
		.getByRole('button', { name: /^View full size/ })
		.first()
		.click();
	const viewer = page.getByRole('dialog', { name: 'Picture viewer' });
	await expect(viewer).toContainText('1 of 3');
	await expect(viewer).toContainText('three boats');
	await expect(viewer).toContainText('1024x1024');
	await page.keyboard.press('ArrowRight');
	await expect(viewer).toContainText('2 of 3');
	await page.keyboard.press('ArrowLeft');
	await page.keyboard.press('ArrowLeft');
	await expect(viewer).toContainText('3 of 3');
	await page.keyboard.press('Escape');
	await expect(viewer).toBeHidden();
	await page.getByLabel('Prompt').fill('something else');
	await results(page)
		.getByRole('button', { name: /^View full size/ })
		.first()
		.click();
	await viewer.getByRole('button', { name: 'Reuse prompt and settings' }).click();
	await expect(page.getByLabel('Prompt')).toHaveValue('three boats');
});
