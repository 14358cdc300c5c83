import { describe, expect, it } from 'vitest';
import type { ChatParams } from '$lib/model/chat';
import { buildChatBody } from './chat-body';
import { ChatAssembler } from './chat';
import { asChatChunk } from './sse';

const messages = [{ role: 'user' as const, content: 'hi' }];

describe('buildChatBody', () => {
	it('sends max_tokens and sampling parameters for ordinary deployments', () => {
		const params: ChatParams = {
			maxTokens: 100,
			temperature: 0.2,
			topP: 0.5,
			logitBias: { '1': 2 }
		};
		expect(buildChatBody(messages, params, { apiVersion: '2024-10-21', stream: true })).toEqual({
			messages,
			max_tokens: 100,
			temperature: 0.2,
			top_p: 0.5,
			logit_bias: { '1': 2 },
			stream: true,
			stream_options: { include_usage: true }
		});
	});

	it('in reasoning mode sends max_completion_tokens and leaves out what such models reject', () => {
		const params: ChatParams = {
			reasoning: true,
			reasoningEffort: 'high',
			maxTokens: 500,
			temperature: 1,
			topP: 1,
			frequencyPenalty: 0,
			presencePenalty: 0,
			logitBias: { '1': 1 },
			seed: 3
		};
		expect(
			buildChatBody(messages, params, { apiVersion: '2025-04-01-preview', stream: false })
		).toEqual({
			messages,
			max_completion_tokens: 500,
			seed: 3,
			reasoning_effort: 'high'
		});
	});

	it('drops reasoning_effort where the API version does not have it', () => {
		const body = buildChatBody(
			messages,
			{ reasoning: true, reasoningEffort: 'low' },
			{
				apiVersion: '2024-10-21',
				stream: false
			}
		);
		expect(body).not.toHaveProperty('reasoning_effort');
	});

	it('wraps functions as tools and keeps text response format off the wire', () => {
		const body = buildChatBody(
			messages,
			{
				responseFormat: { type: 'text' },
				tools: [{ name: 'f', description: 'd', parameters: { type: 'object' } }]
			},
			{ apiVersion: 'v1', stream: false }
		);
		expect(body).toEqual({
			messages,
			tools: [
				{
					type: 'function',
					function: { name: 'f', description: 'd', parameters: { type: 'object' } }
				}
			]
		});
	});
});

const chunk = (value: unknown) => {
	const parsed = asChatChunk(value);
	if (!parsed) throw new Error(`not a chunk: ${JSON.stringify(value)}`);
	return parsed;
};

describe('ChatAssembler', () => {
	it('assembles interleaved choices, their finish reasons and filters, and usage', () => {
		const a = new ChatAssembler();
		a.add(
			chunk({
				choices: [],
				prompt_filter_results: [
					{
						prompt_index: 0,
						content_filter_results: { hate: { filtered: false, severity: 'safe' } }
					}
				]
			})
		);
		a.add(chunk({ choices: [{ index: 0, delta: { role: 'assistant', content: '' } }] }));
		a.add(chunk({ choices: [{ index: 1, delta: { role: 'assistant', content: '' } }] }));
		a.add(chunk({ choices: [{ index: 0, delta: { content: 'Hel' } }] }));
		a.add(chunk({ choices: [{ index: 2, delta: { content: 'C' } }] }));
		a.add(chunk({ choices: [{ index: 1, delta: { content: 'B' } }] }));
		a.add(
			chunk({
				choices: [
					{
						index: 0,
						delta: { content: 'lo' },
						content_filter_results: { violence: { filtered: false, severity: 'low' } }
					}
				]
			})
		);
		a.add(chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
		a.add(chunk({ choices: [{ index: 1, delta: {}, finish_reason: 'length' }] }));
		a.add(chunk({ choices: [{ index: 2, delta: {}, finish_reason: 'content_filter' }] }));
		a.add(
			chunk({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } })
		);
		expect(a.choices.map((c) => [c.content, c.finishReason])).toEqual([
			['Hello', 'stop'],
			['B', 'length'],
			['C', 'content_filter']
		]);
		expect(a.choices[0]?.filter?.violence).toEqual({ filtered: false, severity: 'low' });
		expect(a.promptFilter?.hate?.severity).toBe('safe');
		expect(a.usage).toEqual({ promptTokens: 3, completionTokens: 4, totalTokens: 7 });
	});

	it('keeps the prompt tokens Azure read from its cache, when there are any', () => {
		const usage = (cached: unknown) => {
			const a = new ChatAssembler();
			a.add(
				chunk({
					choices: [],
					usage: {
						prompt_tokens: 2048,
						completion_tokens: 10,
						total_tokens: 2058,
						prompt_tokens_details: { cached_tokens: cached as number }
					}
				})
			);
			return a.usage;
		};
		expect(usage(1920)?.cachedTokens).toBe(1920);
		expect(usage(0)).not.toHaveProperty('cachedTokens');
		expect(usage('many')).not.toHaveProperty('cachedTokens');
	});

	it('joins tool-call arguments streamed in pieces, for parallel calls', () => {
		const a = new ChatAssembler();
		a.add(
			chunk({
				choices: [
					{
						index: 0,
						delta: {
							role: 'assistant',
							content: null,
							tool_calls: [
								{
									index: 0,
									id: 'call_1',
									type: 'function',
									function: { name: 'calculate', arguments: '' }
								}
							]
						}
					}
				]
			})
		);
		a.add(
			chunk({
				choices: [
					{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"expres' } }] } }
				]
			})
		);
		a.add(
			chunk({
				choices: [
					{
						index: 0,
						delta: {
							tool_calls: [
								{ index: 1, id: 'call_2', function: { name: 'get_current_time', arguments: '{}' } }
							]
						}
					}
				]
			})
		);
		a.add(
			chunk({
				choices: [
					{
						index: 0,
						delta: { tool_calls: [{ index: 0, function: { arguments: 'sion":"1+1"}' } }] }
					}
				]
			})
		);
		a.add(chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] }));
		expect(a.choices[0]?.toolCalls).toEqual([
			{ id: 'call_1', name: 'calculate', arguments: '{"expression":"1+1"}' },
			{ id: 'call_2', name: 'get_current_time', arguments: '{}' }
		]);
		expect(a.choices[0]?.finishReason).toBe('tool_calls');
	});

	it('takes a tool call numbered from 1, and ignores a choice index no reply can have', () => {
		const a = new ChatAssembler();
		a.add(
			chunk({
				choices: [
					{
						index: 0,
						delta: { tool_calls: [{ index: 1, id: 'c', function: { name: 'f', arguments: '{}' } }] }
					},
					{ index: 5_000_000, delta: { content: 'x' } }
				]
			})
		);
		expect(a.choices).toHaveLength(1);
		expect(a.choices[0]?.toolCalls).toEqual([{ id: 'c', name: 'f', arguments: '{}' }]);
	});

	it('takes the asynchronous filter’s annotation events, after the finish too', () => {
		const a = new ChatAssembler();
		a.add(chunk({ choices: [{ index: 0, delta: { content: 'Hey' } }] }));
		a.add(chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
		a.add(
			chunk({
				id: '',
				model: '',
				choices: [
					{
						index: 0,
						finish_reason: null,
						content_filter_results: { violence: { filtered: false, severity: 'low' } },
						content_filter_offsets: { check_offset: 3, start_offset: 0, end_offset: 3 }
					}
				]
			})
		);
		expect(a.choices[0]).toMatchObject({ content: 'Hey', finishReason: 'stop' });
		expect(a.choices[0]?.filter?.violence?.severity).toBe('low');
	});
});
