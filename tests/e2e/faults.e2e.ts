import type { Page } from '@playwright/test';
import {
	assistant,
	expect,
	log,
	openAsk,
	openImage,
	openTranscribe,
	send,
	test,
	type Emulator
} from './fixtures';
import { wav } from '../wav.js';

// Every way a request can fail, on every page: the right words, nothing typed or received lost,
// and the next request works. The waits past a timeout are the page's own timers, moved on by
// Playwright's clock (the app's limits: src/lib/azure/chat.ts, images.ts, transcriptions.ts).

type Failure = Parameters<Emulator['fail']>[0];

interface Fault {
	failure: Failure;
	/** What the alert must say. */
	says: RegExp;
}

const FAULTS: Fault[] = [
	{ failure: { kind: 'unauthorized' }, says: /refused the token \(401\)/ },
	{ failure: { kind: 'forbidden' }, says: /not allowed to do this \(403\)/ },
	{ failure: { kind: 'deployment-not-found' }, says: /No deployment named ".+" was found \(404\)/ },
	{ failure: { kind: 'request-timeout' }, says: /gave up waiting for the request \(408\)/ },
	{ failure: { kind: 'too-large' }, says: /too large for the service \(413\)/ },
	{ failure: { kind: 'rate-limit', retryAfter: 3 }, says: /over its rate limit \(429\)/ },
	{
		failure: { kind: 'content-filter' },
		says: /content filter blocked this request: .*violence \((medium|high)\)/
	},
	{
		failure: { kind: 'bad-request', param: 'user', message: "Invalid value for 'user'." },
		says: /rejected the request \(parameter "user"\)/
	},
	{ failure: { kind: 'server-error' }, says: /The service failed \(500\)/ },
	{ failure: { kind: 'service-unavailable' }, says: /The service failed \(503\)/ },
	{ failure: { kind: 'network' }, says: /could not reach the endpoint/ },
	{ failure: { kind: 'cors' }, says: /could not reach the endpoint[\s\S]*CORS/ },
	{ failure: { kind: 'drop', afterChunks: 4 }, says: /connection dropped/ },
	{ failure: { kind: 'malformed', afterChunks: 2 }, says: /could not read|not like Azure OpenAI/ },
	{ failure: { kind: 'hang' }, says: /did not answer in time/ }
];

/** Past the longest of the app's limits (the stream's five quiet minutes, ten for audio). */
const PAST_ANY_TIMEOUT = 601_000;

/** Moves the page's clock past the timeout once the request has reached the emulator. */
async function waitOut(page: Page, emulator: Emulator, before: number) {
	await expect.poll(() => emulator.requests.length).toBeGreaterThan(before);
	await page.clock.fastForward(PAST_ANY_TIMEOUT);
}

const alert = (page: Page) =>
	page.getByRole('alert').filter({ hasNotText: 'Nothing is kept after this tab closes' });

test.describe.configure({ timeout: 120_000 });

/** The faults in three groups, each one test, so the matrix spreads over the test workers. */
const GROUPS = [FAULTS.slice(0, 5), FAULTS.slice(5, 10), FAULTS.slice(10)].map((faults) => ({
	faults,
	names: faults.map((f) => f.failure.kind).join(', ')
}));

for (const { faults, names } of GROUPS) {
	test(`Ask, ${names}: says what happened, keeps the question, and Retry answers`, async ({
		page,
		emulator
	}) => {
		await page.clock.install();
		await openAsk(page, emulator);
		for (const [i, { failure, says }] of faults.entries()) {
			await test.step(failure.kind, async () => {
				// A fresh conversation each time: the steps stay independent and the page light.
				if (i) await page.getByRole('button', { name: 'New conversation' }).click();
				const question = `question ${i} (${failure.kind})`;
				emulator.fail(failure);
				const before = emulator.requests.length;
				await send(page, question);
				if (failure.kind === 'hang') await waitOut(page, emulator, before);
				await expect(alert(page)).toContainText(says);
				const users = log(page).getByRole('article', { name: /^user/ });
				await expect(users.last()).toContainText(question);
				if (failure.kind === 'drop') {
					// What had streamed in before the cut stays on screen.
					await expect(assistant(page).last()).toContainText(/\w{3}/);
				}
				if (failure.kind !== 'rate-limit') {
					emulator.reply({ content: `Answer ${i}.` });
					await page.getByRole('button', { name: 'Retry' }).last().click();
				} else {
					emulator.reply({ content: `Answer ${i}.` });
				}
				await expect(assistant(page).last()).toContainText(`Answer ${i}.`);
				await expect(alert(page)).toHaveCount(0);
				await expect(users).toHaveCount(1);
			});
		}
	});
}

for (const { faults, names } of GROUPS) {
	test(`Create Image, ${names}: says what happened, keeps the prompt, and Generate works again`, async ({
		page,
		emulator
	}) => {
		await page.clock.install();
		await openImage(page, emulator, 'dall-e-3');
		await page.getByLabel('Response Format').selectOption('b64_json');
		const gallery = page.getByRole('region', { name: /^Gallery/ });
		for (const [i, { failure, says }] of faults.entries()) {
			await test.step(failure.kind, async () => {
				const prompt = `a lighthouse, take ${i}`;
				await page.getByLabel('Prompt').fill(prompt);
				emulator.fail(failure);
				const before = emulator.requests.length;
				await page.getByRole('button', { name: 'Generate' }).click();
				if (failure.kind === 'hang') await waitOut(page, emulator, before);
				await expect(alert(page)).toContainText(says);
				await expect(page.getByLabel('Prompt')).toHaveValue(prompt);
				if (failure.kind !== 'rate-limit') {
					await page.getByRole('button', { name: 'Generate' }).click();
				}
				await expect(gallery.getByRole('img')).toHaveCount(i + 1);
				await expect(alert(page)).toHaveCount(0);
			});
		}
	});
}

for (const { faults, names } of GROUPS) {
	test(`Transcribe, ${names}: says what happened, keeps the file, and Transcribe works again`, async ({
		page,
		emulator
	}) => {
		await page.clock.install();
		await openTranscribe(page, emulator, {
			name: 'tone.wav',
			mimeType: 'audio/wav',
			buffer: wav(3, { toneHz: 440 })
		});
		const transcript = page.getByRole('region', { name: 'Transcript' });
		const history = page.getByRole('region', { name: /^History/ });
		for (const [i, { failure, says }] of faults.entries()) {
			await test.step(failure.kind, async () => {
				emulator.fail(failure);
				const before = emulator.requests.length;
				await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
				if (failure.kind === 'hang') await waitOut(page, emulator, before);
				await expect(alert(page)).toContainText(says);
				await expect(page.getByText('tone.wav').first()).toBeVisible();
				if (failure.kind !== 'rate-limit') {
					await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
				}
				await expect(transcript).toContainText('Cerulean emulator');
				await expect(alert(page)).toHaveCount(0);
				await expect(history.getByRole('listitem')).toHaveCount(i + 1);
			});
		}
	});
}

test('a number the browser could not read is named next to its field, and nothing is sent', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	await page.getByRole('button', { name: /^Parameters/ }).click();
	await page.getByLabel('Max Tokens').fill('1e309');
	await send(page, 'How long can you go?');
	await expect(page.getByText('Max Tokens must be a number.')).toBeVisible();
	await expect(page.getByLabel('Max Tokens')).toHaveValue('1e309');
	expect(emulator.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(0);
	await page.getByLabel('Max Tokens').fill('');
	await page.getByLabel('Max Tokens').press('ArrowUp');
	await expect(page.getByLabel('Max Tokens')).toHaveValue(/^\d+$/);
});
