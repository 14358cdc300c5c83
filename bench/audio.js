// @ts-check
// Long audio: a recording too large for one request, prepared in the browser (decoded, made
// 16 kHz mono, cut at pauses into WAV parts) and sent to the emulator. Reports the preparing time
// per hour of audio, and what it cost the page's own thread (the work runs in a worker).
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wav } from '../tests/wav.js';

/**
 * A 48 kHz stereo 16-bit WAV of speech-like phrases and pauses, as a camera or a recorder app
 * would write it. @param {number} seconds
 */
function recording(seconds) {
	const rate = 48_000;
	const frames = seconds * rate;
	const bytes = wav(seconds, { rate, channels: 2 });
	const samples = new Int16Array(bytes.buffer, bytes.byteOffset + 44, frames * 2);
	for (let i = 0; i < frames; i++) {
		const t = i / rate;
		// Phrases of 6 s, then 1 s of pause.
		const speaking = t % 7 < 6;
		const v = speaking
			? Math.round(
					Math.sin(2 * Math.PI * 180 * t) * 9000 * (0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t))
				)
			: 0;
		samples[2 * i] = v;
		samples[2 * i + 1] = v;
	}
	return bytes;
}

/**
 * @param {import('@playwright/test').BrowserContext} context @param {string} app
 * @param {{ url: string, key: string }} emulator
 * @param {(page: import('@playwright/test').Page) => Promise<{ measure: (work: () => Promise<unknown>) => Promise<{ mainMs: number, longTasks: number, maxLongMs: number }> }>} probe
 */
export async function audioCase(context, app, emulator, probe, minutes = 10) {
	const path = join(tmpdir(), `cerulean-bench-${minutes}min.wav`);
	const bytes = recording(minutes * 60);
	await writeFile(path, bytes);
	const page = await context.newPage();
	await page.goto(`${app}/settings`);
	await page.getByLabel('Endpoint').fill(emulator.url);
	await page.getByLabel('Token', { exact: true }).fill(emulator.key);
	await page.getByRole('button', { name: 'Save' }).click();
	await page.getByRole('navigation').getByRole('link', { name: 'Transcribe' }).click();
	await page.getByLabel('Model').fill('whisper');
	await page.getByLabel('File').setInputFiles(path);
	const pageProbe = await probe(page);
	const measured = await pageProbe.measure(async () => {
		await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
		await page
			.getByRole('region', { name: 'Transcript' })
			// A short recording goes in one part, named by the figure "sound track only".
			.getByText(/sent in \d+ parts|sound track only/)
			.waitFor({ timeout: 600_000 });
	});
	const entry = await page.evaluate(
		() =>
			new Promise((resolve, reject) => {
				const open = indexedDB.open('cerulean-transcripts');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const all = open.result.transaction('keyval').objectStore('keyval').getAll();
					all.onsuccess = () => resolve(all.result[0]);
				};
			})
	);
	await page.close();
	const { preparedMs, durationMs, parts } =
		/** @type {{ preparedMs: number, durationMs: number, parts: number }} */ (entry);
	return {
		minutes,
		inputMb: Math.round(bytes.length / 1048576),
		input: '48 kHz stereo 16-bit WAV',
		parts,
		preparedMs,
		preparedPerHourS: Math.round((preparedMs * 60) / minutes / 100) / 10,
		totalMs: durationMs,
		mainThreadMs: measured.mainMs,
		longTasks: measured.longTasks,
		maxLongMs: measured.maxLongMs
	};
}
