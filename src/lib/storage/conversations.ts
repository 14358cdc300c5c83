import { del, entries, get, set } from 'idb-keyval';
import { conversationSchema, type Conversation } from '$lib/chat/conversation';
import { store } from './stores';

export interface LoadedConversations {
	conversations: Conversation[];
	/** Stored entries that no longer parse, kept in storage and reported. */
	unreadable: number;
}

/** Every stored conversation, newest first; one key per conversation, so tabs never clobber each other. */
export async function loadConversations(): Promise<LoadedConversations> {
	const all = await entries(store('conversations'));
	const conversations: Conversation[] = [];
	let unreadable = 0;
	for (const [, value] of all) {
		const parsed = conversationSchema.safeParse(value);
		if (parsed.success) conversations.push(parsed.data);
		else unreadable++;
	}
	conversations.sort((a, b) => b.updatedAt - a.updatedAt);
	return { conversations, unreadable };
}

export async function loadConversation(id: string): Promise<Conversation | undefined> {
	const parsed = conversationSchema.safeParse(await get(id, store('conversations')));
	return parsed.success ? parsed.data : undefined;
}

export async function saveConversation(conversation: Conversation): Promise<void> {
	// $state proxies cannot be cloned into IndexedDB: store a plain copy.
	await set(conversation.id, JSON.parse(JSON.stringify(conversation)), store('conversations'));
}

export async function deleteConversation(id: string): Promise<void> {
	await del(id, store('conversations'));
}
