// Signing in with Microsoft Entra ID through MSAL, against a local OpenID Connect server that
// stands in for Entra ID (tests/oidc.js), with the app served by nginx and deploy/nginx.conf, so
// the sign-in window's way back crosses the real headers. The emulator accepts only the tokens
// that server signs, for the right audience and unexpired, as Azure accepts Entra ID's.
import type { Page } from '@playwright/test';
import { ACCOUNT, startOidc } from '../oidc.js';
import { expect, test as base, type Emulator } from './fixtures';

type Oidc = Awaited<ReturnType<typeof startOidc>>;

const test = base.extend<{ oidc: Oidc }, { workerOidc: Oidc }>({
	workerOidc: [
		// eslint-disable-next-line no-empty-pattern
		async ({}, use) => {
			const oidc = await startOidc();
			await use(oidc);
			await oidc.close();
		},
		{ scope: 'worker' }
	],
	oidc: async ({ workerOidc, emulator }, use) => {
		workerOidc.grants.length = 0;
		workerOidc.setLifetime(3600);
		emulator.trustIssuer(workerOidc.issuer());
		await use(workerOidc);
	},
	extraHosts: async ({ workerOidc }, use) => use([new URL(workerOidc.url).host])
});

// The local sign-in server's certificate is made for the run, so no browser trusts it.
test.use({ baseURL: 'http://127.0.0.1:4175/cerulean/', ignoreHTTPSErrors: true });

/** Settings filled in for signing in with the local sign-in server. */
async function fillSignIn(page: Page, emulator: Emulator, oidc: Oidc) {
	await page.goto('settings');
	await page.getByLabel('Endpoint').fill(emulator.url);
	await page.getByLabel('Authentication').selectOption('entra');
	await page.getByLabel('Tenant').fill(oidc.tenant);
	await page.getByLabel('Client ID').fill(oidc.clientId);
	await page.getByLabel('Sign-in host').fill(oidc.url);
}

/** Sign in with Microsoft, through its window. */
async function signIn(page: Page, emulator: Emulator, oidc: Oidc) {
	await fillSignIn(page, emulator, oidc);
	const popup = page.waitForEvent('popup');
	await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
	// The window goes to the sign-in server and back to the app's return page, then closes.
	await (await popup).waitForEvent('close');
	await expect(page.getByRole('status').filter({ hasText: 'Signed in as' })).toContainText(
		`Signed in as ${ACCOUNT.name} (${ACCOUNT.username})`
	);
}

/** Sends and waits for the reply: one more answer, after this question. */
async function ask(page: Page, text: string) {
	const replies = page.getByRole('article', { name: /^assistant/ });
	const before = await replies.count();
	await page.getByLabel('Message', { exact: true }).fill(text);
	await page.getByRole('button', { name: 'Send' }).click();
	await expect(replies).toHaveCount(before + 1);
	await expect(replies.last()).toContainText(`“${text}”`);
}

const bearerOf = (emulator: Emulator) =>
	emulator.requests.map((r) => r.headers.authorization?.replace(/^Bearer /, ''));

test('signing in with Microsoft connects, shows who, and renews the token before it expires without asking again', async ({
	page,
	emulator,
	oidc
}) => {
	// It waits for a token to come due.
	test.setTimeout(60_000);
	// Tokens that MSAL renews 5 minutes before they expire: this one is due in 15 seconds.
	oidc.setLifetime(315);
	await signIn(page, emulator, oidc);
	expect(oidc.grants).toEqual(['authorization_code']);
	await expect(page.getByRole('banner')).toContainText(ACCOUNT.name);

	await page.getByRole('navigation').getByRole('link', { name: 'Ask' }).click();
	await page.getByLabel('Model').fill('gpt-4o');
	await ask(page, 'Hello as Ada');
	const [first] = bearerOf(emulator);
	expect(first?.split('.')).toHaveLength(3);
	expect(oidc.grants).toEqual(['authorization_code']);

	// Once the token is due, the next request renews it with the refresh token: no window, no prompt.
	oidc.setLifetime(3600);
	await page.waitForTimeout(15_500);
	let popups = 0;
	page.on('popup', () => popups++);
	await ask(page, 'Still me?');
	expect(oidc.grants).toEqual(['authorization_code', 'refresh_token']);
	const second = bearerOf(emulator).at(-1);
	expect(second).not.toBe(first);
	await ask(page, 'And again');
	expect(bearerOf(emulator).at(-1)).toBe(second);
	expect(oidc.grants).toHaveLength(2);
	expect(popups).toBe(0);

	// A reload finds the account signed in on this device.
	await page.reload();
	await expect(page.getByRole('banner')).toContainText(ACCOUNT.name);
	await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
});

