// Recordings longer than one request takes, and videos: decoded in the browser, cut at pauses into
// parts under 25 MB, sent one after another, stitched, and resumed where they stopped.
import type { Page } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import {
	ALL_FORMATS,
	AudioSample,
	AudioSampleSource,
	BufferSource,
	BufferTarget,
	EncodedPacket,
	EncodedVideoPacketSource,
	Input,
	MovOutputFormat,
	Output
} from 'mediabunny';
import { expect, openTranscribe, test, type Emulator } from './fixtures';
import { parseCues } from '../../src/lib/transcripts/subtitles';
import { speechLike, wav } from '../wav.js';

const MINUTES = 40;
const LIMIT = 25 * 1024 * 1024;
const transcript = (page: Page) => page.getByRole('region', { name: 'Transcript' });
const audioCalls = (emulator: Emulator) =>
	emulator.requests.filter((r) => /\/audio\/(transcriptions|translations)$/.test(r.path));
const fileName = (request: Emulator['requests'][number]) =>
	(request.form?.file as { filename: string } | undefined)?.filename;

test('a 40-minute recording is cut at pauses, sent in parts under 25 MB, stitched, and resumed at the part that failed', async ({
	page,
	emulator
}, testInfo) => {
	test.setTimeout(240_000);
	const { bytes, pauses } = speechLike(MINUTES * 60);
	const path = testInfo.outputPath('meeting.wav');
	await writeFile(path, bytes);
	await openTranscribe(page, emulator, { name: 'tone.wav', mimeType: 'audio/wav', buffer: wav(1) });
	await page.getByLabel('Response Format').selectOption('verbose_json');
	await page.getByLabel('Prompt').fill('Cerulean, Azure.');
	await page.getByLabel('File').setInputFiles(path);
	await expect(page.getByText(/Ready: meeting\.wav \(73\.24 MB, sent in parts\)/)).toBeVisible();

	// Part 1 goes through; part 2 meets a 429 that names 1 second and is sent again by itself;
	// part 3 fails with a 500.
	emulator.fail({ kind: 'pass' });
	emulator.fail({ kind: 'rate-limit', retryAfter: 1 });
	emulator.fail({ kind: 'pass' });
	emulator.fail({ kind: 'server-error' });
	await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
	await expect(page.getByRole('status').filter({ hasText: /Part \d of \d/ })).toBeVisible({
		timeout: 60_000
	});
	await expect(page.getByRole('alert')).toContainText(/500|server/i, { timeout: 60_000 });
	const before = audioCalls(emulator);
	expect(before.map(fileName)).toEqual([
		'meeting.part-1.wav',
		'meeting.part-2.wav',
		'meeting.part-2.wav',
		'meeting.part-3.wav'
	]);
	// What was typed is still there, and the parts done are kept.
	await expect(page.getByLabel('Prompt')).toHaveValue('Cerulean, Azure.');

	// A reload (or a closed tab) goes on at part 3, not at part 1.
	await page.reload();
	const resume = page.getByRole('button', { name: 'Continue from part 3' });
	await expect(page.getByRole('status').filter({ hasText: 'meeting.wav' })).toContainText(
		'2 of 4 parts transcribed'
	);
	await resume.click();
	await expect(transcript(page)).toContainText('meeting.wav', { timeout: 60_000 });
	const calls = audioCalls(emulator);
	expect(calls.slice(before.length).map(fileName)).toEqual([
		'meeting.part-3.wav',
		'meeting.part-4.wav'
	]);

	// Every request under the limit; the parts cover the whole recording.
	const sent = [calls[0]!, calls[2]!, ...calls.slice(before.length)];
	for (const call of calls) expect(call.bytes).toBeLessThan(LIMIT);
	const lengths = sent.map((call) => call.audioSeconds ?? 0);
	expect(lengths.reduce((a, b) => a + b, 0)).toBeCloseTo(MINUTES * 60, 1);
	// Each cut falls in a pause.
	let at = 0;
	for (const length of lengths.slice(0, -1)) {
		at += length;
		expect(
			pauses.some(([from, to]) => at > from && at < to),
			`cut at ${at} s`
		).toBe(true);
	}
	// Each part's prompt carries the person's prompt, then the end of the part before.
	expect(sent[0]!.form?.prompt).toBe('Cerulean, Azure.');
	expect(sent[1]!.form?.prompt).toMatch(/^Cerulean, Azure\. .*actually said\.$/);

	// One transcript: segments continuous from 0 to 40 minutes, SRT numbered through.
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download .srt' }).click();
	const srt = await readFile(await (await download).path(), 'utf8');
	const cues = parseCues(srt);
	expect(cues[0]!.start).toBe(0);
	expect(cues.at(-1)!.end).toBeCloseTo(MINUTES * 60, 0);
	for (let i = 1; i < cues.length; i++) {
		expect(Math.abs(cues[i]!.start - cues[i - 1]!.end)).toBeLessThanOrEqual(1);
	}
	expect(srt.match(/^\d+$/gm)).toEqual(cues.map((_, i) => String(i + 1)));
	await expect(transcript(page)).toContainText('sent in 4 parts');
	// Nothing of the job is left to resume.
	await page.reload();
	await expect(transcript(page)).toBeVisible();
	await expect(page.getByRole('button', { name: /Continue from part/ })).toHaveCount(0);
});

