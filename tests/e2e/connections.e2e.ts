// Several connections (profiles): e.g. chat on one Azure resource and pictures on another. Each
// page picks its own with the Connection select, and remembers it. Two emulators on two ports
// stand in for two resources, each with its own key.
import type { Page } from '@playwright/test';
import { createEmulator } from '../emulator/server.js';
import { assistant, connect, expect, results, send, test as base, type Emulator } from './fixtures';

const test = base.extend<{ second: Emulator }, { workerSecond: Emulator }>({
	workerSecond: [
		// eslint-disable-next-line no-empty-pattern
		async ({}, use) => {
			const second = await createEmulator({ key: 'second-resource-key' });
			await use(second);
			await second.close();
		},
		{ scope: 'worker' }
	],
	second: async ({ workerSecond }, use) => {
		workerSecond.reset();
		await use(workerSecond);
	},
	extraHosts: async ({ workerSecond }, use) => use([new URL(workerSecond.url).host])
});

const picker = (page: Page) => page.getByRole('combobox', { name: 'Connection', exact: true });

/** Saves the emulator as a first connection, then the second as another, named "Pictures". */
async function twoConnections(page: Page, emulator: Emulator, second: Emulator) {
	await connect(page, emulator, { apiVersion: '2025-04-01-preview' });
	// One connection: no select to pick from.
	await expect(picker(page)).toHaveCount(0);
	await page.getByRole('button', { name: 'Add connection' }).click();
	await expect(page.getByRole('heading', { name: 'New connection' })).toBeVisible();
	await expect(page.getByLabel('Connection name')).toBeFocused();
	await expect(page.getByLabel('Endpoint')).toHaveValue('');
	await page.getByLabel('Connection name').fill('Pictures');
	await page.getByLabel('Endpoint').fill(second.url);
	await page.getByLabel('Token', { exact: true }).fill(second.key);
	await page.getByLabel('API version').selectOption('2025-04-01-preview');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
	await expect(picker(page)).toHaveValue(/./);
	await expect(picker(page).locator('option:checked')).toHaveText('Pictures');
}

const keysSeen = (emulator: Emulator) => emulator.requests.map((r) => r.headers['api-key']);

