import { newId } from '$lib/id';
import {
	type AssembledChoice,
	type ChatMessage,
	type Conversation,
	type ToolCall
} from '$lib/model/chat';

export type { ChatMessage, Conversation };

export { newId };

export function newConversation(init: Partial<Conversation> = {}): Conversation {
	const now = Date.now();
	return {
		id: newId(),
		title: 'New conversation',
		createdAt: now,
		updatedAt: now,
		deployment: '',
		systemMessage: '',
		params: {},
		messages: [],
		...init
	};
}

/** A title from the first user message: its first line, shortened. */
export function titleFrom(text: string): string {
	const line = text.trim().split('\n')[0]?.trim() ?? '';
	if (!line) return 'New conversation';
	return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

/** The assistant message's fields for one of its choices. */
export function applyChoice(
	message: ChatMessage,
	choice: AssembledChoice,
	index: number
): ChatMessage {
	return {
		...message,
		content: choice.content,
		toolCalls: choice.toolCalls.length ? choice.toolCalls : undefined,
		refusal: choice.refusal || undefined,
		finishReason: choice.finishReason,
		filter: choice.filter,
		chosen: index
	};
}

/** Tool calls of the last assistant message that no tool message has answered yet. */
export function pendingToolCalls(conversation: Conversation): ToolCall[] {
	const messages = conversation.messages;
	let last = -1;
	for (let i = messages.length - 1; i >= 0; i--) {
		if (messages[i]?.role === 'assistant') {
			last = i;
			break;
		}
	}
	const assistant = messages[last];
	if (!assistant?.toolCalls?.length || assistant.status === 'streaming') return [];
	const answered = new Set(messages.slice(last + 1).map((m) => m.toolCallId));
	return assistant.toolCalls.filter((c) => !answered.has(c.id));
}
