import { describe, expect, it } from 'vitest';
import { errorFromBody } from '$lib/azure/error-body';
import unsupportedValue from '$lib/azure/fixtures/error-400-unsupported-value.json?raw';
import unsupportedParameter from '$lib/azure/fixtures/error-400-unsupported-parameter.json?raw';
import maxTooLarge from '$lib/azure/fixtures/error-400-max-tokens-too-large.json?raw';
import { newConversation } from '$lib/chat/conversation';
import { reasoningSwitch } from './reasoning-switch';
import { checkSend } from './send-rules';

describe('reasoningSwitch', () => {
	it('reads both real refusals of reasoning models and says what it changes', () => {
		const params = { temperature: 0.1, maxTokens: 500, logitBias: { '1': 2 } };
		for (const body of [unsupportedValue, unsupportedParameter]) {
			const change = reasoningSwitch(errorFromBody(400, body), params, 'o4-mini');
			expect(change?.params).toEqual({ ...params, reasoning: true });
			expect(change?.notice).toBe(
				'"o4-mini" is a reasoning deployment, so Reasoning mode is now on: Max Tokens is sent as max_completion_tokens; Temperature (0.1) is left out; Logit Bias (set) is left out. The request was sent again.'
			);
		}
	});

	it('leaves other refusals alone, and never switches twice', () => {
		expect(reasoningSwitch(errorFromBody(400, maxTooLarge), {}, 'gpt-4o')).toBeUndefined();
		expect(
			reasoningSwitch(errorFromBody(400, unsupportedValue), { reasoning: true }, 'o4-mini')
		).toBeUndefined();
	});
});

describe('checkSend', () => {
	const base = newConversation({ deployment: 'gpt-4o' });

	it('waits for a custom function’s result before a new message', () => {
		const waiting = newConversation({
			deployment: 'gpt-4o',
			messages: [
				{ id: 'u', role: 'user', content: 'x', createdAt: 0 },
				{
					id: 'a',
					role: 'assistant',
					content: '',
					createdAt: 0,
					status: 'done',
					toolCalls: [{ id: 'c', name: 'lookup_order', arguments: '{}' }]
				}
			]
		});
		expect(checkSend(waiting, 'hello', [], 0).message).toMatch(/^Answer lookup_order above first/);
	});

	it('asks for the word JSON in JSON object mode, anywhere in the conversation', () => {
		const json = { ...base, params: { responseFormat: { type: 'json_object' as const } } };
		expect(checkSend(json, 'facts please', [], 0).message).toMatch(/needs the word "JSON"/);
		expect(checkSend(json, 'facts as json', [], 0)).toEqual({});
		expect(checkSend({ ...json, systemMessage: 'Reply in JSON.' }, 'facts', [], 0)).toEqual({});
	});

	it('names the deployment and the parameters still to fix', () => {
		expect(checkSend(newConversation(), 'hi', [], 2)).toEqual({
			model: expect.stringContaining('deployment name'),
			params: 'Fix the 2 parameters marked under Parameters.'
		});
	});
});
