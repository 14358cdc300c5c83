import { assistant, connect, expect, savedByTheFirstVersion, send, test } from './fixtures';

test.describe('first visit', () => {
	test('the start page sends a first-time user to Settings', async ({ page }) => {
		await page.goto('./');
		await expect(page).toHaveURL(/\/cerulean\/settings$/);
		await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
		await expect(page.getByText('Welcome to Cerulean')).toBeVisible();
		const nav = page.getByRole('navigation');
		for (const name of ['Ask', 'Create Image', 'Transcribe', 'Settings']) {
			await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
		}
	});

	test('feature pages say what they do and point to Settings while nothing is saved', async ({
		page
	}) => {
		for (const [path, heading] of [
			['ask', 'Ask'],
			['image', 'Create Image'],
			['transcribe', 'Transcribe']
		] as const) {
			await page.goto(path);
			await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
			await page.getByRole('main').getByRole('link', { name: 'Settings' }).click();
			await expect(page).toHaveURL(/\/cerulean\/settings$/);
		}
	});

	test('navigation links work under the base path', async ({ page }) => {
		await page.goto('settings');
		await page.getByRole('navigation').getByRole('link', { name: 'Create Image' }).click();
		await expect(page).toHaveURL(/\/cerulean\/image$/);
		await expect(page.getByRole('link', { name: 'Create Image' })).toHaveAttribute(
			'aria-current',
			'page'
		);
	});
});

