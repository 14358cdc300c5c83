import { newConversation } from '$lib/chat/conversation';
import type { Conversation, ConversationSummary } from '$lib/model/chat';
import { modelLimits } from '$lib/model/chat-models';
import type { HtmlStore } from '$lib/markdown/keeper';
import { Operation } from '$lib/state/operation.svelte';
import { suggestedDeployment } from '$lib/state/suggested';
import { keepRendered, pruneRendered, readRendered } from '$lib/storage/rendered';
import { ConversationStore } from './conversations.svelte';
import { FunctionLibrary } from './function-library.svelte';
import { ParamsForm } from './params-form.svelte';

const loadFiles = () => import('$lib/chat/conversation-file');
/**
 * How many of a conversation's last messages are drawn when it opens; earlier ones are drawn as
 * the reader scrolls up to them (src/routes/ask/+page.svelte).
 */
export const OPEN_WINDOW = 10;
/** The longest an opening conversation waits for its replies' kept HTML before it is shown. */
const READ_AHEAD_MS = 200;
/** The largest file Import JSON reads. */
export const MAX_IMPORT_BYTES = 50 * 1048576;
import { PART_MISSING } from '$lib/state/part-missing';

export { PART_MISSING };

/**
 * Ask's conversation on screen: which one it is, its settings and parameters, switching, renaming,
 * deleting, importing and exporting, and keeping it on disk. Sending lives in ChatSession.
 */
export class ConversationSession {
	readonly store = new ConversationStore();
	readonly op: Operation;
	readonly library = new FunctionLibrary();
	readonly form = new ParamsForm(() => this.library.all);
	/** Drawn replies, kept between visits (a cache: see src/lib/storage/rendered.ts). */
	readonly rendered: HtmlStore = { read: readRendered, write: keepRendered };
	active = $state.raw<Conversation>(newConversation());
	notice = $state<string | undefined>(undefined);
	/** A context-length failure that dropping the oldest turns would fix. */
	overflow = $state.raw<{ turns: number; messages: number; conversation: Conversation }>();

