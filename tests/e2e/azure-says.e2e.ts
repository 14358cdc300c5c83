// What real Azure answers that a naive client gets wrong: refusals of reasoning models, empty
// replies, the order of function calls, structured-output rules and size limits.
import {
	askForSchema,
	assistant,
	chatCalls,
	conversationOf,
	expect,
	lastChat,
	log,
	openAsk,
	offerFunctions,
	openParameters,
	send,
	test,
	importConversation
} from './fixtures';

test.describe('reasoning deployments', () => {
	test('an unsupported_value refusal switches reasoning mode on, says what changed, and sends again', async ({
		page,
		emulator
	}) => {
		await openAsk(page, emulator, 'o4-mini');
		await openParameters(page);
		await page.getByLabel('Temperature').fill('0.5');
		await page.getByLabel('Top P').fill('0.9');
		await send(page, 'Why is the sea salty?');
		await expect(
			page.getByRole('status').filter({ hasText: 'reasoning deployment' })
		).toContainText('Temperature (0.5) is left out; Top P (0.9) is left out');
		await expect(assistant(page)).toContainText('Why is the sea salty?');
		await expect(page.getByRole('alert')).toHaveCount(0);
		const [refused, resent] = chatCalls(emulator);
		expect(refused?.json).toMatchObject({ temperature: 0.5, top_p: 0.9 });
		expect(resent?.json).not.toHaveProperty('temperature');
		expect(resent?.json).not.toHaveProperty('top_p');
		expect(chatCalls(emulator)).toHaveLength(2);
		await expect(page.getByLabel('Reasoning deployment')).toBeChecked();
	});

	test('an unsupported_parameter refusal (o3-mini) does the same', async ({ page, emulator }) => {
		await openAsk(page, emulator, 'o3-mini');
		await openParameters(page);
		await page.getByLabel('Temperature').fill('1');
		await send(page, 'Plan a trip');
		await expect(assistant(page)).toContainText('Plan a trip');
		await expect(page.getByRole('status')).toContainText('Temperature (1) is left out');
		expect(lastChat(emulator)?.json).not.toHaveProperty('temperature');
	});

	test('a reply whose budget went on reasoning is shown as empty, with usage and what to do', async ({
		page,
		emulator
	}) => {
		await openAsk(page, emulator, 'o4-mini');
		await openParameters(page);
		await page.getByLabel('Reasoning deployment').check();
		await page.getByLabel('Max Tokens').fill('100');
		await send(page, 'Prove it');
		const reply = assistant(page);
		await expect(reply).toContainText(
			'No text: the model spent all of its 100 completion tokens on reasoning'
		);
		await expect(reply).toContainText('Raise Max Tokens');
		await expect(reply).toContainText('(100 reasoning)');
		expect(lastChat(emulator)?.json.max_completion_tokens).toBe(100);
		// Kept after a reload, not silently gone.
		await page.reload();
		await expect(assistant(page)).toContainText('No text');
	});
});

test('a reply the content filter blocked before any text says so, naming the category', async ({
	page,
	emulator
}) => {
	await openAsk(page, emulator);
	emulator.reply({ content: '', filtered: 'violence' });
	await send(page, 'Something risky');
	await expect(assistant(page)).toContainText(
		"No text: Azure's content filter blocked the reply before any of it was shown (violence (high))"
	);
});

