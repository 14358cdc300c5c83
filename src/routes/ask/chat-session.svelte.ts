import { buildChatBody, type WireMessage } from '$lib/azure/chat';
import { codeSamples, type CodeSamples } from '$lib/azure/code-samples';
import { parseContextOverflow, type AzureError } from '$lib/azure/errors';
import { BUILTIN_FUNCTIONS, isBuiltin, runBuiltin } from '$lib/chat/builtin-functions';
import {
	applyChoice,
	newConversation,
	newId,
	parseImport,
	pendingToolCalls,
	titleFrom,
	toExportJson,
	toMarkdown,
	toWire
} from '$lib/chat/conversation';
import { deleteMessage, dropOldestTurns } from '$lib/chat/history';
import type {
	AssembledChoice,
	ChatMessage,
	Conversation,
	FunctionDefinition
} from '$lib/model/chat';
import { modelLimits } from '$lib/model/chat-models';
import { CHAT_PARAMS, REASONING_DROPPED } from '$lib/model/chat-params';
import type { Connection } from '$lib/model/settings';
import { Operation } from '$lib/state/operation.svelte';
import { loadFunctions, saveFunctions } from '$lib/storage/functions';
import { ConversationStore } from './conversations.svelte';
import { ParamsForm } from './params-form.svelte';
import { assistantFrom, streamReply } from './stream-reply';

/** Built-in tool calls answered in a row before Cerulean stops and lets the user look. */
const MAX_AUTOMATIC_TURNS = 5;
/** What Continue asks of the model, after the stopped reply. */
const CONTINUE: WireMessage = {
	role: 'user',
	content: 'Continue exactly where you stopped, without repeating anything.'
};

export interface ComposerErrors {
	model?: string;
	message?: string;
	params?: string;
}

/** Ask: the conversation on screen, and sending, streaming, stopping and keeping it. */
export class ChatSession {
	readonly store = new ConversationStore();
	readonly op: Operation;
	readonly form = new ParamsForm(() => this.functions);
	library = $state.raw<FunctionDefinition[]>([]);
	active = $state.raw<Conversation>(newConversation());
	/** The reply being streamed, refreshed a few times a second. */
	live = $state.raw<{ messageId: string; choices: AssembledChoice[] } | undefined>(undefined);
	notice = $state<string | undefined>(undefined);
	/** Function calls of the last reply still waiting for their result. */
	readonly pendingCallIds = $derived(pendingToolCalls(this.active).map((c) => c.id));
	/** A context-length failure that dropping the oldest turns would fix. */
	overflow = $state.raw<{ turns: number; messages: number; conversation: Conversation }>();

	#connection: () => Connection | undefined;
	#saveTimer: ReturnType<typeof setTimeout> | undefined;
	#automaticTurns = 0;

	constructor(connection: () => Connection | undefined, fetchImpl?: typeof fetch) {
		this.#connection = connection;
		this.op = new Operation(fetchImpl ? { fetch: fetchImpl } : {});
	}

	get functions(): FunctionDefinition[] {
		return [...BUILTIN_FUNCTIONS, ...this.library];
	}

	/** Deployment names used before, offered as suggestions. */
	get recentDeployments(): string[] {
		const names = this.store.list.map((c) => c.deployment).filter(Boolean);
		return names.filter((name, i) => names.indexOf(name) === i);
	}

	load = async (): Promise<void> => {
		await this.store.load(async (id) => {
			// Another tab changed a conversation: follow it, unless this tab is writing it.
			if (id !== this.active.id || this.op.busy) return;
			const fresh = await this.store.read(id);
			if (fresh) this.#show(fresh);
		});
		const latest = this.store.list[0];
		if (latest) this.#show(latest);
		this.library = await loadFunctions().catch(() => []);
	};

	dispose = (): void => {
		this.store.dispose();
		this.op.stop();
		this.#flushPendingSave();
	};

