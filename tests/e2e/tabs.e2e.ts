import { assistant, expect, log, openAsk, send, test } from './fixtures';

// Two tabs writing the same conversation at once: each save merges with what the other wrote
// (src/lib/chat/merge.ts), so neither tab's messages, replies or rename are lost.

test('a message sent and a rename made in one tab while the other streams are both kept', async ({
	page,
	context,
	emulator
}) => {
	// Tab A's reply is slow on purpose: tab B does its part meanwhile.
	test.setTimeout(90_000);
	await openAsk(page, emulator);
	await send(page, 'Plan a trip');
	await expect(assistant(page)).toContainText('Plan a trip');
	const other = await context.newPage();
	await other.goto('ask');
	await expect(log(other).getByRole('article', { name: /^user/ })).toContainText('Plan a trip');

	// Tab A asks again, and its reply streams slowly.
	emulator.fail({ kind: 'slow', delayMs: 60 });
	await send(page, 'Question from tab A');
	await expect(assistant(page).nth(1)).toContainText(/\w/);
	await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();

	// Meanwhile tab B asks in the same conversation, gets its answer, and renames it.
	await expect(log(other).getByRole('article', { name: /^user/ }).nth(1)).toContainText(
		'Question from tab A'
	);
	emulator.reply({ content: 'Answer for tab B.' });
	await send(other, 'Question from tab B');
	await expect(log(other)).toContainText('Answer for tab B.');
	await other.getByRole('button', { name: 'Rename' }).click();
	await other.getByLabel('New title').fill('Lisbon trip');
	await other.getByLabel('New title').press('Enter');
	await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();

	// Tab A's reply ends: its save merges with what tab B wrote.
	await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0, { timeout: 60_000 });
	for (const tab of [page, other]) {
		await tab.reload();
		const said = log(tab).getByRole('article', { name: /^user/ });
		await expect(said).toHaveText([/Plan a trip/, /Question from tab A/, /Question from tab B/], {
			useInnerText: true
		});
		await expect(log(tab)).toContainText('Answer for tab B.');
		await expect(assistant(tab)).toHaveCount(3);
		await expect(
			tab.getByRole('list', { name: 'Conversations' }).getByRole('button', { name: /Lisbon trip/ })
		).toBeVisible();
	}
});
