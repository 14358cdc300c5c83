import type { ChatMessage, Conversation, ConversationSummary } from '$lib/model/chat';
import {
	deleteConversation,
	loadConversation,
	loadConversations,
	loadSummaries,
	saveConversation,
	saveDraft,
	summarize
} from '$lib/storage/conversations';
import { inTurn } from '$lib/storage/in-turn';

const CHANNEL = 'cerulean-conversations';

/** Lower-cased text a conversation can be found by: its title and messages. */
const searchText = (c: Conversation): string =>
	[c.title, ...c.messages.map((m) => m.content)].join('\n').toLowerCase();

/** Search text by conversation id: plain data, read on the first search, never watched. */
const readTexts = (conversations: Conversation[]): Map<string, string> =>
	new Map(conversations.map((c) => [c.id, searchText(c)]));

/**
 * The saved conversations: the list (as summaries: whole conversations are read one at a time,
 * when opened), writing them to IndexedDB, searching them, and following other tabs.
 */
export class ConversationStore {
	list = $state.raw<ConversationSummary[]>([]);
	/** What went wrong with this browser's storage, in words. */
	problem = $state<string | undefined>(undefined);
	#channel: BroadcastChannel | undefined;
	/** Every conversation's text, read on the first search and kept current after that. */
	#texts: Promise<Map<string, string>> | undefined;
	/** This tab's writes to one conversation, one at a time (see in-turn.ts). */
	#inTurn = inTurn();

	/** Loads the list; `onOtherTab` hears of a conversation another tab changed. */
	load = async (onOtherTab: (id: string) => void): Promise<void> => {
		await this.#reload();
		if (typeof BroadcastChannel === 'undefined') return;
		this.#channel = new BroadcastChannel(CHANNEL);
		this.#channel.onmessage = async (event: MessageEvent<{ id: string; draft?: boolean }>) => {
			// A streaming reply changes one conversation, not the list: only that one is read again.
			if (!event.data.draft) await this.#reload();
			onOtherTab(event.data.id);
		};
	};

	dispose = (): void => this.#channel?.close();

	#reload = async (): Promise<void> => {
		try {
			const { summaries, unreadable } = await loadSummaries();
			this.list = summaries;
			this.#texts = undefined;
			this.problem = unreadable
				? `${unreadable} stored conversation${unreadable > 1 ? 's' : ''} could not be read and ${unreadable > 1 ? 'are' : 'is'} not listed.`
				: undefined;
		} catch (error) {
			this.problem = `Conversations could not be loaded from this browser's storage: ${(error as Error).message}`;
		}
	};

	/** Each conversation as this tab last read or wrote it: what a save merges against. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never drawn
	#base = new Map<string, Conversation>();

	/** The stored copy, as another tab may have left it. */
	read = async (id: string): Promise<Conversation | undefined> => {
		const conversation = await loadConversation(id);
		if (conversation) this.#base.set(id, conversation);
		return conversation;
	};

	/**
	 * Another tab wrote a conversation this tab shows: the stored copy with this tab's own changes
	 * (typed, or being saved) merged in, to show; then `builtOn(stored)`. Merging, not replacing:
	 * a send in flight here must not vanish from the screen (and from the next save).
	 */
	follow = async (
		id: string,
		current: () => Conversation
	): Promise<{ show: Conversation; stored: Conversation } | undefined> => {
		const { mergeConversation } = await import('$lib/chat/merge');
		const stored = await loadConversation(id);
		if (!stored) return undefined;
		const base = this.#base.get(id);
		const local = current();
		if (!base || local.id !== id) return { show: stored, stored };
		return { show: mergeConversation(base, local, stored), stored };
	};

	/** Tells the store what this tab now builds on (after a save whose merge it could not show). */
	builtOn = (conversation: Conversation): void => {
		this.#base.set(conversation.id, conversation);
	};

	/** Lists the conversation (newest first) once it has messages or was listed before. */
	show = (conversation: Conversation): void => {
		const others = this.list.filter((c) => c.id !== conversation.id);
		if (conversation.messages.length || this.list.some((c) => c.id === conversation.id)) {
			this.list = [summarize(conversation), ...others].sort((a, b) => b.updatedAt - a.updatedAt);
		}
	};

	/** The ids of conversations whose title or messages contain `query` (lower case). */
	search = async (query: string): Promise<ReadonlySet<string>> => {
		this.#texts ??= loadConversations().then(
			({ conversations }) => readTexts(conversations),
			() => readTexts([])
		);
		const texts = await this.#texts;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a result handed over, never changed
		return new Set([...texts.keys()].filter((id) => texts.get(id)?.includes(query)));
	};

	/** Keeps the search text of a conversation current, if it has been read. */
	#searchable = (conversation: Conversation | string): void => {
		void this.#texts?.then((texts) => {
			if (typeof conversation === 'string') texts.delete(conversation);
			else texts.set(conversation.id, searchText(conversation));
		});
	};

	/**
	 * Writes it to IndexedDB, merged with what another tab wrote meanwhile, and tells other tabs.
	 * Returns the merge when another tab had written, to show; undefined otherwise, and after a
	 * failure (reported; the screen keeps the conversation).
	 */
	save = async (conversation: Conversation): Promise<Conversation | undefined> => {
		try {
			const { saved, merged } = await this.#inTurn(conversation.id, async () => {
				const written = await saveConversation(conversation, this.#base.get(conversation.id));
				this.#base.set(written.saved.id, written.saved);
				return written;
			});
			this.#searchable(saved);
			this.#channel?.postMessage({ id: saved.id });
			return merged ? saved : undefined;
		} catch (error) {
			this.problem = `Could not save to this browser's storage (${(error as Error).message}). The conversation is still on screen; export it to keep a copy.`;
			return undefined;
		}
	};

	/** Writes the reply being streamed into a conversation, alone; a failure is reported. */
	saveDraft = async (conversationId: string, message: ChatMessage): Promise<void> => {
		try {
			await this.#inTurn(conversationId, () => saveDraft(conversationId, message));
			this.#channel?.postMessage({ id: conversationId, draft: true });
		} catch (error) {
			this.problem = `Could not save the reply as it arrives (${(error as Error).message}). It is still on screen; it is saved again when it ends.`;
		}
	};

	/** Deletes a conversation; false (and the problem said) when storage would not. */
	remove = async (id: string): Promise<boolean> => {
		try {
			await this.#inTurn(id, () => deleteConversation(id));
		} catch (error) {
			this.problem = `The conversation could not be deleted from this browser's storage: ${(error as Error).message}`;
			return false;
		}
		this.#searchable(id);
		this.#channel?.postMessage({ id });
		this.list = this.list.filter((c) => c.id !== id);
		return true;
	};

	/** The model each deployment answered with, as the service named it, newest first. */
	modelOf = (deployment: string): string | undefined => {
		for (const summary of this.list) {
			const model = summary.models[deployment];
			if (model) return model;
		}
		return undefined;
	};
}
