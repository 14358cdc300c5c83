// @ts-check
// Chat completions: the reply (scripted, or shaped like a real one), whole or as Azure's stream.
import { randomBytes } from 'node:crypto';
import { PROMPT_FILTER, SAFE_SEVERITY } from './errors.js';
import { promptTokens } from './chat-validate.js';
import {
	defaultReply,
	demoJsonObject,
	demoToolReply,
	exampleOf,
	textOf,
	tokenize
} from './replies.js';

/**
 * A scripted chat reply for the next chat request: text (one per choice), tool calls, or a reply
 * that the output content filter cuts off in the named category.
 * @typedef {{ content?: string | string[], finishReason?: string,
 *   toolCalls?: { name: string, arguments: string }[], filtered?: string }} Reply
 */

/** Reasoning tokens a reply spends by effort, counted inside max_completion_tokens. */
const REASONING_TOKENS = /** @type {Record<string, number>} */ ({
	minimal: 0,
	low: 128,
	medium: 320,
	high: 960
});

/** @param {any} body */
function lastUserText(body) {
	return textOf([...body.messages].reverse().find((/** @type {any} */ m) => m.role === 'user'));
}

/**
 * Everything the answer contains, before it is sent whole or streamed.
 * @param {any} body @param {string} deploymentName @param {import('./deployments.js').ChatDeployment} deployment
 * @param {Reply | undefined} script
 * @param {number} [cachedTokens] how many prompt tokens Azure's prompt cache answered (see prompt-cache.js)
 */
export function composeReply(body, deploymentName, deployment, script, cachedTokens = 0) {
	const who = { deployment: deploymentName, model: deployment.model };
	const format = body.response_format?.type;
	const planned =
		script ??
		demoToolReply(body) ??
		(format === 'json_object'
			? { content: demoJsonObject(lastUserText(body)) }
			: format === 'json_schema'
				? { content: JSON.stringify(exampleOf(body.response_format.json_schema?.schema)) }
				: undefined);
	const n = body.n ?? 1;
	const base = planned?.content ?? defaultReply(body.messages, who);
	const contents = Array.from({ length: n }, (_, i) =>
		Array.isArray(base)
			? (base[i] ?? base[0] ?? '')
			: n > 1 && !format
				? `Choice ${i + 1}. ${base}`
				: base
	);
	const reasoning = deployment.reasoning
		? (REASONING_TOKENS[body.reasoning_effort ?? 'medium'] ?? 320)
		: 0;
	const limit = body.max_completion_tokens ?? body.max_tokens;
	const toolCalls = (planned?.toolCalls ?? []).map((call) => ({
		id: `call_${randomBytes(12).toString('base64url')}`,
		...call
	}));
	const choices = contents.map((text) => {
		// Reasoning comes first and counts inside the budget: a small one leaves no text at all.
		const room = limit === undefined ? Infinity : Math.max(0, limit - reasoning);
		const tokens = toolCalls.length ? [] : tokenize(text);
		const cut = tokens.length > room || (limit !== undefined && limit <= reasoning);
		const kept = cut ? tokens.slice(0, room) : tokens;
		return {
			tokens: kept,
			reasoning: Math.min(reasoning, limit ?? reasoning),
			finishReason: toolCalls.length
				? 'tool_calls'
				: script?.filtered
					? 'content_filter'
					: cut
						? 'length'
						: (script?.finishReason ?? 'stop')
		};
	});
	const prompt = promptTokens(body.messages);
	const completion = choices.reduce((sum, c) => sum + c.tokens.length + c.reasoning, 0);
	const reasoningTotal = choices.reduce((sum, c) => sum + c.reasoning, 0);
	return {
		id: `chatcmpl-${randomBytes(15).toString('base64url')}`,
		created: Math.floor(Date.now() / 1000),
		model: deployment.model,
		choices,
		toolCalls,
		filtered: script?.filtered,
		usage: {
			completion_tokens: completion,
			completion_tokens_details: {
				accepted_prediction_tokens: 0,
				audio_tokens: 0,
				reasoning_tokens: reasoningTotal,
				rejected_prediction_tokens: 0
			},
			prompt_tokens: prompt,
			prompt_tokens_details: { audio_tokens: 0, cached_tokens: cachedTokens },
			total_tokens: prompt + completion
		}
	};
}

/** @typedef {ReturnType<typeof composeReply>} Composed */

/** @param {Composed} reply */
const wireToolCalls = (reply) =>
	reply.toolCalls.map((t) => ({
		id: t.id,
		type: 'function',
		function: { name: t.name, arguments: t.arguments }
	}));

/** The non-streamed `chat.completion` body. @param {Composed} reply */
export function completionBody(reply) {
	return {
		choices: reply.choices.map((c, index) => ({
			content_filter_results: reply.filtered
				? { ...SAFE_SEVERITY, [reply.filtered]: { filtered: true, severity: 'high' } }
				: SAFE_SEVERITY,
			finish_reason: c.finishReason,
			index,
			logprobs: null,
			message: {
				annotations: [],
				content: reply.toolCalls.length ? null : c.tokens.join(''),
				refusal: null,
				role: 'assistant',
				...(reply.toolCalls.length ? { tool_calls: wireToolCalls(reply) } : {})
			}
		})),
		created: reply.created,
		id: reply.id,
		model: reply.model,
		object: 'chat.completion',
		prompt_filter_results: [{ prompt_index: 0, content_filter_results: PROMPT_FILTER }],
		system_fingerprint: 'fp_emulator01',
		usage: reply.usage
	};
}

