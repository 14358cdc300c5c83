import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { connect, expect, test, type Emulator } from './fixtures';
import { wav } from '../wav.js';

const tone = { name: 'tone.wav', mimeType: 'audio/wav', buffer: wav(7, { toneHz: 440 }) };
const transcript = (page: Page) => page.getByRole('region', { name: 'Transcript' });
const calls = (emulator: Emulator) =>
	emulator.requests.filter((r) => r.path.endsWith('/audio/transcriptions'));

async function openTranscribe(page: Page, emulator: Emulator, apiVersion = '2024-10-21') {
	await connect(page, emulator, { apiVersion });
	await page.getByRole('navigation').getByRole('link', { name: 'Transcribe' }).click();
	await page.getByLabel('Model').fill('whisper');
	await page.getByLabel('File').setInputFiles(tone);
}

test('a WAV transcribed in every response format, with the right fields on the wire', async ({
	page,
	emulator
}) => {
	await openTranscribe(page, emulator);
	await page.getByLabel('Language').selectOption('de');
	await page.getByLabel('Prompt').fill('Expect: Cerulean');
	await page.getByLabel('Temperature').fill('0.2');
	const expected: Record<string, RegExp> = {
		json: /This transcript comes from the Cerulean emulator/,
		text: /This transcript comes from the Cerulean emulator/,
		srt: /0:00\.0–0:02\.3\s*This transcript comes from/,
		verbose_json: /language: german · 7\.0 s/,
		vtt: /0:02\.3–0:04\.7\s*It does not listen/
	};
	for (const [i, [format, pattern]] of Object.entries(expected).entries()) {
		await page.getByLabel('Response Format').selectOption(format);
		await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
		await expect.poll(() => calls(emulator).length).toBe(i + 1);
		await expect(transcript(page)).toContainText(pattern);
		await expect(transcript(page)).toContainText(` · ${format}`);
		const form = calls(emulator).at(-1)?.form;
		expect(form).toMatchObject({
			file: { filename: 'tone.wav', size: tone.buffer.length },
			language: 'de',
			prompt: 'Expect: Cerulean',
			response_format: format,
			temperature: '0.2'
		});
		expect(form).not.toHaveProperty('model');
	}
	expect(calls(emulator)).toHaveLength(5);
});

test('on the v1 path the deployment travels as the model field', async ({ page, emulator }) => {
	await openTranscribe(page, emulator, 'v1');
	await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
	await expect(transcript(page)).toContainText('Cerulean emulator');
	expect(calls(emulator)[0]?.path).toBe('/openai/v1/audio/transcriptions');
	expect(calls(emulator)[0]?.form?.model).toBe('whisper');
});

test('verbose_json segments are listed, and a click seeks the audio and highlights it', async ({
	page,
	emulator
}) => {
	await openTranscribe(page, emulator, '2025-04-01-preview');
	await page.getByLabel('Response Format').selectOption('verbose_json');
	await page.getByLabel('Words').check();
	await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
	const segments = transcript(page).getByRole('listitem');
	await expect(segments).toHaveCount(3);
	expect(calls(emulator)[0]?.form?.['timestamp_granularities[]']).toBe('segment,word');
	await transcript(page).getByText('Words (').click();
	await expect(transcript(page)).toContainText('Cerulean');
	await segments.nth(1).getByRole('button').click();
	const position = await page
		.locator('audio')
		.evaluate((audio: HTMLAudioElement) => audio.currentTime);
	expect(position).toBeGreaterThanOrEqual(2.3);
	expect(position).toBeLessThan(4.7);
	await expect(segments.nth(1).getByRole('button')).toHaveAttribute('aria-current', 'true');
});

test('srt and vtt downloads are valid subtitle files', async ({ page, emulator }) => {
	await openTranscribe(page, emulator);
	await page.getByLabel('Response Format').selectOption('verbose_json');
	await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
	await expect(transcript(page).getByRole('listitem')).toHaveCount(3);
	const srtDownload = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download .srt' }).click();
	const srt = await readFile(await (await srtDownload).path(), 'utf8');
	expect((await srtDownload).suggestedFilename()).toBe('tone.srt');
	expect(srt).toMatch(
		/^1\n00:00:00,000 --> 00:00:02,330\nThis transcript comes from the Cerulean emulator\.\n\n2\n00:00:02,330 --> 00:00:04,670\n/
	);
	const vttDownload = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download .vtt' }).click();
	const vtt = await readFile(await (await vttDownload).path(), 'utf8');
	expect(vtt).toMatch(/^WEBVTT\n\n00:00:00\.000 --> 00:00:02\.330\nThis transcript/);
	expect(vtt.match(/-->/g)).toHaveLength(3);
});