	#saveTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(fetchImpl?: typeof fetch) {
		this.op = new Operation(fetchImpl ? { fetch: fetchImpl } : {});
	}

	/** Deployment names used before, offered as suggestions. */
	get recentDeployments(): string[] {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a result handed over, never changed
		return [...new Set(this.store.list.map((c) => c.deployment).filter(Boolean))];
	}

	/**
	 * False until the conversation the page opens on is known (the latest one, or none), or a
	 * second has passed: until then the page does not show the welcome of an empty conversation
	 * that the latest one would replace a moment later.
	 */
	opened = $state(false);

	load = async (): Promise<void> => {
		const waited = setTimeout(() => (this.opened = true), 1000);
		let latest: ConversationSummary | undefined;
		try {
			await this.store.load(async (id) => {
				// Another tab changed a conversation: follow it, unless this tab is writing it.
				if (id !== this.active.id || this.op.busy) return;
				const followed = await this.store.follow(id, () => this.active);
				if (!followed || id !== this.active.id || this.op.busy) return;
				this.show(followed.show);
				this.store.builtOn(followed.stored);
			});
			latest = this.store.list[0];
			if (latest) await this.#open(latest.id);
		} finally {
			clearTimeout(waited);
			this.opened = true;
		}
		if (!latest) {
			// A first visit: start with the deployment the team suggests (cerulean.config.json).
			const suggested = await suggestedDeployment('ask');
			if (suggested && !this.active.deployment && !this.active.messages.length)
				this.setDeployment(suggested);
		}
		await this.library.load();
		// A few thousand kept replies at most; the cache starts over past that.
		setTimeout(() => void pruneRendered(5000).catch(() => undefined), 5000);
	};

	dispose = (): void => {
		this.store.dispose();
		this.op.stop();
		this.#flushPendingSave();
	};

	#opening = '';
	/**
	 * Reads a stored conversation and puts it on screen, unless another was picked meanwhile. False
	 * when it could not be read.
	 */
	#open = async (id: string): Promise<boolean> => {
		this.#opening = id;
		const conversation = await this.store.read(id);
		if (conversation) await this.#readAhead(conversation);
		if (this.#opening !== id) return true;
		this.#opening = '';
		if (!conversation) {
			this.notice =
				"That conversation could not be read from this browser's storage. It is kept there as it was; other conversations are not affected.";
			return false;
		}
		this.show(conversation);
		const unreadable = conversation.unreadable?.length ?? 0;
		if (unreadable) {
			this.notice = `${unreadable === 1 ? 'One message' : `${unreadable} messages`} of this conversation could not be read and ${unreadable === 1 ? 'is' : 'are'} not shown. ${unreadable === 1 ? 'It is' : 'They are'} kept as stored, and come with it in a JSON export.`;
		}
		return true;
	};

	/**
	 * Reads the kept HTML of the replies a conversation opens on before it is shown: they appear
	 * drawn, not first as their Markdown source for the moment that read takes.
	 */
	#readAhead = (conversation: Conversation): Promise<void> =>
		import('$lib/markdown/drawn').then(
			({ readAhead }) =>
				readAhead(
					{ store: this.rendered, scope: conversation.id },
					conversation.messages
						.slice(-OPEN_WINDOW)
						.filter((message) => message.role === 'assistant')
						.flatMap(
							(message) =>
								message.alternatives?.map((choice) => choice.content) ?? [message.content]
						),
					READ_AHEAD_MS
				),
			() => undefined
		);

	/** Makes a conversation the one on screen, with its parameters in the form. */
	protected show = (conversation: Conversation): void => {
		this.active = conversation;
		this.form.load(conversation.params);
		this.learnModel();
	};

	/** Bounds Max Tokens by the deployment's model, once a reply has named it. */
	protected learnModel = (): void => {
		const model = this.store.modelOf(this.active.deployment.trim());
		const limits = modelLimits(model);
		this.form.known = model && limits ? { model, maxOutput: limits.maxOutput } : undefined;
	};

	protected commit = async (conversation: Conversation, save: boolean): Promise<void> => {
		this.active = conversation;
		this.store.show(conversation);
		if (save) await this.#persist(conversation);
	};

	/**
	 * Saves. When another tab wrote meanwhile, the save merged both: the merge is shown, unless this
	 * tab has moved on since, in which case its next save merges again from what it had.
	 */
	#persist = async (conversation: Conversation): Promise<void> => {
		const merged = await this.store.save(conversation);
		if (!merged) return;
		if (this.active === conversation) {
			this.show(merged);
			this.store.show(merged);
		} else this.store.builtOn(conversation);
	};

	#flushPendingSave = (): void => {
		if (!this.#saveTimer) return;
		clearTimeout(this.#saveTimer);
		this.#saveTimer = undefined;
		if (this.active.messages.length) void this.#persist(this.active);
	};

	/** Settings edits (model, system message, parameters) are saved shortly after typing stops. */
	#update = (change: Partial<Conversation>): void => {
		void this.commit({ ...this.active, ...change, updatedAt: this.active.updatedAt }, false);
		clearTimeout(this.#saveTimer);
		this.#saveTimer = setTimeout(() => {
			this.#saveTimer = undefined;
			if (this.active.messages.length) void this.#persist(this.active);
		}, 400);
	};

	setDeployment = (deployment: string): void => {
		this.#update({ deployment });
		this.learnModel();
	};
	setSystemMessage = (systemMessage: string) => this.#update({ systemMessage });
	/** The form changed: keep what parses with the conversation. */
	paramsChanged = () => this.#update({ params: this.form.parsed.params });

	protected leave = (): boolean => {
		if (this.op.busy) return false;
		this.#flushPendingSave();
		this.#opening = '';
		this.op.clear();
		this.notice = undefined;
		this.overflow = undefined;
		return true;
	};

	newConversation = (): void => {
		if (!this.leave()) return;
		const { deployment, systemMessage, params } = this.active;
		// A new conversation starts with the current model and parameters, as people expect.
		this.show(newConversation({ deployment, systemMessage, params }));
	};

	select = async (id: string): Promise<void> => {
		if (id === this.active.id || !this.store.list.some((c) => c.id === id) || !this.leave()) return;
		await this.#open(id);
	};

	rename = async (id: string, title: string): Promise<void> => {
		if (!title.trim()) return;
		// The stored copy may be newer (another tab is streaming into it): rename that one.
		const base = id === this.active.id ? this.active : await this.store.read(id);
		if (!base) return;
		const renamed = { ...base, title: title.trim() };
		if (id === this.active.id) await this.commit(renamed, true);
		else {
			this.store.show(renamed);
			await this.store.save(renamed);
		}
	};

	remove = async (id: string): Promise<void> => {
		if (this.op.busy && id === this.active.id) return;
		// Not deleted: the conversation stays on screen as it is, with anything not yet stored.
		if (!(await this.store.remove(id)) || id !== this.active.id) return;
		const { deployment, systemMessage, params } = this.active;
		const next = this.store.list[0];
		if (!next || !(await this.#open(next.id))) {
			this.show(newConversation({ deployment, systemMessage, params }));
		}
	};

	/**
	 * Imports a file: refused unread past MAX_IMPORT_BYTES (an exported conversation is rarely
	 * more than a few MB, and reading a huge one would hold the page for seconds).
	 */
	importFile = async (file: Blob): Promise<string | undefined> => {
		if (file.size > MAX_IMPORT_BYTES) {
			return `This file is ${Math.round(file.size / 1048576)} MB; Cerulean imports conversations of up to ${MAX_IMPORT_BYTES / 1048576} MB. Nothing was changed.`;
		}
		return this.importText(await file.text());
	};

	/** Imports an exported file as a new conversation; a bad file changes nothing. */
	importText = async (text: string): Promise<string | undefined> => {
		const files = await loadFiles().catch(() => undefined);
		if (!files) return PART_MISSING;
		const result = files.parseImport(text);
		if (!result.ok) return result.error;
		if (!this.leave()) return 'Wait for the reply to finish, then import.';
		this.show({ ...result.conversation, updatedAt: Date.now() });
		await this.commit(this.active, true);
		return undefined;
	};

	/** The conversation as a file: Markdown to read, JSON to import again. */
	exportFile = async (
		kind: 'md' | 'json'
	): Promise<{ name: string; type: string; content: string } | string> => {
		const files = await loadFiles().catch(() => undefined);
		return files ? files.exportFile(this.active, kind) : PART_MISSING;
	};
}
