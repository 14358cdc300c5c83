import { CHAT_PARAMS, sentInMode, wireKey, type ChatParamKey } from '$lib/model/chat-params';
import type { ChatParams, FunctionDefinition } from '$lib/model/chat';
import type { ApiVersion } from '$lib/model/settings';

// The request body of a chat completion. Apart from the streaming code in chat.ts, so that Ask
// can build requests (and View code) before that code is loaded.

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

/** The wire value of a parameter, where it differs from what the form keeps. */
function wireValue(key: ChatParamKey, value: unknown): unknown {
	switch (key) {
		case 'responseFormat':
			return (value as ChatParams['responseFormat'])?.type === 'text' ? undefined : value;
		case 'logitBias':
		case 'stop':
			return value && Object.keys(value).length ? value : undefined;
		case 'tools':
			return (value as FunctionDefinition[] | undefined)?.length
				? (value as FunctionDefinition[]).map((f) => ({
						type: 'function',
						function: {
							name: f.name,
							...(f.description ? { description: f.description } : {}),
							parameters: f.parameters
						}
					}))
				: undefined;
		case 'user':
			return value || undefined;
		default:
			return value;
	}
}

/**
 * Builds the JSON body from the parameter table: only what the user set, shaped for the
 * deployment kind and the API version.
 */
export function buildChatBody(
	messages: WireMessage[],
	params: ChatParams,
	options: { apiVersion: ApiVersion; stream: boolean }
): Record<string, unknown> {
	const body: Record<string, unknown> = { messages };
	const reasoning = params.reasoning === true;
	for (const row of CHAT_PARAMS) {
		if (!sentInMode(row, reasoning)) continue;
		if (row.versions && !row.versions.includes(options.apiVersion)) continue;
		const value = wireValue(row.key, params[row.key]);
		if (value !== undefined) body[wireKey(row, reasoning)] = value;
	}
	if (options.stream) {
		body.stream = true;
		body.stream_options = { include_usage: true };
	}
	return body;
}