/** A short QuickTime video (a format the service does not read) with a sound track of `seconds`. */
async function video(seconds: number): Promise<Buffer> {
	const output = new Output({ format: new MovOutputFormat(), target: new BufferTarget() });
	// The picture is never decoded, only left out: its frames are placeholders.
	const frames = new EncodedVideoPacketSource('vp9');
	const sound = new AudioSampleSource({ codec: 'pcm-s16', bitrate: 1_536_000 });
	output.addVideoTrack(frames, { frameRate: 10 });
	output.addAudioTrack(sound);
	await output.start();
	for (let f = 0; f < seconds * 10; f++) {
		await frames.add(
			new EncodedPacket(new Uint8Array(5000).fill(f % 251), f ? 'delta' : 'key', f / 10, 0.1),
			f
				? undefined
				: { decoderConfig: { codec: 'vp09.00.10.08', codedWidth: 640, codedHeight: 360 } }
		);
	}
	const rate = 48_000;
	const data = new Float32Array(seconds * rate * 2);
	for (let i = 0; i < seconds * rate; i++) data[2 * i] = data[2 * i + 1] = Math.sin(i / 12) * 0.3;
	const sample = new AudioSample({
		data,
		format: 'f32',
		numberOfChannels: 2,
		sampleRate: rate,
		timestamp: 0
	});
	await sound.add(sample);
	sample.close();
	await output.finalize();
	return Buffer.from(output.target.buffer!);
}

test('a video’s sound track is taken out and transcribed; Translate to English reaches the translations operation', async ({
	page,
	emulator
}) => {
	const clip = await video(9);
	const input = new Input({ source: new BufferSource(clip), formats: ALL_FORMATS });
	expect(await input.getVideoTracks()).toHaveLength(1);
	await openTranscribe(page, emulator, {
		name: 'clip.mov',
		mimeType: 'video/quicktime',
		buffer: clip
	});
	await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
	await expect(transcript(page)).toContainText('This transcript comes from the Cerulean emulator');
	const [call] = audioCalls(emulator);
	expect(call?.path).toMatch(/\/audio\/transcriptions$/);
	// The sound alone, as 16 kHz mono WAV: 9 s, about 288 KB instead of the video's size.
	expect(fileName(call!)).toBe('clip.part-1.wav');
	expect(call!.audioSeconds).toBeCloseTo(9, 1);
	expect(call!.bytes).toBeLessThan(clip.length / 2);

	// Translate to English: the translations route, no language sent.
	await page.getByLabel('Language').selectOption('de');
	await page.getByLabel('Translate to English').check();
	await expect(page.getByLabel('Language')).toBeDisabled();
	await page.getByLabel('File').setInputFiles({
		name: 'gruss.wav',
		mimeType: 'audio/wav',
		buffer: wav(5, { toneHz: 300 })
	});
	await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
	await expect.poll(() => audioCalls(emulator).length).toBe(2);
	const translation = audioCalls(emulator)[1]!;
	expect(translation.path).toMatch(/\/deployments\/whisper\/audio\/translations$/);
	expect(translation.form).not.toHaveProperty('language');
	await expect(transcript(page)).toContainText('translated');

	// gpt-4o-transcribe cannot translate: said next to the box, nothing sent.
	await page.getByLabel('Model').fill('gpt-4o-transcribe');
	await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
	await expect(page.getByText("Translation into English is whisper's alone")).toBeVisible();
	expect(audioCalls(emulator)).toHaveLength(2);
});

