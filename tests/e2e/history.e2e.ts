// Long histories: a conversation opens at its end with only its last messages drawn, earlier ones
// come as the reader scrolls up, its replies are drawn from the HTML kept on the first visit, and a
// search finds words said in any conversation.
import type { Page } from '@playwright/test';
import {
	assistant,
	conversationOf,
	expect,
	importConversation as importFile,
	log,
	openAsk,
	readUpwards,
	send,
	test
} from './fixtures';

/** An exported conversation of `count` messages, every reply with a heading, a list and code. */
function exported(count: number) {
	const messages = Array.from({ length: count }, (_, i) =>
		i % 2 === 0
			? { id: `m${i}`, role: 'user', content: `Question ${i}`, createdAt: 1000 + i }
			: {
					id: `m${i}`,
					role: 'assistant',
					status: 'done',
					createdAt: 1000 + i,
					content: `## Answer ${i}\n\n- first point\n- second point\n\n\`\`\`python\ndef answer_${i}():\n    return ${i}\n\`\`\`\n\nEnd of answer ${i}.`
				}
	);
	return {
		format: 'cerulean.conversation',
		version: 1,
		conversation: {
			id: 'long-history',
			title: 'A long history',
			createdAt: 1000,
			updatedAt: 2000,
			deployment: 'gpt-4o',
			systemMessage: '',
			params: {},
			messages
		}
	};
}

async function importConversation(page: Page, count: number) {
	await page.locator('input[type="file"][accept*="json"]').setInputFiles({
		name: 'long.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(exported(count)))
	});
}

/** The keys a store of this device holds: by default, the drawn replies it keeps. */
const keptKeys = (page: Page, database = 'cerulean-rendered') =>
	page.evaluate(
		(name) =>
			new Promise<string[]>((resolve, reject) => {
				const open = indexedDB.open(name);
				open.onupgradeneeded = () => open.result.createObjectStore('keyval');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const keys = open.result.transaction('keyval').objectStore('keyval').getAllKeys();
					keys.onsuccess = () => resolve(keys.result.map(String));
					open.result.close();
				};
			}),
		database
	);

test('a long conversation opens at its end and draws earlier messages as the reader scrolls up', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	await importConversation(page, 60);
	const messages = log(page).getByRole('article');
	await expect(assistant(page).last()).toContainText('End of answer 59.');
	await expect(assistant(page).last()).toBeInViewport();
	// Only the last few are drawn; the rest wait.
	expect(await messages.count()).toBeLessThan(20);
	const earlier = page.getByRole('button', { name: /^Show earlier messages \(\d+\)$/ });
	await expect(earlier).toBeVisible();

	// Scrolling up draws the earlier ones before the reader reaches the top.
	const scroller = page.locator('.scroller');
	await expect(async () => {
		// A reader flicking up: each step near the top draws a few more.
		await scroller.evaluate(async (el) => {
			for (let i = 0; i < 10; i++) {
				el.scrollBy(0, -100_000);
				await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
			}
		});
		await expect(messages).toHaveCount(60, { timeout: 500 });
	}).toPass();
	await expect(messages.first()).toContainText('Question 0');
	await expect(earlier).toHaveCount(0);
	await expect(messages).toHaveCount(60);

	// Another conversation and back: it opens at its end again, with only its last messages drawn.
	await page.getByRole('button', { name: 'New conversation' }).click();
	await expect(messages).toHaveCount(0);
	await page
		.getByRole('list', { name: 'Conversations' })
		.getByRole('button', { name: /A long history/ })
		.click();
	await expect(assistant(page).last()).toContainText('End of answer 59.');
	await expect(earlier).toBeVisible();
	const drawn = await messages.count();
	expect(drawn).toBeLessThan(20);
	// What is said next is added below; nothing drawn above goes away.
	await send(page, 'One more question');
	await expect(assistant(page).last()).toContainText('One more question');
	await expect(messages).toHaveCount(drawn + 2);
});

test('replies drawn once are drawn from what was kept after a reload, and go when the conversation is deleted', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	await importConversation(page, 12);
	await expect(assistant(page).last().locator('code.hljs')).toBeVisible();
	await expect.poll(async () => (await keptKeys(page)).length).toBeGreaterThan(0);

	// After a reload the replies come back highlighted without the Markdown renderer being fetched:
	// it is the module that carries the sanitizer and its options.
	const scripts: string[] = [];
	page.on('response', async (response) => {
		if (response.url().endsWith('.js')) scripts.push(await response.text().catch(() => ''));
	});
	await page.reload();
	await expect(assistant(page).last().locator('code.hljs')).toBeVisible();
	await expect(assistant(page).last().getByRole('heading', { name: 'Answer 11' })).toBeVisible();
	await page.waitForLoadState('networkidle');
	expect(scripts.length).toBeGreaterThan(0);
	expect(scripts.filter((body) => body.includes('ALLOW_DATA_ATTR'))).toHaveLength(0);

	// Deleting the conversation deletes what was kept of it.
	await page.getByRole('button', { name: 'Delete conversation' }).click();
	await page
		.getByRole('group', { name: 'Delete this conversation?' })
		.getByRole('button', { name: 'Delete' })
		.click();
	await expect(page.getByRole('list', { name: 'Conversations' })).toHaveCount(0);
	await expect.poll(() => keptKeys(page)).toEqual([]);
});