test('each page uses the connection picked for it, and keeps it after a reload', async ({
	page,
	emulator,
	second
}) => {
	await twoConnections(page, emulator, second);
	const first = new URL(emulator.url).host;

	// Ask has not picked one: it uses the first.
	await page.getByRole('navigation').getByRole('link', { name: 'Ask' }).click();
	await expect(picker(page).locator('option:checked')).toHaveText(first);
	await page.getByLabel('Model').fill('gpt-4o');
	await send(page, 'Which resource answers?');
	await expect(assistant(page)).toContainText('Which resource answers?');

	// Create Image picks the other one (once it is the page shown: the header's picker and a
	// Model field are on both).
	await page.getByRole('navigation').getByRole('link', { name: 'Create Image' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Create Image' })).toBeVisible();
	await picker(page).selectOption({ label: 'Pictures' });
	await page.getByLabel('Model').fill('gpt-image-1');
	await page.getByLabel('Prompt').fill('a lighthouse at dusk');
	await page.getByRole('button', { name: 'Generate' }).click();
	await expect(results(page).getByRole('img')).toHaveCount(1);

	// Each resource heard only its own page, with its own key.
	expect(emulator.requests.map((r) => r.path)).toEqual([
		expect.stringMatching(/\/chat\/completions$/)
	]);
	expect(second.requests.map((r) => r.path)).toEqual([
		expect.stringMatching(/\/images\/generations$/)
	]);
	expect(keysSeen(emulator)).toEqual([emulator.key]);
	expect(keysSeen(second)).toEqual(['second-resource-key']);

	// Remembered per page, across a reload.
	await page.reload();
	await expect(picker(page).locator('option:checked')).toHaveText('Pictures');
	await page.getByRole('navigation').getByRole('link', { name: 'Ask' }).click();
	await expect(picker(page).locator('option:checked')).toHaveText(first);
	await send(page, 'Still the first?');
	await expect(assistant(page).nth(1)).toContainText('Still the first?');
	expect(emulator.requests).toHaveLength(2);
	expect(second.requests).toHaveLength(1);
});

test('Settings shows the connection picked, edits it, and removes it after asking', async ({
	page,
	emulator,
	second
}) => {
	await twoConnections(page, emulator, second);
	await expect(page.getByLabel('Endpoint')).toHaveValue(second.url);

	// Picking the first shows it in the form.
	await picker(page).selectOption({ index: 0 });
	await expect(page.getByLabel('Endpoint')).toHaveValue(emulator.url);
	await expect(page.getByLabel('Connection name')).toHaveValue(new URL(emulator.url).host);

	// A name another connection has is refused beside the field, and nothing is saved.
	await page.getByLabel('Connection name').fill('pictures');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByText('Another connection is already called "pictures"')).toBeVisible();
	await expect(page.getByLabel('Connection name')).toHaveAttribute('aria-invalid', 'true');
	await page.getByLabel('Connection name').fill('Chat (Sweden Central)');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
	await expect(picker(page).locator('option')).toHaveText(['Chat (Sweden Central)', 'Pictures']);

	// Create Image picks Pictures; then Pictures is removed, after a question.
	await page.getByRole('navigation').getByRole('link', { name: 'Create Image' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Create Image' })).toBeVisible();
	await picker(page).selectOption({ label: 'Pictures' });
	await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
	await picker(page).selectOption({ label: 'Pictures' });
	await expect(page.getByLabel('Endpoint')).toHaveValue(second.url);
	await page.getByRole('button', { name: 'Remove connection' }).click();
	const dialog = page.getByRole('dialog', { name: 'Remove the connection "Pictures"?' });
	await expect(dialog).toContainText('Conversations, images and transcripts stay.');
	await dialog.getByRole('button', { name: 'Remove connection' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Removed the connection' })
	).toBeVisible();

	// One left: no select, and every page uses it, Create Image too.
	await expect(picker(page)).toHaveCount(0);
	await expect(page.getByLabel('Endpoint')).toHaveValue(emulator.url);
	await page.getByRole('navigation').getByRole('link', { name: 'Create Image' }).click();
	// There before the reload: the router loads the page's code before it changes the address.
	await expect(page).toHaveURL(/\/image$/);
	await expect(page.getByRole('banner')).toContainText(new URL(emulator.url).host);
	await page.reload();
	await expect(page.getByRole('banner')).toContainText(new URL(emulator.url).host);
	await expect(page.getByRole('button', { name: 'Generate' })).toBeEnabled();
});

test('a new connection can be abandoned and keeps nothing; a name taken from the host follows it', async ({
	page,
	emulator
}) => {
	await connect(page, emulator);
	await page.getByRole('button', { name: 'Add connection' }).click();
	await page.getByLabel('Endpoint').fill('https://other.openai.azure.com');
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('heading', { name: 'Connection', exact: true })).toBeVisible();
	await expect(page.getByLabel('Endpoint')).toHaveValue(emulator.url);
	await page.reload();
	await expect(picker(page)).toHaveCount(0);
	await expect(page.getByLabel('Endpoint')).toHaveValue(emulator.url);

	// Called after its host, it follows a new endpoint; a name of its own stays.
	const port = new URL(emulator.url).port;
	await page.getByLabel('Endpoint').fill(`http://localhost:${port}`);
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByLabel('Connection name')).toHaveValue(`localhost:${port}`);
	await page.getByLabel('Connection name').fill('Emulator');
	await page.getByLabel('Endpoint').fill(emulator.url);
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
	await expect(page.getByLabel('Connection name')).toHaveValue('Emulator');
});

test('a Compare column asks through a connection of its own, kept with the run and into Ask', async ({
	page,
	emulator,
	second
}) => {
	await twoConnections(page, emulator, second);
	await page.getByRole('navigation').getByRole('link', { name: 'Compare' }).click();
	await page.getByRole('region', { name: 'Column 1' }).getByLabel('Model').fill('gpt-4o');
	await page.getByRole('region', { name: 'Column 2' }).getByLabel('Model').fill('chat-mini');
	const other = page.getByRole('region', { name: 'chat-mini' });
	await other.getByRole('combobox', { name: 'Connection' }).selectOption({ label: 'Pictures' });
	await page.getByLabel('Message', { exact: true }).fill('Which resource answers?');
	await page.getByRole('button', { name: 'Send', exact: true }).click();
	for (const name of ['gpt-4o', 'chat-mini']) {
		await expect(
			page.getByRole('region', { name }).getByRole('list', { name: 'Figures' })
		).toBeVisible();
	}
	// Each resource heard its own column, with its own key.
	expect(emulator.requests.map((r) => r.path)).toEqual([
		expect.stringMatching(/\/deployments\/gpt-4o\/chat\/completions$/)
	]);
	expect(second.requests.map((r) => r.path)).toEqual([
		expect.stringMatching(/\/deployments\/chat-mini\/chat\/completions$/)
	]);
	expect(keysSeen(second)).toEqual(['second-resource-key']);

	await page.reload();
	await expect(
		other.getByRole('combobox', { name: 'Connection' }).locator('option:checked')
	).toHaveText('Pictures');
	// Going on in Ask goes on with the same resource.
	await other.getByRole('button', { name: 'Continue in Ask' }).click();
	await expect(page).toHaveURL(/\/ask$/);
	await expect(picker(page).locator('option:checked')).toHaveText('Pictures');
	await send(page, 'And again?');
	await expect.poll(() => second.requests.length).toBe(2);
	expect(emulator.requests).toHaveLength(1);
});
