// Nothing a user makes is lost: stopped replies, transcripts and gallery entries on every API
// version and option, choices on every page, and what Settings says.
import type { Page } from '@playwright/test';
import {
	assistant,
	chatCalls,
	connect,
	expect,
	log,
	openAsk,
	openImage,
	results,
	send,
	test,
	type Emulator
} from './fixtures';
import { wav } from '../wav.js';

test('Stop keeps the reply as stopped, and Continue finishes it without repeating anything', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	emulator.fail({ kind: 'slow', delayMs: 60 });
	await send(page, 'Why is the sky blue?');
	const reply = assistant(page);
	await expect(reply).toContainText('Frame the question');
	await page.getByRole('button', { name: 'Stop', exact: true }).click();
	await expect(reply).toContainText('Stopped.');
	expect((await reply.textContent()) ?? '').not.toContain('Answered by the Cerulean emulator');
	await expect(page.getByRole('alert')).toHaveCount(0);
	await reply.getByRole('button', { name: 'Continue' }).click();
	await expect(reply).toContainText('Answered by the Cerulean emulator');
	await expect(reply).not.toContainText('Stopped.');
	await expect(assistant(page)).toHaveCount(1);
	// The whole answer, once: the continuation picked up where the stop left it.
	const text = (await reply.textContent()) ?? '';
	expect(text.match(/Frame the question/g)).toHaveLength(1);
	expect(chatCalls(emulator).at(-1)?.json.messages.at(-1).content).toMatch(/^Continue/);
});

test('a dropped stream offers one Retry, beside what arrived', async ({ page, emulator }) => {
	await openAsk(page, emulator);
	emulator.fail({ kind: 'drop', afterChunks: 12 });
	await send(page, 'this will drop');
	await expect(page.getByRole('alert')).toContainText('The connection dropped');
	await expect(assistant(page)).toContainText('Interrupted');
	await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(1);
});

test('edit and resend says first how many later messages it replaces', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	await send(page, 'First');
	await expect(assistant(page)).toHaveCount(1);
	await send(page, 'Second');
	await expect(assistant(page)).toHaveCount(2);
	await log(page).getByRole('button', { name: 'Edit' }).first().click();
	await expect(page.getByText('Resending replaces the 3 messages after this one.')).toBeVisible();
});

async function openTranscribe(page: Page, emulator: Emulator, apiVersion: string) {
	await connect(page, emulator, { apiVersion });
	await page.getByRole('navigation').getByRole('link', { name: 'Transcribe' }).click();
	await page.getByLabel('Model').fill('whisper');
	await page
		.getByLabel('File')
		.setInputFiles({ name: 'talk.wav', mimeType: 'audio/wav', buffer: wav(4) });
}

for (const apiVersion of ['2025-04-01-preview', 'v1']) {
	test(`transcripts made on ${apiVersion} are kept in history`, async ({ page, emulator }) => {
		await openTranscribe(page, emulator, apiVersion);
		await page.getByLabel('Response Format').selectOption('verbose_json');
		await page.getByLabel('Words').check();
		await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
		const transcript = page.getByRole('region', { name: 'Transcript' });
		await expect(transcript).toContainText('Cerulean emulator');
		await expect(page.getByRole('alert')).toHaveCount(0);
		await page.reload();
		const history = page.getByRole('region', { name: /^History/ });
		await expect(history).toContainText('talk.wav');
		await history.getByRole('button', { name: /^talk\.wav/ }).click();
		await expect(transcript.getByRole('listitem')).toHaveCount(2);
	});
}

test('gpt-image-1 pictures made with Output Compression stay in the gallery after a reload', async ({
	page,
	emulator
}) => {
	await openImage(page, emulator);
	await page.getByLabel('Prompt').fill('a compressed sunset');
	await page.getByLabel('Output Format').selectOption('jpeg');
	await page.getByLabel('Output Compression').fill('60');
	await page.getByRole('button', { name: 'Generate' }).click();
	await expect(results(page).getByRole('img')).toHaveCount(1);
	// Shown at once, kept a moment later: the gallery lists it once its bytes are stored.
	const gallery = page.getByRole('region', { name: /^Gallery/ });
	await expect(gallery).toContainText('a compressed sunset');
	await page.reload();
	await expect(gallery).toContainText('a compressed sunset');
	await expect(gallery.getByRole('img')).toHaveCount(1);
	await expect(page.getByRole('alert')).toHaveCount(0);
	await gallery.getByRole('button', { name: 'Reuse prompt and settings' }).click();
	await expect(page.getByLabel('Output Compression')).toHaveValue('60');
});

test('Create Image and Transcribe remember their deployment and options across reloads', async ({
	page,
	emulator
}) => {
	await connect(page, emulator, { apiVersion: '2025-04-01-preview' });
	await page.goto('image');
	await page.getByLabel('Model').fill('gpt-image-1');
	await page.getByLabel('Quality').selectOption('low');
	await page.getByLabel('Background').selectOption('opaque');
	// A moment for the last choice to reach IndexedDB, as any person takes before leaving.
	await page.waitForTimeout(300);
	await page.goto('transcribe');
	await page.getByLabel('Model').fill('whisper');
	await page.getByLabel('Language').selectOption('de');
	await page.getByLabel('Response Format').selectOption('srt');
	await page.getByLabel('Temperature').fill('0.3');
	await page.waitForTimeout(500);
	await page.reload();
	await expect(page.getByLabel('Model')).toHaveValue('whisper');
	await expect(page.getByLabel('Language')).toHaveValue('de');
	await expect(page.getByLabel('Response Format')).toHaveValue('srt');
	await expect(page.getByLabel('Temperature')).toHaveValue('0.3');
	await page.goto('image');
	await expect(page.getByLabel('Model')).toHaveValue('gpt-image-1');
	await expect(page.getByLabel('Family')).toHaveValue('gpt-image-1');
	await expect(page.getByLabel('Quality')).toHaveValue('low');
	await expect(page.getByLabel('Background')).toHaveValue('opaque');
});

test.describe('Settings', () => {
	test('an endpoint that is not a web address is refused and not saved', async ({ page }) => {
		await page.goto('settings');
		await page.getByLabel('Endpoint').fill('not a url at all');
		await page.getByLabel('Token', { exact: true }).fill('k'.repeat(32));
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByText('This is not a web address.')).toBeVisible();
		await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveCount(0);
		await page.reload();
		await expect(page.getByLabel('Endpoint')).toHaveValue('');
	});

	test('"Saved" goes away once the form changes again', async ({ page, emulator }) => {
		await connect(page, emulator);
		await page.getByLabel('Token', { exact: true }).fill('another-key');
		await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveCount(0);
	});

	test('Test connection can be cancelled, and gives up after 20 seconds', async ({
		page,
		emulator
	}) => {
		await page.clock.install();
		await connect(page, emulator);
		emulator.fail({ kind: 'hang' }, 2);
		await page.getByRole('button', { name: 'Test connection' }).click();
		await page.getByRole('button', { name: 'Cancel test' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Test cancelled.' })).toBeVisible();
		await page.getByRole('button', { name: 'Test connection' }).click();
		await expect(page.getByText('Testing…')).toBeVisible();
		await page.clock.runFor(21_000);
		await expect(page.getByRole('alert')).toContainText('did not answer in time');
		await expect(page.getByText('Testing…')).toHaveCount(0);
	});
});
