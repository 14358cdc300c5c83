import { test as base, expect, type Page, type Request } from '@playwright/test';
import { createEmulator } from '../emulator/server.js';

export type Emulator = Awaited<ReturnType<typeof createEmulator>>;

interface Fixtures {
	/** This worker's emulator, emptied of failures, replies and logged requests. */
	emulator: Emulator;
	/** Hosts a test deliberately points the app at, besides the app and the emulator. */
	extraHosts: string[];
}

/**
 * Every test gets a fresh emulator state, and fails if its page asked any host other than the
 * app and the emulator: Cerulean makes no third-party requests.
 */
export const test = base.extend<Fixtures, { workerEmulator: Emulator }>({
	workerEmulator: [
		// eslint-disable-next-line no-empty-pattern
		async ({}, use) => {
			const emulator = await createEmulator();
			await use(emulator);
			await emulator.close();
		},
		{ scope: 'worker' }
	],
	emulator: async ({ workerEmulator }, use) => {
		workerEmulator.reset();
		await use(workerEmulator);
	},
	extraHosts: [[], { option: true }],
	context: async ({ context, baseURL, workerEmulator, extraHosts }, use) => {
		const allowed = new Set([
			new URL(baseURL ?? '').host,
			new URL(workerEmulator.url).host,
			...extraHosts
		]);
		// Noted, not intercepted: intercepting every request (context.route) passes each upload
		// through the test runner, five seconds for a 19 MB part. The browser cannot reach other
		// hosts anyway (--host-resolver-rules in tests/chromium.js).
		const thirdParty = new Set<Request>();
		context.on('request', (request) => {
			const url = new URL(request.url());
			if (/^https?:$/.test(url.protocol) && !allowed.has(url.host)) thirdParty.add(request);
		});
		// What the page's own policy stopped never left it.
		context.on('requestfailed', (request) => {
			if (/^csp$|BLOCKED_BY_CSP/.test(request.failure()?.errorText ?? ''))
				thirdParty.delete(request);
		});
		await use(context);
		expect(
			[...thirdParty].map((request) => request.url()),
			'requests to third-party hosts'
		).toEqual([]);
	}
});

export { expect };

/** Fills and saves Settings with the emulator's connection. */
export async function connect(
	page: Page,
	emulator: Emulator,
	options: { remember?: boolean; apiVersion?: string; entra?: boolean } = {}
) {
	await page.goto('settings');
	await page.getByLabel('Endpoint').fill(emulator.url);
	await page.getByLabel('Authentication').selectOption(options.entra ? 'entra' : 'api-key');
	await page
		.getByLabel('Token', { exact: true })
		.fill(options.entra ? emulator.entraToken : emulator.key);
	if (options.apiVersion) await page.getByLabel('API version').selectOption(options.apiVersion);
	await page.getByLabel('Remember token on this device').setChecked(options.remember ?? true);
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
}

/**
 * Leaves the settings as the first version of Cerulean kept them: one `connection` record in a
 * version 1 database, written from a file of the app's origin before the app opens it. The app
 * moves it forward when it opens (settings.e2e.ts checks that it does, field by field).
 */
export async function savedByTheFirstVersion(page: Page, connection: unknown) {
	await page.goto('favicon.svg');
	await page.evaluate(
		(value) =>
			new Promise<void>((resolve, reject) => {
				indexedDB.deleteDatabase('cerulean-settings');
				const open = indexedDB.open('cerulean-settings', 1);
				open.onupgradeneeded = () => open.result.createObjectStore('keyval');
				open.onsuccess = () => {
					const tx = open.result.transaction('keyval', 'readwrite');
					tx.objectStore('keyval').put(value, 'connection');
					tx.oncomplete = () => resolve(open.result.close());
					tx.onerror = () => reject(tx.error);
				};
				open.onerror = () => reject(open.error);
			}),
		connection
	);
}

/**
 * Opens a feature page with the emulator connected. The connection is written to storage rather
 * than typed into Settings (which settings.e2e.ts and `connect` cover): a second saved for every
 * test that is about another page.
 */
async function openConnected(page: Page, emulator: Emulator, path: string, apiVersion?: string) {
	await savedByTheFirstVersion(page, {
		version: 1,
		endpoint: emulator.url,
		auth: 'api-key',
		apiVersion: apiVersion ?? '2024-10-21',
		rememberToken: true,
		token: emulator.key
	});
	await page.goto(path);
}

