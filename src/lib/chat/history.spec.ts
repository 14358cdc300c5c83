import { describe, expect, it } from 'vitest';
import type { ChatMessage, Conversation } from '$lib/model/chat';
import { newConversation } from './conversation';
import { deleteMessage, dropOldestTurns, pairToolCalls } from './history';
import { distinctIds } from './ids';

const user = (id: string, content = id): ChatMessage => ({
	id,
	role: 'user',
	content,
	createdAt: 0
});
const reply = (id: string, content = id): ChatMessage => ({
	id,
	role: 'assistant',
	content,
	createdAt: 0
});
const calls = (id: string, ...ids: string[]): ChatMessage => ({
	id,
	role: 'assistant',
	content: '',
	createdAt: 0,
	toolCalls: ids.map((c) => ({ id: c, name: 'f', arguments: '{}' }))
});
const result = (id: string, call: string): ChatMessage => ({
	id,
	role: 'tool',
	content: 'r',
	toolCallId: call,
	toolName: 'f',
	createdAt: 0
});
const ids = (messages: ChatMessage[]) => messages.map((m) => m.id);

describe('pairToolCalls', () => {
	it('keeps calls answered in order, and calls still waiting at the end', () => {
		const answered = [user('u'), calls('a', 'c1', 'c2'), result('t1', 'c1'), result('t2', 'c2')];
		expect(pairToolCalls(answered)).toEqual(answered);
		const waiting = [user('u'), calls('a', 'c1')];
		expect(pairToolCalls(waiting)).toEqual(waiting);
		expect(ids(pairToolCalls(waiting, false))).toEqual(['u']);
	});

	it('drops a call nobody answered before the next message, and an answer with no call', () => {
		const mended = pairToolCalls([
			user('u1'),
			calls('a', 'c1', 'c2'),
			result('t1', 'c1'),
			user('u2'),
			result('stray', 'c9'),
			reply('r')
		]);
		expect(ids(mended)).toEqual(['u1', 'a', 't1', 'u2', 'r']);
		expect(mended[1]?.toolCalls?.map((c) => c.id)).toEqual(['c1']);
	});

	it('keeps the text of a reply whose calls are dropped', () => {
		const mended = pairToolCalls([
			user('u1'),
			{ ...calls('a', 'c1'), content: 'Let me look.' },
			user('u2')
		]);
		expect(mended[1]).toMatchObject({ id: 'a', content: 'Let me look.', toolCalls: undefined });
	});
});

describe('deleteMessage', () => {
	const conversation = (messages: ChatMessage[]): Conversation => newConversation({ messages });

	it('takes a reply’s results with it, and a result’s call with it', () => {
		const base = conversation([user('u'), calls('a', 'c1'), result('t', 'c1'), reply('r')]);
		expect(ids(deleteMessage(base, 'a').messages)).toEqual(['u', 'r']);
		expect(ids(deleteMessage(base, 't').messages)).toEqual(['u', 'r']);
		expect(ids(deleteMessage(base, 'u').messages)).toEqual(['a', 't', 'r']);
	});
});

describe('dropOldestTurns', () => {
	it('drops whole turns from the start until enough is freed, always keeping the last', () => {
		const base = newConversation({
			messages: [
				user('u1', 'x'.repeat(400)),
				reply('a1'),
				user('u2', 'y'.repeat(400)),
				reply('a2'),
				user('u3')
			]
		});
		const one = dropOldestTurns(base, 50);
		expect(one?.turns).toBe(1);
		expect(ids(one?.conversation.messages ?? [])).toEqual(['u2', 'a2', 'u3']);
		expect(dropOldestTurns(base, 150)?.turns).toBe(2);
		expect(dropOldestTurns(base, 100_000)).toBeUndefined();
	});
});

describe('distinctIds', () => {
	it('renames repeated ids so a list can key on them', () => {
		let n = 0;
		const out = distinctIds([user('a'), user('a'), user('b')], () => `new-${++n}`);
		expect(ids(out)).toEqual(['a', 'new-1', 'b']);
	});
});
