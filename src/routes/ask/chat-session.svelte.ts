import {
	buildChatBody,
	ChatAssembler,
	streamChat,
	type AssembledChoice,
	type ChatParams
} from '$lib/azure/chat';
import type { Connection } from '$lib/azure/connection';
import { asAzureError, type AzureError } from '$lib/azure/errors';
import { isBuiltin, runBuiltin } from '$lib/chat/builtin-functions';
import {
	applyChoice,
	newConversation,
	newId,
	parseImport,
	pendingToolCalls,
	titleFrom,
	toWire,
	type ChatMessage,
	type Conversation
} from '$lib/chat/conversation';
import { Countdown } from '$lib/state/countdown.svelte';
import { frameBatch } from '$lib/state/frame-batch';
import {
	deleteConversation,
	loadConversation,
	loadConversations,
	saveConversation
} from '$lib/storage/conversations';

/** How often a streaming reply is written to IndexedDB: a reload loses at most this much. */
const CHECKPOINT_MS = 1000;
/** The streaming reply is redrawn at most this often (and never more than once a frame). */
const RENDER_INTERVAL_MS = 50;
/** Automatic retries after a 429, each after the delay Azure asked for. */
const MAX_RATE_LIMIT_RETRIES = 3;
/** Built-in tool calls answered in a row before Cerulean stops and lets the user look. */
const MAX_AUTOMATIC_TURNS = 5;
const CHANNEL = 'cerulean-conversations';

/** One conversation at a time: sending, streaming, stopping, retrying and keeping it on disk. */
export class ChatSession {
	conversations = $state.raw<Conversation[]>([]);
	active = $state.raw<Conversation>(newConversation());
	/** The reply being streamed, refreshed at most once per animation frame. */
	live = $state.raw<{ messageId: string; choices: AssembledChoice[] } | undefined>(undefined);
	busy = $state(false);
	failure = $state.raw<{ error: AzureError; deployment: string } | undefined>(undefined);
	readonly countdown = new Countdown(MAX_RATE_LIMIT_RETRIES);
	notice = $state<string | undefined>(undefined);
	storageProblem = $state<string | undefined>(undefined);
	/** Bumped when the session itself changes parameters (e.g. switching on reasoning mode). */
	paramsRevision = $state(0);

	#connection: () => Connection | undefined;
	#fetch: typeof fetch | undefined;
	#controller: AbortController | undefined;
	#saveTimer: ReturnType<typeof setTimeout> | undefined;
	#channel: BroadcastChannel | undefined;
	#automaticTurns = 0;

	constructor(connection: () => Connection | undefined, fetchImpl?: typeof fetch) {
		this.#connection = connection;
		this.#fetch = fetchImpl;
	}