	/** Makes a conversation the one on screen, with its parameters in the form. */
	#show = (conversation: Conversation): void => {
		this.active = conversation;
		this.form.load(conversation.params);
		this.#learnModel();
	};

	/** Bounds Max Tokens by the deployment's model, once a reply has named it. */
	#learnModel = (): void => {
		const model = this.store.modelOf(this.active.deployment.trim());
		const limits = modelLimits(model);
		this.form.known = model && limits ? { model, maxOutput: limits.maxOutput } : undefined;
	};

	#commit = async (conversation: Conversation, save: boolean): Promise<void> => {
		this.active = conversation;
		this.store.show(conversation);
		if (save) await this.store.save(conversation);
	};

	#flushPendingSave = (): void => {
		if (!this.#saveTimer) return;
		clearTimeout(this.#saveTimer);
		this.#saveTimer = undefined;
		if (this.active.messages.length) void this.store.save(this.active);
	};

	/** Settings edits (model, system message, parameters) are saved shortly after typing stops. */
	#update = (change: Partial<Conversation>): void => {
		void this.#commit({ ...this.active, ...change, updatedAt: this.active.updatedAt }, false);
		clearTimeout(this.#saveTimer);
		this.#saveTimer = setTimeout(() => {
			this.#saveTimer = undefined;
			if (this.active.messages.length) void this.store.save(this.active);
		}, 400);
	};

	setDeployment = (deployment: string): void => {
		this.#update({ deployment });
		this.#learnModel();
	};
	setSystemMessage = (systemMessage: string) => this.#update({ systemMessage });
	/** The form changed: keep what parses with the conversation. */
	paramsChanged = () => this.#update({ params: this.form.parsed.params });

	#leave = (): boolean => {
		if (this.op.busy) return false;
		this.#flushPendingSave();
		this.op.clear();
		this.notice = undefined;
		this.overflow = undefined;
		return true;
	};

	newConversation = (): void => {
		if (!this.#leave()) return;
		const { deployment, systemMessage, params } = this.active;
		// A new conversation starts with the current model and parameters, as people expect.
		this.#show(newConversation({ deployment, systemMessage, params }));
	};

	select = (id: string): void => {
		const found = this.store.list.find((c) => c.id === id);
		if (!found || id === this.active.id || !this.#leave()) return;
		this.#show(found);
	};

	rename = async (id: string, title: string): Promise<void> => {
		const found = this.store.list.find((c) => c.id === id);
		if (!found || !title.trim()) return;
		// The stored copy may be newer (another tab is streaming into it): rename that one.
		const base = id === this.active.id ? this.active : ((await this.store.read(id)) ?? found);
		const renamed = { ...base, title: title.trim() };
		if (id === this.active.id) await this.#commit(renamed, true);
		else {
			this.store.show(renamed);
			await this.store.save(renamed);
		}
	};

	remove = async (id: string): Promise<void> => {
		if (this.op.busy && id === this.active.id) return;
		await this.store.remove(id);
		if (id !== this.active.id) return;
		const { deployment, systemMessage, params } = this.active;
		this.#show(this.store.list[0] ?? newConversation({ deployment, systemMessage, params }));
	};

	/** Imports an exported file as a new conversation; a bad file changes nothing. */
	importText = async (text: string): Promise<string | undefined> => {
		const result = parseImport(text);
		if (!result.ok) return result.error;
		if (!this.#leave()) return 'Wait for the reply to finish, then import.';
		this.#show({ ...result.conversation, updatedAt: Date.now() });
		await this.#commit(this.active, true);
		return undefined;
	};

	/** The conversation as a file: Markdown to read, JSON to import again. */
	exportFile = (kind: 'md' | 'json'): { name: string; type: string; content: string } => {
		const base =
			this.active.title
				.replace(/[^\w\- ]+/g, '')
				.trim()
				.replace(/\s+/g, '-')
				.slice(0, 60) || 'conversation';
		return kind === 'md'
			? { name: `${base}.md`, type: 'text/markdown', content: toMarkdown(this.active) }
			: { name: `${base}.json`, type: 'application/json', content: toExportJson(this.active) };
	};

	/** Why the message cannot be sent yet; empty when it can. */
	check = (text: string, images: string[]): ComposerErrors => {
		const errors: ComposerErrors = {};
		if (!this.active.deployment.trim()) {
			errors.model =
				'Enter the deployment name from Azure AI Foundry → Deployments (not always the model name).';
		}
		const waiting = pendingToolCalls(this.active).filter((c) => !isBuiltin(c.name));
		const format = this.active.params.responseFormat?.type;
		const said = [this.active.systemMessage, text, ...this.active.messages.map((m) => m.content)];
		if (waiting.length) {
			errors.message = `Answer ${waiting.map((c) => c.name).join(' and ')} above first: the service refuses a new message while a function call waits for its result.`;
		} else if (!text.trim() && !images.length) {
			errors.message = 'Type a message first.';
		} else if (format === 'json_object' && !said.some((t) => /json/i.test(t))) {
			errors.message =
				'JSON object mode needs the word "JSON" in a message, or the service refuses the request. Add it to the system message or to your message.';
		}
		const count = this.form.errorCount;
		if (count) {
			errors.params = `Fix the ${count === 1 ? 'parameter' : `${count} parameters`} marked under Parameters.`;
		}
		return errors;
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
		await this.#commit(
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

	/** Asks again from `messages`: after a failure, an edit or for a new reply. */
	#ask = async (messages: ChatMessage[]): Promise<void> => {
		if (this.op.busy) return;
		this.notice = undefined;
		await this.#commit({ ...this.active, messages, updatedAt: Date.now() }, true);
		this.#automaticTurns = 0;
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
		this.#automaticTurns = 0;
		await this.#run(0, last);
	};

	deleteMessage = async (id: string): Promise<void> => {
		if (this.op.busy) return;
		await this.#commit({ ...deleteMessage(this.active, id), updatedAt: Date.now() }, true);
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
		if (!call || this.op.busy) return;
		this.notice = undefined;
		await this.#addToolResult(call.id, call.name, result);
		this.#automaticTurns = 0;
		if (!pendingToolCalls(this.active).length) await this.#run();
	};

	/** After a context-length error: drops the oldest turns it named and sends again. */
	dropOldTurns = async (): Promise<void> => {
		const overflow = this.overflow;
		if (!overflow || this.op.busy) return;
		this.overflow = undefined;
		this.notice = `Dropped the ${overflow.turns === 1 ? 'oldest turn' : `${overflow.turns} oldest turns`} (${overflow.messages} messages) to fit the context window.`;
		await this.#commit({ ...overflow.conversation, updatedAt: Date.now() }, true);
		this.#automaticTurns = 0;
		await this.#run();
	};

	saveFunction = async (definition: FunctionDefinition): Promise<void> => {
		await this.#setLibrary([...this.library, definition]);
	};

	removeFunction = async (name: string): Promise<void> => {
		await this.#setLibrary(this.library.filter((f) => f.name !== name));
		this.form.raw.functions = this.form.raw.functions.filter((n) => n !== name);
		this.paramsChanged();
	};

	#setLibrary = async (library: FunctionDefinition[]): Promise<void> => {
		const before = this.library;
		this.library = library;
		try {
			await saveFunctions(library);
		} catch (error) {
			this.library = before;
			this.store.problem = `The function library could not be saved: ${(error as Error).message}`;
		}
	};

	/** The exact request the next send would make, for View code. */
	samples = (text: string): CodeSamples | undefined => {
		const connection = this.#connection();
		const deployment = this.active.deployment.trim();
		if (!connection || !deployment) return undefined;
		const typed: ChatMessage = { id: 'draft', role: 'user', content: text, createdAt: Date.now() };
		const messages = text.trim() ? [...this.active.messages, typed] : this.active.messages;
		const body = buildChatBody(toWire(this.active, messages), this.form.parsed.params, {
			apiVersion: connection.apiVersion,
			stream: true
		});
		return codeSamples(connection, 'chat/completions', deployment, body);
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

	#withMessage(conversation: Conversation, message: ChatMessage): Conversation {
		const messages = conversation.messages.filter((m) => m.id !== message.id);
		return { ...conversation, messages: [...messages, message], updatedAt: Date.now() };
	}

	/** Streams a reply into the conversation; `resume` continues a stopped one. */
	#run = async (attempt = 0, resume?: ChatMessage): Promise<void> => {
		const connection = this.#connection();
		const deployment = this.active.deployment.trim();
		if (!connection || !deployment) return;
		this.overflow = undefined;
		const start = this.active;
		// A continuation asks for one choice: the one being continued.
		const single = { ...start.params, n: undefined };
		const body = resume
			? buildChatBody([...toWire(start), CONTINUE], single, {
					apiVersion: connection.apiVersion,
					stream: true
				})
			: buildChatBody(toWire(start), start.params, {
					apiVersion: connection.apiVersion,
					stream: true
				});
		const prefix = resume?.content ?? '';
		const placeholder: ChatMessage = resume
			? { ...resume, alternatives: undefined, chosen: undefined, status: 'streaming' }
			: {
					id: newId(),
					role: 'assistant',
					content: '',
					createdAt: Date.now(),
					status: 'streaming',
					deployment
				};
		await this.#commit(this.#withMessage(start, placeholder), false);

		const { assembler, outcome } = await streamReply({
			connection,
			deployment,
			body,
			operation: this.op,
			placeholder,
			prefix,
			onLive: (choices) => (this.live = { messageId: placeholder.id, choices }),
			onCheckpoint: (message) => void this.store.save(this.#withMessage(this.active, message))
		});
		this.live = undefined;
		const status = { done: 'done', stopped: 'stopped', failed: 'interrupted' } as const;
		const hasContent = !!prefix || assembler.choices.some((c) => c.content || c.toolCalls.length);
		// An empty reply that finished (reasoning budget spent, output filtered) is kept and explained.
		const finished = outcome.status === 'done' && assembler.choices.some((c) => c.finishReason);
		const settled =
			hasContent || finished
				? this.#withMessage(
						this.active,
						assistantFrom(placeholder, assembler, status[outcome.status], prefix)
					)
				: { ...this.active, messages: this.active.messages.filter((m) => m.id !== placeholder.id) };
		await this.#commit(settled, true);
		this.#learnModel();

		if (outcome.status === 'failed')
			return this.#handleFailure(outcome.error, deployment, attempt, hasContent);
		if (outcome.status === 'stopped') {
			if (!hasContent) this.notice = 'Stopped before any reply.';
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
		if (!partial && this.#switchToReasoning(error, deployment)) return this.#run(attempt);
		if (error.code === 'context_length_exceeded') {
			const sizes = parseContextOverflow(error.message);
			const dropped = sizes && dropOldestTurns(this.active, sizes.requested - sizes.limit + 256);
			if (dropped) this.overflow = dropped;
		}
		if (!partial) this.op.retryLater(error, attempt, (next) => void this.#run(next));
	};

	/**
	 * A reasoning deployment refused a sampling parameter or max_tokens (as `unsupported_parameter`
	 * or `unsupported_value`): switch Reasoning mode on, say once what that changes, send again.
	 */
	#switchToReasoning = (error: AzureError, deployment: string): boolean => {
		const params = this.active.params;
		const refused = CHAT_PARAMS.find(
			(r) => r.wire === error.param && r.reasoning && r.reasoning !== 'only'
		);
		const codes = ['unsupported_parameter', 'unsupported_value'];
		if (
			params.reasoning ||
			error.kind !== 'bad-request' ||
			!refused ||
			!codes.includes(error.code ?? '')
		) {
			return false;
		}
		const changes = [
			...(params.maxTokens !== undefined ? ['Max Tokens is sent as max_completion_tokens'] : []),
			...REASONING_DROPPED.filter((r) => params[r.key] !== undefined).map(
				(r) =>
					`${r.label} (${typeof params[r.key] === 'object' ? 'set' : String(params[r.key])}) is left out`
			)
		];
		this.op.clear();
		this.notice = `"${deployment}" is a reasoning deployment, so Reasoning mode is now on${changes.length ? `: ${changes.join('; ')}` : ''}. The request was sent again.`;
		const next = { ...params, reasoning: true };
		this.form.raw.reasoning = true;
		void this.#commit({ ...this.active, params: next }, true);
		return true;
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
