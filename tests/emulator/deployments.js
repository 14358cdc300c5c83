// @ts-check
// The emulator's deployments and the API versions it answers. Limits are the documented ones per
// model (https://learn.microsoft.com/azure/ai-foundry/openai/concepts/models and
// https://learn.microsoft.com/azure/ai-foundry/openai/quotas-limits).

/**
 * How a reasoning model refuses sampling parameters: o1, o3, o4-mini and gpt-5 accept the default
 * value and answer `unsupported_value` for any other; o3-mini refuses the parameter outright.
 * @typedef {'unsupported_value' | 'unsupported_parameter'} ReasoningVariant
 */

/**
 * @typedef {{ kind: 'chat', model: string, context: number, maxOutput: number,
 *   reasoning?: ReasoningVariant, minimalEffort?: boolean, rpm: number }} ChatDeployment
 * @typedef {{ kind: 'image', model: string, family: 'dall-e-3' | 'gpt-image-1', rpm: number }} ImageDeployment
 * @typedef {{ kind: 'transcription', model: string, family: 'whisper' | 'gpt-4o-transcribe', rpm: number }} AudioDeployment
 * @typedef {ChatDeployment | ImageDeployment | AudioDeployment} Deployment
 */

/**
 * Deployment names are the customer's choice; they are deliberately not all model names.
 * `rpm` is the requests-a-minute quota the emulator enforces when quotas are switched on.
 * @type {Record<string, Deployment>}
 */
export const DEPLOYMENTS = {
	'gpt-4o': {
		kind: 'chat',
		model: 'gpt-4o-2024-08-06',
		context: 128_000,
		maxOutput: 16_384,
		rpm: 60
	},
	'chat-mini': {
		kind: 'chat',
		model: 'gpt-4o-mini-2024-07-18',
		context: 128_000,
		maxOutput: 16_384,
		rpm: 60
	},
	// A small context window, so the context-length error is easy to reach.
	'gpt-35-turbo': {
		kind: 'chat',
		model: 'gpt-35-turbo-0125',
		context: 16_385,
		maxOutput: 4_096,
		rpm: 60
	},
	'o4-mini': {
		kind: 'chat',
		model: 'o4-mini-2025-04-16',
		context: 200_000,
		maxOutput: 100_000,
		reasoning: 'unsupported_value',
		rpm: 30
	},
	'o3-mini': {
		kind: 'chat',
		model: 'o3-mini-2025-01-31',
		context: 200_000,
		maxOutput: 100_000,
		reasoning: 'unsupported_parameter',
		rpm: 30
	},
	'gpt-5-mini': {
		kind: 'chat',
		model: 'gpt-5-mini-2025-08-07',
		context: 400_000,
		maxOutput: 128_000,
		reasoning: 'unsupported_value',
		minimalEffort: true,
		rpm: 30
	},
	'dall-e-3': { kind: 'image', model: 'dall-e-3', family: 'dall-e-3', rpm: 6 },
	'gpt-image-1': { kind: 'image', model: 'gpt-image-1', family: 'gpt-image-1', rpm: 6 },
	whisper: { kind: 'transcription', model: 'whisper', family: 'whisper', rpm: 3 },
	'gpt-4o-transcribe': {
		kind: 'transcription',
		model: 'gpt-4o-transcribe',
		family: 'gpt-4o-transcribe',
		rpm: 3
	}
};

export const DATED_VERSIONS = new Set([
	'2024-02-01',
	'2024-06-01',
	'2024-10-21',
	'2024-12-01-preview',
	'2025-01-01-preview',
	'2025-03-01-preview',
	'2025-04-01-preview'
]);
export const PREVIEW_VERSIONS = new Set([...DATED_VERSIONS].filter((v) => v.endsWith('-preview')));

/**
 * Chat request arguments each API surface knows; anything else is "Unrecognized request argument
 * supplied". From the 2024-10-21 and 2025-04-01-preview inference specs and the v1 spec in
 * https://github.com/Azure/azure-rest-api-specs (specification/cognitiveservices/data-plane/AzureOpenAI).
 */
const GA_ARGUMENTS = [
	'messages',
	'model',
	'temperature',
	'top_p',
	'stream',
	'stream_options',
	'stop',
	'max_tokens',
	'max_completion_tokens',
	'presence_penalty',
	'frequency_penalty',
	'logit_bias',
	'user',
	'data_sources',
	'logprobs',
	'top_logprobs',
	'n',
	'parallel_tool_calls',
	'response_format',
	'seed',
	'tools',
	'tool_choice',
	'function_call',
	'functions'
];
const PREVIEW_ARGUMENTS = [
	...GA_ARGUMENTS,
	'reasoning_effort',
	'modalities',
	'prediction',
	'audio',
	'store',
	'metadata',
	'user_security_context'
];
const V1_ARGUMENTS = [
	...PREVIEW_ARGUMENTS,
	'verbosity',
	'safety_identifier',
	'prompt_cache_key',
	'prompt_cache_retention'
];

/** @param {'ga' | 'preview' | 'v1'} surface */
export function chatArguments(surface) {
	return new Set(
		surface === 'v1' ? V1_ARGUMENTS : surface === 'preview' ? PREVIEW_ARGUMENTS : GA_ARGUMENTS
	);
}
