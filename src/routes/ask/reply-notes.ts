import type { AssembledChoice, ChatMessage, Usage } from '$lib/model/chat';
import type { Price } from '$lib/model/prices';
import { money, seconds } from '$lib/components/figures';
import { priceFor } from '$lib/state/prices.svelte';

/** What a finish reason other than `stop` means, for a reply that has text. */
export const FINISH_REASONS: Record<string, string> = {
	length: 'Cut off: the reply reached Max Tokens (or the model limit).',
	content_filter: "Cut off by Azure's content filter.",
	tool_calls: 'The model asked to call functions.',
	function_call: 'The model asked to call a function.'
};

export function usageText(usage: Usage): string {
	const cached = usage.cachedTokens ? ` (${usage.cachedTokens} cached)` : '';
	const reasoning = usage.reasoningTokens ? ` (${usage.reasoningTokens} reasoning)` : '';
	return `Tokens: ${usage.promptTokens} prompt${cached} + ${usage.completionTokens} completion = ${usage.totalTokens}${reasoning}`;
}

/**
 * What a reply cost at these prices (per million tokens), when they name both sides: the prompt's
 * cached tokens at the cached-input price where one is set, the rest at the input price.
 */
export function replyCost(usage: Usage | undefined, price: Price | undefined): number | undefined {
	if (!usage || price?.input === undefined || price.output === undefined) return undefined;
	const cached = Math.min(usage.cachedTokens ?? 0, usage.promptTokens);
	const input =
		(usage.promptTokens - cached) * price.input + cached * (price.cachedInput ?? price.input);
	return (input + usage.completionTokens * price.output) / 1e6;
}

/** What a conversation's replies cost in all, where their deployments have prices. */
export function conversationCost(messages: readonly ChatMessage[]): string | undefined {
	let total: number | undefined;
	let currency: string | undefined;
	for (const message of messages) {
		if (message.role !== 'assistant') continue;
		const priced = priceFor(message.deployment);
		const cost = replyCost(message.usage, priced.price);
		if (cost === undefined) continue;
		total = (total ?? 0) + cost;
		currency = priced.currency;
	}
	return total === undefined ? undefined : money(total, currency);
}

/** How soon a reply started, how fast the rest came (where usage says how much) and the whole time. */
export function replySpeed(
	message: ChatMessage
): { firstTokenMs: number; totalMs: number; tokensPerSecond?: number } | undefined {
	const { usage, timing } = message;
	if (!timing) return undefined;
	const writing = timing.totalMs - timing.firstTokenMs;
	const rate =
		usage?.completionTokens && writing > 0
			? Math.round((usage.completionTokens * 1000) / writing)
			: undefined;
	return { ...timing, ...(rate !== undefined ? { tokensPerSecond: rate } : {}) };
}

/**
 * A finished reply's figures, in words: its tokens, how long the first token took, how fast the
 * rest came, the whole time, and what it cost where prices are set.
 */
export function replyFigures(message: ChatMessage, price?: Price, currency?: string): string[] {
	const { usage } = message;
	const speed = replySpeed(message);
	const figures: string[] = [];
	if (usage) figures.push(usageText(usage));
	if (speed) {
		figures.push(`First token ${seconds(speed.firstTokenMs)}`);
		if (speed.tokensPerSecond !== undefined) figures.push(`${speed.tokensPerSecond} tokens/s`);
		figures.push(`${seconds(speed.totalMs)} in all`);
	}
	const cost = replyCost(usage, price);
	if (cost !== undefined) figures.push(`Cost ≈ ${money(cost, currency)}`);
	return figures;
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
