import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ChatMessage, Conversation } from '$lib/model/chat';
import {
	deleteConversation,
	loadConversation,
	loadConversations,
	saveConversation,
	saveDraft
} from './conversations';

const conversation = (id: string, messages: ChatMessage[]): Conversation => ({
	id,
	title: id,
	createdAt: 1,
	updatedAt: 2,
	deployment: 'gpt-4o',
	systemMessage: '',
	params: {},
	messages
});
const question: ChatMessage = { id: 'q', role: 'user', content: 'Why?', createdAt: 1 };
const reply = (content: string, status: ChatMessage['status']): ChatMessage => ({
	id: 'a',
	role: 'assistant',
	content,
	createdAt: 2,
	status
});

describe('a streaming reply written on its own', () => {
	it('comes back inside its conversation, from the list and alone', async () => {
		await saveConversation(conversation('c1', [question]));
		await saveDraft('c1', reply('Because', 'streaming'));
		await saveDraft('c1', reply('Because of', 'streaming'));
		const { conversations } = await loadConversations();
		expect(conversations.find((c) => c.id === 'c1')?.messages.at(-1)?.content).toBe('Because of');
		expect((await loadConversation('c1'))?.messages.map((m) => m.content)).toEqual([
			'Why?',
			'Because of'
		]);
	});

	it('is retired when the conversation is written whole, and never replaces a settled reply', async () => {
		await saveConversation(conversation('c2', [question]));
		await saveDraft('c2', reply('Half', 'streaming'));
		await saveConversation(conversation('c2', [question, reply('Whole answer.', 'done')]));
		expect((await loadConversation('c2'))?.messages.at(-1)?.content).toBe('Whole answer.');
		// A draft left over from a crash between the two writes does not win over the settled reply.
		await saveDraft('c2', reply('Half', 'streaming'));
		expect((await loadConversation('c2'))?.messages.at(-1)).toMatchObject({
			content: 'Whole answer.',
			status: 'done'
		});
	});

	it('goes with its conversation when that is deleted', async () => {
		await saveConversation(conversation('c3', [question]));
		await saveDraft('c3', reply('Soon', 'streaming'));
		await deleteConversation('c3');
		await saveConversation(conversation('c3', [question]));
		expect((await loadConversation('c3'))?.messages).toHaveLength(1);
	});
});
