// Streaming one of Ask's replies into the conversation, and what follows it: a retry after a 429,
// the switch to reasoning mode, dropping old turns after a context overflow, built-in function
// calls answered and the model asked again. Loaded with the streaming code (send-parts.ts), not
// with the page: a visit that only reads conversations never runs it.
import type { WireMessage } from '$lib/azure/chat-body';
import { buildChatBody } from '$lib/azure/chat-body';
import type { AzureError } from '$lib/azure/errors';
import { isBuiltin } from '$lib/chat/builtin-functions';
import { pendingToolCalls } from '$lib/chat/conversation';
import { dropOldestTurns } from '$lib/chat/history';
import { toWire } from '$lib/chat/wire';
import type { ChatMessage, Conversation } from '$lib/model/chat';
import type { Connection } from '$lib/model/settings';
import type { ChatSession } from './chat-session.svelte';
import { assistantFrom, streamReply, streamingMessage } from './stream-reply';

/** Built-in tool calls answered in a row before Cerulean stops and lets the user look. */
const MAX_AUTOMATIC_TURNS = 5;
/** What Continue asks of the model, after the stopped reply. */
const CONTINUE: WireMessage = {
	role: 'user',
	content: 'Continue exactly where you stopped, without repeating anything.'
};

/** What a reply needs of the session beyond its public state (see chat-session.svelte.ts). */
export interface ReplyHost {
	readonly session: ChatSession;
	connection(): Connection | undefined;
	commit(conversation: Conversation, save: boolean): Promise<void>;
	learnModel(): void;
	addToolResult(id: string, name: string, content: string): Promise<void>;
	/** Says whether a part of the app fetched on demand came, and that it is missing if not. */
	loaded<T>(part: T | undefined): part is T;
}

function withMessage(conversation: Conversation, message: ChatMessage): Conversation {
	const messages = conversation.messages.filter((m) => m.id !== message.id);
	return { ...conversation, messages: [...messages, message], updatedAt: Date.now() };
}

/**
 * Streams a reply into the conversation on screen; `resume` continues a stopped one. Built-in
 * function calls in it are answered and the model asked again, at most five times in a row.
 */
export async function runReply(host: ReplyHost, resume?: ChatMessage): Promise<void> {
	const { session } = host;
	let automaticTurns = 0;

	const run = async (attempt = 0, resume?: ChatMessage): Promise<void> => {
		const connection = host.connection();
		const deployment = session.active.deployment.trim();
		if (!connection || !deployment) return;
		session.overflow = undefined;
		const start = session.active;
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
			: streamingMessage(deployment);
		await host.commit(withMessage(start, placeholder), false);

		const { assembler, outcome, timing } = await streamReply({
			connection,
			deployment,
			body,
			operation: session.op,
			placeholder,
			prefix,
			onLive: (choices) => (session.live = { messageId: placeholder.id, choices }),
			onCheckpoint: (message) => void session.store.saveDraft(session.active.id, message)
		});
		session.live = undefined;
		const status = { done: 'done', stopped: 'stopped', failed: 'interrupted' } as const;
		const hasContent = !!prefix || assembler.choices.some((c) => c.content || c.toolCalls.length);
		// An empty reply that finished (reasoning budget spent, output filtered) is kept and explained.
		const finished = outcome.status === 'done' && assembler.choices.some((c) => c.finishReason);
		const settled =
			hasContent || finished
				? withMessage(
						session.active,
						assistantFrom(placeholder, assembler, status[outcome.status], prefix, timing)
					)
				: {
						...session.active,
						messages: session.active.messages.filter((m) => m.id !== placeholder.id)
					};
		await host.commit(settled, true);
		host.learnModel();

		if (outcome.status === 'failed')
			return handleFailure(outcome.error, deployment, attempt, hasContent);
		if (outcome.status === 'stopped') {
			if (!hasContent) session.notice = 'Stopped before any reply.';
			return;
		}
		await answerBuiltins();
	};

	const handleFailure = async (
		error: AzureError,
		deployment: string,
		attempt: number,
		partial: boolean
	): Promise<void> => {
		if (!partial && (await switchToReasoning(error, deployment))) return run(attempt);
		if (error.code === 'context_length_exceeded') {
			const { parseContextOverflow } = await import('$lib/azure/error-body');
			const sizes = parseContextOverflow(error.message);
			const dropped = sizes && dropOldestTurns(session.active, sizes.requested - sizes.limit + 256);
			if (dropped) session.overflow = dropped;
		}
		if (!partial) session.op.retryLater(error, attempt, (next) => void run(next));
	};

	/** A reasoning deployment refused a parameter: switch the mode on, say so once, send again. */
	const switchToReasoning = async (error: AzureError, deployment: string): Promise<boolean> => {
		if (error.kind !== 'bad-request') return false;
		// Loaded after a refusal (offline after an update: the refusal is shown as it is).
		const rules = await import('./reasoning-switch').catch(() => undefined);
		const change = rules?.reasoningSwitch(error, session.active.params, deployment);
		if (!change) return false;
		session.op.clear();
		session.notice = change.notice;
		session.form.raw.reasoning = true;
		void host.commit({ ...session.active, params: change.params }, true);
		return true;
	};

	/** Runs built-in functions the model called, then lets it continue once nothing waits for the user. */
	const answerBuiltins = async (): Promise<void> => {
		const pending = pendingToolCalls(session.active);
		if (!pending.length) return;
		const builtins = pending.filter((c) => isBuiltin(c.name));
		if (builtins.length) {
			const builtin = await import('$lib/chat/builtin-run').catch(() => undefined);
			if (!host.loaded(builtin)) return;
			for (const call of builtins) {
				await host.addToolResult(call.id, call.name, builtin.runBuiltin(call.name, call.arguments));
			}
		}
		if (pendingToolCalls(session.active).length) return;
		if (++automaticTurns > MAX_AUTOMATIC_TURNS) {
			session.notice = `Stopped after ${MAX_AUTOMATIC_TURNS} automatic function calls in a row. Send a message to continue.`;
			return;
		}
		await run();
	};

	await run(0, resume);
}