/** Opens Ask with the emulator connected and a deployment chosen. */
export async function openAsk(
	page: Page,
	emulator: Emulator,
	deployment = 'gpt-4o',
	options: { apiVersion?: string } = {}
) {
	await openConnected(page, emulator, 'ask', options.apiVersion);
	await page.getByLabel('Model').fill(deployment);
}

/** Opens Create Image on an API version gpt-image-1 takes, with that deployment chosen. */
export async function openImage(page: Page, emulator: Emulator, deployment = 'gpt-image-1') {
	await openConnected(page, emulator, 'image', '2025-04-01-preview');
	await page.getByLabel('Model').fill(deployment);
}

/** Opens Transcribe with whisper chosen and this audio file picked. */
export async function openTranscribe(
	page: Page,
	emulator: Emulator,
	file: { name: string; mimeType: string; buffer: Buffer }
) {
	await openConnected(page, emulator, 'transcribe');
	await page.getByLabel('Model').fill('whisper');
	await page.getByLabel('File').setInputFiles(file);
}

/** The pictures of the last generation. */
export const results = (page: Page) => page.getByRole('region', { name: 'Results' });

export async function send(page: Page, text: string) {
	await page.getByLabel('Message', { exact: true }).fill(text);
	await page.getByRole('button', { name: 'Send', exact: true }).click();
}

export const log = (page: Page) => page.getByRole('log', { name: 'Conversation' });
export const assistant = (page: Page) => log(page).getByRole('article', { name: /^assistant/ });

/** Scrolls the conversation to its start with the mouse wheel, a screen at a time, as a reader would. */
export async function readUpwards(page: Page) {
	const scroller = page.locator('.scroller');
	const box = await scroller.boundingBox();
	if (!box) throw new Error('no conversation on screen');
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	for (let step = 0; step < 200; step++) {
		if ((await scroller.evaluate((el) => el.scrollTop)) === 0) return;
		await page.mouse.wheel(0, -Math.round(box.height * 0.8));
		// One frame for the wheel to land, as a reader's eye would take.
		await scroller.evaluate(() => new Promise(requestAnimationFrame));
	}
	throw new Error('the conversation never reached its start');
}
export const chatCalls = (emulator: Emulator) =>
	emulator.requests.filter((r) => r.path.endsWith('/chat/completions'));
export const lastChat = (emulator: Emulator) => chatCalls(emulator).at(-1);

/** Opens the Parameters panel of Ask, unless it is open already (it is remembered). */
export async function openParameters(page: Page) {
	const toggle = page.getByRole('button', { name: /^Parameters/ });
	if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
	await expect(page.getByRole('complementary', { name: 'Parameters' })).toBeVisible();
}

/** Opens Ask with a JSON-schema Response Format of this name and schema. */
export async function askForSchema(
	page: Page,
	emulator: Emulator,
	name: string,
	schema: Record<string, unknown>
) {
	await openAsk(page, emulator);
	await openParameters(page);
	await page.getByLabel('Response Format').selectOption('json_schema');
	await page.getByLabel('Schema name').fill(name);
	await page.getByLabel('JSON schema for the reply').fill(JSON.stringify(schema));
}

/** Offers these functions to the model (the checkboxes under Parameters). */
export async function offerFunctions(page: Page, names: string[]) {
	for (const name of names) {
		await page.getByRole('checkbox', { name: new RegExp(`^${name}`) }).check();
	}
}

/** A stored conversation holding `messages`, as an exported file carries it. */
export const conversationOf = (id: string, title: string, messages: object[]) => ({
	id,
	title,
	createdAt: 1,
	updatedAt: 1,
	deployment: 'gpt-4o',
	systemMessage: '',
	params: {},
	messages
});

/** Imports a conversation through Import JSON, as an exported file would carry it. */
export async function importConversation(page: Page, conversation: object, name = 'import.json') {
	await page.getByLabel('Import JSON').setInputFiles({
		name,
		mimeType: 'application/json',
		buffer: Buffer.from(
			JSON.stringify({ format: 'cerulean.conversation', version: 1, conversation })
		)
	});
}
