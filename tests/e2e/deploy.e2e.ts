import { connect, expect, test } from './fixtures';

/**
 * The app as deployed with deploy/nginx.conf, served by Debian's nginx under a sub-path (see
 * tests/serve-nginx.js and playwright.config.ts).
 */
const NGINX = 'http://127.0.0.1:4175/cerulean/';
/** The plain test server, which adds none of the deploy headers: what framing looks like without them. */
const PLAIN = 'http://127.0.0.1:4173/cerulean/';

test.use({ baseURL: NGINX, extraHosts: ['127.0.0.1:4173'] });

const SECURITY_HEADERS = {
	'content-security-policy': "frame-ancestors 'none'",
	'x-frame-options': 'DENY',
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer',
	'permissions-policy': 'microphone=(self), camera=(), geolocation=(), payment=(), usb=()'
};

test('a deep link and a reload under the sub-path land on the page, and the app works through nginx', async ({
	page,
	emulator
}) => {
	await connect(page, emulator);
	for (const path of ['ask', 'image', 'transcribe', 'settings']) {
		const response = await page.goto(path);
		expect(response?.status()).toBe(200);
		expect(response?.headers()).toMatchObject({ ...SECURITY_HEADERS, 'cache-control': 'no-cache' });
		await expect(page.locator('h1')).toBeVisible();
		expect(new URL(page.url()).pathname).toBe(`/cerulean/${path}`);
	}
	await page.goto('ask');
	await page.getByLabel('Model').fill('gpt-4o');
	await page.getByLabel('Message', { exact: true }).fill('Hello through nginx');
	await page.getByRole('button', { name: 'Send' }).click();
	await expect(page.getByRole('article').last()).toContainText('Cerulean emulator');
	await page.reload();
	await expect(page.getByRole('article').first()).toContainText('Hello through nginx');
});

test('hashed files are cached for a year, pages never, and a missing chunk is a 404, not the page', async ({
	page,
	request
}) => {
	await page.goto('ask');
	const scripts = await page
		.locator('link[rel="modulepreload"]')
		.evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
	expect(scripts.length).toBeGreaterThan(0);
	const asset = await request.get(scripts[0] ?? '');
	expect(asset.status()).toBe(200);
	expect(asset.headers()).toMatchObject({
		...SECURITY_HEADERS,
		'cache-control': 'public, max-age=31536000, immutable',
		'content-type': expect.stringMatching(/^(application|text)\/javascript/)
	});
	const missing = await request.get(`${NGINX}_app/immutable/chunks/gone-12345678.js`);
	expect(missing.status()).toBe(404);
	expect(await missing.text()).not.toContain('<html lang');
	const version = await request.get(`${NGINX}_app/version.json`);
	expect(version.headers()['cache-control']).toBe('no-cache');
});

test('another site cannot frame the app, and only the app itself may use the microphone', async ({
	page
}) => {
	// A page elsewhere frames the app as served by nginx and by the plain server.
	await page.setContent(
		`<iframe title="deployed" src="${NGINX}ask"></iframe><iframe title="plain" src="${PLAIN}ask"></iframe>`
	);
	// Chromium replaces a frame its ancestors may not show with its own error page.
	await expect
		.poll(() => page.frames().map((frame) => frame.url()))
		.toEqual(['about:blank', 'chrome-error://chromewebdata/', `${PLAIN}ask`]);

	await page.goto('transcribe');
	const allowed = await page.evaluate(() => {
		const policy = (
			document as Document & { featurePolicy?: { allowsFeature(name: string): boolean } }
		).featurePolicy;
		return ['microphone', 'camera', 'geolocation'].map((name) => policy?.allowsFeature(name));
	});
	expect(allowed).toEqual([true, false, false]);
	await page.getByLabel('Model').fill('whisper');
	await page.getByRole('button', { name: 'Record from microphone' }).click();
	await expect(page.getByRole('meter', { name: 'Microphone level' })).toBeVisible();
	await page.getByRole('button', { name: 'Stop recording' }).click();
	await expect(page.getByText(/Ready: recording-/)).toBeVisible();
});
