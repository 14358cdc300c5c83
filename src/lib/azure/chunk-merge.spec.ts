import { describe, expect, it } from 'vitest';
import { ChatAssembler } from './chat';
import { mergeChunks } from './chunk-merge';
import type { ChatChunk } from './sse';

const SAFE = { filtered: false, severity: 'safe' };

/** An Azure stream with two choices, a tool call in pieces, filters, a refusal and usage. */
const stream: ChatChunk[] = [
	{
		choices: [],
		model: '',
		prompt_filter_results: [{ prompt_index: 0, content_filter_results: { hate: SAFE } }]
	},
	{
		choices: [{ index: 0, delta: { role: 'assistant', content: '' } }],
		model: 'gpt-4o-2024-11-20'
	},
	{ choices: [{ index: 0, delta: { content: 'Hel' }, content_filter_results: { hate: SAFE } }] },
	{ choices: [{ index: 1, delta: { content: 'Bon' } }] },
	{ choices: [{ index: 0, delta: { content: 'lo' } }] },
	{
		choices: [
			{
				index: 0,
				delta: {
					tool_calls: [{ index: 0, id: 'call_1', function: { name: 'get_', arguments: '' } }]
				}
			}
		]
	},
	{ choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { name: 'time' } }] } }] },
	{
		choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"a"' } }] } }]
	},
	{
		choices: [
			{
				index: 0,
				delta: {
					tool_calls: [
						{ index: 0, function: { arguments: ':1}' } },
						{ index: 1, id: 'call_2', function: { name: 'other', arguments: '{}' } }
					]
				}
			}
		]
	},
	{ choices: [{ index: 1, delta: { refusal: 'No, ' } }] },
	{
		choices: [
			{ index: 1, delta: { refusal: 'sorry.' }, content_filter_results: { violence: SAFE } }
		]
	},
	// Azure's asynchronous filter: annotations with no delta, one after the finish.
	{
		choices: [{ index: 0, finish_reason: 'tool_calls', content_filter_results: { sexual: SAFE } }]
	},
	{
		choices: [{ index: 1, content_filter_results: { hate: { filtered: true, severity: 'high' } } }]
	},
	{ choices: [{ index: 1, finish_reason: 'content_filter' }] },
	{ choices: [], usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 } }
];

const assemble = (chunks: ChatChunk[]) => {
	const assembler = new ChatAssembler();
	for (const chunk of chunks) assembler.add(chunk);
	const { choices, usage, model, promptFilter } = assembler;
	return JSON.parse(JSON.stringify({ choices, usage, model, promptFilter })) as unknown;
};

describe('mergeChunks', () => {
	it('merged in any batches, a stream assembles to what its events give one by one', () => {
		const expected = assemble(stream);
		expect(expected).toMatchObject({
			choices: [
				{
					content: 'Hello',
					finishReason: 'tool_calls',
					toolCalls: [
						{ id: 'call_1', name: 'get_time', arguments: '{"a":1}' },
						{ id: 'call_2', name: 'other', arguments: '{}' }
					]
				},
				{ content: 'Bon', refusal: 'No, sorry.', finishReason: 'content_filter' }
			],
			usage: { totalTokens: 12 },
			model: 'gpt-4o-2024-11-20'
		});
		for (let size = 1; size <= stream.length; size++) {
			const batches: ChatChunk[] = [];
			for (let at = 0; at < stream.length; at += size) {
				batches.push(mergeChunks(stream.slice(at, at + size)));
			}
			expect(assemble(batches), `batches of ${size}`).toEqual(expected);
		}
	});

	it('keeps the filter results of every event, the later ones on top', () => {
		const merged = mergeChunks(stream);
		expect(merged.choices[1]?.content_filter_results).toEqual({
			violence: SAFE,
			hate: { filtered: true, severity: 'high' }
		});
	});

	it('joins the text of thousands of events into one event per choice', () => {
		const many: ChatChunk[] = Array.from({ length: 5000 }, (_, i) => ({
			choices: [{ index: 0, delta: { content: `t${i} ` } }]
		}));
		const merged = mergeChunks(many);
		expect(merged.choices).toHaveLength(1);
		expect(merged.choices[0]?.delta?.content?.split(' ')).toHaveLength(5001);
	});
});
