import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '$lib/model/chat';
import { newConversation } from './conversation';
import { mergeConversation } from './merge';

const message = (id: string, content = id): ChatMessage => ({
	id,
	role: id.startsWith('u') ? 'user' : 'assistant',
	content,
	createdAt: 0
});
const ids = (messages: ChatMessage[]) => messages.map((m) => m.id);

describe('mergeConversation', () => {
	const base = newConversation({
		id: 'c',
		title: 'Trip',
		messages: [message('u1'), message('a1')]
	});

	it('keeps both tabs’ new exchanges, each together, the stored one first', () => {
		const local = { ...base, messages: [...base.messages, message('u2'), message('a2')] };
		const stored = { ...base, messages: [...base.messages, message('u3'), message('a3')] };
		expect(ids(mergeConversation(base, local, stored).messages)).toEqual([
			'u1',
			'a1',
			'u3',
			'a3',
			'u2',
			'a2'
		]);
	});

	it('keeps a rename made in the other tab while this one streamed', () => {
		const local = { ...base, messages: [...base.messages, message('a2', 'streamed')] };
		const stored = { ...base, title: 'Trip to Lisbon' };
		const merged = mergeConversation(base, local, stored);
		expect(merged.title).toBe('Trip to Lisbon');
		expect(ids(merged.messages)).toEqual(['u1', 'a1', 'a2']);
	});

	it('takes this tab’s changes and deletions, and the other tab’s', () => {
		const local = {
			...base,
			title: 'Renamed here',
			messages: [message('u1', 'edited here')]
		};
		const stored = { ...base, messages: [message('u1'), message('a1', 'regenerated there')] };
		const merged = mergeConversation(base, local, stored);
		expect(merged.title).toBe('Renamed here');
		// a1 was deleted here: it stays deleted even though the other tab changed it.
		expect(merged.messages).toEqual([message('u1', 'edited here')]);
		const theirsDeleted = mergeConversation(base, base, { ...base, messages: [message('u1')] });
		expect(ids(theirsDeleted.messages)).toEqual(['u1']);
	});

	it('is this tab’s version when nobody else wrote', () => {
		const local = { ...base, messages: [...base.messages, message('u2')] };
		expect(mergeConversation(base, local, base)).toEqual(local);
	});
});
