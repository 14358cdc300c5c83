import type { AssembledChoice, Usage } from '$lib/model/chat';

/** What a finish reason other than `stop` means, for a reply that has text. */
export const FINISH_REASONS: Record<string, string> = {
	length: 'Cut off: the reply reached Max Tokens (or the model limit).',
	content_filter: "Cut off by Azure's content filter.",
	tool_calls: 'The model asked to call functions.',
	function_call: 'The model asked to call a function.'
};

export function usageText(usage: Usage): string {
	const reasoning = usage.reasoningTokens ? ` (${usage.reasoningTokens} reasoning)` : '';
	return `Tokens: ${usage.promptTokens} prompt + ${usage.completionTokens} completion = ${usage.totalTokens}${reasoning}`;
}

/** Why a finished reply has no text, and what to do about it. */
export function emptyReplyNote(choice: AssembledChoice, usage: Usage | undefined): string {
	if (choice.finishReason === 'content_filter') {
		const flagged = Object.entries(choice.filter ?? {})
			.filter(([, r]) => r.filtered)
			.map(([c, r]) => `${c.replace(/_/g, ' ')}${r.severity ? ` (${r.severity})` : ''}`);
		return `No text: Azure's content filter blocked the reply before any of it was shown${flagged.length ? ` (${flagged.join(', ')})` : ''}. Rephrase the request and send it again.`;
	}
	if (choice.finishReason === 'length') {
		const spent = usage?.completionTokens;
		const reasoning = usage?.reasoningTokens;
		if (reasoning) {
			return `No text: the model spent ${reasoning === spent ? 'all' : reasoning} of its ${spent} completion tokens on reasoning before it could answer. Raise Max Tokens (or lower Reasoning effort) under Parameters, then Regenerate.`;
		}
		return `No text: the reply reached Max Tokens${spent !== undefined ? ` (${spent} tokens)` : ''} before any text. Raise Max Tokens under Parameters, then Regenerate.`;
	}
	return `No text came back (finish reason: ${choice.finishReason}).`;
}
