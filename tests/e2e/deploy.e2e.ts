import { rm, writeFile } from 'node:fs/promises';
import { connect, conversationOf, expect, importConversation, test } from './fixtures';

/**
 * The app as deployed with deploy/nginx.conf, served by Debian's nginx under a sub-path (see
 * tests/serve-nginx.js and playwright.config.ts).
 */
const NGINX = 'http://127.0.0.1:4175/cerulean/';
/** The plain test server, which adds none of the deploy headers: what framing looks like without them. */
const PLAIN = 'http://127.0.0.1:4173/cerulean/';

test.use({ baseURL: NGINX, extraHosts: ['127.0.0.1:4173'] });
// One at a time: some tests change files in the served copy (tests/serve-nginx.js).
test.describe.configure({ mode: 'default' });

/** The copy of the build nginx serves, which a test may add files to as a deployer would. */
const SERVED = '/tmp/cerulean-nginx-4175/www/cerulean';

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
		expect(response?.headers()).toMatchObject({
			...SECURITY_HEADERS,
			'cache-control': 'no-cache',
			'cross-origin-opener-policy': 'same-origin-allow-popups'
		});
		await expect(page.locator('h1')).toBeVisible();
		expect(new URL(page.url()).pathname).toBe(`/cerulean/${path}`);
	}
	// Where a Microsoft sign-in window comes back: an opener policy would cut it off from this tab.
	const signedIn = await page.request.get('signed-in?code=x&state=y');
	expect(signedIn.headers()).toMatchObject({
		...SECURITY_HEADERS,
		'cross-origin-opener-policy': 'unsafe-none'
	});
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

test.describe('installed', () => {
	test.use({ serviceWorkers: 'allow' });
	// The worker starts seconds after load and then downloads the whole app: slow on a busy machine.
	test.describe.configure({ timeout: 90_000 });

	test('the shell starts offline on any page, the service is never cached, and a new version waits for Reload', async ({
		page,
		context,
		emulator
	}) => {
		await connect(page, emulator);
		await page.goto('ask');
		const worker = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.ready;
			return registration.active?.scriptURL;
		});
		expect(worker).toBe(`${NGINX}sw.js`);
		const manifest = await page.evaluate(async () => {
			const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
			return link ? ((await (await fetch(link.href)).json()) as { start_url: string }) : undefined;
		});
		expect(manifest).toMatchObject({ start_url: '/cerulean/', scope: '/cerulean/' });

		// Controlled by the worker from the next load; a reply then is not cached anywhere.
		await page.reload();
		await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
		await page.getByLabel('Model').fill('gpt-4o');
		await page.getByLabel('Message', { exact: true }).fill('Not for the cache');
		await page.getByRole('button', { name: 'Send' }).click();
		await expect(page.getByRole('article').last()).toContainText('Not for the cache');
		const cached = await page.evaluate(async () => {
			const urls: string[] = [];
			for (const name of await caches.keys()) {
				for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
			}
			return urls;
		});
		expect(cached.length).toBeGreaterThan(10);
		expect(cached.filter((url) => !url.startsWith(NGINX))).toEqual([]);
		expect(cached.filter((url) => url.includes('/openai/'))).toEqual([]);

		// Offline: a deep link and a reload still start the app, with the conversation kept.
		await context.setOffline(true);
		await page.goto('transcribe');
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Transcribe');
		await page.goto('ask');
		await page.reload();
		await expect(page.getByRole('article').first()).toContainText('Not for the cache');
		await context.setOffline(false);

		// A new version is published: the page says so, and Reload moves to it.
		const swFile = `${SERVED}/sw.js`;
		const { appendFile } = await import('node:fs/promises');
		await appendFile(swFile, '\n// a new version\n');
		await page.evaluate(async () => (await navigator.serviceWorker.ready).update());
		const prompt = page
			.getByRole('status')
			.filter({ hasText: 'A new version of Cerulean is ready' });
		await expect(prompt).toBeVisible();
		const first = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
		await prompt.getByRole('button', { name: 'Reload' }).click();
		await expect(prompt).toHaveCount(0);
		await expect
			.poll(() =>
				page.evaluate(async () => {
					const registration = await navigator.serviceWorker.getRegistration();
					return !registration?.waiting && !!navigator.serviceWorker.controller;
				})
			)
			.toBe(true);
		expect(first).toBe(`${NGINX}sw.js`);
		await expect(page.getByRole('article').first()).toContainText('Not for the cache');
		// Code in a conversation read offline is coloured too.
		await context.setOffline(true);
		await importConversation(
			page,
			conversationOf('offline-code', 'Offline code', [
				{ id: 'u1', role: 'user', content: 'Code?', createdAt: 1 },
				{ id: 'a1', role: 'assistant', content: '```js\nconst offline = true;\n```', createdAt: 2 }
			])
		);
		await expect(
			page.getByRole('article').last().locator('code.hljs .hljs-keyword').first()
		).toHaveText('const');
		await context.setOffline(false);
	});
});

