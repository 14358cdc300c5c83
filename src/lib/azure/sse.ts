import { createParser } from 'eventsource-parser';
import { errorFromBody } from './error-body';
import { AzureError } from './errors';
import { isRecord } from '$lib/is-record';

export interface ToolCallDelta {
	index: number;
	id?: string;
	type?: string;
	function?: { name?: string; arguments?: string };
}

export interface ChunkChoice {
	index: number;
	delta?: {
		role?: string | null;
		content?: string | null;
		refusal?: string | null;
		tool_calls?: ToolCallDelta[] | null;
	};
	finish_reason?: string | null;
	content_filter_results?: Record<string, unknown>;
}

export interface ChunkUsage {
	prompt_tokens: number;
	completion_tokens: number;
	total_tokens: number;
	completion_tokens_details?: { reasoning_tokens?: number };
	/** Tokens of the prompt read from Azure's prompt cache (billed at the cached-input price). */
	prompt_tokens_details?: { cached_tokens?: number };
}

/** Whether an event brings some of the reply itself (text, a refusal, a function call). */
export function carriesText(chunk: ChatChunk): boolean {
	return chunk.choices.some(
		({ delta }) => !!(delta?.content || delta?.refusal || delta?.tool_calls?.length)
	);
}

/** One event of a streamed chat completion; unknown fields are kept, never fatal. */
export interface ChatChunk {
	id?: string;
	created?: number;
	model?: string;
	choices: ChunkChoice[];
	prompt_filter_results?: {
		prompt_index?: number;
		content_filter_results?: Record<string, unknown>;
	}[];
	/** The content-streaming docs show the first event under this older name. */
	prompt_annotations?: ChatChunk['prompt_filter_results'];
	usage?: ChunkUsage | null;
}

const optional = (v: unknown, type: 'string' | 'number') =>
	v === undefined || v === null || typeof v === type;

/**
 * Checks an event's shape where it enters. Hand-written rather than a zod schema: it runs once per
 * token, and a 20,000-token reply would spend a second in a general-purpose validator.
 */
export function asChatChunk(value: unknown): ChatChunk | undefined {
	if (!isRecord(value)) return undefined;
	const choices = value.choices ?? [];
	if (!Array.isArray(choices)) return undefined;
	for (const choice of choices) {
		if (!isRecord(choice) || typeof choice.index !== 'number') return undefined;
		if (!optional(choice.finish_reason, 'string')) return undefined;
		if (choice.content_filter_results !== undefined && !isRecord(choice.content_filter_results)) {
			return undefined;
		}
		const delta = choice.delta;
		if (delta === undefined) continue;
		if (!isRecord(delta)) return undefined;
		if (!optional(delta.content, 'string') || !optional(delta.role, 'string')) return undefined;
		if (!optional(delta.refusal, 'string')) return undefined;
		const calls = delta.tool_calls;
		if (calls !== undefined && calls !== null) {
			if (!Array.isArray(calls)) return undefined;
			for (const call of calls) {
				if (!isRecord(call) || typeof call.index !== 'number') return undefined;
				if (call.function !== undefined && !isRecord(call.function)) return undefined;
			}
		}
	}
	for (const key of ['prompt_filter_results', 'prompt_annotations'] as const) {
		const list = value[key];
		if (list !== undefined && (!Array.isArray(list) || !list.every(isRecord))) return undefined;
	}
	const usage = value.usage;
	if (usage !== undefined && usage !== null) {
		if (!isRecord(usage)) return undefined;
		if (
			typeof usage.prompt_tokens !== 'number' ||
			typeof usage.completion_tokens !== 'number' ||
			typeof usage.total_tokens !== 'number'
		) {
			return undefined;
		}
	}
	if (!optional(value.model, 'string') || !optional(value.id, 'string')) return undefined;
	return { ...value, choices } as ChatChunk;
}

/**
 * Reads a chat-completions event stream into parsed chunks, ending at `[DONE]`.
 * Azure's empty-choices first event, filter-only events and the usage event come through as
 * chunks with `choices: []`. A stream that ends early throws `stream-dropped`.
 */
export async function* readChatStream(body: ReadableStream<Uint8Array>): AsyncGenerator<ChatChunk> {
	const queue: ChatChunk[] = [];
	let done = false;
	let failure: AzureError | undefined;
	const parser = createParser({
		onEvent(event) {
			if (done || failure) return;
			if (event.data === '[DONE]') {
				done = true;
				return;
			}
			let json: unknown;
			try {
				json = JSON.parse(event.data);
			} catch {
				failure = new AzureError({
					kind: 'stream-malformed',
					message: 'An event in the stream was not valid JSON.',
					rawBody: event.data.slice(0, 2000)
				});
				return;
			}
			if (json && typeof json === 'object' && 'error' in json) {
				failure = errorFromBody(500, event.data);
				return;
			}
			const chunk = asChatChunk(json);
			if (!chunk) {
				failure = new AzureError({
					kind: 'stream-malformed',
					message: 'An event in the stream did not look like a chat completion chunk.',
					rawBody: event.data.slice(0, 2000)
				});
				return;
			}
			queue.push(chunk);
		}
	});
	const reader = body.getReader();
	const decoder = new TextDecoder();
	try {
		while (!done && !failure) {
			let result: ReadableStreamReadResult<Uint8Array>;
			try {
				result = await reader.read();
			} catch (cause) {
				if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
				throw new AzureError({
					kind: 'stream-dropped',
					message: cause instanceof Error ? cause.message : 'The stream was cut.'
				});
			}
			if (result.done) {
				parser.feed(decoder.decode());
				// A final event without its blank line still counts.
				parser.feed('\n\n');
			} else {
				parser.feed(decoder.decode(result.value, { stream: true }));
			}
			while (queue.length) yield queue.shift() as ChatChunk;
			if (failure) throw failure;
			if (result.done && !done) {
				throw new AzureError({
					kind: 'stream-dropped',
					message: 'The stream ended before the service said it was done.'
				});
			}
		}
	} finally {
		// Stop the download when the consumer stops early (Stop button, error).
		reader.cancel().catch(() => {
			/* already closed */
		});
	}
}
