import { parseFilterResults } from './error-body';
import type { ChatChunk, ChunkChoice, ToolCallDelta } from './sse';

/**
 * Many stream events as one: the text of each choice joined, tool-call pieces joined per call, the
 * last finish reason, model, usage and prompt filter, the filter results merged. Feeding the merged
 * event to a ChatAssembler gives what feeding each event would have given, for a fraction of the
 * work where it is fed (the page, while the stream is read elsewhere).
 */
export function mergeChunks(chunks: readonly ChatChunk[]): ChatChunk {
	const merged: ChatChunk = { choices: [] };
	const choices = new Map<number, ChunkChoice & { delta: NonNullable<ChunkChoice['delta']> }>();
	for (const chunk of chunks) {
		if (chunk.model) merged.model = chunk.model;
		if (chunk.usage) merged.usage = chunk.usage;
		const prompt = chunk.prompt_filter_results ?? chunk.prompt_annotations;
		if (parseFilterResults(prompt?.[0]?.content_filter_results)) {
			merged.prompt_filter_results = prompt;
		}
		for (const choice of chunk.choices) {
			let target = choices.get(choice.index);
			if (!target) {
				target = { index: choice.index, delta: {} };
				choices.set(choice.index, target);
				merged.choices.push(target);
			}
			const delta = choice.delta;
			if (delta?.content) target.delta.content = (target.delta.content ?? '') + delta.content;
			if (delta?.refusal) target.delta.refusal = (target.delta.refusal ?? '') + delta.refusal;
			for (const call of delta?.tool_calls ?? []) addCall((target.delta.tool_calls ??= []), call);
			if (choice.finish_reason) target.finish_reason = choice.finish_reason;
			const filter = parseFilterResults(choice.content_filter_results);
			if (filter) target.content_filter_results = { ...target.content_filter_results, ...filter };
		}
	}
	return merged;
}

/** A piece of a tool call joins the piece before it when both belong to the same call. */
function addCall(calls: ToolCallDelta[], call: ToolCallDelta): void {
	const last = calls.at(-1);
	if (!last || last.index !== call.index) {
		calls.push({ ...call, ...(call.function ? { function: { ...call.function } } : {}) });
		return;
	}
	if (call.id) last.id = call.id;
	const name = (last.function?.name ?? '') + (call.function?.name ?? '');
	const args = (last.function?.arguments ?? '') + (call.function?.arguments ?? '');
	last.function = { name, arguments: args };
}
