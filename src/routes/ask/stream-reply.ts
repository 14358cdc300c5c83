import { ChatAssembler } from '$lib/azure/chat';
import { streamChatOffThread, warmStreamWorker as warm } from '$lib/azure/chat-worker';
import { carriesText } from '$lib/azure/sse';
import { applyChoice, newId } from '$lib/chat/conversation';
import type { AssembledChoice, ChatMessage, ReplyTiming } from '$lib/model/chat';
import type { Connection } from '$lib/model/settings';
import { offerHighlighted } from '$lib/markdown/highlight-page';
import { offerParsed } from '$lib/markdown/parse';
import type { Parsed } from '$lib/markdown/reply-parser';
import { frameBatch } from '$lib/state/frame-batch';
import type { Operation, Outcome } from '$lib/state/operation.svelte';

/** The worker a reply is read and its Markdown parsed in (chat-stream.worker.ts). */
const startWorker = () =>
	new Worker(new URL('./chat-stream.worker.ts', import.meta.url), { type: 'module' });

/** Starts the worker the next reply will be read in (called when the user begins to write). */
export const warmStreamWorker = (): void => warm(startWorker);

/** How often a streaming reply is written to IndexedDB: a reload loses at most this much. */
const CHECKPOINT_MS = 1000;
/** The streaming reply is redrawn at most this often (and never more than once a frame). */
const RENDER_INTERVAL_MS = 250;

/** A new assistant message from this deployment, about to stream in (Ask's and Compare's). */
export const streamingMessage = (deployment: string): ChatMessage => ({
	id: newId(),
	role: 'assistant',
	content: '',
	createdAt: Date.now(),
	status: 'streaming',
	deployment
});

/** The assistant message as it stands, from what the stream has assembled so far. */
export function assistantFrom(
	base: ChatMessage,
	assembler: ChatAssembler,
	status: ChatMessage['status'],
	prefix = '',
	timing?: ReplyTiming
): ChatMessage {
	const chosen = prefix ? 0 : (base.chosen ?? 0);
	const choices = withPrefix(assembler.choices, prefix);
	const choice = choices[chosen] ?? choices[0];
	const message: ChatMessage = {
		...base,
		status,
		...(choices.length > 1 ? { alternatives: choices } : {}),
		...(assembler.usage ? { usage: assembler.usage } : {}),
		...(assembler.promptFilter ? { promptFilter: assembler.promptFilter } : {}),
		...(assembler.model ? { model: assembler.model } : {}),
		...(timing ? { timing } : {})
	};
	return choice ? applyChoice(message, choice, chosen) : message;
}

/**
 * The choices as plain copies, the first after the text a continued reply already had. Copies
 * matter: the view must see each tool call's arguments change as they stream in.
 */
function withPrefix(choices: AssembledChoice[], prefix: string): AssembledChoice[] {
	return choices.map((c, i) => ({
		...c,
		content: i === 0 ? prefix + c.content : c.content,
		toolCalls: c.toolCalls.map((t) => ({ ...t }))
	}));
}

/**
 * Streams one reply: redraws through `onLive` a few times a second, hands a checkpoint of the
 * message to `onCheckpoint` every second while text arrives, and returns what was assembled, with
 * how long the first token and the whole reply took (from the request of the last attempt).
 */
export async function streamReply(options: {
	connection: Connection;
	deployment: string;
	body: Record<string, unknown>;
	operation: Operation;
	placeholder: ChatMessage;
	/** Text the message had before: a continued reply is appended to it. */
	prefix: string;
	onLive: (choices: AssembledChoice[]) => void;
	onCheckpoint: (message: ChatMessage) => void;
}): Promise<{ assembler: ChatAssembler; outcome: Outcome<void>; timing?: ReplyTiming }> {
	const { connection, deployment, body, operation, placeholder, prefix } = options;
	const assembler = new ChatAssembler();
	let dirty = false;
	// The page's own limit is a little under the worker's interval: each batch the worker sends is
	// drawn in the next frame, not held for the rest of an interval timed on another clock (that
	// drew it up to 250 ms late). A stream read on the page is still drawn at most 5 times a second.
	const frames = frameBatch(
		() => options.onLive(withPrefix(assembler.choices, prefix)),
		RENDER_INTERVAL_MS * 0.8
	);
	const checkpoint = setInterval(() => {
		if (!dirty) return;
		dirty = false;
		options.onCheckpoint(assistantFrom(placeholder, assembler, 'streaming', prefix));
	}, CHECKPOINT_MS);
	let sent = 0;
	let firstToken: number | undefined;
	try {
		const outcome = await operation.run(deployment, (signal) => {
			sent = performance.now();
			firstToken = undefined;
			return streamChatOffThread(connection, {
				deployment,
				body,
				signal,
				intervalMs: RENDER_INTERVAL_MS,
				worker: startWorker,
				// The reply's Markdown is parsed, and its finished code highlighted, in the worker too; the
				// page only sanitizes and draws them.
				annotate: {
					options: { prefix },
					onAnnotation: (annotation) => {
						const parsed = annotation as Parsed;
						offerParsed(parsed.html);
						offerHighlighted(parsed.code);
					}
				},
				...(operation.fetch ? { fetch: operation.fetch } : {}),
				onChunk: (chunk) => {
					if (firstToken === undefined && carriesText(chunk)) firstToken = performance.now();
					assembler.add(chunk);
					dirty = true;
					frames.schedule();
				}
			});
		});
		const timing =
			outcome.status === 'done' && firstToken !== undefined
				? {
						firstTokenMs: Math.round(firstToken - sent),
						totalMs: Math.round(performance.now() - sent)
					}
				: undefined;
		return { assembler, outcome, ...(timing ? { timing } : {}) };
	} finally {
		clearInterval(checkpoint);
		frames.cancel();
	}
}
