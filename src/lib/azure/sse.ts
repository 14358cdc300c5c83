import { createParser } from 'eventsource-parser';
import { z } from 'zod';
import { AzureError, errorFromBody } from './errors';

const filterResults = z.record(z.string(), z.unknown());

const toolCallDelta = z.looseObject({
	index: z.number(),
	id: z.string().optional(),
	type: z.string().optional(),
	function: z
		.looseObject({ name: z.string().optional(), arguments: z.string().optional() })
		.optional()
});

const choiceSchema = z.looseObject({
	index: z.number(),
	delta: z
		.looseObject({
			role: z.string().nullish(),
			content: z.string().nullish(),
			refusal: z.string().nullish(),
			tool_calls: z.array(toolCallDelta).nullish()
		})
		.optional(),
	finish_reason: z.string().nullish(),
	content_filter_results: filterResults.optional(),
	content_filter_offsets: z.unknown().optional()
});

const usageSchema = z.looseObject({
	prompt_tokens: z.number(),
	completion_tokens: z.number(),
	total_tokens: z.number()
});

const promptFilterSchema = z.array(
	z.looseObject({
		prompt_index: z.number().optional(),
		content_filter_results: filterResults.optional()
	})
);

/** One event of a streamed chat completion; unknown fields are kept, never fatal. */
export const chatChunkSchema = z.looseObject({
	id: z.string().optional(),
	created: z.number().optional(),
	model: z.string().optional(),
	system_fingerprint: z.string().nullish(),
	choices: z.array(choiceSchema).default([]),
	prompt_filter_results: promptFilterSchema.optional(),
	// The content-streaming docs show the first event under this older name.
	prompt_annotations: promptFilterSchema.optional(),
	usage: usageSchema.nullish()
});
export type ChatChunk = z.infer<typeof chatChunkSchema>;

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
			const parsed = chatChunkSchema.safeParse(json);
			if (!parsed.success) {
				failure = new AzureError({
					kind: 'stream-malformed',
					message: 'An event in the stream did not look like a chat completion chunk.',
					rawBody: event.data.slice(0, 2000)
				});
				return;
			}
			queue.push(parsed.data);
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
