import type { Page } from '@playwright/test';
import { createEmulator } from '../emulator/server.js';
import { connect, expect, test, type Emulator } from './fixtures';

async function openImage(page: Page, emulator: Emulator, apiVersion = '2024-10-21') {
	await connect(page, emulator, { apiVersion });
	await page.getByRole('navigation').getByRole('link', { name: 'Create Image' }).click();
}

const results = (page: Page) => page.getByRole('region', { name: 'Results' });
const imageCalls = (emulator: Emulator) =>
	emulator.requests.filter((r) => r.path.endsWith('/images/generations'));

/** The form filled for two dall-e-3 pictures as b64_json (two requests), not yet sent. */
async function askDallE3ForTwo(page: Page, emulator: Emulator, prompt: string) {
	await openImage(page, emulator);
	await page.getByLabel('Model').fill('dall-e-3');
	await page.getByLabel('Prompt').fill(prompt);
	await page.getByLabel('Response Format').selectOption('b64_json');
	await page.getByLabel('Number of Responses').fill('2');
}

async function rendered(page: Page, count: number) {
	const images = results(page).getByRole('img');
	await expect(images).toHaveCount(count);
	for (let i = 0; i < count; i++) {
		await expect
			.poll(() => images.nth(i).evaluate((img: HTMLImageElement) => img.naturalWidth))
			.toBeGreaterThan(0);
	}
}

test('dall-e-3 with url: the picture is kept as bytes and shown with the revised prompt', async ({
	page,
	emulator
}) => {
	await openImage(page, emulator);
	await page.getByLabel('Model').fill('dall-e-3');
	await expect(page.getByLabel('Family')).toHaveValue('dall-e-3');
	await page.getByLabel('Prompt').fill('a lighthouse at dusk');
	await page.getByLabel('Size').selectOption('1792x1024');
	await page.getByLabel('Quality').selectOption('hd');
	await page.getByLabel('Style').selectOption('natural');
	await page.getByLabel('Response Format').selectOption('url');
	await page.getByLabel('User', { exact: true }).fill('u-7');
	await page.getByRole('button', { name: 'Generate' }).click();
	await rendered(page, 1);
	await expect(results(page).getByRole('img')).toHaveAttribute(
		'alt',
		/A detailed picture of a lighthouse at dusk/
	);
	await expect(results(page)).toContainText('Revised prompt: A detailed picture');
	expect(imageCalls(emulator)[0]?.json).toEqual({
		prompt: 'a lighthouse at dusk',
		size: '1792x1024',
		quality: 'hd',
		style: 'natural',
		response_format: 'url',
		user: 'u-7'
	});
	// The URL's bytes were fetched into the gallery, not kept as a link.
	const src = await results(page).getByRole('img').getAttribute('src');
	expect(src).toMatch(/^blob:/);
});

test('dall-e-3 with b64_json, several images requested one after another', async ({
	page,
	emulator
}) => {
	await askDallE3ForTwo(page, emulator, 'a red kite');
	await page.getByRole('button', { name: 'Generate' }).click();
	await rendered(page, 2);
	// Both are kept in the gallery, with the number typed as part of the form.
	await expect(page.getByRole('region', { name: /^Gallery/ }).getByRole('img')).toHaveCount(2);
	await expect(page.getByRole('alert')).toHaveCount(0);
	const calls = imageCalls(emulator);
	expect(calls).toHaveLength(2);
	for (const call of calls) expect(call.json).not.toHaveProperty('n');
	expect(calls[0]?.json.response_format).toBe('b64_json');
});

test('a picture already made is kept when the page is reloaded while the next one is still coming', async ({
	page,
	emulator
}) => {
	await askDallE3ForTwo(page, emulator, 'a slow tide');
	// The first request goes through; the second never answers.
	emulator.fail({ kind: 'pass' });
	emulator.fail({ kind: 'hang' });
	await page.getByRole('button', { name: 'Generate' }).click();
	await rendered(page, 1);
	// The picture still coming has its place held beside it.
	await expect(results(page).locator('.pending')).toHaveCount(1);
	await expect.poll(() => imageCalls(emulator).length).toBe(2);
	await page.reload();
	const gallery = page.getByRole('region', { name: /^Gallery/ });
	await expect(gallery).toContainText('a slow tide');
	// It says how many of those asked for were made.
	await expect(gallery).toContainText('1 of 2 made');
	const image = gallery.getByRole('img');
	await expect(image).toHaveCount(1);
	await expect
		.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth))
		.toBeGreaterThan(0);
	// The number typed is remembered with the rest of the form.
	await expect(page.getByLabel('Number of Responses')).toHaveValue('2');
});

test('gpt-image-1 with n=3 sends only what gpt-image-1 accepts, and the gallery outlives the emulator', async ({
	page,
	emulator
}) => {
	await openImage(page, emulator, '2025-04-01-preview');
	await page.getByLabel('Model').fill('gpt-image-1');
	await expect(page.getByLabel('Family')).toHaveValue('gpt-image-1');
	await expect(page.getByLabel('Style')).toHaveCount(0);
	await expect(page.getByLabel('Response Format')).toHaveCount(0);
	await page.getByLabel('Prompt').fill('three paper boats');
	await page.getByLabel('Number of Responses').fill('3');
	await page.getByLabel('Size').selectOption('1536x1024');
	await page.getByLabel('Quality').selectOption('low');
	await page.getByLabel('Background').selectOption('opaque');
	await page.getByRole('button', { name: 'Generate' }).click();
	await rendered(page, 3);
	expect(imageCalls(emulator)).toHaveLength(1);
	expect(imageCalls(emulator)[0]?.json).toEqual({
		prompt: 'three paper boats',
		size: '1536x1024',
		n: 3,
		quality: 'low',
		background: 'opaque'
	});
	await expect(results(page).getByRole('img').first()).toHaveAttribute('alt', 'three paper boats');

	const download = page.waitForEvent('download');
	await results(page).getByRole('link', { name: 'Download' }).first().click();
	const file = await (await download).path();
	const { readFile } = await import('node:fs/promises');
	const bytes = await readFile(file);
	expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
	expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1536, 1024]);
});

