import type { ChatMessage, Conversation } from '$lib/model/chat';

/**
 * Messages in an order the service accepts: every assistant tool call answered by a tool message
 * right after it, and no tool message without its call. A call with no answer is dropped (with its
 * message, when nothing else is left of it), and so is an answer whose call is gone. The calls of
 * the last assistant message may stay unanswered when `pending` allows: the user is still to
 * answer them.
 */
export function pairToolCalls(messages: ChatMessage[], pending = true): ChatMessage[] {
	const out: ChatMessage[] = [];
	for (let i = 0; i < messages.length; i++) {
		const message = messages[i] as ChatMessage;
		if (message.role === 'tool') continue; // answers are taken with their call, below
		if (message.role !== 'assistant' || !message.toolCalls?.length) {
			out.push(message);
			continue;
		}
		let next = i + 1;
		const answers: ChatMessage[] = [];
		while (messages[next]?.role === 'tool') answers.push(messages[next++] as ChatMessage);
		const answered = new Set<string>();
		const kept = answers.filter((a) => {
			const fresh = a.toolCallId !== undefined && !answered.has(a.toolCallId);
			if (fresh && message.toolCalls?.some((c) => c.id === a.toolCallId)) {
				answered.add(a.toolCallId as string);
				return true;
			}
			return false;
		});
		const waiting = pending && next >= messages.length;
		const calls = waiting ? message.toolCalls : message.toolCalls.filter((c) => answered.has(c.id));
		if (calls.length || message.content) {
			out.push({ ...message, toolCalls: calls.length ? calls : undefined });
		}
		out.push(...kept.filter((a) => calls.some((c) => c.id === a.toolCallId)));
		i = next - 1;
	}
	return out;
}

/**
 * The conversation without one message. A reply's function calls go with it, and its results
 * with their call: the service refuses either alone.
 */
export function deleteMessage(conversation: Conversation, id: string): Conversation {
	const target = conversation.messages.find((m) => m.id === id);
	if (!target) return conversation;
	const messages = conversation.messages.filter((m) => m.id !== id);
	// A removed result leaves its call unanswered: the call goes too, unless it is still pending.
	return { ...conversation, messages: pairToolCalls(messages, target.role !== 'tool') };
}

/** A rough token count for a message: about four characters a token, plus its framing. */
export function estimateTokens(message: Pick<ChatMessage, 'content' | 'toolCalls'>): number {
	const calls = message.toolCalls?.reduce((sum, c) => sum + c.arguments.length + c.name.length, 0);
	return Math.ceil((message.content.length + (calls ?? 0)) / 4) + 4;
}

/**
 * Drops the oldest turns (a user message and everything up to the next one) until about `tokens`
 * are freed; the last turn always stays. Undefined when even that is not enough.
 */
export function dropOldestTurns(
	conversation: Conversation,
	tokens: number
): { conversation: Conversation; turns: number; messages: number } | undefined {
	const starts = conversation.messages.flatMap((m, i) => (m.role === 'user' ? [i] : []));
	for (let turn = 1; turn < starts.length; turn++) {
		const cut = starts[turn] as number;
		const freed = conversation.messages
			.slice(0, cut)
			.reduce((sum, m) => sum + estimateTokens(m), 0);
		if (freed >= tokens) {
			return {
				conversation: { ...conversation, messages: conversation.messages.slice(cut) },
				turns: turn,
				messages: cut
			};
		}
	}
	return undefined;
}