test('a reloaded or reopened conversation shows its replies drawn at once, never first as Markdown source or after an empty welcome', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	// Two conversations with replies of their own, each drawn once and so kept.
	const other = exported(12);
	other.conversation.id = 'other-history';
	other.conversation.title = 'Another history';
	for (const message of other.conversation.messages) {
		message.content = message.content.replace('Answer', 'Reply');
	}
	await page.locator('input[type="file"][accept*="json"]').setInputFiles({
		name: 'other.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(other))
	});
	await expect(assistant(page).last().getByRole('heading', { name: 'Reply 11' })).toBeVisible();
	await expect.poll(async () => (await keptKeys(page)).length).toBeGreaterThanOrEqual(5);
	await importConversation(page, 12);
	await expect(assistant(page).last().getByRole('heading', { name: 'Answer 11' })).toBeVisible();
	await expect.poll(async () => (await keptKeys(page)).length).toBeGreaterThanOrEqual(10);

	// Everything put on the page: a reply's Markdown source shown as text, or the welcome of an
	// empty conversation, is what must not be.
	await page.addInitScript(() => {
		const shown: string[] = [];
		Object.assign(window, { wronglyShown: shown });
		new MutationObserver((records) => {
			for (const record of records) {
				for (const node of record.addedNodes) {
					if (!(node instanceof Element)) continue;
					for (const plain of [node, ...node.querySelectorAll('*')]) {
						if (plain.matches('[aria-label^="assistant"] .markdown > p.plain'))
							shown.push(plain.textContent ?? '');
						if (plain.matches('[aria-label="Ideas to start with"]')) shown.push('the welcome');
					}
				}
			}
		}).observe(document, { childList: true, subtree: true });
	});
	const wronglyShown = () =>
		page.evaluate(() => (window as unknown as { wronglyShown: string[] }).wronglyShown);

	await page.reload();
	await expect(assistant(page).last().getByRole('heading', { name: 'Answer 11' })).toBeVisible();
	await expect(assistant(page).last().locator('code.hljs')).toBeVisible();
	expect(await wronglyShown()).toEqual([]);

	// The other one, picked from the list: its replies are read from what was kept, as drawn.
	await page
		.getByRole('list', { name: 'Conversations' })
		.getByRole('button', { name: /Another history/ })
		.click();
	await expect(assistant(page).last().getByRole('heading', { name: 'Reply 11' })).toBeVisible();
	await expect(assistant(page).last().locator('code.hljs')).toBeVisible();
	expect(await wronglyShown()).toEqual([]);
});

test('a conversation with nothing kept, opened on a fresh load, never flashes its Markdown source', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	await importConversation(page, 12);
	await expect(assistant(page).last().locator('code.hljs')).toBeVisible();

	// Nothing kept (as for a conversation stored by another version, or whose kept HTML was
	// cleared), and a fresh load: the renderer is fetched before any reply can be drawn.
	await page.addInitScript(() => {
		indexedDB.deleteDatabase('cerulean-rendered');
		const seen: string[] = [];
		Object.assign(window, { sourceSeen: seen });
		// Each frame, before it is drawn: a reply's Markdown source that this frame would show.
		const look = () => {
			if (!document.body?.classList.contains('mounting')) {
				for (const plain of document.querySelectorAll('.markdown > p.plain')) {
					if (
						plain.textContent?.includes('## Answer') &&
						getComputedStyle(plain).visibility === 'visible'
					)
						seen.push(plain.textContent.slice(0, 20));
				}
			}
			requestAnimationFrame(look);
		};
		requestAnimationFrame(look);
	});
	await page.reload();
	await expect(assistant(page).last().getByRole('heading', { name: 'Answer 11' })).toBeVisible();
	await expect(assistant(page).last().locator('code.hljs')).toBeVisible();
	expect(
		await page.evaluate(() => (window as unknown as { sourceSeen: string[] }).sourceSeen)
	).toEqual([]);
});

