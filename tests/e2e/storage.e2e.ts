import type { Page } from '@playwright/test';
import { assistant, connect, expect, log, openAsk, send, test } from './fixtures';

// What the browser's storage can do to a page: refuse to open at all (private windows, a policy),
// or refuse writes (a full disk). The app keeps working for the tab and says what is not kept.

/** Every IndexedDB open fails, as in a browser whose storage is blocked. */
function refuseStorage(page: Page) {
	return page.addInitScript(() => {
		IDBFactory.prototype.open = function () {
			const request: { onerror?: () => void; error: DOMException } = {
				error: new DOMException(
					'A mutation operation was attempted on a database that did not allow mutations.',
					'InvalidStateError'
				)
			};
			setTimeout(() => request.onerror?.());
			return request as unknown as IDBOpenDBRequest;
		};
	});
}

/** After `fillStorage`, every write and delete fails as on a full disk. */
function failingWrites(page: Page) {
	return page.addInitScript(() => {
		const full = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		for (const name of ['put', 'add', 'delete', 'clear'] as const) {
			const original = IDBObjectStore.prototype[name] as (...args: unknown[]) => IDBRequest;
			(IDBObjectStore.prototype as unknown as Record<string, unknown>)[name] = function (
				this: IDBObjectStore,
				...args: unknown[]
			) {
				if ((window as unknown as { __full?: boolean }).__full) throw full();
				return original.apply(this, args);
			};
		}
	});
}
const fillStorage = (page: Page) =>
	page.evaluate(() => ((window as unknown as { __full?: boolean }).__full = true));

test('with storage blocked, every page works for the tab and says nothing is kept', async ({
	page,
	emulator
}) => {
	await refuseStorage(page);
	await page.goto('settings');
	await page.getByLabel('Endpoint').fill(emulator.url);
	await page.getByLabel('Token', { exact: true }).fill(emulator.key);
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Saved for this tab only' })
	).toBeVisible();
	const notice = page
		.getByRole('alert')
		.filter({ hasText: 'Nothing is kept after this tab closes' });
	await expect(notice).toContainText('did not allow mutations');

	// The connection is used: Ask sends and the conversation is listed, in memory.
	await page.getByRole('navigation').getByRole('link', { name: 'Ask' }).click();
	await page.getByLabel('Model').fill('gpt-4o');
	await send(page, 'Hello from a private window');
	await expect(assistant(page)).toContainText(/\w/);
	await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeEnabled();
	await expect(page.getByRole('list', { name: 'Conversations' })).toContainText(
		'Hello from a private window'
	);
	await expect(notice).toBeVisible();
	await notice.getByRole('button', { name: 'Dismiss' }).click();
	await expect(notice).toHaveCount(0);
});

test('with the disk full, a failed delete or save says so and nothing already stored is lost', async ({
	page,
	emulator
}) => {
	await failingWrites(page);
	await openAsk(page, emulator);
	await send(page, 'Keep me');
	await expect(assistant(page)).toContainText(/\w/);
	await expect(page.getByRole('list', { name: 'Conversations' })).toContainText('Keep me');
	await fillStorage(page);

	// Deleting fails: it says so, and the conversation stays, listed and stored.
	await page.getByRole('button', { name: 'Delete conversation' }).click();
	await page
		.getByRole('group', { name: 'Delete this conversation?' })
		.getByRole('button', { name: 'Delete' })
		.click();
	await expect(page.getByRole('alert').filter({ hasText: 'could not be deleted' })).toContainText(
		'quota'
	);
	await expect(page.getByRole('list', { name: 'Conversations' })).toContainText('Keep me');
	// What is on screen stays, stored or not (the reply's own save may already have failed).
	await expect(assistant(page)).toHaveCount(1);
	await expect(assistant(page)).toContainText(/\w/);

	// A new library function that cannot be kept is not shown as kept.
	await page.getByRole('button', { name: /^Parameters/ }).click();
	await page.getByText('Function library').click();
	await page.getByLabel('Function name').fill('lookup_order');
	await page.getByLabel('Function parameters (JSON Schema)').fill('{"type":"object"}');
	await page.getByRole('button', { name: 'Add function' }).click();
	await expect(
		page.getByRole('alert').filter({ hasText: 'function library could not be saved' })
	).toBeVisible();

	// Sending again: the reply is on screen, and the failed save is reported.
	await send(page, 'And this one?');
	await expect(assistant(page).nth(1)).toContainText(/\w/);
	await expect(page.getByRole('alert').filter({ hasText: 'Could not save' })).toBeVisible();

	await page.reload();
	await expect(page.getByRole('list', { name: 'Conversations' })).toContainText('Keep me');
	await expect(log(page).getByRole('article', { name: /^user/ }).first()).toContainText('Keep me');
});

