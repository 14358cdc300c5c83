// Share as HTML: one file that shows the whole conversation in any browser, offline, with no script
// able to run, and nothing of the connection in it.
import { readFile } from 'node:fs/promises';
import { assistant, expect, openAsk, send, test } from './fixtures';
import { SCRIPT_SURFACE, XSS_PAYLOADS } from './xss-corpus';

const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64'
);

test('Share as HTML downloads one file that shows the whole conversation with scripts off, and holds no script, handler, endpoint or token', async ({
	page,
	browser,
	emulator
}) => {
	await openAsk(page, emulator);
	await page
		.getByLabel('Attach images')
		.setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: PNG });
	// The picture is read in before it can be sent with the message.
	await expect(page.getByRole('img', { name: 'Attachment 1' })).toBeVisible();
	await send(page, 'What is in this image?');
	await expect(assistant(page)).toContainText('What is in this image?');
	emulator.reply({
		content: `Some code:\n\n\`\`\`python\ndef hello():\n    return "shared"\n\`\`\`\n\n${XSS_PAYLOADS.join('\n\n')}\n\nThe end.`
	});
	await send(page, 'And now something hostile');
	await expect(assistant(page).nth(1)).toContainText('The end.');

	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Share as HTML' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe('What-is-in-this-image.html');
	// Kept under its own name, as a person's download would be.
	const file = test.info().outputPath(download.suggestedFilename());
	await download.saveAs(file);
	const html = await readFile(file, 'utf8');

	// Nothing that could run (what is left of the payloads is text), and nothing of the connection.
	expect(html).not.toMatch(/<script/i);
	expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
	expect(html).not.toContain(emulator.key);
	expect(html).not.toContain(new URL(emulator.url).host);
	expect(html).toContain(`Content-Security-Policy" content="default-src 'none'`);

	// Opened from disk with JavaScript off: the whole conversation, the picture, highlighted code
	// and each reply's figures.
	const viewer = await browser.newContext({ javaScriptEnabled: false });
	try {
		const shared = await viewer.newPage();
		await shared.goto(`file://${file}`);
		await expect(shared.getByRole('heading', { level: 1 })).toHaveText('What is in this image?');
		await expect(shared.getByRole('article')).toHaveCount(4);
		await expect(shared.getByRole('article').nth(0)).toContainText('What is in this image?');
		await expect(shared.getByRole('article').nth(1)).toContainText(
			'Here is a short answer to “What is in this image?”'
		);
		await expect(shared.getByRole('article').nth(3)).toContainText('The end.');
		await expect(shared.getByRole('article').nth(3).locator('.hljs-keyword')).toHaveText([
			'def',
			'return'
		]);
		await expect(shared.getByText(/First token \d/)).toHaveCount(2);
		const picture = shared.getByRole('img', { name: 'Attached image' });
		await expect(picture).toBeVisible();
		expect(await picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
		expect(await shared.evaluate(`(${SCRIPT_SURFACE})(document.querySelector('main'))`)).toEqual(
			[]
		);
		expect(await shared.locator('button, form, input, iframe').count()).toBe(0);
	} finally {
		await viewer.close();
	}
});
