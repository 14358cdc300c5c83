import { Validator } from '@cfworker/json-schema';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chat, events, streamedText, type Emulator } from './harness';
import { createEmulator } from './server.js';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await createEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const user = (content: string) => ({ role: 'user', content });

describe('streams', () => {
	it('stream like Azure: empty-choices first event, role event, content, finish, usage', async () => {
		const { text } = await chat(emulator, {
			stream: true,
			stream_options: { include_usage: true }
		});
		const list = events(text);
		expect(list[0]).toMatchObject({ choices: [], id: '', model: '' });
		expect(list[0].prompt_filter_results[0].content_filter_results).toHaveProperty('jailbreak');
		expect(list[1].choices[0].delta).toMatchObject({ role: 'assistant', content: '' });
		expect(streamedText(list)).toContain('Here is a short answer to “hello”.');
		expect(list.at(-1).usage.total_tokens).toBeGreaterThan(0);
		expect(list.at(-2).choices[0].finish_reason).toBe('stop');
		expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
	});

	it('answer like a real reply: Markdown by topic, naming the question, never an echo', async () => {
		const answers = await Promise.all(
			[
				'Write a python function that counts words',
				'Compare the deployment types in a table',
				'Tell me a story about a lighthouse'
			].map((q) => chat(emulator, { messages: [user(q)] }))
		);
		const [code, table, story] = answers.map((a) => a.body.choices[0].message.content as string);
		expect(code).toMatch(/```python\n[\s\S]+\n```/);
		expect(table).toMatch(/\| Option \| Strengths \|/);
		expect(story).toContain('lighthouse keeper');
		for (const text of [code, table, story]) expect(text).not.toContain('You said');
	});

	it('continue a stopped demo answer exactly where it stopped', async () => {
		const whole = (await chat(emulator, { messages: [user('Why is the sky blue?')] })).body
			.choices[0].message.content as string;
		const partial = whole.slice(0, 90);
		const rest = (
			await chat(emulator, {
				messages: [
					user('Why is the sky blue?'),
					{ role: 'assistant', content: partial },
					user('Continue exactly where you stopped.')
				]
			})
		).body.choices[0].message.content;
		expect(partial + rest).toBe(whole);
	});

	it('cut at max_tokens with finish_reason length', async () => {
		const { body } = await chat(emulator, { max_tokens: 3 });
		expect(body.choices[0].finish_reason).toBe('length');
		expect(body.usage.completion_tokens).toBe(3);
	});
});

describe('reasoning deployments', () => {
	it('o4-mini refuses a temperature other than 1 with unsupported_value, and takes 1', async () => {
		const refused = await chat(
			emulator,
			{ temperature: 0.1, max_completion_tokens: 4000 },
			{ deployment: 'o4-mini' }
		);
		expect(refused.status).toBe(400);
		expect(refused.body).toEqual({
			error: {
				message:
					"Unsupported value: 'temperature' does not support 0.1 with this model. Only the default (1) value is supported.",
				type: 'invalid_request_error',
				param: 'temperature',
				code: 'unsupported_value'
			}
		});
		const accepted = await chat(emulator, { temperature: 1, top_p: 1 }, { deployment: 'o4-mini' });
		expect(accepted.status).toBe(200);
	});

	it.each([
		['max_tokens', 100, "Use 'max_completion_tokens' instead."],
		['presence_penalty', 0.5, ''],
		['frequency_penalty', 0, ''],
		['logit_bias', { '50256': -100 }, '']
	])('o4-mini refuses %s with unsupported_parameter', async (name, value, hint) => {
		const { status, body } = await chat(emulator, { [name]: value }, { deployment: 'o4-mini' });
		expect(status).toBe(400);
		expect(body.error).toMatchObject({ param: name, code: 'unsupported_parameter' });
		expect(body.error.message).toBe(
			`Unsupported parameter: '${name}' is not supported with this model.${hint ? ` ${hint}` : ''}`
		);
	});

	it('o3-mini refuses temperature outright, even at 1', async () => {
		const { body } = await chat(emulator, { temperature: 1 }, { deployment: 'o3-mini' });
		expect(body.error).toEqual({
			message: "Unsupported parameter: 'temperature' is not supported with this model.",
			type: 'invalid_request_error',
			param: 'temperature',
			code: 'unsupported_parameter'
		});
	});

	it('spends reasoning tokens inside max_completion_tokens: a small budget leaves no text', async () => {
		const { body } = await chat(
			emulator,
			{ max_completion_tokens: 200 },
			{ deployment: 'o4-mini' }
		);
		expect(body.choices[0]).toMatchObject({
			finish_reason: 'length',
			message: { content: '' }
		});
		expect(body.usage.completion_tokens).toBe(200);
		expect(body.usage.completion_tokens_details.reasoning_tokens).toBe(200);

		const streamed = events(
			(
				await chat(
					emulator,
					{ max_completion_tokens: 200, stream: true, stream_options: { include_usage: true } },
					{ deployment: 'o4-mini', apiVersion: '2025-04-01-preview' }
				)
			).text
		);
		expect(streamedText(streamed)).toBe('');
		expect(streamed.at(-2).choices[0].finish_reason).toBe('length');
		expect(streamed.at(-1).usage.completion_tokens_details.reasoning_tokens).toBe(200);
	});

	it('gives text once the budget covers the reasoning, and reasoning_effort changes the cost', async () => {
		const medium = await chat(
			emulator,
			{ max_completion_tokens: 4000 },
			{ deployment: 'o4-mini', apiVersion: '2025-04-01-preview' }
		);
		expect(medium.body.choices[0].message.content).toContain('Here is a short answer');
		const low = await chat(
			emulator,
			{ max_completion_tokens: 4000, reasoning_effort: 'low' },
			{ deployment: 'o4-mini', apiVersion: '2025-04-01-preview' }
		);
		expect(low.body.usage.completion_tokens_details.reasoning_tokens).toBeLessThan(
			medium.body.usage.completion_tokens_details.reasoning_tokens
		);
	});
});

