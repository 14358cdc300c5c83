import { del, get } from 'idb-keyval';
import {
	conversationSchema,
	messageSchema,
	type ChatMessage,
	type Conversation
} from '$lib/model/chat';
import { z } from '$lib/zod';
import { putRecord, readAll } from './records';
import { store } from './stores';

export interface LoadedConversations {
	conversations: Conversation[];
	/** Stored entries that no longer parse, kept in storage and reported. */
	unreadable: number;
}

/**
 * A reply while it streams is written on its own, keyed by its conversation, so a checkpoint costs
 * the size of that reply rather than of the whole conversation. The conversation is written whole
 * when the reply settles, and that write retires the draft.
 */
const draftSchema = z.object({ conversationId: z.string(), message: messageSchema });
type Draft = z.infer<typeof draftSchema>;

/** The conversation with its draft reply in place: added, or replacing an unfinished copy. */
function withDraft(conversation: Conversation, draft: Draft | undefined): Conversation {
	if (!draft) return conversation;
	const at = conversation.messages.findIndex((m) => m.id === draft.message.id);
	if (at < 0) return { ...conversation, messages: [...conversation.messages, draft.message] };
	if (conversation.messages[at]?.status !== 'streaming') return conversation;
	const messages = conversation.messages.slice();
	messages[at] = draft.message;
	return { ...conversation, messages };
}

/** Every stored conversation, newest first; one key per conversation, so tabs never clobber each other. */
export async function loadConversations(): Promise<LoadedConversations> {
	const [{ items, unreadable }, drafts] = await Promise.all([
		readAll(store('conversations'), conversationSchema),
		readAll(store('drafts'), draftSchema)
	]);
	const byConversation = new Map(drafts.items.map((d) => [d.conversationId, d]));
	const conversations = items.map((c) => withDraft(c, byConversation.get(c.id)));
	return { conversations: conversations.sort((a, b) => b.updatedAt - a.updatedAt), unreadable };
}

export async function loadConversation(id: string): Promise<Conversation | undefined> {
	const [stored, draft] = await Promise.all([
		get(id, store('conversations')),
		get(id, store('drafts'))
	]);
	const parsed = conversationSchema.safeParse(stored);
	if (!parsed.success) return undefined;
	const checked = draftSchema.safeParse(draft);
	return withDraft(parsed.data, checked.success ? checked.data : undefined);
}

export async function saveConversation(conversation: Conversation): Promise<void> {
	await putRecord(store('conversations'), conversation.id, conversationSchema, conversation);
	await del(conversation.id, store('drafts'));
}

/** Writes the streaming reply alone (see draftSchema). */
export async function saveDraft(conversationId: string, message: ChatMessage): Promise<void> {
	await putRecord(store('drafts'), conversationId, draftSchema, { conversationId, message });
}

export async function deleteConversation(id: string): Promise<void> {
	await del(id, store('conversations'));
	await del(id, store('drafts'));
}
