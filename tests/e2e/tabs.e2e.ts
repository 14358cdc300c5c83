import { wav } from '../wav.js';
import { assistant, expect, log, openAsk, openImage, results, send, test } from './fixtures';

// Two tabs writing at once. The same conversation: each save merges with what the other wrote
// (src/lib/chat/merge.ts), so neither tab's messages, replies or rename are lost. The gallery and
// the transcript history: one record per item, so neither tab's items are lost.

test('a message sent and a rename made in one tab while the other streams are both kept', async ({
	page,
	context,
	emulator
}) => {
	// Tab A's reply is slow on purpose: tab B does its part meanwhile.
	test.setTimeout(90_000);
	await openAsk(page, emulator);
	await send(page, 'Plan a trip');
	await expect(assistant(page)).toContainText('Plan a trip');
	const other = await context.newPage();
	await other.goto('ask');
	await expect(log(other).getByRole('article', { name: /^user/ })).toContainText('Plan a trip');

	// Tab A asks again, and its reply streams slowly: long enough for tab B on a busy machine
	// (84 words, 150 ms apart).
	emulator.reply({
		content: Array.from({ length: 12 }, (_, i) => `Stop ${i + 1} on the way to Lisbon.`).join(' ')
	});
	emulator.fail({ kind: 'slow', delayMs: 150 });
	await send(page, 'Question from tab A');
	await expect(assistant(page).nth(1)).toContainText(/\w/);
	await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();

	// Meanwhile tab B asks in the same conversation, gets its answer, and renames it.
	await expect(log(other).getByRole('article', { name: /^user/ }).nth(1)).toContainText(
		'Question from tab A'
	);
	emulator.reply({ content: 'Answer for tab B.' });
	await send(other, 'Question from tab B');
	await expect(log(other)).toContainText('Answer for tab B.');
	await other.getByRole('button', { name: 'Rename' }).click();
	await other.getByLabel('New title').fill('Lisbon trip');
	await other.getByLabel('New title').press('Enter');
	await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();

	// Tab A's reply ends: its save merges with what tab B wrote.
	await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0, { timeout: 60_000 });
	for (const tab of [page, other]) {
		await tab.reload();
		const said = log(tab).getByRole('article', { name: /^user/ });
		await expect(said).toHaveText([/Plan a trip/, /Question from tab A/, /Question from tab B/], {
			useInnerText: true
		});
		await expect(log(tab)).toContainText('Answer for tab B.');
		await expect(assistant(tab)).toHaveCount(3);
		await expect(
			tab.getByRole('list', { name: 'Conversations' }).getByRole('button', { name: /Lisbon trip/ })
		).toBeVisible();
	}
});

test('pictures and transcripts made in two tabs at once are all kept', async ({
	page,
	context,
	emulator
}) => {
	await openImage(page, emulator, 'dall-e-3');
	const other = await context.newPage();
	await other.goto('image');
	await other.getByLabel('Model').fill('dall-e-3');
	// Both tabs generate at the same time, each writing the gallery.
	await page.getByLabel('Prompt').fill('a red fox');
	await other.getByLabel('Prompt').fill('a blue whale');
	await Promise.all([
		page.getByRole('button', { name: 'Generate' }).click(),
		other.getByRole('button', { name: 'Generate' }).click()
	]);
	for (const tab of [page, other]) await expect(results(tab).locator('img')).not.toHaveCount(0);
	await page.reload();
	const gallery = page.getByRole('region', { name: /^Gallery/ });
	await expect(gallery).toContainText('a red fox');
	await expect(gallery).toContainText('a blue whale');

	const tone = { mimeType: 'audio/wav', buffer: wav(3, { toneHz: 440 }) };
	await page.getByRole('navigation').getByRole('link', { name: 'Transcribe' }).click();
	await other.goto('transcribe');
	for (const [tab, name] of [
		[page, 'first.wav'],
		[other, 'second.wav']
	] as const) {
		// Once the page has read back its history and choices.
		await expect(tab.getByRole('region', { name: /^History/ })).toBeVisible();
		await tab.getByLabel('Model').fill('whisper');
		await tab.getByLabel('File').setInputFiles({ name, ...tone });
		await expect(tab.getByText(`Ready: ${name}`)).toBeVisible();
	}
	await Promise.all(
		[page, other].map((tab) => tab.getByRole('button', { name: 'Transcribe', exact: true }).click())
	);
	for (const tab of [page, other]) {
		await expect(tab.getByRole('region', { name: 'Transcript' })).toContainText(
			'Cerulean emulator'
		);
	}
	await page.reload();
	const history = page.getByRole('region', { name: /^History/ });
	await expect(history).toContainText('first.wav');
	await expect(history).toContainText('second.wav');
});
