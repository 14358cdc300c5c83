import type { ContentPart, WireMessage } from '$lib/azure/chat-body';
import { newId } from '$lib/id';
import { distinctIds, pairToolCalls } from './history';
import {
	exportSchema,
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

/** The conversation as Markdown, for reading or sharing. */
export function toMarkdown(conversation: Conversation): string {
	const lines = [`# ${conversation.title}`, ''];
	if (conversation.deployment) lines.push(`Model (deployment): \`${conversation.deployment}\``, '');
	if (conversation.systemMessage.trim()) {
		lines.push('## System', '', conversation.systemMessage.trim(), '');
	}
	for (const m of conversation.messages) {
		const heading = { system: 'System', user: 'User', assistant: 'Assistant', tool: 'Tool' }[
			m.role
		];
		lines.push(`## ${heading}${m.toolName ? ` (${m.toolName})` : ''}`, '');
		if (m.content) lines.push(m.content.trim(), '');
		for (const image of m.images ?? []) lines.push(`![attached image](${image})`, '');
		for (const call of m.toolCalls ?? []) {
			lines.push(`Calls \`${call.name}\`:`, '', '```json', call.arguments, '```', '');
		}
		if (m.status === 'interrupted' || m.status === 'stopped') lines.push(`_(${m.status})_`, '');
	}
	return `${lines.join('\n').trimEnd()}\n`;
}

/** The conversation as a file: Markdown to read, JSON to import again. */
export function exportFile(
	conversation: Conversation,
	kind: 'md' | 'json'
): { name: string; type: string; content: string } {
	const base =
		conversation.title
			.replace(/[^\w\- ]+/g, '')
			.trim()
			.replace(/\s+/g, '-')
			.slice(0, 60) || 'conversation';
	return kind === 'md'
		? { name: `${base}.md`, type: 'text/markdown', content: toMarkdown(conversation) }
		: { name: `${base}.json`, type: 'application/json', content: toExportJson(conversation) };
}

/** The conversation as a JSON file Cerulean can import again. */
export function toExportJson(conversation: Conversation): string {
	return JSON.stringify({ format: 'cerulean.conversation', version: 1, conversation }, null, 2);
}

export type ImportResult = { ok: true; conversation: Conversation } | { ok: false; error: string };

/** Parses an exported file; the result always gets a new id, so nothing is overwritten. */
export function parseImport(text: string): ImportResult {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return { ok: false, error: 'The file is not JSON. Choose a file exported from Cerulean.' };
	}
	const parsed = exportSchema.safeParse(json);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
		return {
			ok: false,
			error: `This is not a Cerulean conversation${where}: ${issue?.message ?? 'unknown shape'}.`
		};
	}
	const conversation = parsed.data.conversation;
	// A hand-edited file may repeat ids or split calls from their results: mend it, never refuse it.
	const messages = pairToolCalls(distinctIds(conversation.messages, newId));
	return { ok: true, conversation: { ...conversation, messages, id: newId() } };
}
