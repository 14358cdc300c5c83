import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ChatMessage, Conversation } from '$lib/model/chat';
import {
	deleteConversation,
	loadConversation,
	loadConversations,
	loadSummaries,
	saveConversation,
	saveDraft
} from './conversations';
import { get, set } from 'idb-keyval';
import { store } from './stores';

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

describe('the list, read as summaries', () => {
	const answered: ChatMessage = {
		...reply('Yes.', 'done'),
		deployment: 'prod-chat',
		model: 'gpt-4o-2024-11-20'
	};

	it('lists a saved conversation without reading its messages, and forgets a deleted one', async () => {
		await saveConversation({ ...conversation('s1', [question, answered]), updatedAt: 50 });
		const listed = (await loadSummaries()).summaries.find((s) => s.id === 's1');
		expect(listed).toEqual({
			id: 's1',
			title: 's1',
			updatedAt: 50,
			deployment: 'gpt-4o',
			count: 2,
			models: { 'prod-chat': 'gpt-4o-2024-11-20' }
		});
		await deleteConversation('s1');
		expect((await loadSummaries()).summaries.some((s) => s.id === 's1')).toBe(false);
	});

	it('summarizes conversations stored without a summary, once, and counts the unreadable', async () => {
		// As an older version left them: the conversation alone, and one that no longer parses.
		await set('old', conversation('old', [question]), store('conversations'));
		await set('broken', { id: 'broken', messages: 'not a list' }, store('conversations'));
		const first = await loadSummaries();
		expect(first.summaries.find((s) => s.id === 'old')).toMatchObject({ title: 'old', count: 1 });
		expect(first.unreadable).toBe(1);
		// The summary was kept: the next load finds it without reading the conversation.
		await set(
			'old',
			{ ...conversation('old', [question]), title: 'changed behind its back' },
			store('conversations')
		);
		expect((await loadSummaries()).summaries.find((s) => s.id === 'old')?.title).toBe('old');
	});

	it('makes a summary again from its conversation when the kept one does not read', async () => {
		await saveConversation({ ...conversation('torn', [question, answered]), updatedAt: 70 });
		await set('torn', { id: 'torn', title: 'torn', updatedAt: 'yesterday' }, store('summaries'));
		const listed = (await loadSummaries()).summaries.find((s) => s.id === 'torn');
		expect(listed).toMatchObject({ title: 'torn', updatedAt: 70, count: 2 });
		expect(await get('torn', store('summaries'))).toEqual(listed);
	});
});

describe('two tabs writing one conversation', () => {
	it('merges the second write with the first, so neither tab loses its messages', async () => {
		const { saved: start } = await saveConversation(conversation('shared', [question]));
		const tabA = (await loadConversation('shared')) as Conversation;
		const tabB = (await loadConversation('shared')) as Conversation;
		expect(tabA.revision).toBe(start.revision);
		const fromA: ChatMessage = { id: 'from-a', role: 'user', content: 'A', createdAt: 3 };
		const fromB: ChatMessage = { id: 'from-b', role: 'user', content: 'B', createdAt: 3 };
		const first = await saveConversation({ ...tabA, messages: [question, fromA] }, tabA);
		expect(first.merged).toBe(false);
		const second = await saveConversation(
			{ ...tabB, title: 'Renamed in B', messages: [question, fromB] },
			tabB
		);
		expect(second.merged).toBe(true);
		const stored = await loadConversation('shared');
		expect(stored?.messages.map((m) => m.id)).toEqual(['q', 'from-a', 'from-b']);
		expect(stored?.title).toBe('Renamed in B');
		expect(stored?.revision).toBe((start.revision ?? 0) + 2);
	});
});

describe('a stored conversation with a message that no longer reads', () => {
	it('opens with the rest, keeps the bad message as stored, and repeats no id', async () => {
		const bad = { id: 'x', role: 42, content: null };
		await set(
			'partly',
			{ ...conversation('partly', [question, question]), messages: [question, bad, question] },
			store('conversations')
		);
		const opened = (await loadConversation('partly')) as Conversation;
		expect(opened.messages.map((m) => m.content)).toEqual(['Why?', 'Why?']);
		expect(new Set(opened.messages.map((m) => m.id)).size).toBe(2);
		expect(opened.unreadable).toEqual([bad]);
		expect((await loadSummaries()).summaries.some((s) => s.id === 'partly')).toBe(true);
		// Written back, the unreadable message is still there.
		await saveConversation(opened, opened);
		expect((await loadConversation('partly'))?.unreadable).toEqual([bad]);
	});
});

describe('a conversation written by this build', () => {
	it('is read back as written, and one in another shape is checked', async () => {
		const { saved } = await saveConversation(conversation('shaped', [question]));
		// Stored with the shape it was checked in, which never reaches the app.
		expect(await get('shaped', store('conversations'))).toMatchObject({
			shape: __CONVERSATION_SHAPE__
		});
		expect(await loadConversation('shaped')).toEqual(saved);
		// Not checked again: what this build wrote passed the schema on its way in.
		const odd = { id: 'odd', role: 'robot', content: 'Hi', createdAt: 1 };
		const trusted = { ...saved, messages: [question, odd], shape: __CONVERSATION_SHAPE__ };
		await set('shaped', trusted, store('conversations'));
		expect((await loadConversation('shaped'))?.messages).toEqual([question, odd]);
		// Written by another build (or by hand): checked, and a message that does not read is set aside.
		for (const shape of [undefined, 'another build']) {
			await set('shaped', { ...saved, messages: [question, odd], shape }, store('conversations'));
			const read = (await loadConversation('shaped')) as Conversation;
			expect(read.messages).toEqual([question]);
			expect(read.unreadable).toEqual([odd]);
			expect(read).not.toHaveProperty('shape');
		}
	});
});
