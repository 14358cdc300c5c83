// @ts-check
// Chat request checks, in the words the service uses; where a body is quoted from a public report,
// the report is named beside it.
import { chatArguments } from './deployments.js';
import {
	checkEnum,
	checkNumber,
	invalid,
	unrecognizedArgument,
	unsupportedParameter,
	unsupportedValue
} from './errors.js';
import { textOf } from './replies.js';

/** @typedef {import('./deployments.js').ChatDeployment} ChatDeployment */

/** Parameters reasoning models refuse outright, whatever their value. */
const REASONING_REFUSED = [
	'presence_penalty',
	'frequency_penalty',
	'logit_bias',
	'logprobs',
	'top_logprobs'
];
/** Parameters o1, o3, o4-mini and gpt-5 accept only at their default of 1. */
const REASONING_DEFAULT_ONLY = ['temperature', 'top_p'];

/** A rough token count (about four characters a token, plus each message's framing). @param {any[]} messages */
export function promptTokens(messages) {
	return messages.reduce((sum, m) => sum + Math.ceil(textOf(m).length / 4) + 4, 3);
}

/**
 * @param {any} body @param {ChatDeployment} deployment
 * @param {{ surface: 'ga' | 'preview' | 'v1', preview: boolean }} api
 */
export function validateChat(body, deployment, api) {
	if (!body || typeof body !== 'object')
		throw invalid("'messages' is a required property", 'messages');
	const known = chatArguments(api.surface);
	for (const key of Object.keys(body)) if (!known.has(key)) throw unrecognizedArgument(key);
	validateMessages(body.messages, api.preview);
	if (deployment.reasoning) validateReasoning(body, deployment);
	checkNumber(body.temperature, 'temperature', 0, 2);
	checkNumber(body.top_p, 'top_p', 0, 1);
	checkNumber(body.frequency_penalty, 'frequency_penalty', -2, 2);
	checkNumber(body.presence_penalty, 'presence_penalty', -2, 2);
	checkNumber(body.n, 'n', 1, 128, { integer: true });
	checkNumber(body.max_tokens, 'max_tokens', 1, Number.MAX_SAFE_INTEGER, { integer: true });
	checkNumber(body.max_completion_tokens, 'max_completion_tokens', 1, Number.MAX_SAFE_INTEGER, {
		integer: true
	});
	checkNumber(body.seed, 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, {
		integer: true
	});
	checkNumber(body.top_logprobs, 'top_logprobs', 0, 20, { integer: true });
	validateLogitBias(body.logit_bias);
	validateStop(body.stop);
	validateTools(body.tools);
	validateResponseFormat(body.response_format, body.messages);
	checkEnum('reasoning_effort', body.reasoning_effort, [
		...(deployment.minimalEffort ? ['minimal'] : []),
		'low',
		'medium',
		'high'
	]);
	if (body.user !== undefined && typeof body.user !== 'string') {
		throw invalid(`${JSON.stringify(body.user)} is not of type 'string' - 'user'`, 'user');
	}
	if (body.stream !== undefined && typeof body.stream !== 'boolean') {
		throw invalid(`${JSON.stringify(body.stream)} is not of type 'boolean' - 'stream'`, 'stream');
	}
	validateLimits(body, deployment);
}

/** @param {unknown} messages @param {boolean} preview */
function validateMessages(messages, preview) {
	if (!Array.isArray(messages)) throw invalid("'messages' is a required property", 'messages');
	if (messages.length < 1) throw invalid("[] is too short - 'messages'", 'messages');
	if (messages.length > 2048) throw invalid(`'messages' has more than 2048 items`, 'messages');
	const roles = [
		'system',
		'user',
		'assistant',
		'tool',
		'function',
		...(preview ? ['developer'] : [])
	];
	messages.forEach((m, i) => {
		if (!m || !roles.includes(m.role)) {
			throw invalid(
				`Invalid value: '${m?.role}'. Supported values are: ${roles.map((r) => `'${r}'`).join(', ')}.`,
				`messages[${i}].role`,
				'invalid_value'
			);
		}
		if (m.role === 'tool' && typeof m.tool_call_id !== 'string') {
			throw invalid(
				`Missing required parameter: 'messages[${i}].tool_call_id'.`,
				`messages[${i}].tool_call_id`,
				'missing_required_parameter'
			);
		}
	});
	validateToolOrder(messages);
}

