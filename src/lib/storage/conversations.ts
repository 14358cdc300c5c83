import { del, get } from 'idb-keyval';
import { conversationSchema, type Conversation } from '$lib/model/chat';
import { putRecord, readAll } from './records';
import { store } from './stores';

export interface LoadedConversations {
	conversations: Conversation[];
	/** Stored entries that no longer parse, kept in storage and reported. */
	unreadable: number;
}

/** Every stored conversation, newest first; one key per conversation, so tabs never clobber each other. */
export async function loadConversations(): Promise<LoadedConversations> {
	const { items, unreadable } = await readAll(store('conversations'), conversationSchema);
	return { conversations: items.sort((a, b) => b.updatedAt - a.updatedAt), unreadable };
}

export async function loadConversation(id: string): Promise<Conversation | undefined> {
	const parsed = conversationSchema.safeParse(await get(id, store('conversations')));
	return parsed.success ? parsed.data : undefined;
}

export async function saveConversation(conversation: Conversation): Promise<void> {
	await putRecord(store('conversations'), conversation.id, conversationSchema, conversation);
}

export async function deleteConversation(id: string): Promise<void> {
	await del(id, store('conversations'));
}