test('a 30 MB file that is not really audio, and a .txt file, are refused without a request', async ({
	page,
	emulator
}) => {
	await openTranscribe(page, emulator);
	// Built inside the page: handing 30 MB through the test protocol is slow.
	await page.getByLabel('File').evaluate((input: HTMLInputElement) => {
		const transfer = new DataTransfer();
		const bytes = new Uint8Array(30 * 1024 * 1024);
		transfer.items.add(new File([bytes], 'long.mp3', { type: 'audio/mpeg' }));
		input.files = transfer.files;
		input.dispatchEvent(new Event('change', { bubbles: true }));
	});
	// Over 25 MB is no longer refused: it is read in this browser and sent in parts.
	await expect(page.getByText('Ready: long.mp3 (30.00 MB, sent in parts)')).toBeVisible();
	await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
	// Zeros are no MP3: the reason is said next to the field (an alert a screen reader hears).
	await expect(page.getByRole('alert')).toContainText(
		'long.mp3 could not be read as audio in this browser'
	);
	await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
	// Pressing Transcribe again keeps the reason instead of a vaguer "pick a file".
	await expect(page.getByRole('alert')).toContainText('long.mp3 could not be read');
	await expect(page.getByText('Pick or drop an audio file')).toHaveCount(0);
	await page.getByLabel('File').setInputFiles({
		name: 'notes.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from('hello')
	});
	await expect(page.getByRole('alert')).toContainText('notes.txt is not an audio or video file');
	expect(calls(emulator)).toHaveLength(0);
});

test('gpt-4o-transcribe deployments offer json and text only', async ({ page, emulator }) => {
	await openTranscribe(page, emulator, 'v1');
	await page.getByLabel('Model').fill('gpt-4o-transcribe');
	await expect(page.getByLabel('Response Format').getByRole('option')).toHaveText(['json', 'text']);
	await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
	await expect(transcript(page)).toContainText('Cerulean emulator');
	expect(calls(emulator)[0]?.form?.model).toBe('gpt-4o-transcribe');
});

test('a 429 shows its countdown and retries', async ({ page, emulator }) => {
	await openTranscribe(page, emulator);
	emulator.fail({ kind: 'rate-limit', retryAfter: 2 });
	await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('Azure asks to retry after 2 seconds');
	await expect(page.getByRole('status').filter({ hasText: /Retrying in \d s/ })).toBeVisible();
	await expect(transcript(page)).toContainText('Cerulean emulator', { timeout: 8000 });
	expect(calls(emulator)).toHaveLength(2);
});

test('history keeps transcripts, and the audio only when asked', async ({ page, emulator }) => {
	await openTranscribe(page, emulator);
	await page.getByLabel('Keep the audio in history on this device').check();
	await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
	await expect(transcript(page)).toContainText('Cerulean emulator');
	await page.reload();
	const history = page.getByRole('region', { name: /^History/ });
	await expect(history).toContainText('tone.wav');
	await expect(history).toContainText('audio kept');
	await history.getByRole('button', { name: /^tone\.wav/ }).click();
	await expect(transcript(page)).toContainText('Cerulean emulator');
	await expect(transcript(page).locator('audio')).toHaveCount(1);
	await history.getByRole('button', { name: 'Delete tone.wav' }).click();
	await expect(history).not.toContainText('tone.wav');
});

test('a microphone recording is transcribed like a file', async ({ page, emulator }) => {
	await connect(page, emulator);
	await page.getByRole('navigation').getByRole('link', { name: 'Transcribe' }).click();
	await page.getByLabel('Model').fill('whisper');
	await page.getByRole('button', { name: 'Record from microphone' }).click();
	await expect(page.getByRole('meter', { name: 'Microphone level' })).toBeVisible();
	await expect(page.getByRole('timer')).toHaveText('0:01');
	await page.getByRole('button', { name: 'Stop recording' }).click();
	await expect(page.getByText(/Ready: recording-.*\.(webm|ogg|m4a)/)).toBeVisible();
	await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
	await expect(transcript(page)).toContainText('Cerulean emulator');
	const sent = calls(emulator)[0]?.form?.file;
	expect(typeof sent === 'object' && sent.size).toBeGreaterThan(0);
	expect(typeof sent === 'object' && sent.filename).toMatch(/^recording-.*\.(webm|ogg|m4a)$/);
});
