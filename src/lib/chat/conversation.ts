import { newId } from '$lib/id';
import { z } from '$lib/zod';
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
		severity: z.optional(z.string()),
		detected: z.optional(z.boolean())
	})
);

const toolCallSchema = z.object({ id: z.string(), name: z.string(), arguments: z.string() });

const choiceSchema = z.object({
	content: z.string(),
	refusal: z._default(z.string(), ''),
	toolCalls: z._default(z.array(toolCallSchema), []),
	finishReason: z.optional(z.string()),
	filter: z.optional(filterSchema)
});

const usageSchema = z.object({
	promptTokens: z.number(),
	completionTokens: z.number(),
	totalTokens: z.number(),
	reasoningTokens: z.optional(z.number())
});

export const messageSchema = z.object({
	id: z.string().check(z.minLength(1)),
	role: z.enum(['system', 'user', 'assistant', 'tool']),
	content: z.string(),
	createdAt: z.number(),
	/** data: URLs of images attached to a user message. */
	images: z.optional(z.array(z.string().check(z.startsWith('data:image/')))),
	/** tool messages: which call they answer. */
	toolCallId: z.optional(z.string()),
	toolName: z.optional(z.string()),
	/** assistant messages: */
	toolCalls: z.optional(z.array(toolCallSchema)),
	refusal: z.optional(z.string()),
	alternatives: z.optional(z.array(choiceSchema)),
	chosen: z.optional(z.int().check(z.nonnegative())),
	finishReason: z.optional(z.string()),
	filter: z.optional(filterSchema),
	promptFilter: z.optional(filterSchema),
	usage: z.optional(usageSchema),
	model: z.optional(z.string()),
	/** streaming: still arriving; interrupted: cut short (kept, with Retry). */
	status: z.optional(z.enum(['done', 'streaming', 'interrupted']))
});
export type ChatMessage = z.infer<typeof messageSchema>;

const functionSchema = z.object({
	name: z.string().check(z.regex(/^[a-zA-Z0-9_-]{1,64}$/)),
	description: z.optional(z.string()),
	parameters: z.record(z.string(), z.unknown())
});

export const paramsSchema = z.object({
	responseFormat: z.optional(
		z.discriminatedUnion('type', [
			z.object({ type: z.literal('text') }),
			z.object({ type: z.literal('json_object') }),
			z.object({
				type: z.literal('json_schema'),
				json_schema: z.object({
					name: z.string(),
					description: z.optional(z.string()),
					schema: z.record(z.string(), z.unknown()),
					strict: z.optional(z.boolean())
				})
			})
		])
	),
	maxTokens: z.optional(z.int().check(z.positive())),
	n: z.optional(z.int().check(z.minimum(1), z.maximum(128))),
	temperature: z.optional(z.number().check(z.minimum(0), z.maximum(2))),
	frequencyPenalty: z.optional(z.number().check(z.minimum(-2), z.maximum(2))),
	presencePenalty: z.optional(z.number().check(z.minimum(-2), z.maximum(2))),
	logitBias: z.optional(z.record(z.string(), z.int().check(z.minimum(-100), z.maximum(100)))),
	topP: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
	stop: z.optional(z.array(z.string()).check(z.maxLength(4))),
	tools: z.optional(z.array(functionSchema)),
	user: z.optional(z.string()),
	seed: z.optional(z.int()),
	reasoning: z.optional(z.boolean()),
	reasoningEffort: z.optional(z.enum(['minimal', 'low', 'medium', 'high']))
}) satisfies z.ZodMiniType<ChatParams>;

export const conversationSchema = z.object({
	id: z.string().check(z.minLength(1)),
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