	load = async (): Promise<void> => {
		await this.#reloadList();
		const latest = this.conversations[0];
		if (latest) {
			this.active = latest;
			this.paramsRevision++;
		}
		if (typeof BroadcastChannel !== 'undefined') {
			// Another tab changed a conversation: refresh the list, and this one if it is idle.
			this.#channel = new BroadcastChannel(CHANNEL);
			this.#channel.onmessage = async (event: MessageEvent<{ id: string }>) => {
				await this.#reloadList();
				if (event.data.id === this.active.id && !this.busy) {
					const fresh = await loadConversation(this.active.id);
					if (fresh) this.active = fresh;
				}
			};
		}
	};

	dispose = (): void => {
		this.#channel?.close();
		this.#controller?.abort();
		this.countdown.cancel();
		this.#flushPendingSave();
	};

	#reloadList = async (): Promise<void> => {
		try {
			const { conversations, unreadable } = await loadConversations();
			this.conversations = conversations;
			this.storageProblem = unreadable
				? `${unreadable} stored conversation${unreadable > 1 ? 's' : ''} could not be read and ${unreadable > 1 ? 'are' : 'is'} not listed.`
				: undefined;
		} catch (error) {
			this.storageProblem = `Conversations could not be loaded from this browser's storage: ${(error as Error).message}`;
		}
	};

	/** Makes `conversation` the active one and lists it; `save` writes it to IndexedDB now. */
	#commit = async (conversation: Conversation, save: boolean): Promise<void> => {
		this.active = conversation;
		const others = this.conversations.filter((c) => c.id !== conversation.id);
		if (conversation.messages.length || this.conversations.some((c) => c.id === conversation.id)) {
			this.conversations = [conversation, ...others].sort((a, b) => b.updatedAt - a.updatedAt);
		}
		if (save) await this.#save(conversation);
	};

	#save = async (conversation: Conversation): Promise<void> => {
		try {
			await saveConversation(conversation);
			this.#channel?.postMessage({ id: conversation.id });
		} catch (error) {
			this.storageProblem = `Could not save to this browser's storage (${(error as Error).message}). The conversation is still on screen; export it to keep a copy.`;
		}
	};

	#flushPendingSave = (): void => {
		if (!this.#saveTimer) return;
		clearTimeout(this.#saveTimer);
		this.#saveTimer = undefined;
		if (this.active.messages.length) void this.#save(this.active);
	};

	/** Settings edits (model, system message, parameters) are saved shortly after typing stops. */
	#update = (change: Partial<Conversation>): void => {
		void this.#commit({ ...this.active, ...change, updatedAt: this.active.updatedAt }, false);
		clearTimeout(this.#saveTimer);
		this.#saveTimer = setTimeout(() => {
			this.#saveTimer = undefined;
			if (this.active.messages.length) void this.#save(this.active);
		}, 400);
	};

	setDeployment = (deployment: string) => this.#update({ deployment });
	setSystemMessage = (systemMessage: string) => this.#update({ systemMessage });
	setParams = (params: ChatParams) => this.#update({ params });

	newConversation = (): void => {
		if (this.busy) return;
		this.#flushPendingSave();
		const { deployment, systemMessage, params } = this.active;
		this.failure = undefined;
		this.notice = undefined;
		// A new conversation starts with the current model and parameters, as people expect.
		this.active = newConversation({ deployment, systemMessage, params });
		this.paramsRevision++;
	};

	select = (id: string): void => {
		if (this.busy || id === this.active.id) return;
		this.#flushPendingSave();
		const found = this.conversations.find((c) => c.id === id);
		if (!found) return;
		this.failure = undefined;
		this.notice = undefined;
		this.active = found;
		this.paramsRevision++;
	};

	rename = async (id: string, title: string): Promise<void> => {
		const found = this.conversations.find((c) => c.id === id);
		if (!found || !title.trim()) return;
		const renamed = { ...found, title: title.trim() };
		if (id === this.active.id) await this.#commit(renamed, true);
		else {
			this.conversations = this.conversations.map((c) => (c.id === id ? renamed : c));
			await this.#save(renamed);
		}
	};

	remove = async (id: string): Promise<void> => {
		if (this.busy && id === this.active.id) return;
		await deleteConversation(id);
		this.#channel?.postMessage({ id });
		this.conversations = this.conversations.filter((c) => c.id !== id);
		if (id === this.active.id) {
			const { deployment, systemMessage, params } = this.active;
			this.active = this.conversations[0] ?? newConversation({ deployment, systemMessage, params });
			this.paramsRevision++;
		}
	};

	/** Imports an exported file as a new conversation; a bad file changes nothing. */
	importText = async (text: string): Promise<string | undefined> => {
		const result = parseImport(text);
		if (!result.ok) return result.error;
		if (this.busy) return 'Wait for the reply to finish, then import.';
		this.#flushPendingSave();
		await this.#commit({ ...result.conversation, updatedAt: Date.now() }, true);
		this.paramsRevision++;
		return undefined;
	};

	/** Adds the user's message (saved before the request leaves) and asks for a reply. */
	send = async (text: string, images: string[] = []): Promise<void> => {
		if (this.busy) return;
		this.countdown.cancel();
		const message: ChatMessage = {
			id: newId(),
			role: 'user',
			content: text,
			createdAt: Date.now(),
			...(images.length ? { images } : {})
		};
		const first = !this.active.messages.some((m) => m.role === 'user');
		await this.#commit(
			{
				...this.active,
				title: first ? titleFrom(text || 'Image') : this.active.title,
				messages: [...this.active.messages, message],
				updatedAt: Date.now()
			},
			true
		);
		this.#automaticTurns = 0;
		await this.#run();
	};

	stop = (): void => {
		this.#controller?.abort();
		this.countdown.cancel();
	};

	cancelRetry = (): void => this.countdown.cancel();

	/** Asks again after a failure or an interrupted reply, keeping everything before it. */
	retry = async (): Promise<void> => {
		if (this.busy) return;
		this.countdown.cancel();
		const messages = [...this.active.messages];
		const last = messages.at(-1);
		if (last?.role === 'assistant' && last.status !== 'done') messages.pop();
		await this.#commit({ ...this.active, messages }, true);
		this.#automaticTurns = 0;
		await this.#run();
	};

	/** Replaces the last reply with a new one. */
	regenerate = async (): Promise<void> => {
		if (this.busy) return;
		const messages = this.active.messages;
		let lastUser = -1;
		for (let i = messages.length - 1; i >= 0; i--) {
			if (messages[i]?.role === 'user') {
				lastUser = i;
				break;
			}
		}
		if (lastUser < 0) return;
		await this.#commit({ ...this.active, messages: messages.slice(0, lastUser + 1) }, true);
		this.#automaticTurns = 0;
		await this.#run();
	};

	/** Changes a user message and asks again from there; later messages are replaced. */
	editAndResend = async (id: string, text: string): Promise<void> => {
		if (this.busy) return;
		const index = this.active.messages.findIndex((m) => m.id === id && m.role === 'user');
		const original = this.active.messages[index];
		if (!original) return;
		const messages = [...this.active.messages.slice(0, index), { ...original, content: text }];
		await this.#commit({ ...this.active, messages, updatedAt: Date.now() }, true);
		this.#automaticTurns = 0;
		await this.#run();
	};

	/** With several choices, picks the one that continues the conversation. */
	choose = async (messageId: string, index: number): Promise<void> => {
		const messages = this.active.messages.map((m) => {
			const choice = m.alternatives?.[index];
			return m.id === messageId && choice ? applyChoice(m, choice, index) : m;
		});
		await this.#commit({ ...this.active, messages }, true);
	};

	/** The user's answer to a function call; once every call is answered, the model continues. */
	answerTool = async (callId: string, result: string): Promise<void> => {
		const call = pendingToolCalls(this.active).find((c) => c.id === callId);
		if (!call || this.busy) return;
		await this.#addToolResult(call.id, call.name, result);
		this.#automaticTurns = 0;
		if (!pendingToolCalls(this.active).length) await this.#run();
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
		await this.#commit(
			{ ...this.active, messages: [...this.active.messages, message], updatedAt: Date.now() },
			true
		);
	};

	/** The assistant message as it stands, from what the stream has assembled so far. */
	#assistantFrom(
		base: ChatMessage,
		assembler: ChatAssembler,
		status: ChatMessage['status']
	): ChatMessage {
		const chosen = base.chosen ?? 0;
		const choice = assembler.choices[chosen] ?? assembler.choices[0];
		let message: ChatMessage = {
			...base,
			status,
			...(assembler.choices.length > 1
				? { alternatives: assembler.choices.map((c) => ({ ...c, toolCalls: [...c.toolCalls] })) }
				: {}),
			...(assembler.usage ? { usage: assembler.usage } : {}),
			...(assembler.promptFilter ? { promptFilter: assembler.promptFilter } : {}),
			...(assembler.model ? { model: assembler.model } : {})
		};
		if (choice) message = applyChoice(message, choice, chosen);
		return message;
	}

	#withMessage(conversation: Conversation, message: ChatMessage): Conversation {
		const messages = conversation.messages.filter((m) => m.id !== message.id);
		return { ...conversation, messages: [...messages, message], updatedAt: Date.now() };
	}

	#run = async (attempt = 0): Promise<void> => {
		const connection = this.#connection();
		const deployment = this.active.deployment.trim();
		if (!connection || !deployment) return;
		this.failure = undefined;
		this.busy = true;
		const controller = new AbortController();
		this.#controller = controller;
		const start = this.active;
		const body = buildChatBody(toWire(start), start.params, {
			apiVersion: connection.apiVersion,
			stream: true
		});
		const assembler = new ChatAssembler();
		const placeholder: ChatMessage = {
			id: newId(),
			role: 'assistant',
			content: '',
			createdAt: Date.now(),
			status: 'streaming'
		};
		await this.#commit(this.#withMessage(start, placeholder), false);

		let dirty = false;
		const frames = frameBatch(() => {
			this.live = {
				messageId: placeholder.id,
				choices: assembler.choices.map((c) => ({ ...c, toolCalls: [...c.toolCalls] }))
			};
		}, RENDER_INTERVAL_MS);
		const checkpoint = setInterval(() => {
			if (!dirty) return;
			dirty = false;
			void this.#save(
				this.#withMessage(this.active, this.#assistantFrom(placeholder, assembler, 'streaming'))
			);
		}, CHECKPOINT_MS);

		let status: ChatMessage['status'] = 'done';
		let failure: AzureError | undefined;
		try {
			await streamChat(connection, {
				deployment,
				body,
				signal: controller.signal,
				...(this.#fetch ? { fetch: this.#fetch } : {}),
				onChunk: (chunk) => {
					assembler.add(chunk);
					dirty = true;
					frames.schedule();
				}
			});
		} catch (error) {
			status = 'interrupted';
			if (!controller.signal.aborted) {
				failure = asAzureError(error);
			}
		} finally {
			clearInterval(checkpoint);
			frames.cancel();
			this.live = undefined;
			this.busy = false;
			this.#controller = undefined;
		}

		const hasContent = assembler.choices.some((c) => c.content || c.toolCalls.length);
		const settled = hasContent
			? this.#withMessage(this.active, this.#assistantFrom(placeholder, assembler, status))
			: {
					...this.active,
					messages: this.active.messages.filter((m) => m.id !== placeholder.id),
					updatedAt: Date.now()
				};
		// The one write for the settled reply.
		await this.#commit(settled, true);

		if (failure) return this.#handleFailure(failure, deployment, attempt, hasContent);
		if (status !== 'done') {
			this.notice = hasContent ? 'Stopped. What arrived is kept.' : 'Stopped before any reply.';
			return;
		}
		await this.#answerBuiltins();
	};

	#handleFailure = async (
		error: AzureError,
		deployment: string,
		attempt: number,
		partial: boolean
	): Promise<void> => {
		this.failure = { error, deployment };
		const params = this.active.params;
		const reasoningHint =
			error.kind === 'bad-request' &&
			!params.reasoning &&
			(error.code === 'unsupported_parameter' || /max_completion_tokens/.test(error.message)) &&
			[
				'max_tokens',
				'temperature',
				'top_p',
				'presence_penalty',
				'frequency_penalty',
				'logit_bias'
			].includes(error.param ?? '');
		if (reasoningHint && !partial) {
			this.failure = undefined;
			this.notice = `"${deployment}" is a reasoning deployment: Reasoning mode is now on (max_completion_tokens, no sampling parameters) and the request was sent again.`;
			await this.#commit({ ...this.active, params: { ...params, reasoning: true } }, true);
			this.paramsRevision++;
			return this.#run(attempt);
		}
		if (error.kind === 'rate-limited' && this.countdown.allows(attempt) && !partial) {
			this.countdown.start(
				error.retryAfterSeconds ?? 10,
				attempt + 1,
				() => void this.#run(attempt + 1)
			);
		}
	};

	/** Runs built-in functions the model called, then lets it continue once nothing waits for the user. */
	#answerBuiltins = async (): Promise<void> => {
		const pending = pendingToolCalls(this.active);
		if (!pending.length) return;
		for (const call of pending.filter((c) => isBuiltin(c.name))) {
			await this.#addToolResult(call.id, call.name, runBuiltin(call.name, call.arguments));
		}
		if (pendingToolCalls(this.active).length) return;
		if (++this.#automaticTurns > MAX_AUTOMATIC_TURNS) {
			this.notice = `Stopped after ${MAX_AUTOMATIC_TURNS} automatic function calls in a row. Send a message to continue.`;
			return;
		}
		await this.#run();
	};
}