describe('tool-call order', () => {
	const call = {
		role: 'assistant',
		content: null,
		tool_calls: [
			{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{}' } },
			{ id: 'call_2', type: 'function', function: { name: 'lookup', arguments: '{}' } }
		]
	};

	it('refuses tool calls not followed by a tool message for each id', async () => {
		const { status, body } = await chat(emulator, {
			messages: [
				user('look it up'),
				call,
				{ role: 'tool', tool_call_id: 'call_1', content: 'one' },
				user('and now?')
			]
		});
		expect(status).toBe(400);
		expect(body.error).toEqual({
			message:
				"An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: call_2",
			type: 'invalid_request_error',
			param: 'messages.[1].role',
			code: null
		});
	});

	it('refuses a tool message that answers no call', async () => {
		const { body } = await chat(emulator, {
			messages: [user('hi'), { role: 'tool', tool_call_id: 'call_9', content: 'stray' }]
		});
		expect(body.error).toEqual({
			message:
				"Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
			type: 'invalid_request_error',
			param: 'messages.[1].role',
			code: null
		});
	});

	it('accepts calls answered in order', async () => {
		const { status, body } = await chat(emulator, {
			messages: [
				user('look it up'),
				call,
				{ role: 'tool', tool_call_id: 'call_1', content: 'one' },
				{ role: 'tool', tool_call_id: 'call_2', content: 'two' }
			]
		});
		expect(status).toBe(200);
		expect(body.choices[0].message.content).toBe('The function returned: two');
	});

	it('parses its own calculator example, parentheses included', async () => {
		const { body } = await chat(emulator, {
			messages: [user('Please calculate (2 + 3) * 4.5 for me')],
			tools: [{ type: 'function', function: { name: 'calculate', parameters: {} } }]
		});
		const [toolCall] = body.choices[0].message.tool_calls;
		expect(JSON.parse(toolCall.function.arguments)).toEqual({ expression: '(2 + 3) * 4.5' });
	});
});

describe('structured output', () => {
	const schema = {
		type: 'object',
		properties: {
			city: { type: 'string' },
			population: { type: 'integer' },
			districts: {
				type: 'array',
				items: {
					type: 'object',
					properties: { name: { type: 'string' }, area: { type: 'number' } },
					required: ['name', 'area'],
					additionalProperties: false
				}
			}
		},
		required: ['city', 'population', 'districts'],
		additionalProperties: false
	};
	const format = (s: unknown, strict = true) => ({
		type: 'json_schema',
		json_schema: { name: 'place', schema: s, strict }
	});

	it('refuses json_object when no message says "json"', async () => {
		const { status, body } = await chat(emulator, { response_format: { type: 'json_object' } });
		expect(status).toBe(400);
		expect(body.error).toEqual({
			message:
				"'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
			type: 'invalid_request_error',
			param: 'messages',
			code: null
		});
	});

	it('answers json_object with a JSON object', async () => {
		const { body } = await chat(emulator, {
			messages: [user('Answer in JSON please')],
			response_format: { type: 'json_object' },
			stream: false
		});
		expect(JSON.parse(body.choices[0].message.content)).toMatchObject({
			answer: expect.any(String)
		});
	});

	it('refuses a strict schema without additionalProperties: false', async () => {
		const { body } = await chat(emulator, {
			response_format: format({
				type: 'object',
				properties: { city: { type: 'string' } },
				required: ['city']
			})
		});
		expect(body.error).toMatchObject({
			message:
				"Invalid schema for response_format 'place': In context=(), 'additionalProperties' is required to be supplied and to be false.",
			param: 'response_format'
		});
	});

	it('refuses a strict schema with a property missing from required, naming where', async () => {
		const nested = structuredClone(schema);
		nested.properties.districts.items.required = ['name'];
		const { body } = await chat(emulator, { response_format: format(nested) });
		expect(body.error.message).toBe(
			"Invalid schema for response_format 'place': In context=('properties', 'districts', 'items'), 'required' is required to be supplied and to be an array including every key in properties. Missing 'area'."
		);
	});

	it('answers a valid schema (strict or not) with JSON that matches it', async () => {
		for (const strict of [true, false]) {
			const { body } = await chat(emulator, { response_format: format(schema, strict) });
			const reply = JSON.parse(body.choices[0].message.content);
			expect(new Validator(schema as never).validate(reply).valid).toBe(true);
			expect(reply.city).toBe('Oslo');
		}
	});
});

describe('limits and arguments', () => {
	it('refuses max_tokens above the model ceiling', async () => {
		const { body } = await chat(emulator, { max_tokens: 20000 });
		expect(body.error).toEqual({
			message:
				'max_tokens is too large: 20000. This model supports at most 16384 completion tokens, whereas you provided 20000.',
			type: 'invalid_request_error',
			param: 'max_tokens',
			code: 'invalid_value'
		});
	});

	it('refuses a prompt past the context window', async () => {
		const { body } = await chat(
			emulator,
			{ messages: [user('word '.repeat(14000))] },
			{ deployment: 'gpt-35-turbo' }
		);
		expect(body.error).toMatchObject({ param: 'messages', code: 'context_length_exceeded' });
		expect(body.error.message).toMatch(
			/^This model's maximum context length is 16385 tokens\. However, your messages resulted in \d+ tokens\. Please reduce the length of the messages\.$/
		);
	});

	it('refuses unknown arguments, and newer ones on an older API version', async () => {
		const unknown = await chat(emulator, { foo: 1 });
		expect(unknown.body.error).toEqual({
			message: 'Unrecognized request argument supplied: foo',
			type: 'invalid_request_error',
			param: null,
			code: null
		});
		const newer = await chat(emulator, { reasoning_effort: 'low' }, { deployment: 'o4-mini' });
		expect(newer.body.error.message).toBe(
			'Unrecognized request argument supplied: reasoning_effort'
		);
		const v1 = await chat(emulator, { verbosity: 'low' }, { apiVersion: 'v1' });
		expect(v1.status).toBe(200);
	});

	it('still checks ranges as the schema does', async () => {
		expect((await chat(emulator, { temperature: 3 })).body.error.param).toBe('temperature');
		expect((await chat(emulator, { stop: ['a', 'b', 'c', 'd', 'e'] })).body.error.param).toBe(
			'stop'
		);
	});
});

describe('asynchronous content filter', () => {
	it('sends annotation events without delta, with id "" and offsets, the last after the finish', async () => {
		emulator.setAsyncFilter(true);
		const list = events((await chat(emulator, { stream: true })).text);
		const annotations = list.filter((e) => e.id === '' && e.choices.length);
		expect(annotations.length).toBeGreaterThanOrEqual(2);
		for (const a of annotations) {
			expect(a.choices[0]).not.toHaveProperty('delta');
			expect(a.choices[0].content_filter_offsets).toMatchObject({
				check_offset: expect.any(Number),
				start_offset: expect.any(Number),
				end_offset: expect.any(Number)
			});
		}
		const finish = list.findIndex((e) => e.choices[0]?.finish_reason === 'stop');
		expect(list.findLastIndex((e) => e.id === '' && e.choices.length)).toBeGreaterThan(finish);
		const content = list.filter((e) => e.choices[0]?.delta?.content);
		expect(content.every((e) => !('content_filter_results' in e.choices[0]))).toBe(true);
	});

	it('ends a filtered reply with an annotation whose finish_reason is content_filter', async () => {
		emulator.setAsyncFilter(true);
		emulator.reply({
			content: 'Some lyrics that are protected',
			filtered: 'protected_material_text'
		});
		const list = events((await chat(emulator, { stream: true })).text);
		const last = list.at(-1);
		expect(last).toMatchObject({ id: '', choices: [{ finish_reason: 'content_filter' }] });
		expect(last.choices[0].content_filter_results.protected_material_text.filtered).toBe(true);
		expect(streamedText(list)).toBe('Some lyrics that are protected');
	});
});
