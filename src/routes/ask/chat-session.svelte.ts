import type { CodeSamples } from '$lib/azure/code-samples';
import { codeFor } from '$lib/state/code-for';
import { applyChoice, newId, pendingToolCalls, titleFrom } from '$lib/chat/conversation';
import type { AssembledChoice, ChatMessage } from '$lib/model/chat';
import type { Connection } from '$lib/model/settings';
import { ConversationSession, PART_MISSING } from './conversation-session.svelte';
import type { ReplyHost } from './reply-run';
import type { ComposerErrors } from './send-rules';

export type { ComposerErrors };

/**
 * The streaming code (the SSE parser, the assembler, the redraw loop), fetched once there is
 * something to send: a visit that only reads old conversations never needs it.
 */
const loadStreaming = () => import('./send-parts');
const loadRules = () => import('./send-rules');

/** Ask: sending, streaming, stopping and retrying replies in the conversation on screen. */
export class ChatSession extends ConversationSession {
	/** The reply being streamed, refreshed a few times a second. */
	live = $state.raw<{ messageId: string; choices: AssembledChoice[] } | undefined>(undefined);
	/** Function calls of the last reply still waiting for their result. */
	readonly pendingCallIds = $derived(pendingToolCalls(this.active).map((c) => c.id));
	/** Part of the app failed to load (offline, or a newer version replaced it on the server). */
	loadProblem = $state<string | undefined>(undefined);
	#connection: () => Connection | undefined;
	/** What a reply (reply-run.ts) needs of this session beyond its public state. */
	readonly #host: ReplyHost = {
		session: this,
		connection: () => this.#connection(),
		commit: (conversation, save) => this.commit(conversation, save),
		learnModel: () => this.learnModel(),
		addToolResult: (id, name, content) => this.#addToolResult(id, name, content),
		loaded: (part) => this.#loaded(part)
	};

	constructor(connection: () => Connection | undefined, fetchImpl?: typeof fetch) {
		super(fetchImpl);
		this.#connection = connection;
	}

	/** Why the message cannot be sent yet; empty when it can (the rules load with the streaming code). */
	check = async (text: string, images: string[]): Promise<ComposerErrors> => {
		const rules = await loadRules().catch(() => undefined);
		this.loadProblem = rules ? undefined : PART_MISSING;
		if (!rules) return { message: PART_MISSING };
		return rules.checkSend(this.active, text, images, this.form.errorCount);
	};

	/** Adds the user's message (saved before the request leaves) and asks for a reply. */
	send = async (text: string, images: string[] = []): Promise<void> => {
		if (this.op.busy) return;
		const message: ChatMessage = {
			id: newId(),
			role: 'user',
			content: text,
			createdAt: Date.now(),
			...(images.length ? { images } : {})
		};
		const first = !this.active.messages.some((m) => m.role === 'user');
		await this.commit(
			{
				...this.active,
				title: first ? titleFrom(text || 'Image') : this.active.title,
				messages: [...this.active.messages, message],
				updatedAt: Date.now()
			},
			true
		);
		await this.#ask(this.active.messages);
	};

	stop = (): void => this.op.stop();

	/**
	 * Fetches the streaming code and starts its worker, so that Send waits for neither; and the
	 * Markdown renderer, so that it is evaluated while the user writes, not inside the first frames
	 * of the reply (a reopened conversation draws its kept HTML without it).
	 */
	prepare = (): void => {
		void loadRules().catch(() => undefined);
		void import('$lib/markdown/render').catch(() => undefined);
		loadStreaming().then(
			(streaming) => {
				if (!this.op.fetch) streaming.warmStreamWorker();
			},
			() => {
				/* reported by the send that needs it */
			}
		);
	};

	/** Asks again from `messages`: after a failure, an edit or for a new reply. */
	#ask = async (messages: ChatMessage[]): Promise<void> => {
		if (this.op.busy) return;
		this.notice = undefined;
		await this.commit({ ...this.active, messages, updatedAt: Date.now() }, true);
		await this.#run();
	};

	/** Asks again after a failure or an interrupted reply, keeping everything before it. */
	retry = (): Promise<void> => {
		const last = this.active.messages.at(-1);
		const drop = last?.role === 'assistant' && last.status !== 'done' && last.status !== 'stopped';
		return this.#ask(drop ? this.active.messages.slice(0, -1) : this.active.messages);
	};

	/** Replaces the last reply with a new one. */
	regenerate = (): Promise<void> => {
		const lastUser = this.active.messages.findLastIndex((m) => m.role === 'user');
		return lastUser < 0
			? Promise.resolve()
			: this.#ask(this.active.messages.slice(0, lastUser + 1));
	};

	/** Changes a user message and asks again from there; later messages are replaced. */
	editAndResend = (id: string, text: string): Promise<void> => {
		const index = this.active.messages.findIndex((m) => m.id === id && m.role === 'user');
		const original = this.active.messages[index];
		if (!original) return Promise.resolve();
		return this.#ask([...this.active.messages.slice(0, index), { ...original, content: text }]);
	};

	/** Picks up a stopped reply where it stopped, adding to the same message. */
	continueReply = async (): Promise<void> => {
		const last = this.active.messages.at(-1);
		if (this.op.busy || last?.role !== 'assistant' || last.status !== 'stopped') return;
		this.notice = undefined;
		await this.#run(last);
	};

	deleteMessage = async (id: string): Promise<void> => {
		if (this.op.busy) return;
		const streaming = await this.#streaming();
		if (!streaming) return;
		await this.commit({ ...streaming.deleteMessage(this.active, id), updatedAt: Date.now() }, true);
	};

	/** The streaming code, or undefined (and the problem said) when it cannot be fetched. */
	#streaming = async () => {
		const streaming = await loadStreaming().catch(() => undefined);
		return this.#loaded(streaming) ? streaming : undefined;
	};

	/** Whether a part fetched on demand came; if not, the page says it is missing. */
	#loaded = <T>(part: T | undefined): part is T => {
		this.loadProblem = part ? undefined : PART_MISSING;
		return !!part;
	};

	/** With several choices, picks the one that continues the conversation. */
	choose = async (messageId: string, index: number): Promise<void> => {
		const messages = this.active.messages.map((m) => {
			const choice = m.alternatives?.[index];
			return m.id === messageId && choice ? applyChoice(m, choice, index) : m;
		});
		await this.commit({ ...this.active, messages }, true);
	};

	/** The user's answer to a function call; once every call is answered, the model continues. */
	answerTool = async (callId: string, result: string): Promise<void> => {
		const call = pendingToolCalls(this.active).find((c) => c.id === callId);
		if (!call || this.op.busy) return;
		this.notice = undefined;
		await this.#addToolResult(call.id, call.name, result);
		if (!pendingToolCalls(this.active).length) await this.#run();
	};

	/** After a context-length error: drops the oldest turns it named and sends again. */
	dropOldTurns = async (): Promise<void> => {
		const overflow = this.overflow;
		if (!overflow || this.op.busy) return;
		this.overflow = undefined;
		this.notice = `Dropped the ${overflow.turns === 1 ? 'oldest turn' : `${overflow.turns} oldest turns`} (${overflow.messages} messages) to fit the context window.`;
		await this.commit({ ...overflow.conversation, updatedAt: Date.now() }, true);
		await this.#run();
	};

	/** Takes a function out of the library and out of the functions this conversation offers. */
	removeFunction = async (name: string): Promise<void> => {
		if (!(await this.library.remove(name))) return;
		this.form.raw.functions = this.form.raw.functions.filter((n) => n !== name);
		this.paramsChanged();
	};

	/** The exact request the next send would make, for View code. */
	samples = async (text: string): Promise<CodeSamples | undefined> => {
		const connection = this.#connection();
		const deployment = this.active.deployment.trim();
		if (!connection || !deployment) return codeFor(undefined);
		const { buildChatBody, toWire } = await loadStreaming();
		const typed: ChatMessage = { id: 'draft', role: 'user', content: text, createdAt: Date.now() };
		const messages = text.trim() ? [...this.active.messages, typed] : this.active.messages;
		const body = buildChatBody(toWire(this.active, messages), this.form.parsed.params, {
			apiVersion: connection.apiVersion,
			stream: true
		});
		return codeFor({ connection, operation: 'chat/completions', deployment, body });
	};

	/** Streams a reply into the conversation; `resume` continues a stopped one (reply-run.ts). */
	#run = async (resume?: ChatMessage): Promise<void> => {
		const streaming = await this.#streaming();
		if (streaming) await streaming.runReply(this.#host, resume);
	};

	#addToolResult = async (id: string, name: string, content: string): Promise<void> => {
		const message: ChatMessage = {
			id: newId(),
			role: 'tool',
			content,
			toolCallId: id,
			toolName: name,
			createdAt: Date.now()
		};
		await this.commit(
			{ ...this.active, messages: [...this.active.messages, message], updatedAt: Date.now() },
			true
		);
	};
}
