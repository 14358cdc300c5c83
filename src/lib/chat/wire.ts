// The conversation as the API takes it; needed only to send, so fetched with the streaming code.
import type { ContentPart, WireMessage } from '$lib/azure/chat-body';
import type { Conversation, ToolCall } from '$lib/model/chat';
import { pairToolCalls } from './history';

function wireToolCalls(calls: ToolCall[]) {
	return calls.map((c) => ({
		id: c.id,
		type: 'function' as const,
		function: { name: c.name, arguments: c.arguments }
	}));
}

/**
 * The messages as the API takes them: system message first, then the conversation, in an order
 * the service accepts (unanswered function calls are left out).
 */
export function toWire(
	conversation: Conversation,
	messages = conversation.messages
): WireMessage[] {
	const wire: WireMessage[] = [];
	if (conversation.systemMessage.trim()) {
		wire.push({ role: 'system', content: conversation.systemMessage });
	}
	for (const m of pairToolCalls(messages, false)) {
		switch (m.role) {
			case 'system':
				wire.push({ role: 'system', content: m.content });
				break;
			case 'user':
				if (m.images?.length) {
					const parts: ContentPart[] = [];
					if (m.content) parts.push({ type: 'text', text: m.content });
					for (const url of m.images) parts.push({ type: 'image_url', image_url: { url } });
					wire.push({ role: 'user', content: parts });
				} else {
					wire.push({ role: 'user', content: m.content });
				}
				break;
			case 'assistant':
				if (!m.content && !m.toolCalls?.length) break;
				wire.push({
					role: 'assistant',
					content: m.content || null,
					...(m.toolCalls?.length ? { tool_calls: wireToolCalls(m.toolCalls) } : {})
				});
				break;
			case 'tool':
				wire.push({ role: 'tool', content: m.content, tool_call_id: m.toolCallId ?? '' });
				break;
		}
	}
	return wire;
}
