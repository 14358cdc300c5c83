import { isRecord } from '$lib/is-record';
import { z } from '$lib/zod';

// The shapes Ask keeps: conversations, their messages and parameters. Stored in IndexedDB and in
// exported files, read back through these schemas.
// Those a page does not need to start are `z.lazy`: built the first time they parse rather than
// when this module loads, which is part of every page's start.

export const filterSchema = z.lazy(() =>
	z.record(
		z.string(),
		z.object({
			filtered: z.boolean(),
			severity: z.optional(z.string()),
			detected: z.optional(z.boolean())
		})
	)
);
/** Content-filter results per category, as Azure annotates prompts and replies. */
export type FilterResults = z.infer<typeof filterSchema>;
export type FilterResult = FilterResults[string];

export const toolCallSchema = z.lazy(() =>
	z.object({ id: z.string(), name: z.string(), arguments: z.string() })
);
export type ToolCall = z.infer<typeof toolCallSchema>;

export const choiceSchema = z.lazy(() =>
	z.object({
		content: z.string(),
		refusal: z._default(z.string(), ''),
		toolCalls: z._default(z.array(toolCallSchema), []),
		finishReason: z.optional(z.string()),
		filter: z.optional(filterSchema)
	})
);
/** One choice of a reply, as assembled from the stream. */
export type AssembledChoice = z.infer<typeof choiceSchema>;

export const usageSchema = z.lazy(() =>
	z.object({
		promptTokens: z.number(),
		completionTokens: z.number(),
		totalTokens: z.number(),
		reasoningTokens: z.optional(z.number()),
		/** Prompt tokens Azure read from its prompt cache: part of promptTokens, billed lower. */
		cachedTokens: z.optional(z.number())
	})
);
export type Usage = z.infer<typeof usageSchema>;

export const timingSchema = z.lazy(() =>
	z.object({
		/** From sending the request to the first text of the reply. */
		firstTokenMs: z.number().check(z.nonnegative()),
		/** From sending the request to the end of the reply. */
		totalMs: z.number().check(z.nonnegative())
	})
);
/** How long a reply took, as this browser measured it. */
export type ReplyTiming = z.infer<typeof timingSchema>;

export const MESSAGE_STATUSES = ['done', 'streaming', 'interrupted', 'stopped'] as const;

export const messageSchema = z.lazy(() =>
	z.object({
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
		timing: z.optional(timingSchema),
		/** The model that answered, as the service named it (e.g. gpt-4o-2024-08-06). */
		model: z.optional(z.string()),
		/** The deployment the reply came from. */
		deployment: z.optional(z.string()),
		/**
		 * streaming: still arriving; interrupted: cut short by a failure (kept, with Retry); stopped:
		 * the user stopped it (kept, with Continue).
		 */
		status: z.optional(z.enum(MESSAGE_STATUSES))
	})
);
export type ChatMessage = z.infer<typeof messageSchema>;

export const functionSchema = z.object({
	name: z.string().check(z.regex(/^[a-zA-Z0-9_-]{1,64}$/)),
	description: z.optional(z.string()),
	/** A JSON Schema object. */
	parameters: z.record(z.string(), z.unknown())
});
/** A function the model may call, as the API takes it under `tools`. */
export type FunctionDefinition = z.infer<typeof functionSchema>;

export const responseFormatSchema = z.lazy(() =>
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
);
export type ResponseFormat = z.infer<typeof responseFormatSchema>;

export const REASONING_EFFORTS = ['minimal', 'low', 'medium', 'high'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

/** Every request parameter Ask exposes; an absent one stays off the wire. */
export const paramsSchema = z.lazy(() =>
	z.object({
		responseFormat: z.optional(responseFormatSchema),
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
		/** o-series / gpt-5: max_completion_tokens, no sampling parameters, reasoning effort. */
		reasoning: z.optional(z.boolean()),
		reasoningEffort: z.optional(z.enum(REASONING_EFFORTS))
	})
);
export type ChatParams = z.infer<typeof paramsSchema>;

export const conversationSchema = z.lazy(() =>
	z.object({
		id: z.string().check(z.minLength(1)),
		title: z.string(),
		createdAt: z.number(),
		updatedAt: z.number(),
		deployment: z.string(),
		systemMessage: z.string(),
		params: paramsSchema,
		messages: z.array(messageSchema),
		/** Counts the writes, so a tab can tell whether another wrote since it read (see merge.ts). */
		revision: z.optional(z.number()),
		/** Stored messages that no longer parse: never drawn, but kept (and exported) as they were. */
		unreadable: z.optional(z.array(z.unknown()))
	})
);
export type Conversation = z.infer<typeof conversationSchema>;

/**
 * What the conversation list knows of a conversation, stored beside it so that listing a thousand
 * conversations never reads their messages.
 */
export const summarySchema = z.object({
	id: z.string().check(z.minLength(1)),
	title: z.string(),
	updatedAt: z.number(),
	deployment: z.string(),
	/** How many messages it holds. */
	count: z.number(),
	/** The model each deployment answered with, as the service named it (the latest answer's). */
	models: z.record(z.string(), z.string())
});
export type ConversationSummary = z.infer<typeof summarySchema>;

/**
 * Whether a stored value reads as a summary: summarySchema's answer, checked by hand. The Ask page
 * reads every summary as it starts, and the schema took 10–20 ms of its main thread for a thousand
 * (bench/history.js's `manyConversations`, in Chromium and in Node). A summary that fails is not
 * trusted but rebuilt from its conversation, which is read through conversationSchema; chat.spec.ts
 * holds the two checks to the same answers.
 */
export function isSummary(value: unknown): value is ConversationSummary {
	if (!isRecord(value)) return false;
	const { id, title, updatedAt, deployment, count, models } = value;
	return (
		typeof id === 'string' &&
		id.length > 0 &&
		typeof title === 'string' &&
		Number.isFinite(updatedAt) &&
		typeof deployment === 'string' &&
		Number.isFinite(count) &&
		isRecord(models) &&
		Object.values(models).every((model) => typeof model === 'string')
	);
}

/** The file Export JSON writes and Import JSON reads. */
export const exportSchema = z.lazy(() =>
	z.object({
		format: z.literal('cerulean.conversation'),
		version: z.literal(1),
		conversation: conversationSchema
	})
);

/** The user's own function definitions (built-ins are not stored). */
export const functionLibrarySchema = z.array(functionSchema);
