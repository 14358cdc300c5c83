import { del, get, getMany, keys, setMany, update, values } from 'idb-keyval';
import { distinctIds } from '$lib/chat/ids';
import { newId } from '$lib/id';
import { isRecord } from '$lib/is-record';
import {
	conversationSchema,
	isSummary,
	messageSchema,
	summarySchema,
	type ChatMessage,
	type Conversation,
	type ConversationSummary
} from '$lib/model/chat';
import { z } from '$lib/zod';
import { checked, putRecord, readAll } from './records';
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
const draftSchema = z.lazy(() => z.object({ conversationId: z.string(), message: messageSchema }));
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

let merging: Promise<typeof import('$lib/chat/merge')> | undefined;
const loadMerge = () => (merging ??= import('$lib/chat/merge'));

/** The conversation with its messages left unread (extending the object inside the lazy schema). */
const looseConversationSchema = z.lazy(() =>
	z.extend(conversationSchema._zod.innerType, { messages: z.array(z.unknown()) })
);

/**
 * A stored conversation as far as it can be read: a message that no longer parses does not make
 * the whole conversation unreadable; it is set aside in `unreadable`, kept and never drawn. Ids
 * are made distinct (the list keys on them). Undefined when the conversation itself is not one.
 */
export function readConversation(value: unknown): Conversation | undefined {
	let conversation = writtenAsIs(value);
	if (conversation) return distinct(conversation);
	const strict = conversationSchema.safeParse(value);
	if (strict.success) conversation = strict.data;
	else {
		const loose = looseConversationSchema.safeParse(value);
		if (!loose.success) return undefined;
		const messages: ChatMessage[] = [];
		const unreadable = [...(loose.data.unreadable ?? [])];
		for (const raw of loose.data.messages) {
			const message = messageSchema.safeParse(raw);
			if (message.success) messages.push(message.data);
			else unreadable.push(raw);
		}
		conversation = { ...loose.data, messages, unreadable };
	}
	return distinct(conversation);
}

/** Its messages' ids made distinct (the list keys on them). */
function distinct(conversation: Conversation): Conversation {
	const ids = new Set(conversation.messages.map((m) => m.id));
	return ids.size === conversation.messages.length
		? conversation
		: { ...conversation, messages: distinctIds(conversation.messages, newId) };
}

/** Where a stored conversation holds the shape it was checked in. */
const SHAPE_KEY = 'shape';

/**
 * Every conversation is written as conversationSchema's output (see saveConversation), with the
 * shape it was checked in (`__CONVERSATION_SHAPE__`, scripts/conversation-shape.js). One written
 * in this build's shape is read back as it was written: checking it again gave the same
 * conversation and cost the page's start 10 to 30 ms of main thread (the schema made and run cold;
 * most for a conversation of hundreds of messages). Undefined for any other value, to be checked.
 */
function writtenAsIs(value: unknown): Conversation | undefined {
	if (!isRecord(value)) return undefined;
	const { [SHAPE_KEY]: shape, ...conversation } = value;
	return shape === __CONVERSATION_SHAPE__ ? (conversation as Conversation) : undefined;
}

/** What is stored for a checked conversation: it, and the shape it was checked in. */
const asWritten = (conversation: Conversation) => ({
	...conversation,
	[SHAPE_KEY]: __CONVERSATION_SHAPE__
});

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
	const [kept, stored] = await Promise.all([
		values(store('summaries')),
		keys<string>(store('conversations'))
	]);
	const ids = new Set(stored);
	// A summary whose conversation is gone is not listed; one that does not read is made again.
	const summaries = kept.filter((s): s is ConversationSummary => isSummary(s) && ids.has(s.id));
	const known = new Set(summaries.map((s) => s.id));
	const missing = stored.filter((id) => !known.has(id));
	let unreadable = 0;
	if (missing.length) {
		const found: ConversationSummary[] = [];
		for (const value of await getMany(missing, store('conversations'))) {
			const conversation = readConversation(value);
			if (conversation) found.push(summarize(conversation));
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
	const [stored, drafts] = await Promise.all([
		values(store('conversations')),
		readAll(store('drafts'), draftSchema)
	]);
	const byConversation = new Map(drafts.items.map((d) => [d.conversationId, d]));
	const conversations: Conversation[] = [];
	let unreadable = 0;
	for (const value of stored) {
		const conversation = readConversation(value);
		if (conversation)
			conversations.push(withDraft(conversation, byConversation.get(conversation.id)));
		else unreadable++;
	}
	return { conversations: conversations.sort((a, b) => b.updatedAt - a.updatedAt), unreadable };
}

export async function loadConversation(id: string): Promise<Conversation | undefined> {
	const [stored, draft] = await Promise.all([
		get(id, store('conversations')),
		get(id, store('drafts'))
	]);
	const conversation = readConversation(stored);
	if (!conversation) return undefined;
	const checked = draftSchema.safeParse(draft);
	return withDraft(conversation, checked.success ? checked.data : undefined);
}

/**
 * Writes the conversation, then its summary, and retires its draft; returns what was written.
 * `base` is the copy this tab last read or wrote: when another tab has written since (the stored
 * revision moved on), the two are merged by message id in the same transaction (see merge.ts),
 * so neither tab's messages or renames are lost.
 */
export async function saveConversation(
	conversation: Conversation,
	base?: Conversation
): Promise<{ saved: Conversation; merged: boolean }> {
	let saved = conversation;
	let merged = false;
	// Needed only when another tab wrote, but inside the transaction, which cannot wait for a
	// download: loaded before the first save that has something to merge against.
	const { mergeConversation } = base ? await loadMerge() : { mergeConversation: undefined };
	await update(
		conversation.id,
		(stored: unknown) => {
			const current = readConversation(stored);
			merged = !!current && !!base && current.revision !== base.revision;
			const written =
				merged && current && base && mergeConversation
					? mergeConversation(base, conversation, current)
					: conversation;
			saved = checked(conversationSchema, { ...written, revision: (current?.revision ?? 0) + 1 });
			return asWritten(saved);
		},
		store('conversations')
	);
	await putRecord(store('summaries'), saved.id, summarySchema, summarize(saved));
	await del(saved.id, store('drafts'));
	return { saved, merged };
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