/**
 * The stream's events, in Azure's order: the empty-choices prompt-filter event, a role event per
 * choice, the content, a finish event per choice, and the usage event when asked for. With the
 * asynchronous filter, content arrives unannotated and annotation events (`id: ""`, no `delta`,
 * `content_filter_offsets`) follow it, the last one after the finish; a violation ends the choice
 * with an annotation whose finish_reason is `content_filter`. See
 * https://learn.microsoft.com/azure/ai-foundry/openai/concepts/content-streaming.
 * @param {Composed} reply @param {{ includeUsage: boolean, asyncFilter: boolean }} options
 */
export function streamEvents(reply, options) {
	const { includeUsage, asyncFilter } = options;
	/** @param {object[]} choices @param {object} [extra] */
	const event = (choices, extra = {}) => ({
		choices,
		created: reply.created,
		id: reply.id,
		model: reply.model,
		obfuscation: randomBytes(6).toString('base64url'),
		object: 'chat.completion.chunk',
		system_fingerprint: 'fp_emulator01',
		...(includeUsage ? { usage: null } : {}),
		...extra
	});
	/** @param {object} choice */
	const annotation = (choice) => ({
		choices: [choice],
		created: 0,
		id: '',
		model: '',
		object: '',
		usage: null
	});
	/** @type {object[]} */
	const events = [
		{
			choices: [],
			created: 0,
			id: '',
			model: '',
			object: '',
			prompt_filter_results: [{ prompt_index: 0, content_filter_results: PROMPT_FILTER }]
		}
	];
	const flagged = reply.filtered
		? { ...SAFE_SEVERITY, [reply.filtered]: { filtered: true, severity: 'high' } }
		: {};
	reply.choices.forEach((_, index) => {
		if (!reply.toolCalls.length) {
			events.push(
				event([
					{
						content_filter_results: {},
						delta: { content: '', refusal: null, role: 'assistant' },
						finish_reason: null,
						index,
						logprobs: null
					}
				])
			);
			return;
		}
		// Tool calls stream as a name first, then the arguments in pieces.
		reply.toolCalls.forEach((call, i) => {
			events.push(
				event([
					{
						content_filter_results: {},
						delta: {
							content: null,
							role: 'assistant',
							tool_calls: [
								{
									index: i,
									id: call.id,
									type: 'function',
									function: { name: call.name, arguments: '' }
								}
							]
						},
						finish_reason: null,
						index,
						logprobs: null
					}
				])
			);
			for (const piece of call.arguments.match(/.{1,8}/gs) ?? []) {
				events.push(
					event([
						{
							delta: { tool_calls: [{ index: i, function: { arguments: piece } }] },
							finish_reason: null,
							index,
							logprobs: null
						}
					])
				);
			}
		});
	});
	const sent = reply.choices.map(() => 0);
	const checked = reply.choices.map(() => 0);
	const longest = Math.max(...reply.choices.map((c) => c.tokens.length));
	for (let t = 0; t < longest; t++) {
		reply.choices.forEach((c, index) => {
			const token = c.tokens[t];
			if (token === undefined) return;
			sent[index] = (sent[index] ?? 0) + token.length;
			events.push(
				event([
					{
						...(asyncFilter ? {} : { content_filter_results: SAFE_SEVERITY }),
						delta: { content: token },
						finish_reason: null,
						index,
						logprobs: null
					}
				])
			);
			// The asynchronous filter reports on what it has checked, every few hundred characters.
			if (asyncFilter && (sent[index] ?? 0) - (checked[index] ?? 0) >= 200) {
				events.push(annotation(offsets(index, checked, sent, SAFE_SEVERITY, null)));
			}
		});
	}
	reply.choices.forEach((c, index) => {
		if (asyncFilter && reply.filtered) {
			events.push(annotation(offsets(index, checked, sent, flagged, 'content_filter')));
			return;
		}
		events.push(
			event([
				{
					content_filter_results: asyncFilter ? {} : flagged,
					delta: {},
					finish_reason: c.finishReason,
					index,
					logprobs: null
				}
			])
		);
		if (asyncFilter) events.push(annotation(offsets(index, checked, sent, SAFE_SEVERITY, null)));
	});
	if (includeUsage) events.push({ ...event([]), usage: reply.usage });
	return events;
}

/**
 * An annotation choice covering what was sent since the last one.
 * @param {number} index @param {number[]} checked @param {number[]} sent @param {object} results
 * @param {string | null} finish
 */
function offsets(index, checked, sent, results, finish) {
	const start = checked[index] ?? 0;
	checked[index] = sent[index] ?? 0;
	return {
		index,
		finish_reason: finish,
		content_filter_results: results,
		content_filter_offsets: {
			check_offset: checked[index],
			start_offset: start,
			end_offset: checked[index]
		}
	};
}
