import { describe, expect, it } from 'vitest';
import { newConversation, pendingToolCalls, type Conversation } from './conversation';
import { toWire } from './wire';
import { parseImport, toExportJson, toMarkdown } from './conversation-file';
import { evaluate, runBuiltin } from './builtin-run';

function sample(): Conversation {
	return newConversation({
		title: 'Trip',
		deployment: 'gpt-4o',
		systemMessage: 'Be brief.',
		params: { temperature: 0.5, stop: ['END'] },
		messages: [
			{
				id: 'u1',
				role: 'user',
				content: 'Look',
				createdAt: 1,
				images: ['data:image/png;base64,AAAA']
			},
			{
				id: 'a1',
				role: 'assistant',
				content: '',
				createdAt: 2,
				toolCalls: [{ id: 'call_1', name: 'calculate', arguments: '{"expression":"2*3"}' }],
				status: 'done'
			},
			{
				id: 't1',
				role: 'tool',
				content: '{"result":6}',
				toolCallId: 'call_1',
				toolName: 'calculate',
				createdAt: 3
			},
			{ id: 'a2', role: 'assistant', content: 'It is **6**.', createdAt: 4, status: 'done' }
		]
	});
}

describe('toWire', () => {
	it('puts the system message first and shapes images, tool calls and tool results', () => {
		expect(toWire(sample())).toEqual([
			{ role: 'system', content: 'Be brief.' },
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'Look' },
					{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }
				]
			},
			{
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						id: 'call_1',
						type: 'function',
						function: { name: 'calculate', arguments: '{"expression":"2*3"}' }
					}
				]
			},
			{ role: 'tool', content: '{"result":6}', tool_call_id: 'call_1' },
			{ role: 'assistant', content: 'It is **6**.' }
		]);
	});
});

describe('pendingToolCalls', () => {
	it('lists calls no tool message has answered', () => {
		const conversation = sample();
		conversation.messages = conversation.messages.slice(0, 2);
		expect(pendingToolCalls(conversation).map((c) => c.id)).toEqual(['call_1']);
		expect(pendingToolCalls(sample())).toEqual([]);
	});
});

describe('export and import', () => {
	it('gives back the same conversation under a new id', () => {
		const original = sample();
		const result = parseImport(toExportJson(original));
		if (!result.ok) throw new Error(result.error);
		expect(result.conversation.id).not.toBe(original.id);
		expect({ ...result.conversation, id: original.id }).toEqual(original);
	});

	it('refuses a file that is not JSON, or not a conversation, with a reason', () => {
		expect(parseImport('hello')).toEqual({
			ok: false,
			error: 'The file is not JSON. Choose a file exported from Cerulean.'
		});
		const wrong = parseImport(
			JSON.stringify({ format: 'cerulean.conversation', version: 1, conversation: { id: 'x' } })
		);
		expect(wrong.ok).toBe(false);
		if (!wrong.ok)
			expect(wrong.error).toMatch(/^This is not a Cerulean conversation at conversation\./);
		const badRole = JSON.parse(toExportJson(sample()));
		badRole.conversation.messages[0].role = 'wizard';
		const refused = parseImport(JSON.stringify(badRole));
		expect(refused.ok).toBe(false);
		if (!refused.ok) {
			expect(refused.error).toContain('messages.0.role');
			expect(refused.error).toMatch(/expected one of "system", "user"/);
		}
	});

	it('writes readable Markdown', () => {
		const markdown = toMarkdown(sample());
		expect(markdown).toContain('# Trip');
		expect(markdown).toContain('## System\n\nBe brief.');
		expect(markdown).toContain('## Tool (calculate)');
		expect(markdown).toContain('Calls `calculate`:');
	});
});

describe('built-in functions', () => {
	it('calculates without eval, with precedence and parentheses', () => {
		expect(evaluate('(2 + 3) * 4.5')).toBe(22.5);
		expect(evaluate('2 ^ 3 ^ 2')).toBe(512);
		expect(evaluate('-4 + 10 % 3')).toBe(-3);
		expect(() => evaluate('alert(1)')).toThrow();
		expect(JSON.parse(runBuiltin('calculate', '{"expression":"1/4"}'))).toEqual({
			expression: '1/4',
			result: 0.25
		});
	});

	it('tells the time', () => {
		const now = new Date('2026-01-02T03:04:05Z');
		expect(JSON.parse(runBuiltin('get_current_time', '{}', now)).iso).toBe(
			'2026-01-02T03:04:05.000Z'
		);
	});
});