test('a token past its expiry is refused with Azure’s 401, while the app keeps getting new ones', async ({
	page,
	emulator,
	oidc
}) => {
	// Tokens that last three seconds: each request gets a new one.
	oidc.setLifetime(3);
	await signIn(page, emulator, oidc);
	await page.getByRole('navigation').getByRole('link', { name: 'Ask' }).click();
	await page.getByLabel('Model').fill('gpt-4o');
	await ask(page, 'Quick one');
	const token = bearerOf(emulator).at(-1);
	await page.waitForTimeout(3_500);
	await ask(page, 'And another');
	expect(bearerOf(emulator).at(-1)).not.toBe(token);
	const answer = await page.request.get(`${emulator.url}/openai/models?api-version=2024-10-21`, {
		headers: { Authorization: `Bearer ${token}` }
	});
	expect(answer.status()).toBe(401);
	expect(await answer.json()).toEqual({
		error: {
			code: '401',
			message:
				'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.'
		}
	});
});

test('when the browser blocks the sign-in window, the tab goes to sign in and comes back signed in', async ({
	page,
	emulator,
	oidc
}) => {
	// What a pop-up blocker does to a window a page opens: none opens.
	await page.addInitScript(() => {
		window.open = () => null;
	});
	await fillSignIn(page, emulator, oidc);
	await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Signed in as' })).toContainText(
		`Signed in as ${ACCOUNT.name}`
	);
	expect(new URL(page.url()).pathname).toBe('/cerulean/settings');
	expect(oidc.grants).toEqual(['authorization_code']);
	await page.getByRole('navigation').getByRole('link', { name: 'Ask' }).click();
	await page.getByLabel('Model').fill('gpt-4o');
	await ask(page, 'Back from the redirect');
});

test('signing out forgets the account: the header and Ask say to sign in, and nothing is sent', async ({
	page,
	emulator,
	oidc
}) => {
	await signIn(page, emulator, oidc);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Signed out' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Sign in with Microsoft' })).toBeVisible();
	await expect(page.getByRole('banner')).not.toContainText(ACCOUNT.name);
	await expect(page.getByRole('banner')).toContainText('sign in needed');
	await page.getByRole('navigation').getByRole('link', { name: 'Ask' }).click();
	await expect(page.getByText('Not signed in. Sign in with Microsoft in Settings')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
	expect(emulator.requests).toHaveLength(0);
});

test('Clear all data signs out and leaves nothing of the sign-in in the browser', async ({
	page,
	emulator,
	oidc
}) => {
	await signIn(page, emulator, oidc);
	const msalKeys = () =>
		page.evaluate(() =>
			[...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) =>
				k.startsWith('msal.')
			)
		);
	expect(await msalKeys()).not.toEqual([]);
	await page.getByRole('button', { name: 'Clear all data' }).click();
	await page.getByRole('button', { name: 'Delete everything' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'was deleted' })).toBeVisible();
	expect(await msalKeys()).toEqual([]);
	await page.reload();
	await expect(page.getByRole('banner')).toContainText('Not connected');
	await expect(page.getByRole('banner')).not.toContainText(ACCOUNT.name);
});