test.describe(() => {
	test.use({ extraHosts: ['127.0.0.1:4391', '127.0.0.1:4392'] });
	test('after a reload the gallery still shows the images with the emulator stopped', async ({
		page
	}, testInfo) => {
		const own = await createEmulator({ port: 4391 + (testInfo.workerIndex % 2) });
		try {
			await openImage(page, own);
			await page.getByLabel('Model').fill('dall-e-3');
			await page.getByLabel('Prompt').fill('a quiet harbour');
			await page.getByRole('button', { name: 'Generate' }).click();
			await rendered(page, 1);
		} finally {
			await own.close();
		}
		await page.reload();
		const gallery = page.getByRole('region', { name: /^Gallery/ });
		await expect(gallery).toContainText('a quiet harbour');
		const image = gallery.getByRole('img').first();
		await expect
			.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth))
			.toBeGreaterThan(0);
		await gallery.getByRole('button', { name: 'Reuse prompt and settings' }).click();
		await expect(page.getByLabel('Prompt')).toHaveValue('a quiet harbour');
		await gallery.getByRole('button', { name: 'Delete', exact: true }).click();
		await expect(gallery.getByRole('img')).toHaveCount(0);
	});
});

test('an image URL the host will not let us download is kept as a link with its expiry', async ({
	page,
	emulator
}) => {
	await openImage(page, emulator);
	emulator.setBlobCors(false);
	await page.getByLabel('Model').fill('dall-e-3');
	await page.getByLabel('Prompt').fill('a fox');
	await page.getByRole('button', { name: 'Generate' }).click();
	await expect(results(page)).toContainText('Only a link is kept');
	await expect(results(page)).toContainText('it expires');
});

test('checks limits before sending and offers the API version gpt-image-1 needs', async ({
	page,
	emulator
}) => {
	await openImage(page, emulator);
	await page.getByLabel('Model').fill('dall-e-3');
	await page.getByLabel('Prompt').fill('x'.repeat(4001));
	await page.getByRole('button', { name: 'Generate' }).click();
	await expect(page.getByText('dall-e-3 takes at most 4,000 characters')).toBeVisible();
	await page.getByLabel('Family').selectOption('gpt-image-1');
	await expect(page.getByRole('alert')).toContainText('gpt-image-1 needs API version');
	await page.getByRole('button', { name: 'Use 2025-04-01-preview' }).click();
	await expect(page.getByRole('alert')).toHaveCount(0);
	expect(imageCalls(emulator)).toHaveLength(0);
});

test('a content-filter error names its categories', async ({ page, emulator }) => {
	await openImage(page, emulator);
	await page.getByLabel('Model').fill('dall-e-3');
	await page.getByLabel('Prompt').fill('something blocked');
	emulator.fail({ kind: 'content-filter' });
	await page.getByRole('button', { name: 'Generate' }).click();
	await expect(page.getByRole('alert')).toContainText(
		"Azure's content filter blocked this request: violence (high)."
	);
	await expect(page.getByLabel('Prompt')).toHaveValue('something blocked');
});

test('a 429 shows its countdown and retries', async ({ page, emulator }) => {
	await openImage(page, emulator);
	await page.getByLabel('Model').fill('dall-e-3');
	await page.getByLabel('Prompt').fill('busy hour');
	emulator.fail({ kind: 'rate-limit', retryAfter: 2 });
	await page.getByRole('button', { name: 'Generate' }).click();
	await expect(page.getByRole('alert')).toContainText('over its rate limit (429)');
	await expect(page.getByRole('status').filter({ hasText: /Retrying in \d s/ })).toBeVisible();
	await rendered(page, 1);
	expect(imageCalls(emulator)).toHaveLength(2);
});

test('View code shows the image request with the token masked', async ({ page, emulator }) => {
	await openImage(page, emulator);
	await page.getByLabel('Model').fill('dall-e-3');
	await page.getByLabel('Prompt').fill('a comet');
	await page.getByRole('button', { name: 'View code' }).click();
	const code = page.getByRole('dialog').getByLabel('curl code');
	await expect(code).toContainText('/openai/deployments/dall-e-3/images/generations');
	await expect(code).toContainText('a comet');
	await expect(code).not.toContainText(emulator.key);
});

test('gpt-image-1 JPEG output is kept and downloaded as a JPEG', async ({ page, emulator }) => {
	await openImage(page, emulator, 'v1');
	await page.getByLabel('Model').fill('gpt-image-1');
	await page.getByLabel('Prompt').fill('a jpeg sunset');
	await page.getByLabel('Output format').selectOption('jpeg');
	await page.getByLabel('Output compression').fill('70');
	await page.getByRole('button', { name: 'Generate' }).click();
	await rendered(page, 1);
	expect(imageCalls(emulator)[0]?.path).toBe('/openai/v1/images/generations');
	expect(imageCalls(emulator)[0]?.json).toMatchObject({
		model: 'gpt-image-1',
		output_format: 'jpeg',
		output_compression: 70
	});
	const download = page.waitForEvent('download');
	await results(page).getByRole('link', { name: 'Download' }).click();
	expect((await download).suggestedFilename()).toBe('a-jpeg-sunset-1.jpg');
	const { readFile } = await import('node:fs/promises');
	const bytes = await readFile(await (await download).path());
	expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
});
