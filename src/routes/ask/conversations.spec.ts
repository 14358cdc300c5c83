import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ChatMessage, Conversation } from '$lib/model/chat';
import { loadConversation } from '$lib/storage/conversations';
import { ConversationStore } from './conversations.svelte';

const question: ChatMessage = { id: 'q', role: 'user', content: 'Why?', createdAt: 1 };
const placeholder: ChatMessage = {
	id: 'p',
	role: 'assistant',
	content: '',
	createdAt: 2,
	status: 'streaming'
};
const conversation = (messages: ChatMessage[], title = 'Sea'): Conversation => ({
	id: 'c1',
	title,
	createdAt: 1,
	updatedAt: 2,
	deployment: 'o4-mini',
	systemMessage: '',
	params: {},
	messages
});

describe('one tab saving one conversation twice at once', () => {
	it('keeps the later save, and does not merge the earlier one back in as another tab’s', async () => {
		const store = new ConversationStore();
		await store.save(conversation([question]));
		// A debounced settings save with the reply still streaming, then the refused reply taken out.
		const [first, second] = await Promise.all([
			store.save(conversation([question, placeholder])),
			store.save(conversation([question], 'Sea, again'))
		]);
		expect(first).toBeUndefined();
		expect(second).toBeUndefined();
		const stored = await loadConversation('c1');
		expect(stored?.messages.map((m) => m.id)).toEqual(['q']);
		expect(stored?.title).toBe('Sea, again');
		expect(store.problem).toBeUndefined();
	});
});
