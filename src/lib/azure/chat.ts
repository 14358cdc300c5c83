import type { ApiVersion, Connection } from './connection';
import { parseFilterResults, type FilterResult } from './errors';
import { azureFetch } from './request';
import { readChatStream, type ChatChunk } from './sse';

/** A function the model may call, as the API takes it under `tools`. */
export interface FunctionDefinition {
	name: string;
	description?: string;
	/** A JSON Schema object. */
	parameters: Record<string, unknown>;
}

export type ResponseFormat =
	| { type: 'text' }
	| { type: 'json_object' }
	| {
			type: 'json_schema';
			json_schema: {
				name: string;
				description?: string;
				schema: Record<string, unknown>;
				strict?: boolean;
			};
	  };

export type ReasoningEffort = 'minimal' | 'low' | 'medium' | 'high';

/** Every request parameter Ask exposes; an absent one stays off the wire. */
export interface ChatParams {
	responseFormat?: ResponseFormat;
	maxTokens?: number;
	n?: number;
	temperature?: number;
	frequencyPenalty?: number;
	presencePenalty?: number;
	logitBias?: Record<string, number>;
	topP?: number;
	stop?: string[];
	tools?: FunctionDefinition[];
	user?: string;
	seed?: number;
	/** o-series / gpt-5: max_completion_tokens, no sampling parameters, reasoning effort. */
	reasoning?: boolean;
	reasoningEffort?: ReasoningEffort;
}

export interface ToolCall {
	id: string;
	name: string;
	/** The JSON text the model produced, as it produced it. */
	arguments: string;
}

export type ContentPart =
	| { type: 'text'; text: string }
	| { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } };

/** A message as the API takes it. */
export type WireMessage =
	| { role: 'system' | 'developer'; content: string }
	| { role: 'user'; content: string | ContentPart[] }
	| {
			role: 'assistant';
			content: string | null;
			tool_calls?: {
				id: string;
				type: 'function';
				function: { name: string; arguments: string };
			}[];
	  }
	| { role: 'tool'; content: string; tool_call_id: string };

/** Parameters reasoning deployments reject (CONTRACT §4). */
const SAMPLING_PARAMS = [
	'temperature',
	'top_p',
	'presence_penalty',
	'frequency_penalty',
	'logit_bias'
];

/** Whether the API version accepts `reasoning_effort` (2024-12-01-preview and later, v1). */
export function supportsReasoningEffort(apiVersion: ApiVersion): boolean {
	return apiVersion !== '2024-10-21';
}

/** Builds the JSON body: only parameters the user set, shaped for the deployment kind. */
export function buildChatBody(
	messages: WireMessage[],
	params: ChatParams,
	options: { apiVersion: ApiVersion; stream: boolean }
): Record<string, unknown> {
	const body: Record<string, unknown> = { messages };
	const put = (key: string, value: unknown) => {
		if (value !== undefined) body[key] = value;
	};
	if (params.responseFormat && params.responseFormat.type !== 'text') {
		put('response_format', params.responseFormat);
	}
	put(params.reasoning ? 'max_completion_tokens' : 'max_tokens', params.maxTokens);
	put('n', params.n);
	put('temperature', params.temperature);
	put('frequency_penalty', params.frequencyPenalty);
	put('presence_penalty', params.presencePenalty);
	if (params.logitBias && Object.keys(params.logitBias).length) put('logit_bias', params.logitBias);
	put('top_p', params.topP);
	if (params.stop?.length) put('stop', params.stop);
	if (params.tools?.length) {
		put(
			'tools',
			params.tools.map((f) => ({
				type: 'function',
				function: {
					name: f.name,
					...(f.description ? { description: f.description } : {}),
					parameters: f.parameters
				}
			}))
		);
	}
	put('user', params.user || undefined);
	put('seed', params.seed);
	if (params.reasoning) {
		for (const key of SAMPLING_PARAMS) delete body[key];
		if (params.reasoningEffort && supportsReasoningEffort(options.apiVersion)) {
			put('reasoning_effort', params.reasoningEffort);
		}
	}
	if (options.stream) {
		body.stream = true;
		body.stream_options = { include_usage: true };
	}
	return body;
}

export interface Usage {
	promptTokens: number;
	completionTokens: number;
	totalTokens: number;
	reasoningTokens?: number;
}

export interface AssembledChoice {
	content: string;
	refusal: string;
	toolCalls: ToolCall[];
	finishReason?: string;
	filter?: Record<string, FilterResult>;
}

/** Accumulates stream chunks into choices; tolerant of Azure's filter-only and usage events. */
export class ChatAssembler {
	readonly choices: AssembledChoice[] = [];
	promptFilter?: Record<string, FilterResult>;
	usage?: Usage;
	model?: string;

	#choice(index: number): AssembledChoice {
		while (this.choices.length <= index) {
			this.choices.push({ content: '', refusal: '', toolCalls: [] });
		}
		return this.choices[index] as AssembledChoice;
	}

	add = (chunk: ChatChunk): void => {
		if (chunk.model) this.model = chunk.model;
		const prompt = chunk.prompt_filter_results ?? chunk.prompt_annotations;
		const promptFilter = parseFilterResults(prompt?.[0]?.content_filter_results);
		if (promptFilter) this.promptFilter = promptFilter;
		if (chunk.usage) this.usage = readUsage(chunk.usage);
		for (const choice of chunk.choices) {
			const target = this.#choice(choice.index);
			const delta = choice.delta;
			if (delta?.content) target.content += delta.content;
			if (delta?.refusal) target.refusal += delta.refusal;
			for (const call of delta?.tool_calls ?? []) {
				const existing = target.toolCalls[call.index];
				if (existing) {
					existing.arguments += call.function?.arguments ?? '';
					if (call.id) existing.id = call.id;
					if (call.function?.name) existing.name += call.function.name;
				} else {
					target.toolCalls[call.index] = {
						id: call.id ?? '',
						name: call.function?.name ?? '',
						arguments: call.function?.arguments ?? ''
					};
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
	return {
		promptTokens: usage.prompt_tokens,
		completionTokens: usage.completion_tokens,
		totalTokens: usage.total_tokens,
		...(details?.reasoning_tokens ? { reasoningTokens: details.reasoning_tokens } : {})
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
