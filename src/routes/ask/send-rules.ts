import { isBuiltin } from '$lib/chat/builtin-functions';
import { pendingToolCalls } from '$lib/chat/conversation';
import type { Conversation } from '$lib/model/chat';

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
