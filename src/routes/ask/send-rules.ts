import { isBuiltin } from '$lib/chat/builtin-functions';
import { pendingToolCalls } from '$lib/chat/conversation';
import type { ChatParams, Conversation } from '$lib/model/chat';
import { CHAT_PARAMS, REASONING_DROPPED } from '$lib/model/chat-params';

export interface ComposerErrors {
	model?: string;
	message?: string;
	params?: string;
}

/**
 * Why a message cannot be sent yet, in words for the field concerned; empty when it can. Each
 * rule stops a request the service would refuse.
 */
export function checkSend(
	conversation: Conversation,
	text: string,
	images: string[],
	paramErrors: number
): ComposerErrors {
	const errors: ComposerErrors = {};
	if (!conversation.deployment.trim()) {
		errors.model =
			'Enter the deployment name from Azure AI Foundry → Deployments (not always the model name).';
	}
	const waiting = pendingToolCalls(conversation).filter((c) => !isBuiltin(c.name));
	const format = conversation.params.responseFormat?.type;
	const said = [conversation.systemMessage, text, ...conversation.messages.map((m) => m.content)];
	if (waiting.length) {
		errors.message = `Answer ${waiting.map((c) => c.name).join(' and ')} above first: the service refuses a new message while a function call waits for its result.`;
	} else if (!text.trim() && !images.length) {
		errors.message = 'Type a message first.';
	} else if (format === 'json_object' && !said.some((t) => /json/i.test(t))) {
		errors.message =
			'JSON object mode needs the word "JSON" in a message, or the service refuses the request. Add it to the system message or to your message.';
	}
	if (paramErrors) {
		errors.params = `Fix the ${paramErrors === 1 ? 'parameter' : `${paramErrors} parameters`} marked under Parameters.`;
	}
	return errors;
}

/**
 * A reasoning deployment refused a sampling parameter or max_tokens (as `unsupported_parameter`
 * or `unsupported_value`): the parameters with Reasoning mode on, and the sentence that says
 * what that changed. Undefined when the refusal is something else, or the mode is on already.
 */
export function reasoningSwitch(
	error: { kind: string; code?: string; param?: string },
	params: ChatParams,
	deployment: string
): { params: ChatParams; notice: string } | undefined {
	const refused = CHAT_PARAMS.find(
		(r) => r.wire === error.param && r.reasoning && r.reasoning !== 'only'
	);
	const codes = ['unsupported_parameter', 'unsupported_value'];
	if (
		params.reasoning ||
		error.kind !== 'bad-request' ||
		!refused ||
		!codes.includes(error.code ?? '')
	) {
		return undefined;
	}
	const shown = (value: unknown) => (typeof value === 'object' ? 'set' : String(value));
	const changes = [
		...(params.maxTokens !== undefined ? ['Max Tokens is sent as max_completion_tokens'] : []),
		...REASONING_DROPPED.filter((r) => params[r.key] !== undefined).map(
			(r) => `${r.label} (${shown(params[r.key])}) is left out`
		)
	];
	return {
		params: { ...params, reasoning: true },
		notice: `"${deployment}" is a reasoning deployment, so Reasoning mode is now on${changes.length ? `: ${changes.join('; ')}` : ''}. The request was sent again.`
	};
}
