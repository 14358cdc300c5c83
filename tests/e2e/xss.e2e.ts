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
	importConversation
} from './fixtures';
import { SCRIPT_SURFACE, XSS_PAYLOADS } from './xss-corpus';
import { wav } from '../wav.js';

// The XSS corpus (xss-corpus.ts) through every way untrusted text reaches the page: a streamed
// reply, the same reply drawn again from kept HTML after a reload, an imported conversation (title,
// system message, user and assistant messages, function calls and results), the service's error
// words, a picture's revised prompt, and a transcript in each of its formats. Nothing may run, and nothing able to run may be left.

const surface = (page: Page) =>
	page.evaluate(`(${SCRIPT_SURFACE})(document.querySelector('main'))`) as Promise<string[]>;

test('the corpus has more than 80 payloads, and the check sees what they would leave', async ({
	page
}) => {
	expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(80);
	// Drawn with no sanitizer at all (in a template, so nothing runs), the check finds plenty.
	const unsanitized = (await page.evaluate(
		`(() => { const t = document.createElement('template'); t.innerHTML = '<div class="markdown">' + ${JSON.stringify(XSS_PAYLOADS.join('\n'))} + '</div>'; return (${SCRIPT_SURFACE})(t.content); })()`
	)) as string[];
	expect(unsanitized).toEqual(
		expect.arrayContaining([
			'IMG onerror',
			'element SCRIPT in a reply',
			'element IFRAME in a reply'
		])
	);
	expect(unsanitized.some((found) => /^A href=javascript:/.test(found))).toBe(true);
});

test('a reply made of every payload, streamed and then drawn from kept HTML, runs nothing', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	emulator.reply({ content: `${XSS_PAYLOADS.join('\n\n')}\n\nThe end.` });
	await send(page, 'corpus');
	await expect(assistant(page)).toContainText('The end.');
	// Drawn as Markdown (not the plain text shown while a reply waits to be drawn).
	await expect(assistant(page).locator('.markdown .block').last()).toContainText('The end.');
	expect(await surface(page)).toEqual([]);
	await page.reload();
	await expect(assistant(page)).toContainText('The end.');
	await page.waitForTimeout(500);
	expect(await surface(page)).toEqual([]);
});

test('an imported conversation made of payloads runs nothing, in any part', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	const payloads = XSS_PAYLOADS.join('\n\n');
	const conversation = {
		id: 'x',
		title: XSS_PAYLOADS[2],
		createdAt: 1,
		updatedAt: 1,
		deployment: '<img src=x onerror="window.__xss=\'deployment\'">',
		systemMessage: payloads,
		params: {},
		messages: [
			{ id: 'u', role: 'user', content: payloads, createdAt: 1 },
			{
				id: 'a',
				role: 'assistant',
				content: payloads,
				createdAt: 2,
				toolCalls: [{ id: 'call', name: 'get_current_time', arguments: payloads }]
			},
			{
				id: 't',
				role: 'tool',
				content: payloads,
				toolCallId: 'call',
				toolName: 'get_current_time',
				createdAt: 3
			}
		]
	};
	await importConversation(page, conversation, 'x.json');
	await expect(log(page).getByRole('article')).toHaveCount(3);
	await page.waitForTimeout(500);
	expect(await surface(page)).toEqual([]);
});

test('the service’s error words and a picture’s revised prompt run nothing', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	emulator.fail({ kind: 'bad-request', param: 'messages', message: XSS_PAYLOADS.join(' ') });
	await send(page, 'fail with payloads');
	await expect(page.getByRole('alert')).toContainText('rejected the request');
	expect(await surface(page)).toEqual([]);

	await openImage(page, emulator, 'dall-e-3');
	await page.getByLabel('Prompt').fill(XSS_PAYLOADS.slice(0, 12).join(' '));
	await page.getByRole('button', { name: 'Generate' }).click();
	await expect(page.getByRole('region', { name: 'Results' })).toContainText('as imagined by');
	expect(await surface(page)).toEqual([]);
});

test('a transcript made of payloads, from a file named with one, runs nothing in any format', async ({
	page,
	emulator
}) => {
	// Five sentences of payloads, one per segment of 15 seconds of audio.
	const sentences = Array.from({ length: 5 }, (_, i) =>
		XSS_PAYLOADS.filter((_, at) => at % 5 === i).join(' ')
	);
	emulator.hear(sentences);
	await openTranscribe(page, emulator, {
		name: '<img src=x onerror="window.__xss=1">.wav',
		mimeType: 'audio/wav',
		buffer: wav(15)
	});
	const transcript = page.getByRole('region', { name: 'Transcript' });
	for (const format of ['verbose_json', 'srt', 'vtt', 'text']) {
		await page.getByLabel('Response Format').selectOption(format);
		await page.getByRole('button', { name: 'Transcribe', exact: true }).click();
		await expect(transcript).toContainText(` · ${format}`);
		await expect(transcript).toContainText('onerror');
		expect(await surface(page), format).toEqual([]);
	}
	await expect(page.getByRole('region', { name: /^History/ })).toContainText('onerror');
	expect(await surface(page)).toEqual([]);
});
