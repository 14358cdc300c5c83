// @ts-check
// `npm run screenshots`: every page at desktop and phone size, against the emulator, written to
// docs/screenshots/ for the README. Runs the static build (npm run build first; the script does).
import { mkdir } from 'node:fs/promises';
import { openRig } from '../tests/rig.js';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { speechLike, wav } from '../tests/wav.js';

const out = new URL('../docs/screenshots/', import.meta.url).pathname;
await mkdir(out, { recursive: true });
const rig = await openRig(4195);
const { app, emulator, browser } = rig;

/** After the page has drawn its heading (the app renders in the browser). @param {import('@playwright/test').Page} page @param {string} name */
async function shoot(page, name) {
	await page.getByRole('heading', { level: 1 }).waitFor({ state: 'attached' });
	await page.waitForTimeout(150);
	await page.screenshot({ path: `${out}${name}.png` });
}

const SIZES = /** @type {const} */ ([
	['desktop', { width: 1440, height: 900 }, 'light'],
	['dark', { width: 1440, height: 900 }, 'dark'],
	['phone', { width: 390, height: 844 }, 'light']
]);

try {
	for (const [size, viewport, colorScheme] of SIZES) {
		const page = await browser.newPage({ viewport, colorScheme });
		await page.goto(`${app}/settings`);
		if (size !== 'dark') await shoot(page, `settings-welcome-${size}`);
		await page.getByLabel('Endpoint').fill(emulator.url);
		await page.getByLabel('Token', { exact: true }).fill(emulator.key);
		await page.getByLabel('API version').selectOption('2025-04-01-preview');
		await page.getByRole('button', { name: 'Save' }).click();
		await page.getByRole('button', { name: 'Test connection' }).click();
		await page.getByText('the endpoint and token work').waitFor();
		if (size !== 'dark') await shoot(page, `settings-${size}`);

		await page.goto(`${app}/ask`);
		if (size !== 'dark') await shoot(page, `ask-empty-${size}`);
		await page.getByLabel('Model').fill('gpt-4o');
		for (const [i, question] of [
			'Write a Python function that counts the words in a text.',
			'Compare standard and provisioned deployments in a table.'
		].entries()) {
			await page.getByLabel('Message', { exact: true }).fill(question);
			await page.getByRole('button', { name: 'Send', exact: true }).click();
			// This question's own answer, not the one before it.
			await page.getByText('Answered by the Cerulean emulator').nth(i).waitFor();
		}
		// The count beside Send comes once the tokenizer has loaded.
		await page.getByText(/tokens in the conversation/).waitFor();
		await page.waitForTimeout(400);
		await shoot(page, `ask-${size}`);
		if (size === 'desktop') {
			await page.getByRole('button', { name: /^Parameters/ }).click();
			await page.getByLabel('Temperature').waitFor();
			await shoot(page, 'ask-parameters-desktop');
			await page.getByRole('button', { name: /^Parameters/ }).click();
		}

		await page.goto(`${app}/image`);
		await page.getByLabel('Model').fill('gpt-image-1');
		await page
			.getByLabel('Prompt')
			.fill('Three paper boats on a calm lake at dawn, soft watercolour');
		await page.getByLabel('Number of Responses').fill('3');
		await page.getByRole('button', { name: 'Generate' }).click();
		await page.getByRole('region', { name: 'Results' }).getByRole('img').nth(2).waitFor();
		await page.waitForTimeout(300);
		await shoot(page, `image-${size}`);
		if (size === 'desktop') {
			await page
				.getByRole('button', { name: /^View full size/ })
				.first()
				.click();
			await page.waitForTimeout(300);
			await shoot(page, 'image-viewer-desktop');
			await page.keyboard.press('Escape');
		}

		await page.goto(`${app}/transcribe`);
		if (size !== 'dark') await shoot(page, `transcribe-empty-${size}`);
		await page.getByLabel('Model').fill('whisper');
		await page
			.getByLabel('File')
			.setInputFiles({ name: 'meeting.wav', mimeType: 'audio/wav', buffer: wav(14) });
		await page.getByLabel('Response Format').selectOption('verbose_json');
		await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
		await page.getByRole('region', { name: 'Transcript' }).getByRole('listitem').first().waitFor();
		await shoot(page, `transcribe-${size}`);
		if (size !== 'dark') {
			// A 30-minute recording: three parts, the second failing once, then going on.
			const long = join(tmpdir(), 'cerulean-board-meeting.wav');
			await writeFile(long, speechLike(30 * 60).bytes);
			await page.getByLabel('File').setInputFiles(long);
			emulator.fail({ kind: 'pass' });
			emulator.fail({ kind: 'server-error' });
			await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
			const resume = page.getByRole('button', { name: 'Continue from part 2' });
			await resume.waitFor({ timeout: 120_000 });
			await page.getByRole('alert').filter({ hasText: '500' }).scrollIntoViewIfNeeded();
			await shoot(page, `transcribe-resume-${size}`);
			await resume.click();
			await page.getByText(/sent in 3 parts/).waitFor({ timeout: 120_000 });
			await shoot(page, `transcribe-long-${size}`);
		}

		// Three deployments at three paces, so the figures differ as real ones do.
		emulator.pace('gpt-4o', { firstTokenMs: 600, tokenMs: 12 });
		emulator.pace('chat-mini', { firstTokenMs: 150, tokenMs: 3 });
		emulator.pace('gpt-35-turbo', { firstTokenMs: 350, tokenMs: 6 });
		await page.goto(`${app}/compare`);
		for (const [index, deployment] of ['gpt-4o', 'chat-mini', 'gpt-35-turbo'].entries()) {
			if (index === 2) await page.getByRole('button', { name: 'Add column' }).click();
			await page
				.getByRole('region', { name: `Column ${index + 1}` })
				.getByLabel('Model')
				.fill(deployment);
		}
		await page.getByLabel('System message').fill('Answer for a newcomer to Azure.');
		await page
			.getByLabel('Message', { exact: true })
			.fill('When should I pick a provisioned deployment?');
		await page.getByRole('button', { name: 'Send', exact: true }).click();
		await page.getByRole('list', { name: 'Speed' }).nth(2).waitFor();
		await page.waitForTimeout(300);
		await shoot(page, `compare-${size}`);
		await page.close();
	}
	console.log(`Screenshots written to ${out}`);
} finally {
	await rig.close();
}
