import type { ChatParams } from './chat';
import { USER_PARAM, type ParamRow } from './params';

export type ChatParamKey = Exclude<keyof ChatParams, 'reasoning'>;

export interface ChatParamRow extends ParamRow<ChatParamKey> {
	/**
	 * On reasoning deployments (o-series, gpt-5): `drop` leaves it out, as they reject it;
	 * `{ wire }` sends it under another key; `only` sends it there and nowhere else.
	 */
	reasoning?: 'drop' | 'only' | { wire: string };
}

const PREVIEW = ['2025-04-01-preview', 'v1'] as const;

/**
 * Ask's parameters, in the order the form shows them. Ranges and rules from the chat completions
 * request in the 2024-10-21 and 2025-04-01-preview inference specs
 * (https://github.com/Azure/azure-rest-api-specs, specification/cognitiveservices/data-plane/AzureOpenAI)
 * and https://learn.microsoft.com/azure/ai-foundry/openai/how-to/reasoning for reasoning models.
 */
/** The two penalties take the same range, and reasoning deployments refuse both. */
const PENALTY = {
	kind: 'number',
	min: -2,
	max: 2,
	step: 0.1,
	slider: true,
	defaultText: '0',
	reasoning: 'drop'
} as const;

export const CHAT_PARAMS: readonly ChatParamRow[] = [
	{
		key: 'responseFormat',
		label: 'Response Format',
		wire: 'response_format',
		kind: 'custom',
		defaultText: 'text',
		help: 'Text, any JSON object, or JSON that matches a schema.'
	},
	{
		key: 'maxTokens',
		label: 'Max Tokens',
		wire: 'max_tokens',
		kind: 'integer',
		min: 1,
		step: 1,
		defaultText: 'model default',
		help: 'The most tokens the reply may use. Reasoning deployments count their thinking inside it.',
		reasoning: { wire: 'max_completion_tokens' }
	},
	{
		key: 'n',
		label: 'Number of Chat Completion Choices',
		wire: 'n',
		kind: 'integer',
		min: 1,
		max: 128,
		step: 1,
		defaultText: '1',
		help: 'How many alternative replies to write; you pick the one that continues.'
	},
	{
		key: 'temperature',
		label: 'Temperature',
		wire: 'temperature',
		kind: 'number',
		min: 0,
		max: 2,
		step: 0.1,
		slider: true,
		defaultText: '1',
		help: 'Higher is more varied, lower more focused. Change this or Top P, not both.',
		reasoning: 'drop'
	},
	{
		key: 'topP',
		label: 'Top P',
		wire: 'top_p',
		kind: 'number',
		min: 0,
		max: 1,
		step: 0.05,
		slider: true,
		defaultText: '1',
		help: 'Samples only from the most likely tokens whose probabilities add up to this.',
		reasoning: 'drop'
	},
	{
		key: 'frequencyPenalty',
		label: 'Frequency Penalty',
		wire: 'frequency_penalty',
		...PENALTY,
		help: 'Positive values make repeating the same words less likely.'
	},
	{
		key: 'presencePenalty',
		label: 'Presence Penalty',
		wire: 'presence_penalty',
		...PENALTY,
		help: 'Positive values make new topics more likely.'
	},
	{
		key: 'logitBias',
		label: 'Logit Bias',
		wire: 'logit_bias',
		kind: 'custom',
		defaultText: '',
		help: 'JSON: token id → bias from -100 (never) to 100 (always).',
		reasoning: 'drop'
	},
	{
		key: 'stop',
		label: 'Stop sequences',
		wire: 'stop',
		kind: 'custom',
		defaultText: '',
		help: 'Up to 4 sequences that end the reply where they appear.'
	},
	{
		key: 'tools',
		label: 'Functions',
		wire: 'tools',
		kind: 'custom',
		defaultText: '',
		help: 'Sent as tools. get_current_time and calculate run in the browser and answer by themselves; for the others you type the result.'
	},
	USER_PARAM,
	{
		key: 'seed',
		label: 'Seed',
		wire: 'seed',
		kind: 'integer',
		min: Number.MIN_SAFE_INTEGER,
		max: Number.MAX_SAFE_INTEGER,
		step: 1,
		defaultText: 'random',
		help: 'The same seed and parameters make replies repeatable, as far as the service can.'
	},
	{
		key: 'reasoningEffort',
		label: 'Reasoning effort',
		wire: 'reasoning_effort',
		kind: 'choice',
		choices: ['minimal', 'low', 'medium', 'high'],
		defaultText: 'medium',
		help: 'How long a reasoning model thinks before it answers (minimal: gpt-5 only).',
		versions: PREVIEW,
		reasoning: 'only'
	}
];

/** The row for a parameter. */
export function chatRow(key: ChatParamKey): ChatParamRow {
	const row = CHAT_PARAMS.find((r) => r.key === key);
	if (!row) throw new Error(`No chat parameter ${key}`);
	return row;
}

/** The parameters reasoning deployments refuse, by their form labels (for saying what changed). */
export const REASONING_DROPPED = CHAT_PARAMS.filter((r) => r.reasoning === 'drop');

/** Whether a parameter goes on the wire for this mode. */
export function sentInMode(row: ChatParamRow, reasoning: boolean): boolean {
	if (row.reasoning === 'drop') return !reasoning;
	if (row.reasoning === 'only') return reasoning;
	return true;
}

/** The wire key a parameter travels under in this mode. */
export function wireKey(row: ChatParamRow, reasoning: boolean): string {
	return reasoning && typeof row.reasoning === 'object' ? row.reasoning.wire : row.wire;
}
