import type { ChatMessage, Conversation } from '$lib/model/chat';
import {
	deleteConversation,
	loadConversation,
	loadConversations,
	saveConversation,
	saveDraft
} from '$lib/storage/conversations';

const CHANNEL = 'cerulean-conversations';

/** The saved conversations: the list, writing them to IndexedDB, and following other tabs. */
export class ConversationStore {
	list = $state.raw<Conversation[]>([]);
	/** What went wrong with this browser's storage, in words. */
	problem = $state<string | undefined>(undefined);
	#channel: BroadcastChannel | undefined;

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
			const { conversations, unreadable } = await loadConversations();
			this.list = conversations;
			this.problem = unreadable
				? `${unreadable} stored conversation${unreadable > 1 ? 's' : ''} could not be read and ${unreadable > 1 ? 'are' : 'is'} not listed.`
				: undefined;
		} catch (error) {
			this.problem = `Conversations could not be loaded from this browser's storage: ${(error as Error).message}`;
		}
	};

	/** The stored copy, as another tab may have left it. */
	read = (id: string): Promise<Conversation | undefined> => loadConversation(id);

	/** Lists the conversation (newest first) once it has messages or was listed before. */
	show = (conversation: Conversation): void => {
		const others = this.list.filter((c) => c.id !== conversation.id);
		if (conversation.messages.length || this.list.some((c) => c.id === conversation.id)) {
			this.list = [conversation, ...others].sort((a, b) => b.updatedAt - a.updatedAt);
		}
	};

	/** Writes it to IndexedDB and tells other tabs; a failure is reported, the screen keeps it. */
	save = async (conversation: Conversation): Promise<boolean> => {
		try {
			await saveConversation(conversation);
			this.#channel?.postMessage({ id: conversation.id });
			return true;
		} catch (error) {
			this.problem = `Could not save to this browser's storage (${(error as Error).message}). The conversation is still on screen; export it to keep a copy.`;
			return false;
		}
	};

	/** Writes the reply being streamed into a conversation, alone; a failure is reported. */
	saveDraft = async (conversationId: string, message: ChatMessage): Promise<void> => {
		try {
			await saveDraft(conversationId, message);
			this.#channel?.postMessage({ id: conversationId, draft: true });
		} catch (error) {
			this.problem = `Could not save the reply as it arrives (${(error as Error).message}). It is still on screen; it is saved again when it ends.`;
		}
	};

	remove = async (id: string): Promise<void> => {
		try {
			await deleteConversation(id);
		} catch (error) {
			this.problem = `The conversation could not be deleted from this browser's storage: ${(error as Error).message}`;
			return;
		}
		this.#channel?.postMessage({ id });
		this.list = this.list.filter((c) => c.id !== id);
	};

	/** The model each deployment answered with, as the service named it, newest first. */
	modelOf = (deployment: string): string | undefined => {
		for (const conversation of this.list) {
			for (let i = conversation.messages.length - 1; i >= 0; i--) {
				const m = conversation.messages[i];
				if (m?.role === 'assistant' && m.model && m.deployment === deployment) return m.model;
			}
		}
		return undefined;
	};
}