test('compressed sound (Opus, as the browser records it) in a container the service does not read is decoded here and sent as WAV', async ({
	page,
	emulator
}) => {
	await openTranscribe(page, emulator, { name: 'tone.wav', mimeType: 'audio/wav', buffer: wav(1) });
	// Three seconds from the synthetic microphone, in WebM with Opus: what MediaRecorder writes.
	const recorded = await page.evaluate(async () => {
		const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
		const recorder = new MediaRecorder(stream, { mimeType: 'audio/webm;codecs=opus' });
		const chunks: Blob[] = [];
		recorder.ondataavailable = (event) => chunks.push(event.data);
		const stopped = new Promise((resolve) => (recorder.onstop = resolve));
		recorder.start();
		await new Promise((resolve) => setTimeout(resolve, 3000));
		recorder.stop();
		await stopped;
		for (const track of stream.getTracks()) track.stop();
		return [...new Uint8Array(await new Blob(chunks).arrayBuffer())];
	});
	// Named as Matroska (WebM's parent), which the service refuses: so it is prepared here.
	await page.getByLabel('File').setInputFiles({
		name: 'voice.mkv',
		mimeType: 'video/x-matroska',
		buffer: Buffer.from(recorded)
	});
	await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
	await expect(transcript(page)).toContainText('This transcript comes from the Cerulean emulator');
	const [call] = audioCalls(emulator);
	expect(fileName(call!)).toBe('voice.part-1.wav');
	expect(call!.audioSeconds).toBeGreaterThan(2.5);
	expect(call!.audioSeconds).toBeLessThan(3.6);
});

test('a long recording shows the part, the share done and the time left, and Cancel keeps the parts done', async ({
	page,
	emulator
}, testInfo) => {
	const path = testInfo.outputPath('interview.wav');
	await writeFile(path, speechLike(15 * 60).bytes);
	await openTranscribe(page, emulator, { name: 'tone.wav', mimeType: 'audio/wav', buffer: wav(1) });
	await page.getByLabel('File').setInputFiles(path);
	// Part 1 answers; part 2 hangs until it is cancelled.
	emulator.fail({ kind: 'pass' });
	emulator.fail({ kind: 'hang' });
	await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
	const status = page.getByRole('status').filter({ hasText: 'Part 2 of 2' });
	await expect(status).toContainText(/\d+ % in all · about \d+ (s|min) left/, { timeout: 60_000 });
	await expect(page.getByRole('progressbar', { name: 'Overall' })).toBeVisible();
	await page.getByRole('button', { name: 'Cancel' }).click();
	// Stopped, not failed: no alert, and the part done is kept.
	await expect(page.getByRole('button', { name: 'Continue from part 2' })).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);
	await page.getByRole('button', { name: 'Continue from part 2' }).click();
	await expect(transcript(page)).toContainText('sent in 2 parts');
	expect(audioCalls(emulator).map(fileName)).toEqual([
		'interview.part-1.wav',
		'interview.part-2.wav',
		'interview.part-2.wav'
	]);
	// Discard is offered only while something is left to go on with.
	await expect(page.getByRole('button', { name: 'Discard' })).toHaveCount(0);
});