test('with the disk full, deleting a picture says so and keeps it', async ({ page, emulator }) => {
	await failingWrites(page);
	await connect(page, emulator, { apiVersion: '2025-04-01-preview' });
	await page.getByRole('navigation').getByRole('link', { name: 'Create Image' }).click();
	await page.getByLabel('Model').fill('dall-e-3');
	await page.getByLabel('Prompt').fill('a lighthouse');
	await page.getByRole('button', { name: 'Generate' }).click();
	const gallery = page.getByRole('region', { name: /^Gallery/ });
	await expect(gallery.getByRole('img')).toHaveCount(1);
	await fillStorage(page);
	await gallery.getByRole('button', { name: 'Delete', exact: true }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'could not be deleted' })).toBeVisible();
	await expect(gallery.getByRole('img')).toHaveCount(1);
});

test('a newer Cerulean in another tab is not held up, and its data is left alone by this one', async ({
	page,
	context,
	emulator
}) => {
	await openAsk(page, emulator);
	await send(page, 'Written before the update');
	await expect(assistant(page)).toContainText(/\w/);

	// Another tab runs a newer version, whose conversations are at schema version 50.
	const newer = await context.newPage();
	await newer.goto('settings');
	const upgraded = await newer.evaluate(
		() =>
			new Promise<string>((resolve) => {
				const request = indexedDB.open('cerulean-conversations', 50);
				request.onupgradeneeded = () =>
					request.transaction?.objectStore('keyval').put({ from: 'the future' }, 'future');
				request.onsuccess = () => {
					request.result.close();
					resolve('upgraded');
				};
				request.onblocked = () => resolve('blocked');
			})
	);
	expect(upgraded).toBe('upgraded');

	const notice = page.getByRole('alert').filter({ hasText: 'updated in another tab' });
	await expect(notice).toBeVisible();
	// This tab still works, from memory, and what it had is still on screen.
	await send(page, 'Written after the update');
	await expect(assistant(page)).toHaveCount(2);
	await expect(assistant(page).last()).toContainText(/\w/);
	await expect(log(page)).toContainText('Written before the update');

	await notice.getByRole('button', { name: 'Reload' }).click();
	await expect(
		page.getByRole('alert').filter({ hasText: 'saved by a newer version of Cerulean' })
	).toBeVisible();
	await page.getByLabel('Model').fill('gpt-4o');
	await send(page, 'Still working');
	await expect(assistant(page)).toContainText(/\w/);

	const stored = await newer.evaluate(
		() =>
			new Promise<{ version: number; keys: IDBValidKey[] }>((resolve) => {
				const request = indexedDB.open('cerulean-conversations');
				request.onsuccess = () => {
					const db = request.result;
					const keys = db.transaction('keyval').objectStore('keyval').getAllKeys();
					keys.onsuccess = () => resolve({ version: db.version, keys: keys.result });
				};
			})
	);
	expect(stored.version).toBe(50);
	// The newer version's record, and the conversation written before it: nothing added or lost.
	expect(stored.keys).toHaveLength(2);
	expect(stored.keys).toContain('future');
});

test('inside another site’s frame, where the browser never opens storage, the app starts from memory', async ({
	page
}) => {
	// A frame under a page of no origin: Chromium neither opens nor refuses IndexedDB there.
	const app = new URL('settings', test.info().project.use.baseURL).href;
	await page.setContent(
		`<iframe title="framed" src="${app}" style="width:100%;height:600px"></iframe>`
	);
	const frame = page.frameLocator('iframe[title="framed"]');
	await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Settings', {
		timeout: 15_000
	});
	await expect(frame.getByRole('alert').filter({ hasText: 'Nothing is kept' })).toContainText(
		'did not open its storage'
	);
});