test('a search finds a conversation by words said in it, among many', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	for (let i = 0; i < 3; i++) {
		const file = exported(4);
		file.conversation.id = `c${i}`;
		file.conversation.title = `Chat ${i}`;
		file.conversation.messages[1]!.content = `The secret word is ${['apple', 'pear', 'plum'][i]}.`;
		await page.locator('input[type="file"][accept*="json"]').setInputFiles({
			name: `c${i}.json`,
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify(file))
		});
		await expect(assistant(page).first()).toContainText('secret word');
	}
	// Shown at once, stored a moment later: reload once all three are kept.
	for (const database of ['cerulean-conversations', 'cerulean-summaries']) {
		await expect.poll(async () => (await keptKeys(page, database)).length).toBe(3);
	}
	await page.reload();
	const list = page.getByRole('list', { name: 'Conversations' });
	await expect(list.getByRole('listitem')).toHaveCount(3);
	await page.getByLabel('Search conversations').fill('PEAR');
	await expect(list.getByRole('listitem')).toHaveCount(1);
	await list.getByRole('button', { name: /Chat 1/ }).click();
	await expect(assistant(page).first()).toContainText('The secret word is pear.');
});

test('a long list of conversations lists the newest at once and more as it is scrolled', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	// 150 conversations stored as an earlier visit left them, newest last made.
	await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const open = indexedDB.open('cerulean-conversations');
			open.onupgradeneeded = () => open.result.createObjectStore('keyval');
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const tx = db.transaction('keyval', 'readwrite');
		for (let i = 0; i < 150; i++) {
			const at = 1_700_000_000_000 + i * 60_000;
			tx.objectStore('keyval').put(
				{
					id: `c${i}`,
					title: `Conversation number ${i}`,
					createdAt: at,
					updatedAt: at,
					deployment: 'gpt-4o',
					systemMessage: '',
					params: {},
					messages: [{ id: `c${i}-m0`, role: 'user', content: `Question ${i}`, createdAt: at }]
				},
				`c${i}`
			);
		}
		await new Promise((resolve, reject) => {
			tx.oncomplete = resolve;
			tx.onerror = () => reject(tx.error);
		});
		db.close();
	});
	await page.reload();
	const list = page.getByRole('list', { name: 'Conversations' });
	const items = list.getByRole('listitem');
	await expect(items).toHaveCount(30);
	await expect(items.first()).toContainText('Conversation number 149');
	await expect(items.last()).toContainText('Conversation number 120');
	// Scrolling the list near its end lists the next hundred.
	await page
		.locator('#conversations-pane')
		.evaluate((pane) => pane.scrollTo({ top: pane.scrollHeight }));
	await expect(items).toHaveCount(130);
	await expect(items.last()).toContainText('Conversation number 20');
	// Scrolled near the end again, the rest: and nothing more to ask for.
	await page
		.locator('#conversations-pane')
		.evaluate((pane) => pane.scrollTo({ top: pane.scrollHeight }));
	await expect(items).toHaveCount(150);
	await expect(items.last()).toContainText('Conversation number 0');
	await expect(page.getByRole('button', { name: /Show all/ })).toHaveCount(0);
});

test('a reply of many blocks comes back whole after a reload, not cut where drawing paused', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	const paragraphs = Array.from({ length: 150 }, (_, i) => `Paragraph ${i + 1} of the reply.`);
	emulator.reply({ content: paragraphs.join('\n\n') });
	await send(page, 'A long one');
	const blocks = assistant(page).locator('.markdown .block');
	await expect(blocks.last()).toContainText('Paragraph 150 of the reply.');
	// Kept once it is drawn whole, which a reply arriving at once is when read to its start.
	await readUpwards(page);
	await expect(blocks).toHaveCount(150);
	await expect.poll(async () => (await keptKeys(page)).length).toBeGreaterThan(0);
	await page.reload();
	await expect(blocks.last()).toContainText('Paragraph 150 of the reply.');
	await expect(blocks).toHaveCount(150);
});

test('a long reply opened from history is drawn from its end, and the rest as it is scrolled to', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	const parts = Array.from(
		{ length: 80 },
		(_, i) => `## Section ${i + 1}\n\n| n | twice |\n|---|---|\n| ${i} | **${i * 2}** |`
	);
	await importFile(
		page,
		conversationOf('long', 'A long reply', [
			{ id: 'u', role: 'user', content: 'Eighty sections', createdAt: 1 },
			{ id: 'a', role: 'assistant', content: parts.join('\n\n'), createdAt: 2 }
		])
	);
	const reply = assistant(page);
	await expect(reply.locator('h2').last()).toHaveText('Section 80');
	await expect(reply.locator('td strong').last()).toHaveText('158');
	await readUpwards(page);
	await expect(reply.locator('h2').first()).toHaveText('Section 1');
	await expect(reply.locator('h2')).toHaveCount(80);
	await expect(reply.locator('table')).toHaveCount(80);
});
