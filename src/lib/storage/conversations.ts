import { del, get, getMany, keys, setMany } from 'idb-keyval';
import {
	conversationSchema,
	messageSchema,
	summarySchema,
	type ChatMessage,
	type Conversation,
	type ConversationSummary
} from '$lib/model/chat';
import { z } from '$lib/zod';
import { putRecord, readAll } from './records';
import { forgetRendered } from './rendered';
import { store } from './stores';

export interface LoadedConversations {
	conversations: Conversation[];
	/** Stored entries that no longer parse, kept in storage and reported. */
	unreadable: number;
}

export interface LoadedSummaries {
	/** Newest first. */
	summaries: ConversationSummary[];
	/** Stored conversations that no longer parse, kept in storage and reported. */
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

/** What the list shows of a conversation. */
export function summarize(conversation: Conversation): ConversationSummary {
	const models: Record<string, string> = {};
	for (const m of conversation.messages) {
		if (m.role === 'assistant' && m.model && m.deployment) models[m.deployment] = m.model;
	}
	return {
		id: conversation.id,
		title: conversation.title,
		updatedAt: conversation.updatedAt,
		deployment: conversation.deployment,
		count: conversation.messages.length,
		models
	};
}

/**
 * The list of stored conversations, newest first, read from their summaries. A conversation
 * stored without one (by an older version, or a write cut short) is read once and summarized.
 */
export async function loadSummaries(): Promise<LoadedSummaries> {
	const [{ items }, stored] = await Promise.all([
		readAll(store('summaries'), summarySchema),
		keys<string>(store('conversations'))
	]);
	const ids = new Set(stored);
	// A summary whose conversation is gone is not listed.
	const summaries = items.filter((s) => ids.has(s.id));
	const known = new Set(summaries.map((s) => s.id));
	const missing = stored.filter((id) => !known.has(id));
	let unreadable = 0;
	if (missing.length) {
		const found: ConversationSummary[] = [];
		for (const value of await getMany(missing, store('conversations'))) {
			const parsed = conversationSchema.safeParse(value);
			if (parsed.success) found.push(summarize(parsed.data));
			else unreadable++;
		}
		summaries.push(...found);
		// Kept for next time; the list is right for this visit either way.
		await setMany(
			found.map((s) => [s.id, s]),
			store('summaries')
		).catch(() => undefined);
	}
	return { summaries: summaries.sort((a, b) => b.updatedAt - a.updatedAt), unreadable };
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

/** Writes the conversation, then its summary, and retires its draft. */
export async function saveConversation(conversation: Conversation): Promise<void> {
	await putRecord(store('conversations'), conversation.id, conversationSchema, conversation);
	await putRecord(store('summaries'), conversation.id, summarySchema, summarize(conversation));
	await del(conversation.id, store('drafts'));
}

/** Writes the streaming reply alone (see draftSchema). */
export async function saveDraft(conversationId: string, message: ChatMessage): Promise<void> {
	await putRecord(store('drafts'), conversationId, draftSchema, { conversationId, message });
}

/** The conversation and everything kept beside it: summary, draft, rendered replies. */
export async function deleteConversation(id: string): Promise<void> {
	await del(id, store('conversations'));
	await del(id, store('summaries'));
	await del(id, store('drafts'));
	await forgetRendered(id);
}
