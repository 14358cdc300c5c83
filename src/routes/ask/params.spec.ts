import { describe, expect, it } from 'vitest';
import { buildChatBody } from '$lib/azure/chat-body';
import { BUILTIN_FUNCTIONS } from '$lib/chat/builtin-functions';
import { emptyRaw, parseParams, toRaw } from './params';
import * as json from './params-json';

describe('parseParams', () => {
	it('sends a strict schema only once the strict check has passed it', () => {
		const raw = {
			...emptyRaw(),
			responseFormat: 'json_schema' as const,
			schemaName: 'answer',
			schemaStrict: true,
			schemaText: '{"type": "object", "properties": {"a": {"type": "string"}}}'
		};
		// The parsers are loading: nothing is sent meanwhile.
		expect(parseParams(raw, []).errors.schemaText).toMatch(/Checking the schema/);
		expect(parseParams(raw, [], undefined, json).errors.schemaText).toMatch(
			/^Strict mode refuses this schema/
		);
		const fixed = {
			...raw,
			schemaText:
				'{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"], "additionalProperties": false}'
		};
		expect(parseParams(fixed, [], undefined, json).errors).toEqual({});
	});

	it('leaves every untouched parameter out', () => {
		const { params, errors } = parseParams(emptyRaw(), []);
		expect(errors).toEqual({});
		expect(params).toEqual({});
		expect(buildChatBody([], params, { apiVersion: '2024-10-21', stream: false })).toEqual({
			messages: []
		});
	});

	it('parses every field and round-trips through toRaw', () => {
		const raw = {
			...emptyRaw(),
			responseFormat: 'json_schema' as const,
			schemaName: 'weather_report',
			schemaText:
				'{"type":"object","properties":{"t":{"type":"number"}},"required":["t"],"additionalProperties":false}',
			maxTokens: '256',
			n: '2',
			temperature: '0.7',
			frequencyPenalty: '-1.5',
			presencePenalty: '2',
			logitBias: '{"50256": -100, "1234": 5}',
			topP: '0.9',
			stop: ['END', '###'],
			functions: ['calculate'],
			user: 'alice',
			seed: '42'
		};
		const { params, errors } = parseParams(raw, BUILTIN_FUNCTIONS, undefined, json);
		expect(errors).toEqual({});
		expect(params).toMatchObject({
			maxTokens: 256,
			n: 2,
			temperature: 0.7,
			frequencyPenalty: -1.5,
			presencePenalty: 2,
			logitBias: { '50256': -100, '1234': 5 },
			topP: 0.9,
			stop: ['END', '###'],
			user: 'alice',
			seed: 42
		});
		expect(params.tools?.[0]?.name).toBe('calculate');
		expect(parseParams(toRaw(params), BUILTIN_FUNCTIONS, undefined, json).params).toEqual(params);
	});

	it('says what is wrong with each bad field', () => {
		const { errors } = parseParams(
			{
				...emptyRaw(),
				temperature: '2.5',
				topP: 'abc',
				n: '1.5',
				logitBias: '{"abc": 1}',
				stop: ['a', 'b', 'c', 'd', 'e'],
				responseFormat: 'json_schema',
				schemaName: 'has space',
				schemaText: '{nope'
			},
			[],
			undefined,
			json
		);
		expect(errors.temperature).toBe('Temperature must be between 0 and 2.');
		expect(errors.topP).toBe('Top P must be a number.');
		expect(errors.n).toBe('Number of Chat Completion Choices must be a whole number.');
		expect(errors.logitBias).toMatch(/token ids/);
		expect(errors.stop).toBe('At most 4 stop sequences.');
		expect(errors.schemaName).toMatch(/1 to 64/);
		expect(errors.schemaText).toMatch(/not valid JSON/);
	});

	it('refuses a logit bias outside -100..100', () => {
		expect(
			parseParams({ ...emptyRaw(), logitBias: '{"1": 101}' }, [], undefined, json).errors.logitBias
		).toMatch(/-100 to 100/);
	});
});
