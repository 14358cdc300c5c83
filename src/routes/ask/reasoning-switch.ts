import type { ChatParams } from '$lib/model/chat';
import { CHAT_PARAMS, REASONING_DROPPED } from '$lib/model/chat-params';

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