test("a team's cerulean.config.json offers its connections and deployments, and a bad one is said, not fatal", async ({
	page,
	emulator
}) => {
	const file = `${SERVED}/cerulean.config.json`;
	// Without a file, the host answers 404 (not the app's page) and nothing is said.
	expect((await page.request.get(`${NGINX}cerulean.config.json`)).status()).toBe(404);
	try {
		await writeFile(
			file,
			JSON.stringify({
				connections: [
					{ name: 'Team emulator', endpoint: emulator.url, auth: 'api-key', apiVersion: 'v1' },
					{ name: 'Production', endpoint: 'https://prod.openai.azure.com' }
				],
				deployments: { ask: 'gpt-4o', image: 'dall-e-3', transcribe: 'whisper' },
				signIn: {
					tenantId: 'contoso.onmicrosoft.com',
					clientId: '3f1c9a52-7d4e-4b8a-9c61-2e5f0d8b7a14'
				}
			})
		);
		await page.goto('settings');
		// The team's app registration is filled in for signing in with Microsoft.
		await page.getByLabel('Authentication').selectOption('entra');
		await expect(page.getByLabel('Tenant')).toHaveValue('contoso.onmicrosoft.com');
		await expect(page.getByLabel('Client ID')).toHaveValue('3f1c9a52-7d4e-4b8a-9c61-2e5f0d8b7a14');
		await page.getByLabel('Authentication').selectOption('api-key');
		const pick = page.getByLabel('Team connection');
		await expect(pick.locator('option')).toHaveText(['Your own', 'Team emulator', 'Production']);
		await pick.selectOption({ label: 'Team emulator' });
		await expect(page.getByLabel('Endpoint')).toHaveValue(emulator.url);
		await expect(page.getByLabel('API version')).toHaveValue('v1');
		// The token is the person's own: the file never has one.
		await expect(page.getByLabel('Token', { exact: true })).toHaveValue('');
		await page.getByLabel('Token', { exact: true }).fill(emulator.key);
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

		// Each page starts with the team's deployment; a person's own choice then wins.
		await page.goto('image');
		await expect(page.getByLabel('Model')).toHaveValue('dall-e-3');
		await page.goto('ask');
		await expect(page.getByLabel('Model')).toHaveValue('gpt-4o');
		await page.getByLabel('Model').fill('gpt-4o-mini');
		await page.getByLabel('Message', { exact: true }).fill('Hello from the team');
		await page.getByRole('button', { name: 'Send' }).click();
		await expect(page.getByRole('article').last()).toContainText('Hello from the team');
		await page.reload();
		await expect(page.getByLabel('Model')).toHaveValue('gpt-4o-mini');

		// A file with a key in it is refused with the reason, and the app works without it.
		await writeFile(
			file,
			JSON.stringify({ connections: [{ name: 'Leaky', endpoint: emulator.url, apiKey: 'secret' }] })
		);
		await page.goto('settings');
		await expect(page.getByRole('alert')).toContainText(
			'cerulean.config.json could not be used: it holds a token or key (apiKey'
		);
		await expect(page.getByLabel('Team connection')).toHaveCount(0);
		await expect(page.getByLabel('Endpoint')).toHaveValue(emulator.url);
		await writeFile(file, '{ not json');
		await page.goto('settings');
		await expect(page.getByRole('alert')).toContainText('it is not JSON');
		await page.goto('ask');
		await page.getByLabel('Message', { exact: true }).fill('Still here');
		await page.getByRole('button', { name: 'Send' }).click();
		await expect(page.getByRole('article').last()).toContainText('Still here');
	} finally {
		await rm(file, { force: true });
	}
});
