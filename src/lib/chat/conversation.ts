import { z } from 'zod';
import type {
	AssembledChoice,
	ChatParams,
	ContentPart,
	ToolCall,
	WireMessage
} from '$lib/azure/chat';

const filterSchema = z.record(
	z.string(),
	z.object({
		filtered: z.boolean(),
		severity: z.string().optional(),
		detected: z.boolean().optional()
	})
);

const toolCallSchema = z.object({ id: z.string(), name: z.string(), arguments: z.string() });

const choiceSchema = z.object({
	content: z.string(),
	refusal: z.string().default(''),
	toolCalls: z.array(toolCallSchema).default([]),
	finishReason: z.string().optional(),
	filter: filterSchema.optional()
});

const usageSchema = z.object({
	promptTokens: z.number(),
	completionTokens: z.number(),
	totalTokens: z.number(),
	reasoningTokens: z.number().optional()
});

export const messageSchema = z.object({
	id: z.string().min(1),
	role: z.enum(['system', 'user', 'assistant', 'tool']),
	content: z.string(),
	createdAt: z.number(),
	/** data: URLs of images attached to a user message. */
	images: z.array(z.string().startsWith('data:image/')).optional(),
	/** tool messages: which call they answer. */
	toolCallId: z.string().optional(),
	toolName: z.string().optional(),
	/** assistant messages: */
	toolCalls: z.array(toolCallSchema).optional(),
	refusal: z.string().optional(),
	alternatives: z.array(choiceSchema).optional(),
	chosen: z.number().int().nonnegative().optional(),
	finishReason: z.string().optional(),
	filter: filterSchema.optional(),
	promptFilter: filterSchema.optional(),
	usage: usageSchema.optional(),
	model: z.string().optional(),
	/** streaming: still arriving; interrupted: cut short (kept, with Retry). */
	status: z.enum(['done', 'streaming', 'interrupted']).optional()
});
export type ChatMessage = z.infer<typeof messageSchema>;

const functionSchema = z.object({
	name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/),
	description: z.string().optional(),
	parameters: z.record(z.string(), z.unknown())
});

export const paramsSchema = z.object({
	responseFormat: z
		.discriminatedUnion('type', [
			z.object({ type: z.literal('text') }),
			z.object({ type: z.literal('json_object') }),
			z.object({
				type: z.literal('json_schema'),
				json_schema: z.object({
					name: z.string(),
					description: z.string().optional(),
					schema: z.record(z.string(), z.unknown()),
					strict: z.boolean().optional()
				})
			})
		])
		.optional(),
	maxTokens: z.number().int().positive().optional(),
	n: z.number().int().min(1).max(128).optional(),
	temperature: z.number().min(0).max(2).optional(),
	frequencyPenalty: z.number().min(-2).max(2).optional(),
	presencePenalty: z.number().min(-2).max(2).optional(),
	logitBias: z.record(z.string(), z.number().int().min(-100).max(100)).optional(),
	topP: z.number().min(0).max(1).optional(),
	stop: z.array(z.string()).max(4).optional(),
	tools: z.array(functionSchema).optional(),
	user: z.string().optional(),
	seed: z.number().int().optional(),
	reasoning: z.boolean().optional(),
	reasoningEffort: z.enum(['minimal', 'low', 'medium', 'high']).optional()
}) satisfies z.ZodType<ChatParams>;

export const conversationSchema = z.object({
	id: z.string().min(1),
	title: z.string(),
	createdAt: z.number(),
	updatedAt: z.number(),
	deployment: z.string(),
	systemMessage: z.string(),
	params: paramsSchema,
	messages: z.array(messageSchema)
});
export type Conversation = z.infer<typeof conversationSchema>;

export const exportSchema = z.object({
	format: z.literal('cerulean.conversation'),
	version: z.literal(1),
	conversation: conversationSchema
});

/** A fresh random id. */
export function newId(): string {
	return crypto.randomUUID();
}

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

/** The messages as the API takes them: system message first, then the conversation. */
export function toWire(
	conversation: Conversation,
	messages = conversation.messages
): WireMessage[] {
	const wire: WireMessage[] = [];
	if (conversation.systemMessage.trim()) {
		wire.push({ role: 'system', content: conversation.systemMessage });
	}
	for (const m of messages) {
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
		if (m.status === 'interrupted') lines.push('_(interrupted)_', '');
	}
	return `${lines.join('\n').trimEnd()}\n`;
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
	return { ok: true, conversation: { ...parsed.data.conversation, id: newId() } };
}
