// The prompt library: saved system messages and messages with {{variables}}, filled in when used,
// searchable, kept, exported and imported; offered on Ask, Compare and Create Image.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { connect, expect, lastChat, openAsk, test } from './fixtures';

const library = (page: Page) => page.getByRole('dialog', { name: 'Prompt library' });

async function openLibrary(page: Page) {
	await page.getByRole('button', { name: 'Prompt library' }).click();
	await expect(library(page)).toBeVisible();
}

test('a prompt with two variables is saved, found, filled in and sent, with a starter system message', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	await openLibrary(page);
	await library(page).getByRole('button', { name: 'New prompt' }).click();
	await expect(library(page).getByLabel('Name')).toBeFocused();
	// Nothing is kept without a name and a text.
	await library(page).getByRole('button', { name: 'Save prompt' }).click();
	await expect(library(page)).toContainText('Give the prompt a name.');
	await expect(library(page)).toContainText("Write the prompt's text.");
	await library(page).getByLabel('Name').fill('Release note');
	await library(page).getByLabel('Use as').selectOption({ label: 'Message' });
	await library(page)
		.getByLabel('Text')
		.fill('Write a release note for {{product}} version {{ version }}, in {{product}}’s voice.');
	await library(page).getByRole('button', { name: 'Save prompt' }).click();

	// Found by a word of its text; the starters that do not match are not listed.
	await library(page).getByLabel('Search prompts').fill('release VERSION');
	await expect(
		library(page).getByRole('list', { name: 'Prompts' }).getByRole('listitem')
	).toHaveCount(1);
	await library(page).getByRole('button', { name: 'Use Release note' }).click();
	// Each variable is asked for once, and each must be filled in.
	await expect(library(page).getByRole('textbox')).toHaveCount(2);
	await library(page).getByRole('button', { name: 'Use prompt' }).click();
	await expect(library(page)).toContainText('Fill in product.');
	await expect(library(page)).toContainText('Fill in version.');
	await library(page).getByLabel('product').fill('Cerulean');
	await library(page).getByLabel('version').fill('2.0');
	await expect(library(page).getByLabel('Preview')).toHaveText(
		'Write a release note for Cerulean version 2.0, in Cerulean’s voice.'
	);
	await library(page).getByRole('button', { name: 'Use prompt' }).click();
	await expect(library(page)).toBeHidden();
	const message = 'Write a release note for Cerulean version 2.0, in Cerulean’s voice.';
	await expect(page.getByLabel('Message', { exact: true })).toHaveValue(message);

	// A starter goes into the system message.
	await openLibrary(page);
	await library(page).getByRole('button', { name: 'Use Translator' }).click();
	await library(page).getByLabel('language').fill('French');
	await library(page).getByRole('button', { name: 'Use prompt' }).click();
	await expect(page.getByLabel('System message')).toHaveValue(
		/^Translate everything .* into French\./
	);

	await page.getByRole('button', { name: 'Send', exact: true }).click();
	await expect.poll(() => lastChat(emulator)?.json.messages.length).toBe(2);
	expect(lastChat(emulator)?.json.messages).toEqual([
		{ role: 'system', content: expect.stringMatching(/^Translate everything .* into French\./) },
		{ role: 'user', content: message }
	]);

	// Kept on this device.
	await page.reload();
	await openLibrary(page);
	await expect(library(page).getByRole('button', { name: 'Use Release note' })).toBeVisible();
});

test('prompts are exported and imported as checked JSON, and offered on Compare and Create Image', async ({
	page,
	emulator
}) => {
	await connect(page, emulator);
	await page.getByRole('navigation').getByRole('link', { name: 'Create Image' }).click();
	await openLibrary(page);
	// Create Image has a prompt, not a system message: system prompts are not offered there.
	await expect(library(page).getByRole('button', { name: 'Use Translator' })).toHaveCount(0);

	// A file that is not a prompt library changes nothing and says why.
	await library(page)
		.getByLabel('Import prompts')
		.setInputFiles({
			name: 'wrong.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify({ format: 'cerulean.prompts', version: 1, prompts: [{}] }))
		});
	await expect(library(page).getByRole('alert')).toContainText(
		'wrong.json is not a Cerulean prompt library (prompts.0.id'
	);
	const prompts = [
		{
			id: 'p1',
			name: 'Poster',
			kind: 'message',
			text: 'A poster of {{city}} at night',
			updatedAt: 2
		},
		{ id: 'p2', name: 'Tutor', kind: 'system', text: 'You teach {{subject}}.', updatedAt: 1 }
	];
	await library(page)
		.getByLabel('Import prompts')
		.setInputFiles({
			name: 'team.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify({ format: 'cerulean.prompts', version: 1, prompts }))
		});
	await expect(library(page).getByRole('status')).toHaveText('Imported 2 prompts from team.json.');
	await library(page).getByRole('button', { name: 'Use Poster' }).click();
	await library(page).getByRole('button', { name: 'Use prompt' }).click();
	await expect(library(page).getByLabel('city')).toHaveAttribute('aria-invalid', 'true');
	// The library's own view passes axe, its errors included.
	const { violations } = await new AxeBuilder({ page }).include('dialog').analyze();
	expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
	await library(page).getByLabel('city').fill('Lisbon');
	await library(page).getByRole('button', { name: 'Use prompt' }).click();
	await expect(page.getByLabel('Prompt', { exact: true })).toHaveValue(
		'A poster of Lisbon at night'
	);

	// The export reads back as what was imported.
	await openLibrary(page);
	const downloading = page.waitForEvent('download');
	await library(page).getByRole('button', { name: 'Export prompts' }).click();
	const download = await downloading;
	const exported = JSON.parse(await readFile((await download.path()) ?? '', 'utf8'));
	expect(exported).toEqual({ format: 'cerulean.prompts', version: 1, prompts });
	await library(page).getByRole('button', { name: 'Close' }).click();

	// On Compare, a system prompt goes into the system message.
	await page.getByRole('navigation').getByRole('link', { name: 'Compare' }).click();
	// Create Image's own button stays until Compare has replaced the page.
	await expect(page.getByRole('heading', { name: 'Compare', level: 1 })).toBeVisible();
	await openLibrary(page);
	await library(page).getByRole('button', { name: 'Use Tutor' }).click();
	await library(page).getByLabel('subject').fill('chemistry');
	await library(page).getByRole('button', { name: 'Use prompt' }).click();
	await expect(page.getByLabel('System message')).toHaveValue('You teach chemistry.');
});