test.describe('saving', () => {
	test('saved settings come back after a reload, and / then sends to Ask', async ({
		page,
		emulator
	}) => {
		await connect(page, emulator, { apiVersion: '2025-04-01-preview', entra: true });
		await page.reload();
		await expect(page.getByLabel('Endpoint')).toHaveValue(emulator.url);
		await expect(page.getByLabel('Authentication')).toHaveValue('entra');
		await expect(page.getByLabel('Token', { exact: true })).toHaveValue(emulator.entraToken);
		await expect(page.getByLabel('API version')).toHaveValue('2025-04-01-preview');
		await expect(page.getByLabel('Remember token on this device')).toBeChecked();
		await page.goto('./');
		await expect(page).toHaveURL(/\/cerulean\/ask$/);
	});

	test('an unremembered token is gone after a reload, the rest stays', async ({
		page,
		emulator
	}) => {
		await connect(page, emulator, { remember: false });
		await expect(
			page.getByRole('status').filter({ hasText: 'memory for this tab only' })
		).toBeVisible();
		await page.reload();
		await expect(page.getByLabel('Endpoint')).toHaveValue(emulator.url);
		await expect(page.getByLabel('Token', { exact: true })).toHaveValue('');
		await expect(page.getByLabel('Remember token on this device')).not.toBeChecked();
		await expect(page.getByText('The token is not remembered on this device')).toBeVisible();
		const stored = await page.evaluate(
			() =>
				new Promise<string>((resolve, reject) => {
					const open = indexedDB.open('cerulean-settings');
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const get = open.result.transaction('keyval').objectStore('keyval').get('connections');
						get.onsuccess = () => resolve(JSON.stringify(get.result));
					};
				})
		);
		expect(stored).toContain(emulator.url);
		expect(stored).not.toContain(emulator.key);
		await page.goto('ask');
		await expect(page.getByText('Your token is not remembered on this device')).toBeVisible();
	});

	test('bad input gets a message beside the field and nothing is sent', async ({
		page,
		emulator
	}) => {
		await page.goto('settings');
		await page.getByLabel('Endpoint').fill('http://my-resource.openai.azure.com');
		await page.getByRole('button', { name: 'Test connection' }).click();
		await expect(page.getByLabel('Endpoint')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByText('Plain http:// is only allowed for localhost')).toBeVisible();
		await expect(page.getByText('Enter the key')).toBeVisible();
		await page.getByRole('button', { name: 'Save' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveCount(0);
		expect(emulator.requests).toHaveLength(0);
	});

	test('a stored value that does not parse, or an endpoint no longer allowed, is reported, not used', async ({
		page
	}) => {
		await page.goto('settings');
		const stored = {
			'The saved settings could not be read': { version: 1, endpoint: 5 },
			// Saved by hand or by an older version: plain http to another host is never used.
			'The saved endpoint http://example.com is not allowed': {
				version: 1,
				endpoint: 'http://example.com',
				auth: 'api-key',
				apiVersion: '2024-10-21',
				rememberToken: true,
				token: 'secret'
			}
		};
		for (const [message, value] of Object.entries(stored)) {
			await savedByTheFirstVersion(page, value);
			await page.goto('settings');
			await expect(page.getByRole('alert')).toContainText(message);
			await expect(page.getByLabel('Endpoint')).toHaveValue('');
		}
	});
});

test('a connection saved by the first version opens as it was, and still answers', async ({
	page,
	emulator
}) => {
	await savedByTheFirstVersion(page, {
		version: 1,
		endpoint: emulator.url,
		auth: 'api-key',
		apiVersion: '2025-04-01-preview',
		rememberToken: true,
		token: emulator.key
	});
	await page.goto('settings');
	await expect(page.getByLabel('Connection name')).toHaveValue(new URL(emulator.url).host);
	await expect(page.getByLabel('Endpoint')).toHaveValue(emulator.url);
	await expect(page.getByLabel('Token', { exact: true })).toHaveValue(emulator.key);
	await expect(page.getByLabel('API version')).toHaveValue('2025-04-01-preview');
	await page.getByRole('navigation').getByRole('link', { name: 'Ask' }).click();
	await page.getByLabel('Model').fill('gpt-4o');
	await send(page, 'Still here after the update?');
	await expect(assistant(page)).toContainText('Still here after the update?');
	expect(emulator.requests.at(-1)?.query['api-version']).toBe('2025-04-01-preview');
});

test.describe('pasted endpoints', () => {
	test('a request URL copied from code is cut to the resource endpoint, saying what changed', async ({
		page,
		emulator
	}) => {
		await page.goto('settings');
		const endpoint = page.getByLabel('Endpoint');
		await endpoint.fill(
			`${emulator.url}/openai/deployments/gpt-4o/chat/completions?api-version=2025-04-01-preview`
		);
		await endpoint.blur();
		await expect(endpoint).toHaveValue(emulator.url);
		const notes = page.locator('#endpoint-notes');
		await expect(notes).toContainText('Removed /openai/deployments/gpt-4o/chat/completions');
		await expect(notes).toContainText('use it as Model on Ask');
		await expect(notes).toContainText('Set API version to 2025-04-01-preview');
		await expect(page.getByLabel('API version')).toHaveValue('2025-04-01-preview');
	});

	test('a portal URL with a trailing slash is accepted', async ({ page }) => {
		await page.goto('settings');
		const endpoint = page.getByLabel('Endpoint');
		await endpoint.fill('https://my-resource.openai.azure.com/');
		await endpoint.blur();
		await expect(endpoint).toHaveValue('https://my-resource.openai.azure.com');
		await expect(page.locator('#endpoint-notes')).toContainText('Removed the trailing slash');
	});
});

test.describe('Test connection', () => {
	test('succeeds with an API key and sends only the api-key header', async ({ page, emulator }) => {
		await connect(page, emulator);
		await page.getByRole('button', { name: 'Test connection' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Connected to' })).toContainText(
			'the endpoint and token work'
		);
		const request = emulator.requests.at(-1);
		expect(request?.path).toBe('/openai/models');
		expect(request?.query).toEqual({ 'api-version': '2024-10-21' });
		expect(request?.headers['api-key']).toBe(emulator.key);
		expect(request?.headers.authorization).toBeUndefined();
		expect(request?.headers.cookie).toBeUndefined();
	});

	test('succeeds with an Entra ID token on the v1 path', async ({ page, emulator }) => {
		await connect(page, emulator, { entra: true, apiVersion: 'v1' });
		await page.getByRole('button', { name: 'Test connection' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Connected to' })).toBeVisible();
		const request = emulator.requests.at(-1);
		expect(request?.path).toBe('/openai/v1/models');
		expect(request?.headers.authorization).toBe(`Bearer ${emulator.entraToken}`);
		expect(request?.headers['api-key']).toBeUndefined();
	});

	test('reports a wrong token as a 401 in words', async ({ page, emulator }) => {
		await page.goto('settings');
		await page.getByLabel('Endpoint').fill(emulator.url);
		await page.getByLabel('Token', { exact: true }).fill('not-the-key');
		await page.getByRole('button', { name: 'Test connection' }).click();
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('The service refused the token (401)');
		await expect(alert).toContainText('Check Token and Authentication');
		await expect(alert).toContainText('invalid subscription key');
		await expect(page.getByLabel('Token', { exact: true })).toHaveValue('not-the-key');
	});

	test('reports a wrong path as a 404 about the endpoint', async ({ page, emulator }) => {
		await page.goto('settings');
		await page.getByLabel('Endpoint').fill(`${emulator.url}/not-azure`);
		await page.getByLabel('Token', { exact: true }).fill(emulator.key);
		await page.getByRole('button', { name: 'Test connection' }).click();
		await expect(page.getByRole('alert')).toContainText('The endpoint or path was not found (404)');
	});

	test.describe(() => {
		// Port 9 (discard) has nothing listening here: the request fails like a blocked endpoint.
		test.use({ extraHosts: ['127.0.0.1:9'] });
		test('explains an endpoint the browser cannot reach', async ({ page }) => {
			await page.goto('settings');
			await page.getByLabel('Endpoint').fill('http://127.0.0.1:9');
			await page.getByLabel('Token', { exact: true }).fill('anything');
			await page.getByRole('button', { name: 'Test connection' }).click();
			const alert = page.getByRole('alert');
			await expect(alert).toContainText('The browser could not reach the endpoint');
			await expect(alert).toContainText('CORS');
		});
	});

	test('reports a rate limit with the delay Azure asked for', async ({ page, emulator }) => {
		await connect(page, emulator);
		emulator.fail({ kind: 'rate-limit', retryAfter: 7 });
		await page.getByRole('button', { name: 'Test connection' }).click();
		await expect(page.getByRole('alert')).toContainText('retry after 7 seconds');
	});
});

test('Clear all data asks first, then forgets everything', async ({ page, emulator }) => {
	await connect(page, emulator);
	await page.getByRole('button', { name: 'Clear all data' }).click();
	const dialog = page.getByRole('dialog', { name: 'Delete all Cerulean data?' });
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(dialog).toBeHidden();
	await page.reload();
	await expect(page.getByLabel('Endpoint')).toHaveValue(emulator.url);

	await page.getByRole('button', { name: 'Clear all data' }).click();
	await dialog.getByRole('button', { name: 'Delete everything' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'was deleted' })).toBeVisible();
	await page.goto('./');
	await expect(page).toHaveURL(/\/cerulean\/settings$/);
	await expect(page.getByLabel('Endpoint')).toHaveValue('');
});

test('Settings works at 360 px wide and with the keyboard alone', async ({ page, emulator }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto('settings');
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);

	await page.getByLabel('Endpoint').focus();
	await page.keyboard.type(emulator.url);
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	await page.keyboard.type(emulator.key);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
	await page.reload();
	await expect(page.getByLabel('Token', { exact: true })).toHaveValue(emulator.key);
});