/**
 * Every assistant `tool_calls` message must be followed by a `tool` message for each id, and every
 * `tool` message must answer such a call (sdcb/chats#132, smarter-sh/smarter#264).
 * @param {any[]} messages
 */
function validateToolOrder(messages) {
	/** @type {{ at: number, ids: Set<string> } | undefined} */
	let open;
	const unanswered = () => {
		if (!open?.ids.size) return;
		throw invalid(
			`An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...open.ids].join(', ')}`,
			`messages.[${open.at}].role`
		);
	};
	messages.forEach((m, i) => {
		if (m.role === 'tool') {
			if (!open?.ids.delete(m.tool_call_id)) {
				throw invalid(
					"Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
					`messages.[${i}].role`
				);
			}
			return;
		}
		unanswered();
		const ids = Array.isArray(m.tool_calls)
			? m.tool_calls.map((/** @type {any} */ c) => c?.id)
			: [];
		open = m.role === 'assistant' && ids.length ? { at: i, ids: new Set(ids) } : undefined;
	});
	unanswered();
}

/** @param {any} body @param {ChatDeployment} deployment */
function validateReasoning(body, deployment) {
	if (body.max_tokens !== undefined) {
		throw unsupportedParameter('max_tokens', "Use 'max_completion_tokens' instead.");
	}
	for (const name of REASONING_DEFAULT_ONLY) {
		if (body[name] === undefined) continue;
		if (deployment.reasoning === 'unsupported_parameter') throw unsupportedParameter(name);
		if (body[name] !== 1) throw unsupportedValue(name, body[name]);
	}
	for (const name of REASONING_REFUSED) {
		if (body[name] !== undefined) throw unsupportedParameter(name);
	}
}

/** @param {unknown} bias */
function validateLogitBias(bias) {
	if (bias === undefined || bias === null) return;
	if (typeof bias !== 'object' || Array.isArray(bias)) {
		throw invalid(`${JSON.stringify(bias)} is not of type 'object' - 'logit_bias'`, 'logit_bias');
	}
	for (const [token, value] of Object.entries(bias)) {
		if (!/^\d+$/.test(token)) throw invalid(`Invalid key in 'logit_bias': ${token}.`, 'logit_bias');
		checkNumber(value, `logit_bias.${token}`, -100, 100, { integer: true });
	}
}

/** @param {unknown} stop */
function validateStop(stop) {
	if (stop === undefined || stop === null) return;
	const stops = Array.isArray(stop) ? stop : [stop];
	if (stops.length < 1 || stops.length > 4 || stops.some((s) => typeof s !== 'string')) {
		throw invalid(
			`${JSON.stringify(stop)} is not valid under any of the given schemas - 'stop'`,
			'stop'
		);
	}
}

const NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** @param {unknown} tools */
function validateTools(tools) {
	if (tools === undefined) return;
	if (!Array.isArray(tools) || tools.length > 128) {
		throw invalid(`'tools' must be an array of at most 128 items`, 'tools');
	}
	tools.forEach((t, i) => {
		if (
			t?.type !== 'function' ||
			typeof t.function?.name !== 'string' ||
			!NAME.test(t.function.name)
		) {
			throw invalid(
				`Invalid 'tools[${i}].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
				`tools[${i}].function.name`,
				'invalid_value'
			);
		}
	});
}

/** @param {any} format @param {any[]} messages */
function validateResponseFormat(format, messages) {
	if (format === undefined) return;
	checkEnum('response_format.type', format?.type, ['json_object', 'json_schema', 'text']);
	if (format.type === 'json_object' && !messages.some((m) => /json/i.test(textOf(m)))) {
		throw invalid(
			"'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
			'messages'
		);
	}
	if (format.type !== 'json_schema') return;
	const name = format.json_schema?.name;
	if (typeof name !== 'string' || !NAME.test(name)) {
		throw invalid(
			`Invalid 'response_format.json_schema.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
			'response_format.json_schema.name',
			'invalid_value'
		);
	}
	if (format.json_schema.strict === true) {
		const problem = strictProblem(format.json_schema.schema);
		if (problem) {
			throw invalid(`Invalid schema for response_format '${name}': ${problem}`, 'response_format');
		}
	}
}

/**
 * What strict structured output refuses in a schema: an object without `additionalProperties:
 * false`, or a property missing from `required` (dottxt-ai/outlines#844, vercel/ai#6484).
 * @param {any} schema @returns {string | undefined}
 */
export function strictProblem(schema) {
	if (!schema || typeof schema !== 'object' || schema.type !== 'object') {
		return `schema must be a JSON Schema of 'type: "object"', got 'type: "${schema?.type ?? 'None'}"'.`;
	}
	/** @param {any} node @param {string[]} path @returns {string | undefined} */
	const visit = (node, path) => {
		if (!node || typeof node !== 'object') return undefined;
		const context = `In context=(${path.map((p) => `'${p}'`).join(', ')}${path.length === 1 ? ',' : ''})`;
		const isObject =
			node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object'));
		if (isObject) {
			if (node.additionalProperties !== false) {
				return `${context}, 'additionalProperties' is required to be supplied and to be false.`;
			}
			const keys = Object.keys(node.properties ?? {});
			const required = Array.isArray(node.required) ? node.required : [];
			const missing = keys.find((k) => !required.includes(k));
			if (missing !== undefined) {
				return `${context}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`;
			}
		}
		for (const [key, value] of Object.entries(node.properties ?? {})) {
			const found = visit(value, [...path, 'properties', key]);
			if (found) return found;
		}
		if (node.items) {
			const found = visit(node.items, [...path, 'items']);
			if (found) return found;
		}
		for (const group of ['anyOf', '$defs', 'definitions']) {
			const children = node[group];
			const entries = Array.isArray(children)
				? children.map((c, i) => /** @type {[string, any]} */ ([String(i), c]))
				: Object.entries(children ?? {});
			for (const [key, value] of entries) {
				const found = visit(value, [...path, group, key]);
				if (found) return found;
			}
		}
		return undefined;
	};
	return visit(schema, []);
}

/** Output ceilings and the context window (charmbracelet/catwalk#41, gpt-researcher#680). @param {any} body @param {ChatDeployment} deployment */
function validateLimits(body, deployment) {
	for (const name of ['max_tokens', 'max_completion_tokens']) {
		const value = body[name];
		if (typeof value === 'number' && value > deployment.maxOutput) {
			throw invalid(
				`${name} is too large: ${value}. This model supports at most ${deployment.maxOutput} completion tokens, whereas you provided ${value}.`,
				name,
				'invalid_value'
			);
		}
	}
	const prompt = promptTokens(body.messages);
	const completion = body.max_tokens ?? body.max_completion_tokens ?? 0;
	if (prompt + completion > deployment.context) {
		const asked = completion
			? `you requested ${prompt + completion} tokens (${prompt} in the messages, ${completion} in the completion). Please reduce the length of the messages or completion.`
			: `your messages resulted in ${prompt} tokens. Please reduce the length of the messages.`;
		throw invalid(
			`This model's maximum context length is ${deployment.context} tokens. However, ${asked}`,
			'messages',
			'context_length_exceeded'
		);
	}
}