test.describe('function calls stay in an order Azure accepts', () => {
	test('the composer waits for a custom function result, and arguments show while they stream', async ({
		page,
		emulator
	}) => {
		await openAsk(page, emulator);
		await openParameters(page);
		await page.getByText('Function library').click();
		await page.getByLabel('Function name').fill('lookup_order');
		await page.getByRole('button', { name: 'Add function' }).click();
		await offerFunctions(page, ['lookup_order']);
		const args = JSON.stringify({ id: 'A-17', note: 'x'.repeat(120) });
		emulator.reply({ toolCalls: [{ name: 'lookup_order', arguments: args }] });
		emulator.fail({ kind: 'slow', delayMs: 150 });
		await send(page, 'Where is my order?');
		// While the call streams, its arguments appear piece by piece, as they come.
		await expect(assistant(page)).toHaveAttribute('aria-busy', 'true');
		await expect(assistant(page)).toContainText('"id":"A-17"');
		await expect(assistant(page)).toHaveAttribute('aria-busy', 'true');
		await expect(page.getByLabel('Result for lookup_order')).toBeVisible({ timeout: 15000 });

		await send(page, 'Never mind');
		await expect(page.getByText('Answer lookup_order above first')).toBeVisible();
		await expect(page.getByLabel('Message', { exact: true })).toHaveValue('Never mind');
		expect(chatCalls(emulator)).toHaveLength(1);

		// Deleting the call takes it out of the conversation; then the message goes.
		await assistant(page).getByRole('button', { name: 'Delete message' }).click();
		await page.getByRole('button', { name: 'Send', exact: true }).click();
		await expect(assistant(page)).toContainText('Never mind');
		expect(lastChat(emulator)?.json.messages.map((m: { role: string }) => m.role)).toEqual([
			'user',
			'user'
		]);
	});

	test('an imported conversation with a call split from its result is mended, and sends', async ({
		page,
		emulator
	}) => {
		await openAsk(page, emulator);
		const conversation = conversationOf('x', 'Broken', [
			{ id: 'm1', role: 'user', content: 'Look it up', createdAt: 1 },
			{
				id: 'm2',
				role: 'assistant',
				content: '',
				createdAt: 2,
				toolCalls: [{ id: 'call_1', name: 'lookup', arguments: '{}' }]
			},
			{ id: 'm3', role: 'user', content: 'Hello?', createdAt: 3 },
			{ id: 'm3', role: 'tool', content: 'stray', toolCallId: 'call_9', createdAt: 4 },
			{ id: 'm5', role: 'assistant', content: 'Hi.', createdAt: 5 }
		]);
		await importConversation(page, conversation, 'broken.json');
		await expect(log(page).getByRole('article')).toHaveCount(3);
		await send(page, 'And now?');
		await expect(assistant(page).nth(1)).toContainText('And now?');
		expect(lastChat(emulator)?.json.messages.map((m: { role: string }) => m.role)).toEqual([
			'user',
			'user',
			'assistant',
			'user'
		]);
	});
});

test.describe('structured output', () => {
	test('a strict schema Azure would refuse is caught before sending, and fixed with one click', async ({
		page,
		emulator
	}) => {
		await askForSchema(page, emulator, 'place', {
			type: 'object',
			properties: { city: { type: 'string' }, country: { type: 'string' } }
		});
		await send(page, 'Where?');
		await expect(page.getByText('Strict mode refuses this schema')).toContainText(
			'needs "additionalProperties": false'
		);
		expect(chatCalls(emulator)).toHaveLength(0);
		await page.getByRole('button', { name: 'Fix the schema for strict mode' }).click();
		await page.getByRole('button', { name: 'Send', exact: true }).click();
		await expect(assistant(page)).toContainText('"city": "Oslo"');
		expect(lastChat(emulator)?.json.response_format.json_schema.schema).toEqual({
			type: 'object',
			properties: { city: { type: 'string' }, country: { type: 'string' } },
			additionalProperties: false,
			required: ['city', 'country']
		});
	});

	test('JSON object mode without the word "json" is caught before sending', async ({
		page,
		emulator
	}) => {
		await openAsk(page, emulator);
		await openParameters(page);
		await page.getByLabel('Response Format').selectOption('json_object');
		await send(page, 'Give me the facts');
		await expect(
			page.getByText('JSON object mode needs the word "JSON" in a message')
		).toBeVisible();
		expect(chatCalls(emulator)).toHaveLength(0);
		await send(page, 'Give me the facts as JSON');
		await expect(assistant(page)).toContainText('"answer"');
	});
});

test.describe('limits', () => {
	test('Max Tokens is bounded by the model the deployment answered with', async ({
		page,
		emulator
	}) => {
		await openAsk(page, emulator);
		await send(page, 'Hello');
		await expect(assistant(page)).toContainText('Hello');
		await openParameters(page);
		await page.getByLabel('Max Tokens').fill('20000');
		await expect(
			page.getByText('gpt-4o-2024-08-06 writes at most 16,384 tokens per reply.').first()
		).toBeVisible();
		await send(page, 'A very long essay');
		await expect(page.getByText('Fix the parameter marked under Parameters.')).toBeVisible();
		expect(chatCalls(emulator)).toHaveLength(1);
	});

	test('a context-length error offers to drop the oldest turns, and then the request goes through', async ({
		page,
		emulator
	}) => {
		await openAsk(page, emulator, 'gpt-35-turbo');
		const long = (label: string) => `${label} ${'lorem ipsum dolor sit amet '.repeat(900)}`;
		await send(page, long('first'));
		await expect(assistant(page)).toHaveCount(1);
		await send(page, long('second'));
		await expect(assistant(page)).toHaveCount(2);
		await send(page, long('third'));
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('maximum context length is 16385 tokens');
		await alert.getByRole('button', { name: /Drop the oldest turn and send again/ }).click();
		await expect(page.getByRole('status')).toContainText('Dropped the oldest turn');
		await expect(assistant(page)).toHaveCount(2);
		// The reply's placeholder shows as the request leaves: wait until it has arrived.
		await expect
			.poll(() => lastChat(emulator)?.json.messages[0].content.slice(0, 6))
			.toBe('second');
		await expect(page.getByRole('alert')).toHaveCount(0);
	});
});
