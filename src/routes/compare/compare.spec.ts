import { describe, expect, it } from 'vitest';
import { buildChatBody } from '$lib/azure/chat-body';
import { toWire } from '$lib/chat/wire';
import type { ChatMessage } from '$lib/model/chat';
import type { CompareRun } from '$lib/model/compare';
import { compareRunSchema } from '$lib/model/compare';
import {
	checkCompare,
	compareBody,
	continuedConversation,
	exchange,
	runConversation,
	type Sent
} from './compare';

const sent: Sent = { systemMessage: 'Be brief.', message: 'Name a colour.', at: 1_700_000_000_000 };
const reply = (deployment: string, status: ChatMessage['status'] = 'done'): ChatMessage => ({
	id: `r-${deployment}`,
	role: 'assistant',
	content: `Blue, says ${deployment}.`,
	createdAt: sent.at + 1000,
	deployment,
	status,
	usage: { promptTokens: 12, completionTokens: 4, totalTokens: 16 },
	timing: { firstTokenMs: 300, totalMs: 900 }
});

describe('checkCompare', () => {
	it('asks for the message and for each empty column’s deployment', () => {
		expect(
			checkCompare('  ', [
				{ id: 'a', deployment: 'gpt-4o' },
				{ id: 'b', deployment: ' ' }
			])
		).toEqual({
			message: 'Type the message to send to every column.',
			models: { b: 'Enter the deployment this column asks.' }
		});
		expect(checkCompare('Hi', [{ id: 'a', deployment: 'gpt-4o' }])).toEqual({});
	});
});

describe('compareBody', () => {
	it('is what Ask sends for the same exchange with no parameters', () => {
		for (const s of [sent, { ...sent, systemMessage: '  ' }]) {
			expect(compareBody(s)).toEqual(
				buildChatBody(toWire(exchange(s, 'gpt-4o')), {}, { apiVersion: '2024-10-21', stream: true })
			);
		}
		expect(compareBody({ ...sent, systemMessage: '' })).toMatchObject({
			messages: [{ role: 'user', content: 'Name a colour.' }]
		});
	});
});

describe('continuedConversation', () => {
	it('holds the system message, the message and the column’s reply, on its deployment', () => {
		const conversation = continuedConversation(sent, 'typed-name', reply('chat-mini'));
		expect(conversation).toMatchObject({
			title: 'Name a colour.',
			deployment: 'chat-mini',
			systemMessage: 'Be brief.',
			messages: [
				{ role: 'user', content: 'Name a colour.' },
				{ role: 'assistant', content: 'Blue, says chat-mini.', status: 'done' }
			]
		});
	});

	it('takes a reply saved mid-stream as cut short', () => {
		const conversation = continuedConversation(sent, 'gpt-4o', reply('gpt-4o', 'streaming'));
		expect(conversation.messages[1]?.status).toBe('interrupted');
	});
});

describe('runConversation', () => {
	it('is the message followed by every reply, as Share as HTML draws it', () => {
		const run: CompareRun = compareRunSchema.parse({
			id: 'run-1',
			title: 'Name a colour.',
			createdAt: sent.at,
			updatedAt: sent.at + 5000,
			systemMessage: sent.systemMessage,
			message: sent.message,
			columns: [
				{ id: 'a', deployment: 'gpt-4o', reply: reply('gpt-4o') },
				{ id: 'b', deployment: 'chat-mini' },
				{ id: 'c', deployment: 'o4-mini', reply: reply('o4-mini', 'stopped') }
			]
		});
		const conversation = runConversation(run);
		expect(conversation.id).toBe('run-1');
		expect(conversation.systemMessage).toBe('Be brief.');
		expect(conversation.messages.map((m) => [m.role, m.deployment, m.status])).toEqual([
			['user', undefined, undefined],
			['assistant', 'gpt-4o', 'done'],
			['assistant', 'o4-mini', 'stopped']
		]);
	});

	it('refuses a stored run of more than four columns', () => {
		const column = { id: 'x', deployment: 'gpt-4o' };
		const stored = {
			id: 'r',
			title: 't',
			createdAt: 0,
			updatedAt: 0,
			systemMessage: '',
			message: 'm',
			columns: [column, column, column, column, column]
		};
		expect(compareRunSchema.safeParse(stored).success).toBe(false);
		expect(compareRunSchema.safeParse({ ...stored, columns: [column] }).success).toBe(true);
	});
});
