import type { AssembledChoice, FilterResults, ToolCall, Usage } from '$lib/model/chat';
import type { Connection } from '$lib/model/settings';
import { parseFilterResults } from './error-body';
import { azureFetch, timedOut } from './request';

/**
 * How long a stream may go without a single event before Cerulean gives up on it. Reasoning
 * deployments can think for minutes before their first words, so this is generous.
 */
export const STREAM_IDLE_MS = 300_000;

/** The error for a stream that went quiet. */
export const streamIdle = () => timedOut(STREAM_IDLE_MS, 'Nothing arrived from the service');
import { readChatStream, type ChatChunk } from './sse';

/** The API's limit on `n`. */
const MAX_CHOICES = 128;

/** Accumulates stream chunks into choices; tolerant of Azure's filter-only and usage events. */
export class ChatAssembler {
	readonly choices: AssembledChoice[] = [];
	promptFilter?: FilterResults;
	usage?: Usage;
	model?: string;

	/** Tool calls by choice and stream index: a stream may number them from anywhere. */
	#calls = new Map<string, ToolCall>();

	#choice(index: number): AssembledChoice | undefined {
		// n is at most 128: a larger index is not a choice of this reply.
		if (!Number.isInteger(index) || index < 0 || index >= MAX_CHOICES) return undefined;
		while (this.choices.length <= index) {
			this.choices.push({ content: '', refusal: '', toolCalls: [] });
		}
		return this.choices[index];
	}

	add = (chunk: ChatChunk): void => {
		if (chunk.model) this.model = chunk.model;
		const prompt = chunk.prompt_filter_results ?? chunk.prompt_annotations;
		const promptFilter = parseFilterResults(prompt?.[0]?.content_filter_results);
		if (promptFilter) this.promptFilter = promptFilter;
		if (chunk.usage) this.usage = readUsage(chunk.usage);
		for (const choice of chunk.choices) {
			const target = this.#choice(choice.index);
			if (!target) continue;
			const delta = choice.delta;
			if (delta?.content) target.content += delta.content;
			if (delta?.refusal) target.refusal += delta.refusal;
			for (const call of delta?.tool_calls ?? []) {
				const key = `${choice.index}:${call.index}`;
				const existing = this.#calls.get(key);
				if (existing) {
					existing.arguments += call.function?.arguments ?? '';
					if (call.id) existing.id = call.id;
					if (call.function?.name) existing.name += call.function.name;
				} else {
					const created = {
						id: call.id ?? '',
						name: call.function?.name ?? '',
						arguments: call.function?.arguments ?? ''
					};
					this.#calls.set(key, created);
					target.toolCalls.push(created);
				}
			}
			if (choice.finish_reason) target.finishReason = choice.finish_reason;
			const filter = parseFilterResults(choice.content_filter_results);
			if (filter) target.filter = { ...target.filter, ...filter };
		}
	};
}

function readUsage(usage: NonNullable<ChatChunk['usage']>): Usage {
	const details = usage.completion_tokens_details;
	const cached = usage.prompt_tokens_details?.cached_tokens;
	const cachedTokens = typeof cached === 'number' && cached > 0 ? cached : undefined;
	return {
		promptTokens: usage.prompt_tokens,
		completionTokens: usage.completion_tokens,
		totalTokens: usage.total_tokens,
		...(details?.reasoning_tokens ? { reasoningTokens: details.reasoning_tokens } : {}),
		...(cachedTokens ? { cachedTokens } : {})
	};
}

/**
 * Sends a streamed chat completion and feeds every chunk to `onChunk` as it arrives.
 * Throws AzureError (or the AbortError when `signal` aborts).
 */
export async function streamChat(
	connection: Connection,
	request: {
		deployment: string;
		body: Record<string, unknown>;
		signal?: AbortSignal;
		fetch?: typeof fetch;
		onChunk: (chunk: ChatChunk) => void;
	}
): Promise<void> {
	const response = await azureFetch(connection, {
		operation: 'chat/completions',
		deployment: request.deployment,
		body: request.body,
		...(request.signal ? { signal: request.signal } : {}),
		...(request.fetch ? { fetch: request.fetch } : {})
	});
	if (!response.body) return;
	for await (const chunk of readChatStream(response.body)) request.onChunk(chunk);
}
